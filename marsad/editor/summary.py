"""Extractive summary: a few sentences of the article, kept in article order.

Each candidate sentence is scored by a weighted sum of
- position (news puts the essentials first): 1 / (1 + i) ** 0.5 over paragraph sentences,
- TextRank centrality over an IDF-weighted cosine graph of light stems,
- similarity to the headline and subheadings (what the editor said the story is about),
- similarity to the document's IDF-weighted centroid (its vocabulary's core),
with a penalty for sentences too short to stand alone.  The weights were tuned on half of EASC
(see benchmarks/summary_easc.py); a sentence too similar to one already chosen is skipped.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from ..article import Article, Span
from ..text.normalize import fold
from ..text.tokenize import tokenize
from .lexicon import STOPWORDS, idf, is_wordlike, stem


@dataclass(frozen=True)
class Weights:
    position: float = 1.0
    textrank: float = 0.5
    headline: float = 0.5
    centroid: float = 1.0
    min_words: int = 6
    redundancy: float = 0.6


DEFAULT = Weights()


def terms(text: str) -> list[str]:
    """Content stems of a text: folded, stopwords dropped, light-stemmed."""
    out = []
    for t in tokenize(text):
        if t.kind != "word":
            continue
        k = fold(t.text)
        if k in STOPWORDS or not is_wordlike(k):
            continue
        out.append(k)
    return out


def _vector(keys: list[str]) -> dict[str, float]:
    table = idf()
    v: Counter[str] = Counter()
    for k in keys:
        v[stem(k)] += table(k)
    return dict(v)


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(k, 0.0) for k, w in a.items())
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def textrank(vectors: list[dict[str, float]], damping: float = 0.85, iters: int = 30) -> list[float]:
    """PageRank over the sentence-similarity graph (Mihalcea & Tarau 2004), scaled to max 1."""
    n = len(vectors)
    if n == 0:
        return []
    sim = [[cosine(vectors[i], vectors[j]) if i != j else 0.0 for j in range(n)] for i in range(n)]
    out_w = [sum(row) for row in sim]
    score = [1.0 / n] * n
    for _ in range(iters):
        score = [(1 - damping) / n + damping * sum(sim[j][i] * score[j] / out_w[j]
                                                   for j in range(n) if out_w[j])
                 for i in range(n)]
    top = max(score) or 1.0
    return [s / top for s in score]


def default_length(n_sentences: int) -> int:
    """Three sentences, fewer for short articles (never more than a third, at least one)."""
    return max(1, min(3, math.ceil(n_sentences / 3)))


def rank(sentences: list[str], headline: str = "", weights: Weights = DEFAULT) -> list[float]:
    """One score per sentence (higher = more summary-worthy)."""
    vecs = [_vector(terms(s)) for s in sentences]
    tr = textrank(vecs)
    head = _vector(terms(headline)) if headline else {}
    centroid: Counter[str] = Counter()
    for v in vecs:
        centroid.update(v)
    scores = []
    for i, (s, v) in enumerate(zip(sentences, vecs)):
        n_words = sum(1 for t in tokenize(s) if t.kind == "word")
        score = (weights.position / math.sqrt(1 + i) + weights.textrank * tr[i]
                 + weights.headline * cosine(v, head) + weights.centroid * cosine(v, centroid))
        if n_words < weights.min_words:
            score -= 1.0
        scores.append(score)
    return scores


def select(sentences: list[str], k: int, headline: str = "", weights: Weights = DEFAULT) -> list[int]:
    """Indices of the k best sentences, in article order, skipping near-repeats."""
    scores = rank(sentences, headline, weights)
    vecs = [_vector(terms(s)) for s in sentences]
    chosen: list[int] = []
    for i in sorted(range(len(sentences)), key=lambda i: -scores[i]):
        if len(chosen) == k:
            break
        if any(cosine(vecs[i], vecs[j]) > weights.redundancy for j in chosen):
            continue
        chosen.append(i)
    return sorted(chosen)


def summarize(art: Article, k: int | None = None) -> list[Span]:
    """Summary sentences of an Article (paragraph sentences only), in article order."""
    body = [s for s in art.sentences if (b := art.block_at(s.start)) is not None and b.kind == "paragraph"]
    if not body:
        return []
    headline = " ".join(b.text for b in art.blocks if b.kind in ("headline", "subheading"))
    k = default_length(len(body)) if k is None else k
    return [body[i] for i in select([s.text for s in body], k, headline)]
