"""Quotation marks: pair them into quoted spans, whatever the style.

News text mixes «…», “…”, „…“ and straight "…", and often leaves a quote unclosed at the end of a
paragraph (the next paragraph continues the speech).  Straight quotes carry no direction, so
they are paired in order; an opener left without a closer runs to the end of its block.
"""
from __future__ import annotations

from dataclasses import dataclass

OPEN_CLOSE = {"«": "»", "“": "”", "„": "“", "‹": "›"}
STRAIGHT = '"'


@dataclass
class Quoted:
    open: int  # index of the opening mark
    close: int  # index of the closing mark, or the block end when unclosed
    closed: bool = True

    @property
    def start(self) -> int:
        return self.open + 1

    @property
    def end(self) -> int:
        return self.close


def quoted_spans(text: str, start: int, end: int) -> list[Quoted]:
    """Top-level quoted spans of ``text[start:end]`` (marks nested inside a quote are left to it)."""
    out: list[Quoted] = []
    i = start
    while i < end:
        ch = text[i]
        closer = OPEN_CLOSE.get(ch) or (STRAIGHT if ch == STRAIGHT else None)
        if ch == "”" and _opens(text, i, end):  # some sites open with ” as well as close with it
            closer = "”"
        if closer is None:
            i += 1
            continue
        j = _find_close(text, i + 1, end, ch, closer)
        if j is None:
            out.append(Quoted(i, _trim_end(text, i + 1, end), closed=False))
            break
        out.append(Quoted(i, j))
        i = j + 1
    return [q for q in out if any(c.isalnum() for c in text[q.start:q.end])]


def _opens(text: str, i: int, end: int) -> bool:
    """A ” that is followed by a letter and preceded by a space or colon opens a quote."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < end else " "
    return (before.isspace() or before in ":،,(ـ") and after.isalnum()


def _find_close(text: str, i: int, end: int, opener: str, closer: str) -> int | None:
    depth = 0
    for j in range(i, end):
        c = text[j]
        if c == closer and depth == 0:
            return j
        if opener != closer and c == opener:
            depth += 1
        elif opener != closer and c == closer:
            depth -= 1
    return None


def _trim_end(text: str, s: int, e: int) -> int:
    while e > s and (text[e - 1].isspace()):
        e -= 1
    return e
