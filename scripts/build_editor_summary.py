"""Train the summary's sentence scorer (marsad/data/editor/summary_weights.json) on EASC.

Target: for each sentence, the share of its word bigrams (ROUGE tokens) found in each of the five
human summaries, averaged over them — how much of it the humans kept.  Model: pairwise logistic
regression (RankNet-style, Newton steps, L2) on the differences of the features of two sentences
of the same article whose targets differ by more than 0.1: ranking within an article is what the
summary needs, and pairs cancel what differs between articles (length, topic, how much the five
humans agree).  Features are ``marsad.editor.summary.FEATURES``; headline similarity is absent
from EASC and keeps a hand-set weight (HEADLINE_SHARE of the position weight).

Training data: EASC topics 4n+1 only (39 articles; only the odd topics are staged, so there is no
4n+0 / 4n+2 to add); topics 4n+3 stay held out for benchmarks/summary_easc.py.  ``--cv`` prints the
leave-one-article-out ROUGE-2 F on the training topics instead of writing the file.

    nice .venv/bin/python scripts/build_editor_summary.py [--cv]

Needs numpy (the ``train`` extra); the runtime scorer does not.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from summary_easc import EASC, evaluate, lead, load, prepare  # noqa: E402

from marsad.editor.rouge import _ngrams  # noqa: E402
from marsad.editor.summary import FEATURES, WEIGHTS_PATH, choose  # noqa: E402

GAP = 0.1  # pairs whose targets differ less than this are noise
L2 = 1.0
HEADLINE_SHARE = 0.4  # headline weight / position weight, set by hand (EASC has no headlines)


def targets(d: dict) -> np.ndarray:
    refs = [_ngrams(r, 2) for r in d["refs"]]
    out = []
    for toks in d["toks"]:
        b = _ngrams(toks, 2)
        n = sum(b.values()) or 1
        out.append(sum(sum((b & r).values()) / n for r in refs) / len(refs))
    return np.array(out)


def matrix(d: dict) -> np.ndarray:
    return np.array([[r[f] for f in FEATURES] for r in d["rows"]])


def train(docs: list[dict]) -> dict[str, float]:
    """Raw-scale coefficients of the pairwise logistic model."""
    diffs, wins = [], []
    for d in docs:
        x, y = matrix(d), targets(d)
        for i in range(len(y)):
            for j in range(i + 1, len(y)):
                if abs(y[i] - y[j]) > GAP:
                    diffs.append(x[i] - x[j])
                    wins.append(float(y[i] > y[j]))
    dx, t = np.array(diffs), np.array(wins)
    sd = dx.std(0)
    sd[sd == 0] = 1.0
    z = dx / sd
    w = np.zeros(z.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ (p - t) + L2 * w
        hess = (z.T * (p * (1 - p))) @ z + L2 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    coef = {f: float(v) for f, v in zip(FEATURES, w / sd)}
    coef["headline"] = HEADLINE_SHARE * coef["position"]
    return {f: round(v, 4) for f, v in coef.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cv", action="store_true", help="leave-one-article-out ROUGE on the training topics")
    args = ap.parse_args()
    if not EASC.is_dir():
        sys.exit(f"EASC not found at {EASC}")
    docs = [d for d in load() if d["topic"] % 4 == 1]
    for d in docs:
        prepare(d)
    if args.cv:
        coefs = {d["topic"]: train([x for x in docs if x is not d]) for d in docs}
        ours = lambda d, k, w: choose(d["rows"], d["vecs"], d["sizes"], k, w, coefs[d["topic"]])  # noqa: E731
        for p in ("k3", "words"):
            a, b = evaluate(docs, ours, p)["F2"], evaluate(docs, lead, p)["F2"]
            print(f"leave-one-out {p}: scorer F2 {a:.4f}, lead F2 {b:.4f}, x{a / b:.3f}")
        return
    coef = train(docs)
    WEIGHTS_PATH.write_text(json.dumps({
        "model": "pairwise logistic regression on EASC topics 4n+1 (scripts/build_editor_summary.py)",
        "coef": coef}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS_PATH}: {coef}")


if __name__ == "__main__":
    main()
