"""NER ablation on the dev split (last 10% of ANERcorp's training part): baseline CRF, then each
feature group added one by one, then (--grid) a c1/c2 grid on the best feature set.  Dev only; the CAMeL test
part is never used.  Prints a Markdown table and writes the rows as JSON.

    nice python benchmarks/ner_ablation.py [--data PATH] [--out ner_ablation.json] [--configs 'base;base,rich'] [--c C1 C2] [--lexicons DIR] [--embed-scale X] [--grid]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.ner import conll, features  # noqa: E402
from marsad.ner.features import Resources  # noqa: E402
from marsad.ner.train import DEFAULT_DATA, run_config  # noqa: E402

ABLATION = [
    ["base"],
    ["base", "rich"],
    ["base", "rich", "gaz"],
    ["base", "rich", "clusters"],
    ["base", "rich", "triggers"],
    ["base", "rich", "gaz", "clusters"],
    ["base", "rich", "gaz", "clusters", "triggers"],
    ["base", "rich", "gaz", "clusters", "autolex"],
    ["base", "rich", "gaz", "clusters", "triggers", "autolex"],
]
DEFAULT_C = (0.05, 0.05)
GRID = [(0.02, 0.02), (0.05, 0.01), (0.1, 0.05), (0.2, 0.02), (0.02, 0.1)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--out", default="ner_ablation.json")
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--embed-scale", type=float, default=1.0, help="multiplier of the `embed` group's values")
    ap.add_argument("--lexicons", help="directory of gazetteer/clusters/autolex files (default: the shipped ones)")
    ap.add_argument("--grid", action="store_true", help="then run a c1/c2 grid on the best feature set")
    ap.add_argument("--configs", help="only these feature sets, e.g. 'base;base,rich'")
    ap.add_argument("--c", type=float, nargs=2, default=DEFAULT_C, metavar=("C1", "C2"),
                    help="regularisation of the feature-set rows (default 0.05 0.05)")
    args = ap.parse_args()
    train, dev = conll.split_dev(conll.read(args.data))
    features.EMBED_SCALE = args.embed_scale
    res = Resources.load(args.lexicons) if args.lexicons else Resources.load()
    sets = [c.split(",") for c in args.configs.split(";")] if args.configs else ABLATION
    rows: list[dict] = []
    print("| features | c1 | c2 | P | R | F1 | PERS | LOC | ORG | MISC | tok/s | model MB | train s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:

        def run(groups: list[str], c1: float, c2: float) -> None:
            r = run_config(train, dev, groups, c1, c2, args.iterations, Path(tmp), res)
            rows.append(r)
            pt = {t: r["per_type"].get(t, {}).get("f1", 0.0) for t in conll.TYPES}
            print(f"| {'+'.join(groups)} | {c1} | {c2} | {r['precision']:.3f} | {r['recall']:.3f} | "
                  f"**{r['f1']:.3f}** | {pt['PERS']:.3f} | {pt['LOC']:.3f} | {pt['ORG']:.3f} | "
                  f"{pt['MISC']:.3f} | {r['tokens_per_second']} | {r['model_bytes'] / 1e6:.1f} | "
                  f"{r['train_seconds']} |", flush=True)
            Path(args.out).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")

        for groups in sets:
            run(groups, *args.c)
        if args.grid:
            best = max(rows, key=lambda r: r["f1"])["groups"]
            for c1, c2 in GRID:
                run(best, c1, c2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
