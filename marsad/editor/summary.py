"""Extractive summary: a few sentences of the article, kept in article order.

Each candidate sentence gets a few features — position (news puts the essentials first), whether
it opens a paragraph, TextRank centrality over an IDF-weighted cosine graph of light stems,
similarity to the headline and subheadings, similarity to the document's IDF-weighted centroid,
mean IDF of its words, and its length — and a linear score.  The weights
(``marsad/data/editor/summary_weights.json``) are a pairwise logistic model trained to rank
sentences by how much of them EASC's human summaries kept (scripts/build_editor_summary.py, EASC
topics 4n+1); a sentence too similar to one already chosen is skipped.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

from ..article import Article, Span
from ..text.normalize import fold
from ..text.tokenize import tokenize
from ..text.stopwords import STOPWORDS
from .lexicon import idf, is_wordlike, stem

FEATURES = ("first", "position", "para_start", "textrank", "headline", "centroid",
            "mean_idf", "log_words", "short")
WEIGHTS_PATH = Path(__file__).resolve().parents[1] / "data" / "editor" / "summary_weights.json"
COEF: dict[str, float] = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))["coef"]
REDUNDANCY = 0.8  # cosine above which a sentence repeats one already chosen (0.6 cost ROUGE on EASC)
SHORT = 6  # words: fewer than this rarely stands alone
MAX_CANDIDATES = 120  # sentences: TextRank is quadratic, and a summary's sentences come early


def terms(text: str) -> list[str]:
    """Content words of a text, folded, stopwords dropped."""
    out = []
    for t in tokenize(text):
        if t.kind != "word":
            continue
        k = fold(t.text)
        if k not in STOPWORDS and is_wordlike(k):
            out.append(k)
    return out


def vector(keys: list[str]) -> dict[str, float]:
    """IDF-weighted bag of light stems."""
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
    edges: list[list[tuple[int, float]]] = [[] for _ in range(n)]  # incoming (j, weight)
    for i in range(n):
        for j in range(i + 1, n):
            w = cosine(vectors[i], vectors[j])
            if w > 0:
                edges[i].append((j, w))
                edges[j].append((i, w))
    out_w = [sum(w for _, w in e) for e in edges]  # symmetric: out-weight = in-weight
    score = [1.0 / n] * n
    for _ in range(iters):
        score = [(1 - damping) / n + damping * sum(w * score[j] / out_w[j] for j, w in edges[i])
                 for i in range(n)]
    top = max(score) or 1.0
    return [s / top for s in score]


def features(sentences: list[str], headline: str = "", para_starts: set[int] | None = None
             ) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Feature rows (see FEATURES) and IDF vectors of the sentences."""
    keys = [terms(s) for s in sentences]
    vecs = [vector(k) for k in keys]
    tr = textrank(vecs)
    head = vector(terms(headline)) if headline else {}
    total: Counter[str] = Counter()
    for v in vecs:
        total.update(v)
    centroid = dict(total)
    table = idf()
    rows = []
    for i, (s, k, v) in enumerate(zip(sentences, keys, vecs)):
        n_words = sum(1 for t in tokenize(s) if t.kind == "word")
        rows.append({
            "first": float(i == 0), "position": 1 / math.sqrt(1 + i),
            "para_start": float(para_starts is None or i in para_starts), "textrank": tr[i],
            "headline": cosine(v, head), "centroid": cosine(v, centroid),
            "mean_idf": sum(map(table, k)) / len(k) / 10 if k else 0.0,
            "log_words": math.log1p(n_words) / 4, "short": float(n_words < SHORT),
        })
    return rows, vecs


def choose(rows: list[dict[str, float]], vecs: list[dict[str, float]], sizes: list[int],
           k: int | None, words: int | None, coef: dict[str, float] = COEF) -> list[int]:
    """Best-first, skipping near-repeats, until k sentences or ``words`` words; article order."""
    scores = [sum(coef[f] * r[f] for f in FEATURES) for r in rows]
    chosen: list[int] = []
    total = 0
    for i in sorted(range(len(rows)), key=lambda i: -scores[i]):
        if (k is not None and len(chosen) >= k) or (words is not None and total >= words):
            break
        if any(cosine(vecs[i], vecs[j]) > REDUNDANCY for j in chosen):
            continue
        chosen.append(i)
        total += sizes[i]
    return sorted(chosen)


def select(sentences: list[str], k: int | None = 3, headline: str = "", para_starts: set[int] | None = None,
           words: int | None = None, coef: dict[str, float] = COEF) -> list[int]:
    """Indices of the best sentences (k of them, or until ``words`` words), in article order."""
    rows, vecs = features(sentences, headline, para_starts)
    sizes = [sum(1 for t in tokenize(s) if t.kind == "word") for s in sentences]
    return choose(rows, vecs, sizes, k, words, coef)


def default_length(n_sentences: int) -> int:
    """Three sentences, fewer for short articles (about a third, at least one)."""
    return max(1, min(3, math.ceil(n_sentences / 3)))


def summarize(art: Article, k: int | None = None) -> list[Span]:
    """Summary sentences of an Article (paragraph sentences only), in article order."""
    body: list[Span] = []
    starts: set[int] = set()
    for b in art.paragraphs():
        for j, s in enumerate(x for x in art.sentences if b.start <= x.start < b.end):
            if j == 0:
                starts.add(len(body))
            body.append(s)
    body = body[:MAX_CANDIDATES]
    if not body:
        return []
    headline = " ".join(b.text for b in art.blocks if b.kind in ("headline", "subheading"))
    k = default_length(len(body)) if k is None else k
    return [body[i] for i in select([s.text for s in body], k, headline, starts)]
