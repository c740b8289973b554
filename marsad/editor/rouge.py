"""ROUGE-N for Arabic, written here because the PyPI scorers tokenise for English and drop Arabic.

Tokenisation: ``marsad.text.tokenize`` words (numbers kept, punctuation dropped), each ``fold``ed
(hamza seats, alef maksura, teh marbuta, diacritics) and light-stemmed (``lexicon.stem``: one
proclitic group and one suffix off).  Stopwords are kept, as in the original ROUGE.  With several
references the scores are averaged over them (each reference counts the same).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..text.normalize import fold
from ..text.tokenize import tokenize
from .lexicon import stem


def rouge_tokens(text: str) -> list[str]:
    return [stem(fold(t.text)) for t in tokenize(text) if t.kind in ("word", "number")]


@dataclass(frozen=True)
class Score:
    recall: float
    precision: float
    f: float


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(candidate: list[str], reference: list[str], n: int) -> Score:
    c, r = _ngrams(candidate, n), _ngrams(reference, n)
    overlap = sum((c & r).values())
    rec = overlap / sum(r.values()) if r else 0.0
    prec = overlap / sum(c.values()) if c else 0.0
    f = 2 * rec * prec / (rec + prec) if rec + prec else 0.0
    return Score(rec, prec, f)


def rouge_multi(candidate: list[str], references: list[list[str]], n: int) -> Score:
    scores = [rouge_n(candidate, ref, n) for ref in references]
    k = len(scores) or 1
    return Score(sum(s.recall for s in scores) / k, sum(s.precision for s in scores) / k,
                 sum(s.f for s in scores) / k)
