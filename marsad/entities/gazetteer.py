"""Find knowledge-base names in running text, whatever their spelling.

The text is folded with ``fold_with_map`` so offsets survive; words are matched longest first
(up to the longest KB name), never across punctuation, with the proclitics و/ف + ب/ل/ك peeled off
the first word (لروسيا، وبالولايات).  A phrase matches exactly on its fold, or, failing that, on
its sound key (ج/غ/ك، dropped long vowels) confirmed by an edit distance, so هامبورج finds
هامبورغ.  Single words need five letters for a sound-key match: shorter keys collide.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.normalize import fold, fold_with_map
from .kb import KB, Alias
from .keys import similar, word_key

WORD_RE = re.compile(r"[0-9A-Za-z\u0621-\u064a\u0671-\u06d3]+")
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")


@dataclass
class Word:
    text: str  # folded
    start: int  # offsets into the original text
    end: int
    pos: list[int]  # original offset of each folded character

    def at(self, i: int) -> int:
        """Original offset of the folded word's i-th character."""
        return self.pos[i] if i < len(self.pos) else self.end


@dataclass
class Match:
    start: int
    end: int
    alias: Alias
    exact: bool
    first_word: int  # index into the word list
    n_words: int
    prefix: str  # the folded proclitics peeled off the first word


def words_of(text: str) -> tuple[list[Word], list[bool]]:
    """Folded words with original offsets, and for each word whether a phrase may continue past
    it (only spaces between it and the next word)."""
    folded, idx = fold_with_map(text)
    out: list[Word] = []
    spans = list(WORD_RE.finditer(folded))
    for m in spans:
        out.append(Word(m.group(0), idx[m.start()], idx[m.end() - 1] + 1, idx[m.start():m.end()]))
    joins = [i + 1 < len(spans) and folded[spans[i].end():spans[i + 1].start()].strip(" ") == ""
             and "\n" not in folded[spans[i].end():spans[i + 1].start()]
             for i in range(len(spans))]
    return out, joins


def proclitic_splits(word: str) -> list[tuple[str, str]]:
    """(prefix, rest) readings of a folded word, the bare word first."""
    out = [("", word)]
    for c in ("",) + _CONJ:
        if c and not word.startswith(c):
            continue
        rest = word[len(c):]
        if c and len(rest) >= 3:
            out.append((c, rest))
        for p in _PREP:
            if rest.startswith(p) and len(rest) > 3:
                if p == "ل" and rest.startswith("لل"):
                    out.append((c + "ل", "ا" + rest[1:]))  # لل = ل + ال with the alef dropped
                else:
                    out.append((c + p, rest[1:]))
    return out


def find(text: str, kb: KB, words: list[Word] | None = None, joins: list[bool] | None = None) -> list[Match]:
    """All non-overlapping KB matches in ``text``, longest first at each position."""
    if words is None or joins is None:
        words, joins = words_of(text)
    out: list[Match] = []
    i = 0
    while i < len(words):
        m = _match_at(words, joins, i, kb)
        if m:
            out.append(m)
            i += m.n_words
        else:
            i += 1
    return out


def _match_at(words: list[Word], joins: list[bool], i: int, kb: KB) -> Match | None:
    splits = [(p, f) for p, f in proclitic_splits(words[i].text)
              if f in kb.first_words or word_key(f) in kb.first_keys]
    if not splits:
        return None
    n_max = 1
    while n_max < kb.max_words and i + n_max < len(words) and joins[i + n_max - 1]:
        n_max += 1
    for n in range(n_max, 0, -1):
        rest = [w.text for w in words[i + 1:i + n]]
        hit = None
        for exact in (True, False):
            for prefix, first in splits:
                hit = _lookup(first, rest, kb, exact)
                if hit:
                    break
            if hit:
                break
        if hit:
            start = words[i].at(len(prefix))  # للشرق: the mention starts at the article's ل
            return Match(start, words[i + n - 1].end, hit, exact, i, n, prefix)
    return None


def _lookup(first: str, rest: list[str], kb: KB, exact: bool) -> Alias | None:
    """An exact alias, or (``exact`` false) a spelling variant of a name: never of a demonym,
    never for a common word or a known personal name, and stricter for single words, which
    may only be variants of countries and cities."""
    phrase = " ".join([first, *rest])
    if exact:
        cands = kb.exact.get(phrase)
        return _best(cands) if cands else None
    n = 1 + len(rest)
    if n == 1 and (len(phrase) < 5 or kb.is_common(phrase) or kb.is_name_token(phrase)):
        return None
    if n > 1 and len(phrase) < 8:
        return None
    key = " ".join(k for k in (word_key(w) for w in [first, *rest]) if k)
    threshold = 0.85 if n == 1 else 0.75
    for alias in kb.by_key.get(key, ()):
        if alias.kind == "name" and phrase.startswith("ال") == fold(alias.text).startswith("ال") \
                and (n > 1 or alias.kb_id.startswith(("country:", "city:"))) and similar(phrase, alias.text, threshold):
            return alias
    return None


_RANK = {"country": 0, "seat": 1, "org": 2, "city": 3, "loc": 4}


def _best(cands: list[Alias]) -> Alias:
    """Countries before seats, organisations, cities and gazetteer places; names before demonyms."""
    return min(cands, key=lambda a: (_RANK.get(a.kb_id.split(":")[0], 9), a.kind != "name"))
