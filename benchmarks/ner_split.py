"""Write the NER train/dev split as two `token TAG` files (first 90% / last 10% of ANERcorp's
training sentences), so that `marsad train ner` and `marsad eval ner` can be checked held-out:

    python benchmarks/ner_split.py /tmp/ner
    marsad train ner --data /tmp/ner/train90.txt --out /tmp/ner/model
    marsad eval ner /tmp/ner/dev.txt --model /tmp/ner/model/model.crfsuite --json
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.ner import conll  # noqa: E402
from marsad.ner.train import DEFAULT_DATA  # noqa: E402


def write(path: Path, sents: list[conll.Sentence]) -> None:
    path.write_text("".join("".join(f"{w} {t}\n" for w, t in zip(words, tags)) + "\n"
                            for words, tags in sents), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", help="directory for train90.txt and dev.txt")
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    train, dev = conll.split_dev(conll.read(args.data))
    write(out / "train90.txt", train)
    write(out / "dev.txt", dev)
    print(f"{out}/train90.txt: {len(train)} sentences; {out}/dev.txt: {len(dev)} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
