"""Read the `token TAG` format of ANERcorp (one token a line; a blank line or the token `.` ends a
sentence) into sentences of (tokens, tags)."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError

TYPES = ("PERS", "LOC", "ORG", "MISC")
TAGS = frozenset(["O"] + [f"{p}-{t}" for t in TYPES for p in ("B", "I")])

Sentence = tuple[list[str], list[str]]


def parse(lines, name: str = "input") -> list[Sentence]:
    """Sentences from an iterable of lines; a malformed line or unknown tag is an InputError."""
    sents: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []
    for n, raw in enumerate(lines, 1):
        line = raw.strip("\r\n")
        if not line.strip():
            if toks:
                sents.append((toks, tags))
                toks, tags = [], []
            continue
        parts = line.rsplit(None, 1)
        if parts == ["."]:  # a bare full stop: a sentence end without a tag
            if toks:
                sents.append((toks, tags))
                toks, tags = [], []
            continue
        if len(parts) == 1 and parts[0] in TAGS:
            continue  # a tag with an empty token (ANERcorp has one): nothing to tag
        if len(parts) != 2 or parts[1] not in TAGS:
            raise InputError(f"{name}:{n}: expected 'token TAG' with a BIO tag of {'/'.join(TYPES)}")
        toks.append(parts[0])
        tags.append(parts[1])
        if parts[0].strip("\u200f\u200e") == ".":
            sents.append((toks, tags))
            toks, tags = [], []
    if toks:
        sents.append((toks, tags))
    return sents


def read(path: str | Path) -> list[Sentence]:
    """Sentences of a `token TAG` file; a missing, unreadable or empty file is an InputError."""
    p = Path(path)
    try:
        with p.open(encoding="utf-8") as f:
            sents = parse(f, p.name)
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read {path}: {getattr(e, 'strerror', None) or e}") from None
    if not sents:
        raise InputError(f"{path}: no tokens")
    return sents


def split_dev(sents: list[Sentence], dev_fraction: float = 0.1) -> tuple[list[Sentence], list[Sentence]]:
    """The last ``dev_fraction`` of sentences as dev, the rest as train (the issue's split)."""
    cut = len(sents) - round(len(sents) * dev_fraction)
    return sents[:cut], sents[cut:]
