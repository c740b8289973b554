"""Sentence splitting for Arabic news text, with offsets.

Ends a sentence at . ! ? ؟ … and line breaks (also at a mark glued to the next Arabic word); never inside a number (3.5), after a one-letter
abbreviation (د. for doctor, أ. for professor), or between an end mark and the quotation mark that
closes it («…».  "…".  “…”.) — the closing mark stays with its sentence.
"""
from __future__ import annotations

import re

from ..article import Span

CLOSERS = "\"'»”’)]}"
# End marks (a run of them), then any closing quotes/brackets, then whitespace or end of text; or
# a single mark glued to the next Arabic word (الأشبال.ولكن, غرينلاند .والرياح), as hasty web
# typing leaves it — a Latin or digit neighbour (example.com, 3.5) never splits.
END_RE = re.compile(r"(?:[.!?؟]+|…)[" + re.escape(CLOSERS) + r"]*(?=\s|$)"
                    r"|(?<=[\u0621-\u064a\s])[.!?؟](?=[\u0621-\u064a])")
ABBREV_RE = re.compile(r"(?:^|\s)[\u0621-\u064aA-Za-z]\.$")


def split(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]`` as spans into ``text``; blank lines always separate."""
    end = len(text) if end is None else end
    out: list[Span] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        ls, le = start + line.start(), start + line.end()
        seg_start = ls
        for m in END_RE.finditer(text, ls, le):
            head = text[seg_start:m.start() + 1]
            if ABBREV_RE.search(head):
                continue
            _add(out, text, seg_start, m.end())
            seg_start = m.end()
        _add(out, text, seg_start, le)
    return out


def _add(out: list[Span], text: str, s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s and any(c.isalnum() for c in text[s:e]):
        out.append(Span(text[s:e], s, e))
