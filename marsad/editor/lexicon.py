"""Word-level resources shared by the summary, keywords and flags: a light stemmer,
document frequencies learned from SaudiNewsNet (``marsad/data/editor/idf.tsv.gz``), and what
the NER stage's gazetteer knows about single words."""
from __future__ import annotations

import gzip
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


IDF_PATH = Path(__file__).resolve().parents[1] / "data" / "editor" / "idf.tsv.gz"


_WORDLIKE_RE = re.compile(r"^[\u0621-\u064a]{2,}$")


def is_wordlike(key: str) -> bool:
    """An Arabic word of two letters or more (folded): no digits, Latin or punctuation."""
    return bool(_WORDLIKE_RE.match(key))


_PREFIXES = ("وبال", "وكال", "فال", "وال", "بال", "كال", "لل", "ال", "و", "ب", "ل", "ف")
_SUFFIXES = ("هما", "كما", "تين", "تان", "ات", "ون", "ين", "ان", "يه", "ها", "هم", "نا", "ه", "ي")


def stem(key: str) -> str:
    """Light stem of a folded word: strip one proclitic group and one suffix, keeping >= 3 letters.

    ROUGE and sentence similarity compare stems so that المحادثات/محادثات/والمحادثات match."""
    for p in _PREFIXES:
        if key.startswith(p) and len(key) - len(p) >= 3:
            key = key[len(p):]
            break
    for s in _SUFFIXES:
        if key.endswith(s) and len(key) - len(s) >= 3:
            key = key[: -len(s)]
            break
    return key


@dataclass(frozen=True)
class NerLexicon:
    """What the NER stage's lexicons say about single words (folded): name tokens, person titles
    (الرئيس، المهندس ...) and one-word places and organisations (فرنسا، الرياض)."""

    names: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def ner_lexicon() -> NerLexicon:
    """Read from the NER stage's shipped gazetteer; empty when that stage is not installed."""
    try:
        from ..ner.features import TRIGGERS, Resources
    except ImportError:
        return NerLexicon()
    res = Resources.load()
    places = frozenset(k[0] for k, types in res.phrases.items()
                       if len(k) == 1 and types & {"COUNTRY", "CITY", "PLACE", "LOC", "ORG"})
    return NerLexicon(res.name_tokens, frozenset(TRIGGERS.get("PERS", ())), places)


class Idf:
    """Document frequencies of folded words and collocations, with smoothed IDF."""

    def __init__(self, n: int, df: dict[str, int]):
        self.n, self.df = n, df
        self._unknown = math.log((n + 1) / 1.5)

    def __call__(self, key: str) -> float:
        return math.log((self.n + 1) / (self.df.get(key, 0) + 0.5)) if key in self.df else self._unknown

    def known(self, key: str) -> bool:
        return key in self.df


@lru_cache(maxsize=1)
def idf() -> Idf:
    """The shipped table; an empty one (every word equally rare) if it was never built."""
    if not IDF_PATH.exists():
        return Idf(1, {})
    df: dict[str, int] = {}
    n = 1
    with gzip.open(IDF_PATH, "rt", encoding="utf-8") as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("\t")
            if k == "#N":
                n = int(v)
            else:
                df[k] = int(v)
    return Idf(n, df)
