"""Extractive summaries against EASC's human summaries: Marsad's scorer vs lead-k vs TextRank.

EASC (../shared/data/summaries/EASC): one article per Topic folder, five Mechanical-Turk
extractive summaries each.  Articles are hard-wrapped: a line that does not end a sentence is
joined to the next, then ``marsad.text.sentences.split`` cuts sentences.  The references lost their
line breaks (two words glued where a line ended); a reference word that is not in the article but
splits into two article words is split back, for every system alike.

Split: the staged half of EASC has the odd topics 1..153 (no 4n+0 / 4n+2); topic numbers of the
form 4n+1 (39 articles) train the scorer (scripts/build_editor_summary.py, whose ``--cv`` gives
its leave-one-out figures there), those of the form 4n+3 (38) are held out.  Both parts are
reported; only the held-out one is an honest estimate.

Two protocols, all systems in article order: three whole sentences each; and the same word
budget each (the article's lead-3 length in words, the last sentence cut, like ROUGE's -l).

``--twofold`` adds a cross-fitted estimate over all 77 articles: the scorer retrained on each half
(scripts/build_editor_summary.py's ``train``) and scored on the other, paired against lead per
article (mean difference and its standard error).

    nice .venv/bin/python benchmarks/summary_easc.py [--twofold]
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.editor.rouge import rouge_multi, rouge_tokens  # noqa: E402
from marsad.editor.summary import COEF, FEATURES, choose, features  # noqa: E402
from marsad.text.normalize import fold, light  # noqa: E402
from marsad.text.sentences import split  # noqa: E402
from marsad.shared_data import root as shared_root  # noqa: E402

EASC = shared_root() / "summaries" / "EASC" / "EASC-UTF-8"


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


def table(name: str, docs: list[dict]) -> None:
    systems = {"lead": lead, "TextRank": textrank_only, "Marsad": marsad}
    for protocol in ("k3", "words"):
        print(f"-- {name} ({len(docs)} articles), "
              f"{'3 sentences each' if protocol == 'k3' else 'lead-3 word budget each'}")
        rows = {}
        for sys_name, fn in systems.items():
            rows[sys_name] = r = evaluate(docs, fn, protocol)
            print(f"{sys_name:9s} R1 {r['R1']:.4f} F1 {r['F1']:.4f} R2 {r['R2']:.4f} F2 {r['F2']:.4f}"
                  f"  F1 x{r['F1'] / rows['lead']['F1']:.3f} F2 x{r['F2'] / rows['lead']['F2']:.3f} vs lead")


def paired(docs: list[dict], coefs: dict[int, dict[str, float]], protocol: str) -> str:
    """Mean per-article R-2 F difference (scorer - lead) with its standard error, and the ratio."""
    one = lambda d, fn: evaluate([d], fn, protocol)["F2"]  # noqa: E731
    diffs = [one(d, lambda d, k, w: marsad(d, k, w, coefs[d["topic"]])) - one(d, lead) for d in docs]
    mean = sum(diffs) / len(diffs)
    se = (sum((x - mean) ** 2 for x in diffs) / (len(diffs) - 1) / len(diffs)) ** 0.5
    base = evaluate(docs, lead, protocol)["F2"]
    return (f"R-2 F {base + mean:.4f} vs lead {base:.4f} (x{(base + mean) / base:.3f}), "
            f"difference {mean:+.4f} ± {se:.4f} s.e., {sum(1 for x in diffs if abs(x) < 1e-12)} identical")


def twofold(docs: list[dict]) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_editor_summary import train

    halves = {1: [d for d in docs if d["topic"] % 4 == 1], 3: [d for d in docs if d["topic"] % 4 == 3]}
    coef = {r: train(halves[4 - r]) for r in halves}  # trained on the other half
    coefs = {d["topic"]: coef[d["topic"] % 4] for d in docs}
    for protocol in ("k3", "words"):
        print(f"-- two-fold, all {len(docs)} articles, {protocol}: {paired(docs, coefs, protocol)}")


def main() -> None:
    if not EASC.is_dir():
        sys.exit(f"EASC not found at {EASC}")
    docs = load()
    for d in docs:
        prepare(d)
    print(f"EASC: {len(docs)} articles")
    table("tuning part, topics 4n+1 (the scorer was trained on these)", [d for d in docs if d["topic"] % 4 == 1])
    table("held out, topics 4n+3", [d for d in docs if d["topic"] % 4 == 3])
    if "--twofold" in sys.argv[1:]:
        twofold(docs)


if __name__ == "__main__":
    main()
