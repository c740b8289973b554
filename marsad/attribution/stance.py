"""Does a text agree with a claim, contradict it, or neither?  (ANS labels: agree/disagree/other.)

A multinomial logistic regression over hashed pair features: the words one side has and the other
lacks, pairs of such words (so ارتفاع against انخفاض is learnt from data, not listed), negations
present on one side only, and overlap ratios.  Trained by ``scripts/build_claims_stance.py`` on
the ANS training split; the weights ship in ``marsad/data/claims/stance.json``.
"""
from __future__ import annotations

import json
import math
import zlib
from functools import lru_cache
from importlib import resources

from .features import NEGATIONS, stem, words

LABELS = ("agree", "disagree", "other")
BUCKETS = 1 << 18


def _h(s: str) -> int:
    return zlib.crc32(s.encode()) % BUCKETS


def pair_features(claim: str, text: str) -> dict[int, float]:
    a = [stem(w) for w in words(claim)]
    b = [stem(w) for w in words(text)]
    f: dict[int, float] = {}

    def add(key: str, v: float = 1.0) -> None:
        k = _h(key)
        f[k] = f.get(k, 0.0) + v

    sa, sb = set(a), set(b)
    both = sa & sb
    # Words that differ only in inflection (ارتفع/ارتفاع) are not differences: compare by a short key.
    ka, kb = {w[:3] for w in sa}, {w[:3] for w in sb}
    only_a = {w for w in sa - sb if w[:3] not in kb}
    only_b = {w for w in sb - sa if w[:3] not in ka}
    add(f"ndiff-{min(len(only_a), 4)}-{min(len(only_b), 4)}")
    add("bias")
    for w in only_a:
        add("a-" + w)
    for w in only_b:
        add("b-" + w)
    for x in list(only_a)[:12]:
        for y in list(only_b)[:12]:
            add(f"p-{x}|{y}", 0.5)
    neg_a, neg_b = {w for w in a if w in NEGATIONS}, {w for w in b if w in NEGATIONS}
    add(f"neg-{bool(neg_a)}-{bool(neg_b)}")
    for w in neg_a ^ neg_b:
        add("negdiff-" + w)
    overlap = len(both) / max(1, min(len(sa), len(sb)))
    add("overlap", overlap)
    add(f"overlap-bin-{int(overlap * 5)}")
    add("jacc", len(both) / max(1, len(sa | sb)))
    return f


def predict_proba(weights: list[dict[int, float]], claim: str, text: str) -> dict[str, float]:
    f = pair_features(claim, text)
    scores = [sum(w.get(k, 0.0) * v for k, v in f.items()) for w in weights]
    m = max(scores)
    exps = [math.exp(s - m) for s in scores]
    z = sum(exps)
    return {lab: e / z for lab, e in zip(LABELS, exps)}


def train(pairs: list[tuple[str, str, str]], epochs: int = 8, lr: float = 0.2, l2: float = 1e-5,
          class_weight: dict[str, float] | None = None, seed: int = 13) -> list[dict[int, float]]:
    """Softmax regression by SGD on hashed features (pure Python: the data are a few thousand pairs)."""
    import random

    rnd = random.Random(seed)
    data = [(pair_features(c, t), LABELS.index(y)) for c, t, y in pairs]
    cw = class_weight or {}
    W: list[dict[int, float]] = [dict() for _ in LABELS]
    for ep in range(epochs):
        rnd.shuffle(data)
        rate = lr / (1 + ep)
        for f, y in data:
            scores = [sum(w.get(k, 0.0) * v for k, v in f.items()) for w in W]
            m = max(scores)
            exps = [math.exp(s - m) for s in scores]
            z = sum(exps)
            g_scale = cw.get(LABELS[y], 1.0) * rate
            for c, w in enumerate(W):
                g = exps[c] / z - (1.0 if c == y else 0.0)
                if g == 0.0:
                    continue
                for k, v in f.items():
                    w[k] = w.get(k, 0.0) * (1 - l2) - g_scale * g * v
    return [{k: round(v, 4) for k, v in w.items() if abs(v) >= 1e-4} for w in W]


@lru_cache(maxsize=1)
def model() -> list[dict[int, float]]:
    raw = json.loads(resources.files("marsad.data").joinpath("claims/stance.json").read_text("utf-8"))
    return [{int(k): v for k, v in w.items()} for w in raw["weights"]]


def stance(claim: str, text: str) -> tuple[str, float]:
    """(label, probability) of ``text`` towards ``claim``: agree, disagree or other."""
    p = predict_proba(model(), claim, text)
    label = max(p, key=p.get)
    return label, round(p[label], 3)
