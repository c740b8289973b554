"""Extractive summaries against EASC's human summaries: Marsad's scorer vs lead-k vs TextRank.

EASC (../shared/data/summaries/EASC): one article per Topic folder, five Mechanical-Turk
extractive summaries each.  Articles are hard-wrapped: a line that does not end a sentence is
joined to the next, then ``marsad.text.sentences.split`` cuts sentences.  The references lost their
line breaks (two words glued where a line ended); a reference word that is not in the article but
splits into two article words is split back, for every system alike.

Split: the staged half of EASC has the odd topics 1..153; topic numbers of the form 4n+1 (39
articles) tune the scorer, those of the form 4n+3 (38) are held out and reported.  ``--fit``
refits the coefficients by least squares on the tuning part (target: the share of the five
references that contain the sentence, i.e. >= 80% of its bigrams) and prints them for
``marsad.editor.summary.COEF``.  Every system outputs k sentences (k = 3) in article order.

    nice .venv/bin/python benchmarks/summary_easc.py [--k 3] [--fit]
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.editor.rouge import rouge_multi, rouge_tokens  # noqa: E402
from marsad.editor.rouge import rouge_n  # noqa: E402
from marsad.editor.summary import COEF, FEATURES, features, select, terms, textrank, vector  # noqa: E402
from marsad.text.normalize import fold, light  # noqa: E402
from marsad.text.sentences import split  # noqa: E402

EASC = ROOT.parent / "shared/data/summaries/EASC/EASC-UTF-8"


def unwrap(raw: str) -> str:
    lines = [ln.strip() for ln in light(raw.lstrip("\ufeff")).split("\n")]
    out, cur = [], []
    for ln in lines:
        if not ln:
            if cur:
                out.append(" ".join(cur))
                cur = []
            continue
        cur.append(ln)
        if re.search(r"[.!?؟»\"”]\s*$", ln):
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    return "\n".join(out)


def unglue(ref: str, vocab: set[str]) -> str:
    words = []
    for w in ref.split():
        k = fold(w)
        if k not in vocab:
            cut = next((i for i in range(2, len(k) - 1) if k[:i] in vocab and k[i:] in vocab), None)
            if cut:
                words += [w[:cut], w[cut:]]
                continue
        words.append(w)
    return " ".join(words)


def load() -> list[dict]:
    docs = []
    for topic in sorted(EASC.glob("Articles/Topic*"), key=lambda p: int(p.name[5:])):
        art = next(topic.iterdir())
        text = unwrap(art.read_text(encoding="utf-8-sig", errors="replace"))
        sents, starts = [], set()
        for para in text.split("\n"):
            starts.add(len(sents))
            sents += [s.text for s in split(para)]
        vocab = {fold(w) for w in text.split()}
        refs = [unglue(light(p.read_text(encoding="utf-8-sig", errors="replace")), vocab)
                for p in sorted((EASC / "MTurk" / topic.name).iterdir())]
        docs.append({"topic": int(topic.name[5:]), "sents": sents, "starts": starts,
                     "refs": [rouge_tokens(r) for r in refs]})
    return docs


def lead(d: dict, k: int) -> list[int]:
    return list(range(min(k, len(d["sents"]))))


def textrank_only(d: dict, k: int) -> list[int]:
    tr = textrank([vector(terms(s)) for s in d["sents"]])
    return sorted(sorted(range(len(tr)), key=lambda i: -tr[i])[:k])


def marsad(d: dict, k: int, coef: dict[str, float] = COEF) -> list[int]:
    return select(d["sents"], k, "", d["starts"], coef)


def evaluate(docs: list[dict], system, k: int) -> dict[str, float]:
    tot = {"R1": 0.0, "F1": 0.0, "R2": 0.0, "F2": 0.0}
    for d in docs:
        cand = rouge_tokens(" ".join(d["sents"][i] for i in system(d, k)))
        for n in (1, 2):
            s = rouge_multi(cand, d["refs"], n)
            tot[f"R{n}"] += s.recall
            tot[f"F{n}"] += s.f
    return {key: v / len(docs) for key, v in tot.items()}


def fit(docs: list[dict]) -> dict[str, float]:
    """Least squares of the sentence features on the share of references that include it."""
    import numpy as np

    X, y = [], []
    for d in docs:
        rows, _ = features(d["sents"], "", d["starts"])
        for s, r in zip(d["sents"], rows):
            t = rouge_tokens(s)
            X.append([r[f] for f in FEATURES if f != "headline"])
            y.append(sum(rouge_n(t, ref, 2).precision >= 0.8 for ref in d["refs"]) / len(d["refs"]))
    beta, *_ = np.linalg.lstsq(np.array(X), np.array(y), rcond=None)
    coef = dict(zip([f for f in FEATURES if f != "headline"], (round(float(b), 3) for b in beta)))
    coef["headline"] = COEF["headline"]
    return coef


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--k", type=int, default=3)
    ap.add_argument("--fit", action="store_true", help="refit the coefficients on the tuning part")
    args = ap.parse_args()
    if not EASC.is_dir():
        sys.exit(f"EASC not found at {EASC}")
    docs = load()
    tune_docs = [d for d in docs if d["topic"] % 4 == 1]
    test = [d for d in docs if d["topic"] % 4 == 3]
    print(f"EASC: {len(docs)} articles, tune {len(tune_docs)}, held out {len(test)}, k={args.k}")
    if args.fit:
        coef = fit(tune_docs)
        print(f"fitted on topics 4n+1: {coef}")
    systems = {"lead": lead, "textrank": textrank_only, "marsad (shipped COEF)": marsad}
    if args.fit:
        systems["marsad (fitted now)"] = lambda d, k: marsad(d, k, coef)
    rows = {}
    for name, fn in systems.items():
        t = time.perf_counter()
        rows[name] = evaluate(test, fn, args.k)
        ms = (time.perf_counter() - t) * 1000 / len(test)
        r = rows[name]
        print(f"{name:26s} R1 {r['R1']:.4f} F1 {r['F1']:.4f} R2 {r['R2']:.4f} F2 {r['F2']:.4f}  ({ms:.1f} ms/article)")
    base = rows["lead"]
    for name, r in rows.items():
        print(f"{name:26s} vs lead: F1 x{r['F1'] / base['F1']:.3f}  F2 x{r['F2'] / base['F2']:.3f}")


if __name__ == "__main__":
    main()
