"""Spelling flags: a typo in a common word, with the word it should have been.

Hunspell's Arabic dictionary (Debian ``hunspell-ar``, via pyenchant) says which words it does not
know; most such words in news are not typos but transliterated names, dialect or hamza-less
spellings, so a word is flagged only when every prior agrees it is a slip:
- names are exempt: words inside entity mentions, NER spans or short bracketed/quoted runs, name
  tokens of the NER gazetteer, a word right after a person title (الرئيس X) or after a title and
  given name(s), and a nisba surname (ال...ي) after a given name,
- wordfreq ('ar') has not seen it (Zipf < ``MAX_ZIPF``), the SaudiNewsNet table does not hold it
  (it keeps words seen in three documents or more), and it is not a known word with an ordinary
  prefix/suffix (a coinage such as السوبرية),
- it occurs once in the article and its neighbours are ordinary words (names come in runs),
- hunspell suggests a common word (Zipf >= ``MIN_SUGGESTION_ZIPF``, in >= ``MIN_SUGGESTION_DF``
  SaudiNewsNet documents) one edit away (insertion, deletion, substitution or transposition),
  and no suggestion is the same word up to hamza/alef maksura/teh marbuta spelling (a
  convention, not a typo).
Without pyenchant, libenchant or the Arabic dictionary the check is skipped (``available()``).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from rapidfuzz.distance import OSA

from ..article import Article, Flag
from ..text.normalize import DIACRITICS_RE, fold
from ..text.tokenize import tokenize
from .lexicon import STOPWORDS, idf, ner_lexicon, stem

MAX_ZIPF = 1.0
MIN_SUGGESTION_ZIPF = 3.0
MIN_SUGGESTION_DF = 30
MIN_LETTERS = 4
_ARABIC_WORD_RE = re.compile(r"^[\u0621-\u064a]+$")


@lru_cache(maxsize=1)
def dictionary():
    """The Arabic hunspell dictionary through enchant, or None when any piece is missing."""
    try:
        import enchant
        return enchant.Dict("ar")
    except Exception:  # ImportError (no pyenchant/libenchant) or DictNotFoundError
        return None


@lru_cache(maxsize=1)
def frequency():
    """wordfreq's Zipf frequency for Arabic (word -> 0..8), or None when wordfreq is missing."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return None
    return lambda w: zipf_frequency(w, "ar")


def available() -> bool:
    return dictionary() is not None and frequency() is not None


_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")


@lru_cache(maxsize=50_000)
def _known(word: str) -> bool:
    """Hunspell accepts it, or wordfreq or SaudiNewsNet has seen it (or it is such a word behind
    a conjunction/preposition: والرضمة for a place الرضمة the corpus knows)."""
    d, zipf = dictionary(), frequency()
    if d.check(word) or zipf(word) >= MAX_ZIPF or idf().known(fold(word)):
        return True
    for p in _PROCLITICS:
        rest = word[len(p):]
        if not word.startswith(p) or len(rest) < 3:
            continue
        if p == "ل" and rest[0] == "ل":
            rest = "ا" + rest  # لل = ل + ال with the alef dropped
        elif rest[0] == p[-1]:
            continue  # a doubled letter at the seam (ووأجزاء) is the slip itself, not a clitic
        if zipf(rest) >= MAX_ZIPF or idf().known(fold(rest)):
            return True
    return False


@lru_cache(maxsize=5_000)
def suggest(word: str) -> str | None:
    """A common word one edit from ``word``, or None when the slip is not clear."""
    d, zipf = dictionary(), frequency()
    key = fold(word)
    best, best_rank = None, None
    for s in d.suggest(word):
        if " " in s or "-" in s or not _ARABIC_WORD_RE.match(s):
            continue
        if fold(s) == key:
            if zipf(s) >= 2.0:  # a real word in another hamza/ى/ة spelling: a convention
                return None
            continue
        if OSA.distance(fold(s), key) != 1 or OSA.distance(s, word) > 2:
            continue
        z = zipf(s)
        if (z >= MIN_SUGGESTION_ZIPF and idf().df.get(fold(s), 0) >= MIN_SUGGESTION_DF
                and (best_rank is None or z > best_rank)):
            best, best_rank = s, z
    return best


def _names() -> tuple[frozenset[str], frozenset[str]]:
    lex = ner_lexicon()
    return lex.names, lex.titles


def _name_like(word: str) -> bool:
    """A neighbour that reads as part of a name: a rare gazetteer name token (bare or after
    و/ب/ل/ف), or a word hunspell rejects that the news corpus rarely saw.  Function words never."""
    names, _ = _names()
    key = fold(word)
    if len(key) < 3 or key in STOPWORDS:
        return False
    named = key in names or (len(key) > 4 and key[0] in "وبلف" and key[1:] in names)
    if named and frequency()(word) < 3.5:
        return True
    return not dictionary().check(word) and idf().df.get(key, 0) < 50


def _given_name(key: str) -> bool:
    names, _ = _names()
    return key in names and not key.startswith("ال")


def _after_name(words: list, i: int) -> bool:
    """Part of a person's name by position: right after a title (الرئيس X) unless it has the
    article, after a title and given name(s) (المهندس إبراهيم X), or a nisba surname (ال...ي)
    right after a given name (إبراهيم الفلاني)."""
    _, titles = _names()
    key = fold(words[i].text)
    prev = [fold(w.text) for w in words[max(0, i - 3):i]]
    if not prev:
        return False
    if prev[-1] in titles and not key.startswith("ال"):
        return True
    for j in range(len(prev) - 1):
        if prev[j] in titles and all(_given_name(p) for p in prev[j + 1:]):
            return True
    return key.startswith("ال") and key.endswith("ي") and _given_name(prev[-1])


_DOUBLED_RE = re.compile(r"(.)\1")
_ENCLOSED_RE = re.compile(r"[(«\"“]\s*(?:\S+\s+){0,2}\S+\s*[)»\"”]")


def _derived(key: str) -> bool:
    """A known word with an ordinary prefix/suffix (السوبرية from السوبر): a coinage, not a slip.
    Not when a letter is doubled (الإنسانيية: the classic slip that looks like a suffix)."""
    base = stem(key)
    return base != key and idf().df.get(base, 0) >= 50 and not _DOUBLED_RE.search(key)


def _enclosed(text: str) -> list[tuple[int, int]]:
    """Short runs in brackets or quotes: terms, dishes, brand and foreign names (شراب «...»)."""
    return [(m.start(), m.end()) for m in _ENCLOSED_RE.finditer(text)]


def _exempt_spans(art: Article) -> list[tuple[int, int]]:
    spans = [(m.start, m.end) for e in art.entities for m in e.mentions]
    spans += [(m.start, m.end) for m in art.ner_spans]
    return sorted(spans + _enclosed(art.text))


def check(art: Article) -> list[Flag]:
    """Spelling flags for the article; [] when the dictionary is not installed."""
    if not available():
        return []
    exempt = _exempt_spans(art)
    words = [t for t in tokenize(art.text) if t.kind == "word"]
    counts = Counter(fold(t.text) for t in words)
    flags = []
    for i, t in enumerate(words):
        w = DIACRITICS_RE.sub("", t.text)
        key = fold(w)
        if (len(key) < MIN_LETTERS or key in STOPWORDS or counts[key] > 1
                or not _ARABIC_WORD_RE.match(w) or _known(w) or _derived(key)):
            continue
        if any(s < t.end and t.start < e for s, e in exempt) or _after_name(words, i):
            continue
        names, _ = _names()
        if key in names or (key[0] in "وبلف" and key[1:] in names):
            continue
        neighbours = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)
                      and art.text[min(t.end, words[j].end):max(t.start, words[j].start)].strip() == ""]
        if any(_ARABIC_WORD_RE.match(n.text) and _name_like(n.text) for n in neighbours):
            continue
        s = suggest(w)
        if s:
            flags.append(Flag(kind="spelling", text=t.text, start=t.start, end=t.end, suggestion=s,
                              note="not in the Arabic dictionary; one letter from a common word"))
    return flags
