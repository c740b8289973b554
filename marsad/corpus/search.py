"""Search keys, queries and snippets, the same for every store backend.

Both sides of a search go through one function, ``key``: the word folded (``fold``: hamza seats,
alef maksura, teh marbuta, diacritics, tatweel, digits, case) and stripped of the proclitics a
writer glues on (و، ف، ب، ل، ك، ال, with the same conservative rules as the tokenizer), so that a
query for الأمم المتحدة finds «والامم المتحده» and «للأمم المتحدة».  The index holds one key per
word, in order, so phrases still work.

A user's query is never handed to the full-text engine as syntax: it is cut into words and quoted
phrases, and each becomes a quoted string, so ``AND``, ``*``, ``(``, ``:`` or a stray ``"`` are
just text.  Snippets and highlight offsets are found in the ORIGINAL text (words matched with
their diacritics, keyed the same way), so they can be shown and checked against the stored article.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from ..errors import InputError
from ..text.normalize import CONTROLS_RE, DIACRITICS_RE, TATWEEL, fold
from ..text.tokenize import Token, split_clitics

# A word is a run of letters or a run of digits: "2015م" and "1436هـ" are a number and a letter, as
# the tokenizer splits them, so a search for the number finds them.
_WORD_RE = re.compile(r"\d+|[^\W\d]+")
_PHRASE_RE = re.compile(r'"([^"]*)"')
# A word as written, diacritics, tatweel and invisible joiners inside it: the same words that
# ``keys`` finds once those marks are removed, but with offsets into the original text.
_MARKS = DIACRITICS_RE.pattern + "|" + CONTROLS_RE.pattern + "|" + TATWEEL
_MARKED_WORD_RE = re.compile(f"\\d(?:\\d|{_MARKS})*|(?:[^\\W\\d]|{_MARKS})+")
_SPACE_RE = re.compile(r"\s")

# Bump when ``key`` or the word rules change: a store rebuilds its index made with older keys.
KEYS_VERSION = "2"
SNIPPET_BEFORE = 60  # characters of context before the first hit
SNIPPET_AFTER = 160  # ... and after it


@lru_cache(maxsize=1 << 16)
def key(word: str) -> str:
    """The search key of one word: folded, leading conjunction/preposition/article removed."""
    w = fold(word)
    if _LIL_HAMZA_RE.match(unmark(word)):
        return w[w.index("لل") + 2:]  # لل + hamza-alef: ل + the article, whose alef was dropped
    parts = split_clitics(Token(w, 0, len(w)))
    start = next((t.start for t in parts if t.kind != "proclitic"), 0)
    return w[start:]


# "للأمم" is ل + ال + أمم, but "للجنة" is ل + ال + لجنة: only a written hamza tells them apart.
_LIL_HAMZA_RE = re.compile("[وف]?لل[أإآ]")


def unmark(text: str) -> str:
    """Without diacritics, tatweel and invisible controls, hamza seats kept (word splitting)."""
    return DIACRITICS_RE.sub("", CONTROLS_RE.sub("", text).replace(TATWEEL, ""))


def keys(text: str) -> list[str]:
    """The keys of every word of a text, in order."""
    return [key(w) for w in _WORD_RE.findall(unmark(text))]


def index_text(text: str) -> str:
    """What the full-text index stores for a text: its keys, space-separated."""
    return " ".join(keys(text))


@dataclass(frozen=True)
class Query:
    """A parsed query: every term and every phrase must occur (AND)."""

    text: str
    phrases: tuple[tuple[str, ...], ...]  # each a run of keys; single words are one-key phrases

    def fts5(self) -> str:
        """An FTS5 MATCH expression made only of quoted strings (keys hold no quote character)."""
        return " ".join('"' + " ".join(p) + '"' for p in self.phrases)


def parse(query: str) -> Query:
    """A user's query → Query; a query with no word in it is an InputError (one line)."""
    if not isinstance(query, str) or not query.strip():
        raise InputError("empty query: give one or more words to search for")
    phrases: list[tuple[str, ...]] = []
    for m in _PHRASE_RE.finditer(query):
        ks = tuple(keys(m.group(1)))
        if ks:
            phrases.append(ks)
    rest = _PHRASE_RE.sub(" ", query)  # a lone unmatched quote is just a character
    for k in keys(rest):
        if (k,) not in phrases:
            phrases.append((k,))
    if not phrases:
        raise InputError(f"the query has no words to search for: {query.strip()!r}")
    return Query(text=query.strip(), phrases=tuple(phrases))


@dataclass
class Hit:
    """One search result: the contract's fields, plus where the snippet and the hits lie in ``text``."""

    id: str
    headline: str | None
    site: str | None
    published: str | None
    score: float
    snippet: str
    snippet_start: int = 0
    snippet_end: int = 0
    highlights: list[list[int]] = field(default_factory=list)  # [start, end] of each matched word

    def to_dict(self) -> dict:
        return asdict(self)


def locate(text: str, query: Query) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of every occurrence of the query's terms and phrases, in order."""
    words = [(m.start(), m.end()) for m in _MARKED_WORD_RE.finditer(text)]
    ks = [key(text[s:e]) for s, e in words]
    spans = []
    for phrase in query.phrases:
        n = len(phrase)
        for i in range(len(ks) - n + 1):
            if tuple(ks[i:i + n]) == phrase:
                spans.append((words[i][0], words[i + n - 1][1]))
    return sorted(set(spans))


def snippet(text: str, query: Query) -> tuple[str, int, int, list[list[int]]]:
    """The passage of the original text around the first hit: (snippet, start, end, highlights)."""
    spans = locate(text, query)
    if spans:
        # Start at the first occurrence of the longest phrase: the most specific part of the query.
        longest = max(len(p) for p in query.phrases)
        first = next((s for s in spans if len(_WORD_RE.findall(fold(text[s[0]:s[1]]))) >= longest), spans[0])
        start, end = _word_bounds(text, first[0] - SNIPPET_BEFORE, first[0] + SNIPPET_AFTER, first)
    else:  # matched through a key the snippet finder could not place: show the opening
        start, end = _word_bounds(text, 0, SNIPPET_AFTER, (0, 0))
    marks = [[s, e] for s, e in spans if s >= start and e <= end]
    return text[start:end], start, end, marks


def _word_bounds(text: str, start: int, end: int, keep: tuple[int, int]) -> tuple[int, int]:
    """[start, end) moved to whitespace inside the text, so that no word is cut, and never into ``keep``
    (the hit shown).  A word longer than the window on its own is the one case left cut."""
    keep_start, keep_end = keep
    start, end = max(0, min(start, keep_start)), min(len(text), max(end, keep_end))
    if start > 0 and not text[start - 1].isspace():  # inside a word: to the next space, else back to the last
        m = _SPACE_RE.search(text, start, keep_start)
        if m:
            start = m.end()
        else:
            before = _last_space(text, max(0, start - SNIPPET_BEFORE), start)
            start = before + 1 if before is not None else 0 if start <= SNIPPET_BEFORE else keep_start
    if end < len(text) and not text[end].isspace():  # inside a word: back to the last space, else on to the next
        before = _last_space(text, keep_end, end)
        if before is not None and before > start:
            end = before
        else:
            m = _SPACE_RE.search(text, end, end + SNIPPET_AFTER)
            end = m.start() if m else len(text) if len(text) - end <= SNIPPET_AFTER else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _last_space(text: str, lo: int, hi: int) -> int | None:
    """The index of the last whitespace character in text[lo:hi], or None."""
    for i in range(hi - 1, lo - 1, -1):
        if text[i].isspace():
            return i
    return None
