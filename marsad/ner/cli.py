"""`marsad train ner` and `marsad eval ner`.

`train` and `eval` are command groups that other parts of Marsad can join (``group(sub, "train")``
returns the group's subparsers, creating the group on first use), with ``ner`` one entry in each.
"""
from __future__ import annotations

import argparse
import json
import sys


def group(sub, name: str, help: str | None = None):
    """The subparsers of command group ``name`` (e.g. `marsad train X`), created once."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help)
        parser.set_defaults(_group_sub=parser.add_subparsers(dest=f"{name}_target", metavar="WHAT", required=True))
    return parser.get_default("_group_sub")


def register(sub) -> None:
    p = group(sub, "train", "rebuild a shipped model from its training data").add_parser(
        "ner", help="train the Arabic NER tagger (ANERcorp) and write marsad/data/ner")
    p.add_argument("--data", help="training file, `token TAG` per line (default: ../shared/data/ner/anercorp/train.txt)")
    p.add_argument("--out", help="directory for model.crfsuite and model.json (default: marsad/data/ner)")
    p.set_defaults(func=cmd_train)
    p = group(sub, "eval", "score a shipped model on a gold file").add_parser(
        "ner", help="entity-level P/R/F1 of the NER tagger on a `token TAG` file")
    p.add_argument("file", help="gold file: `token TAG` per line, blank line or `.` ends a sentence")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--model", help="a model.crfsuite (with its model.json) instead of the shipped one")
    p.set_defaults(func=cmd_eval)


def cmd_train(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from .train import train_ner

    try:
        meta = train_ner(args.data, args.out)
    except OSError as e:
        raise InputError(f"cannot write the model: {e.strerror or e} ({e.filename})") from None
    dev = meta["dev"]
    print(f"dev F1 {dev['f1']:.4f} (P {dev['precision']:.4f} R {dev['recall']:.4f}); "
          f"model {meta['model_bytes'] / 1e6:.1f} MB; {meta['trained_on']}")
    for t, s in dev["per_type"].items():
        print(f"  {t:5} P {s['precision']:.4f} R {s['recall']:.4f} F1 {s['f1']:.4f} ({s['support']})")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate

    result = evaluate(args.file, args.model)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(f"F1 {result['f1']:.4f}  P {result['precision']:.4f}  R {result['recall']:.4f}  "
          f"({result['tokens']} tokens, {result['tokens_per_second']} tokens/s)")
    for t, s in result["per_type"].items():
        print(f"  {t:5} P {s['precision']:.4f} R {s['recall']:.4f} F1 {s['f1']:.4f} ({s['support']})")
    sys.stdout.flush()
    return 0
