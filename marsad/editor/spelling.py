"""Spelling flags: a typo in a common word, with the word it should have been.

Hunspell's Arabic dictionary (Debian ``hunspell-ar``, via pyenchant) says which words it does not
know; most such words in news are not typos but transliterated names, dialect or hamza-less
spellings, so a word is flagged only when every prior agrees it is a slip:
- words a writer vowelled (shadda, short vowels: loanwords, names, rare terms) and sentences of
  spoken Arabic (quoted dialect, folk poetry: اللي، وش، عشان ...) are exempt,
- names are exempt: words inside entity mentions, NER spans or short bracketed/quoted runs, name
  tokens of the NER gazetteer, a word right after a person title (الرئيس X) or after a title and
  given name(s), a surname with the article after a given name, a word after a place or
  organisation head (حي، نادي، دوري ...) or a gazetteer place, a title after ذا ("the"),
- wordfreq ('ar') has not seen it (Zipf < ``MAX_ZIPF``), the SaudiNewsNet table does not hold it
  (it keeps words seen in three documents or more), and it is not a known word with an ordinary
  prefix/suffix (a coinage such as السوبرية),
- it occurs once in the article and its neighbours are ordinary words (names come in runs),
- hunspell suggests a common word (Zipf >= ``MIN_SUGGESTION_ZIPF``, in >= ``MIN_SUGGESTION_DF``
  SaudiNewsNet documents) one classic slip away (a letter dropped or doubled, two swapped, or one
  replaced by a letter a dot or a key away: see ``_slip``), and no suggestion
  is the same word up to hamza/alef maksura/teh marbuta spelling (a convention, not a typo).
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
from ..text.stopwords import STOPWORDS
from .lexicon import idf, ner_lexicon, stem

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


_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك", "ع")


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
        if p == "ع" and not rest.startswith("ال"):
            continue  # عالطرقات = على الطرقات, a spoken contraction
        if p == "ل" and rest[0] == "ل":
            rest = "ا" + rest  # لل = ل + ال with the alef dropped
        elif rest[0] == p[-1]:
            continue  # a doubled letter at the seam (ووأجزاء) is the slip itself, not a clitic
        if zipf(rest) >= MAX_ZIPF or idf().known(fold(rest)):
            return True
    return False


# Letters that differ only by their dots (folded forms): a slip of the pen or the eye; and the
# Arabic PC keyboard's rows (folded; _ stands for keys that fold onto another letter or لا):
# a neighbouring key is a slip of the finger.
_DOT_GROUPS = ("حخج", "صض", "طظ", "فق", "تثبني", "دذ", "رز", "سش", "عغ", "هو")
_KEY_ROWS = ("ضصثقفغعهخحجد", "شسيبلاتنمكط", "_ء_ر___وزظ")
_KEYS = {c: (r, i) for r, row in enumerate(_KEY_ROWS) for i, c in enumerate(row) if c != "_"}


def _near(a: str, b: str) -> bool:
    if any(a in g and b in g for g in _DOT_GROUPS):
        return True
    if a not in _KEYS or b not in _KEYS:
        return False
    (ra, ia), (rb, ib) = _KEYS[a], _KEYS[b]
    return abs(ra - rb) <= 1 and abs(ia - ib) <= 1


def _slip(key: str, fix: str) -> bool:
    """``key`` is ``fix`` with one classic slip: a letter dropped, a letter doubled, two letters
    swapped, or a letter replaced by one a dot or a key away.  Other one-letter edits (another
    letter added, a distant one put in) turn one real word into another, or a name, more often
    than they make a typo (السناقل، خدينه، الخراءة)."""
    if len(key) == len(fix) - 1:
        return True
    if len(key) == len(fix) + 1:
        i = next((j for j in range(len(fix)) if key[j] != fix[j]), len(fix))
        return key[i] in (key[i - 1:i] + key[i + 1:i + 2])
    diff = [j for j in range(len(key)) if key[j] != fix[j]]
    if len(diff) == 2:
        return True  # a swap (OSA distance 1 with two positions changed)
    return _near(key[diff[0]], fix[diff[0]])


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
        f = fold(s)
        if OSA.distance(f, key) != 1 or OSA.distance(s, word) > 2 or not _slip(key, f):
            continue
        z = zipf(s)
        if (z >= MIN_SUGGESTION_ZIPF and idf().df.get(fold(s), 0) >= MIN_SUGGESTION_DF
                and (best_rank is None or z > best_rank)):
            best, best_rank = s, z
    return best


# Person titles the NER lexicon lacks (professions and their feminine forms), folded.
_TITLES = frozenset(fold(w) for w in (
    "الفنان", "الفنانة", "الشاعر", "الشاعرة", "الكاتب", "الكاتبة", "الدكتورة", "المهندسة",
    "الأستاذة", "الزميل", "الزميلة", "اللاعبة", "الإعلامي", "الإعلامية", "الناشط", "الناشطة",
    "الباحث", "الباحثة", "المخرج", "المخرجة", "المطرب", "المطربة", "الممثل", "الممثلة"))
# Heads that a proper name follows (حي X، نادي X، دوري X، صحيفة X), folded.
_NAME_HEADS = frozenset(fold(w) for w in (
    "حي", "مدينة", "قرية", "بلدة", "محافظة", "منطقة", "مديرية", "ضاحية", "شارع", "جزيرة", "ميناء",
    "مطار", "مخيم", "نادي", "فريق", "منتخب", "صحيفة", "قناة", "مجلة", "شركة", "مركز", "دوري", "كأس",
    "مهرجان", "فندق", "مستشفى", "جامعة", "مدرسة", "جبل", "وادي", "سوق"))
# Transliterated English articles: what follows is a foreign title (ذا إيكونوميست).
_FOREIGN_ARTICLES = frozenset(fold(w) for w in ("ذا", "ذي", "لا", "لو", "دي", "دو"))


def _names() -> tuple[frozenset[str], frozenset[str]]:
    lex = ner_lexicon()
    return lex.names, lex.titles | _TITLES


def _name_like(word: str) -> bool:
    """A neighbour that reads as part of a name: a rare gazetteer name token (bare or after
    و/ب/ل/ف), a gazetteer place (شنغهاي X), or a word hunspell rejects that the news corpus
    rarely saw.  Function words never."""
    names, _ = _names()
    key = fold(word)
    if len(key) < 3 or key in STOPWORDS:
        return False
    named = key in names or (len(key) > 4 and key[0] in "وبلف" and key[1:] in names)
    if (named and frequency()(word) < 3.5) or key in ner_lexicon().places:
        return True
    return not dictionary().check(word) and idf().df.get(key, 0) < 50


def _given_name(key: str) -> bool:
    """A gazetteer name token without the article that is not a function word."""
    names, _ = _names()
    return key in names and not key.startswith("ال") and key not in STOPWORDS and len(key) >= 3


def _after_name(words: list, i: int) -> bool:
    """Part of a name by position: right after a title (الرئيس X) unless it has the article,
    after a title and given name(s) (المهندس إبراهيم X), a surname with the article right after
    a given name (إبراهيم الفلاني), right after a place/organisation head (حي X، نادي X), or a
    foreign title after a transliterated "the" (ذا X)."""
    _, titles = _names()
    key = fold(words[i].text)
    prev = [fold(w.text) for w in words[max(0, i - 3):i]]
    if not prev:
        return False
    head = prev[-1][1:] if prev[-1][:1] in ("و", "ب", "ل", "ف") else prev[-1]  # بحي X
    if prev[-1] in _FOREIGN_ARTICLES or _NAME_HEADS & {prev[-1], head} or (
            prev[-1] in titles and not key.startswith("ال")):
        return True
    for j in range(len(prev) - 1):
        if prev[j] in titles and all(_given_name(p) for p in prev[j + 1:]):
            return True
    return key.startswith("ال") and _given_name(prev[-1])


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


_VOWELLED_RE = re.compile("[\u064e-\u0652]")  # fatha, damma, kasra, shadda, sukun (not tanwin)
# Words of Gulf, Levantine and Egyptian speech that standard news prose never uses (folded):
# a sentence holding one is quoted speech or folk poetry, whose spellings are not slips.
_SPOKEN = frozenset(fold(w) for w in (
    "اللي", "وش", "ليش", "ايش", "شلون", "وشلون", "عشان", "علشان", "حنا", "احنا", "إحنا", "يبي",
    "تبي", "هذولا", "هذولي", "مب", "مش", "ازاي", "إزاي", "عايز", "دلوقتي", "هيك", "شو"))


def _spoken_spans(art: Article) -> list[tuple[int, int]]:
    """Sentences (or lines, before the text stage) that hold a word of spoken Arabic."""
    spans = [(s.start, s.end) for s in art.sentences] or [
        (m.start(), m.end()) for m in re.finditer(r"[^\n]+", art.text)]
    return [(a, b) for a, b in spans
            if any(t.kind == "word" and fold(t.text) in _SPOKEN for t in tokenize(art.text[a:b]))]


def _exempt_spans(art: Article) -> list[tuple[int, int]]:
    spans = [(m.start, m.end) for e in art.entities for m in e.mentions]
    spans += [(m.start, m.end) for m in art.ner_spans]
    return sorted(spans + _enclosed(art.text))


def check(art: Article) -> list[Flag]:
    """Spelling flags for the article; [] when the dictionary is not installed."""
    if not available():
        return []
    exempt = _exempt_spans(art) + _spoken_spans(art)
    words = [t for t in tokenize(art.text) if t.kind == "word"]
    counts = Counter(fold(t.text) for t in words)
    flags = []
    for i, t in enumerate(words):
        if _VOWELLED_RE.search(t.text):
            continue  # writers vowel the words a reader may not know: loanwords, names, rare terms
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
