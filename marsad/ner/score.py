"""Entity-level scores as conlleval computes them: an entity counts only when its span and type
both match exactly; an I- tag that does not continue an entity of its type starts a new one."""
from __future__ import annotations

from collections import Counter


def entities(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) spans, end exclusive, of a BIO tag sequence."""
    out: list[tuple[int, int, str]] = []
    start, typ = None, None
    for i, tag in enumerate(tags):
        prefix, _, t = tag.partition("-")
        continues = prefix == "I" and typ == t
        if start is not None and not continues:
            out.append((start, i, typ))
            start, typ = None, None
        if prefix in ("B", "I") and not continues:
            start, typ = i, t
    if start is not None:
        out.append((start, len(tags), typ))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """Micro precision/recall/F1 over entities, and the same per type (with gold support)."""
    if len(gold) != len(pred) or any(len(g) != len(p) for g, p in zip(gold, pred)):
        raise ValueError("gold and predicted sequences differ in length")
    tp: Counter = Counter()
    n_gold: Counter = Counter()
    n_pred: Counter = Counter()
    for g, p in zip(gold, pred):
        ge, pe = set(entities(g)), set(entities(p))
        for e in ge:
            n_gold[e[2]] += 1
        for e in pe:
            n_pred[e[2]] += 1
        for e in ge & pe:
            tp[e[2]] += 1
    p, r, f = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    per_type = {}
    for t in sorted(set(n_gold) | set(n_pred)):
        tp_, tr_, tf_ = _prf(tp[t], n_pred[t], n_gold[t])
        per_type[t] = {"precision": round(tp_, 4), "recall": round(tr_, 4), "f1": round(tf_, 4),
                       "support": n_gold[t]}
    return {"f1": round(f, 4), "precision": round(p, 4), "recall": round(r, 4), "per_type": per_type}
