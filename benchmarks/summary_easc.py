"""Extractive summaries against EASC's human summaries: Marsad's scorer vs lead-k vs TextRank.

EASC (../shared/data/summaries/EASC): one article per Topic folder, five Mechanical-Turk
extractive summaries each.  Articles are hard-wrapped: a line that does not end a sentence is
joined to the next, then ``marsad.text.sentences.split`` cuts sentences.  The references lost their
line breaks (two words glued where a line ended); a reference word that is not in the article but
splits into two article words is split back, for every system alike.

Split: the staged half of EASC has the odd topics 1..153; topic numbers of the form 4n+1 (39
articles) tune the scorer, those of the form 4n+3 (38) are held out and reported.  ``--fit``
reruns the seeded random search of the coefficients on the tuning part (ROUGE-2 F of both
protocols) and prints them for ``marsad.editor.summary.COEF``.

Two protocols, all systems in article order: three whole sentences each; and the same word
budget each (the article's lead-3 length in words, the last sentence cut, like ROUGE's -l).

    nice .venv/bin/python benchmarks/summary_easc.py [--fit]
"""
from __future__ import annotations

import argparse
import re
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.editor.rouge import rouge_multi, rouge_tokens  # noqa: E402
from marsad.editor.summary import COEF, FEATURES, choose, features  # noqa: E402
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


def prepare(d: dict) -> None:
    """Cache what every system needs: features, vectors, sizes, ROUGE tokens of each sentence."""
    d["rows"], d["vecs"] = features(d["sents"], "", d["starts"])
    d["toks"] = [rouge_tokens(x) for x in d["sents"]]
    d["sizes"] = [len(t) for t in d["toks"]]
    d["budget"] = sum(d["sizes"][:3])  # the lead-3 length, in words


def lead(d: dict, k: int | None, words: int | None) -> list[int]:
    out, total = [], 0
    for i, n in enumerate(d["sizes"]):
        if (k is not None and len(out) >= k) or (words is not None and total >= words):
            break
        out.append(i)
        total += n
    return out


def textrank_only(d: dict, k: int | None, words: int | None) -> list[int]:
    rows = [{f: (r["textrank"] if f == "textrank" else 0.0) for f in FEATURES} for r in d["rows"]]
    return choose(rows, d["vecs"], d["sizes"], k, words, {f: float(f == "textrank") for f in FEATURES})


def marsad(d: dict, k: int | None, words: int | None, coef: dict[str, float] = COEF) -> list[int]:
    return choose(d["rows"], d["vecs"], d["sizes"], k, words, coef)


def evaluate(docs: list[dict], system, protocol: str) -> dict[str, float]:
    """protocol "k3": three whole sentences; "words": the lead-3 word count, the last cut (ROUGE -l)."""
    tot = {"R1": 0.0, "F1": 0.0, "R2": 0.0, "F2": 0.0}
    for d in docs:
        if protocol == "k3":
            cand = [t for i in system(d, 3, None) for t in d["toks"][i]]
        else:
            cand = [t for i in system(d, None, d["budget"]) for t in d["toks"][i]][: d["budget"]]
        for n in (1, 2):
            sc = rouge_multi(cand, d["refs"], n)
            tot[f"R{n}"] += sc.recall
            tot[f"F{n}"] += sc.f
    return {key: v / len(docs) for key, v in tot.items()}


def fit(docs: list[dict], trials: int = 1500) -> dict[str, float]:
    """Seeded random search of the coefficients for the mean ROUGE-2 F of both protocols,
    starting from position alone (lead) and moving two coefficients at a time."""
    rng = random.Random(13)
    free = [f for f in FEATURES if f != "headline"]
    start = {f: 0.0 for f in FEATURES} | {"position": 1.0, "headline": COEF["headline"]}  # = lead
    best, best_c = -1.0, start
    for t in range(trials):
        c = dict(best_c) if t else dict(start)
        if t:
            for f in rng.sample(free, 2):
                hi = 0.0 if f == "short" else 1.0  # fragments never stand alone in a summary
                c[f] = round(max(-1.0, min(hi, c[f] + rng.choice((-0.2, -0.1, 0.1, 0.2)))), 2)
        score = sum(evaluate(docs, lambda d, k, w: marsad(d, k, w, c), p)["F2"] for p in ("k3", "words"))
        if score > best:
            best, best_c = score, c
    return best_c


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fit", action="store_true", help="refit the coefficients on the tuning part")
    args = ap.parse_args()
    if not EASC.is_dir():
        sys.exit(f"EASC not found at {EASC}")
    docs = load()
    tune_docs = [d for d in docs if d["topic"] % 4 == 1]
    test = [d for d in docs if d["topic"] % 4 == 3]
    for d in docs:
        prepare(d)
    print(f"EASC: {len(docs)} articles, tune {len(tune_docs)}, held out {len(test)}")
    if args.fit:
        coef = fit(tune_docs)
        print(f"fitted on topics 4n+1: {coef}")
    systems = {"lead": lead, "textrank": textrank_only, "marsad (shipped COEF)": marsad}
    if args.fit:
        systems["marsad (fitted now)"] = lambda d, k, w: marsad(d, k, w, coef)
    for protocol in ("k3", "words"):
        t_lead, t_ours = evaluate(tune_docs, lead, protocol)["F2"], evaluate(tune_docs, marsad, protocol)["F2"]
        print(f"-- tuning part, {protocol}: lead F2 {t_lead:.4f}, "
              f"marsad (shipped COEF) F2 {t_ours:.4f}")
    for protocol in ("k3", "words"):
        print(f"-- held out, {'3 sentences each' if protocol == 'k3' else 'lead-3 word budget each'}")
        rows = {}
        for name, fn in systems.items():
            rows[name] = r = evaluate(test, fn, protocol)
            print(f"{name:24s} R1 {r['R1']:.4f} F1 {r['F1']:.4f} R2 {r['R2']:.4f} F2 {r['F2']:.4f}"
                  f"  F1 x{r['F1'] / rows['lead']['F1']:.3f} F2 x{r['F2'] / rows['lead']['F2']:.3f} vs lead")


if __name__ == "__main__":
    main()
