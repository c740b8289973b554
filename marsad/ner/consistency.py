"""One name, one reading per article: spread the tagger's decisions to the name's other mentions.

A CRF tags each sentence alone, so a name it found in one sentence can slip by in the next
(لافروف after سيرغي لافروف, وبوتين after بوتين).  After tagging a whole article, every token
sequence tagged as an entity (its majority type), the last word of a multi-word person, and each
of these behind a proclitic (و، ب، ل، ف) is tagged wherever it appears untagged.  On 25-sentence
stretches of the dev split this adds about one point of F1 (BENCHMARKS.md).
"""
from __future__ import annotations

from collections import Counter, defaultdict

from .score import entities

_PROCLITICS = ("و", "ب", "ل", "ف")
_MIN_LETTERS = 3


def names(sentences: list[list[str]], tags: list[list[str]]) -> dict[tuple[str, ...], str]:
    """Token sequences the article names, with the type they were tagged with most."""
    seen: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for words, ts in zip(sentences, tags):
        for i, j, t in entities(ts):
            seen[tuple(words[i:j])][t] += 1
            if t == "PERS" and j - i >= 2:
                seen[(words[j - 1],)][t] += 1
    out: dict[tuple[str, ...], str] = {}
    for name, counts in seen.items():
        if sum(len(w) for w in name) < _MIN_LETTERS:
            continue
        typ = counts.most_common(1)[0][0]
        out[name] = typ
        for p in _PROCLITICS:
            out.setdefault((p + name[0], *name[1:]), typ)
    return out


def propagate(sentences: list[list[str]], tags: list[list[str]]) -> list[list[str]]:
    """``tags`` with the article's names tagged at their untagged occurrences, longest first."""
    known = sorted(names(sentences, tags).items(), key=lambda kv: -len(kv[0]))
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for name, typ in known:
        by_first[name[0]].append((name, typ))
    out = []
    for words, ts in zip(sentences, tags):
        ts = list(ts)
        for i, w in enumerate(words):
            for name, typ in by_first.get(w, ()):
                L = len(name)
                if tuple(words[i:i + L]) == name and all(x == "O" for x in ts[i:i + L]):
                    ts[i] = "B-" + typ
                    ts[i + 1:i + L] = ["I-" + typ] * (L - 1)
                    break
        out.append(ts)
    return out
