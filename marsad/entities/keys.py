"""Spelling-independent keys for names.

Arabic writers render a foreign sound several ways: the hard g as ج، غ، ق or ك, long vowels written
or left out (هامبورج / هامبورغ، شيكاجو / شيكاغو), hamza seats, ة/ه, ى/ي.  ``fold`` (marsad.text.normalize)
erases the orthographic choices; ``sound_key`` goes further and erases the transliteration
choices: one letter per sound class, long vowels dropped after the first letter, doubled letters
collapsed.  A key match alone is too loose for short words, so callers confirm it with an edit
distance on the folded forms (``similar``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Indel

from ..text.normalize import fold

# Sound classes: one symbol per group of letters that transliterations swap.
_CLASSES = {
    "ج": "g", "غ": "g", "ق": "g", "ك": "g", "گ": "g",
    "ت": "t", "ط": "t", "ث": "s", "س": "s", "ص": "s",
    "ز": "z", "ذ": "z", "ظ": "z", "ض": "d", "د": "d",
    "ه": "h", "ح": "h", "خ": "x", "ف": "f", "ڤ": "f", "ب": "b", "پ": "b",
    "ش": "c", "ر": "r", "ل": "l", "م": "m", "ن": "n", "ع": "e", "ء": "",
    "ا": "a", "و": "w", "ي": "y",
}
_VOWELS = set("awy")
_ARTICLE = re.compile(r"^(?:ال)(?=..)")
WORD_RE = re.compile(r"[\w\u0621-\u064a]+")


@lru_cache(maxsize=1 << 16)
def word_key(word: str, keep_article: bool = False) -> str:
    """The sound key of one folded word (``fold`` is applied again, so raw words are fine)."""
    w = fold(word)
    if not keep_article:
        w = _ARTICLE.sub("", w)
    w = w.replace("تش", "ش").replace("دج", "ج")
    if w.endswith("ه") and len(w) > 2:  # ة (folded to ه) reads as a vowel
        w = w[:-1] + "ا"
    out: list[str] = []
    for i, ch in enumerate(w):
        c = _CLASSES.get(ch, ch)
        if not c:
            continue
        if i > 0 and c in _VOWELS:
            continue
        if out and out[-1] == c:
            continue
        out.append(c)
    return "".join(out)


def sound_key(name: str) -> str:
    """Space-joined word keys of a whole name: أمريكا and أميركا, هامبورج and هامبورغ meet."""
    return " ".join(word_key(w) for w in WORD_RE.findall(fold(name)))


def similar(a: str, b: str, threshold: float = 0.75) -> bool:
    """Edit-distance check confirming a sound-key match: the two names with letters mapped to
    their sound class but vowels kept, so that only vowel choices count against them."""
    return Indel.normalized_similarity(_classed(a), _classed(b)) >= threshold


def _classed(name: str) -> str:
    w = _ARTICLE.sub("", fold(name)).replace("تش", "ش")
    return "".join(_CLASSES.get(ch, ch) for ch in w)
