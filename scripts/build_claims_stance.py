"""Train the claim-stance model (agree / disagree / other) on ANS and write
marsad/data/claims/stance.json; print macro F1 on the ANS dev split.

    python scripts/build_claims_stance.py [--shared ../shared/data]
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad import shared_data  # noqa: E402
from marsad.attribution.stance import LABELS, predict_proba, train  # noqa: E402


def read_pairs(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [(r["s1"], r["s2"], r["stance"]) for r in csv.DictReader(fh) if r["stance"] in LABELS]


def macro_f1(gold: list[str], pred: list[str]) -> tuple[float, dict[str, float]]:
    per = {}
    for lab in LABELS:
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        fp = sum(p == lab != g for g, p in zip(gold, pred))
        fn = sum(g == lab != p for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per[lab] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return sum(per.values()) / len(per), per


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(shared_data.root()))
    ap.add_argument("--epochs", type=int, default=8)
    args = ap.parse_args(argv)
    base = Path(args.shared) / "claims" / "ANS" / "stance"
    if not (base / "train.csv").exists():
        print(f"missing {base}/train.csv", file=sys.stderr)
        return 1
    tr, dev = read_pairs(base / "train.csv"), read_pairs(base / "dev.csv")
    n = len(tr)
    counts = {lab: sum(1 for *_, y in tr if y == lab) for lab in LABELS}
    cw = {lab: (n / (len(LABELS) * c)) ** 0.5 for lab, c in counts.items()}  # soften the class skew
    weights = train(tr, epochs=args.epochs, class_weight=cw)
    pred = [max((p := predict_proba(weights, a, b)), key=p.get) for a, b, _ in dev]
    f1, per = macro_f1([y for *_, y in dev], pred)
    acc = sum(p == y for p, (*_, y) in zip(pred, dev)) / len(dev)
    out = ROOT / "marsad" / "data" / "claims" / "stance.json"
    out.write_text(json.dumps({"from": "ANS stance train split (latynt/ans, Apache-2.0)", "labels": list(LABELS),
                               "dev_macro_f1": round(f1, 4), "weights": weights}, separators=(",", ":")), "utf-8")
    print(json.dumps({"dev_macro_f1": round(f1, 4), "dev_accuracy": round(acc, 4),
                      "per_class_f1": {k: round(v, 4) for k, v in per.items()}, "train": n, "dev": len(dev),
                      "model_bytes": out.stat().st_size}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
