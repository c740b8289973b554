"""Effect of the NER stage's article-level consistency pass (marsad.ner.consistency) on the dev
split: the shipped configuration is fitted on the first 90% of ANERcorp's training sentences,
the dev tail is tagged sentence by sentence, then scored as is and after `propagate` over
consecutive stretches of N sentences standing in for articles (ANERcorp marks no article
boundaries).  Also prints a bootstrap interval, to read the ablation's differences against.

    nice python benchmarks/ner_document.py [--data PATH] [--window 25]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.ner import conll  # noqa: E402
from marsad.ner.consistency import propagate  # noqa: E402
from marsad.ner.features import Featurizer, Resources  # noqa: E402
from marsad.ner.score import score  # noqa: E402
from marsad.ner.train import BEST, DEFAULT_DATA, fit  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--window", type=int, nargs="+", default=[10, 25, 50])
    args = ap.parse_args()
    train, dev = conll.split_dev(conll.read(args.data))
    feat = Featurizer(BEST["groups"], Resources.load())
    with tempfile.TemporaryDirectory() as tmp:
        model = fit(train, feat, Path(tmp) / "m.crfsuite", BEST["c1"], BEST["c2"], BEST["max_iterations"])
        crf = pycrfsuite.Tagger()
        crf.open(str(model))
        pred = [crf.tag(feat.sentence(words)) for words, _ in dev]
    gold = [t for _, t in dev]

    def row(name: str, tags) -> None:
        r = score(gold, tags)
        pt = " ".join(f"{t} {r['per_type'][t]['f1']:.3f}" for t in conll.TYPES)
        print(f"| {name} | {r['precision']:.3f} | {r['recall']:.3f} | **{r['f1']:.3f}** | {pt} |")

    print("| dev split | P | R | F1 | per type F1 |\n|---|---|---|---|---|")
    row("sentence by sentence (`marsad eval ner`)", pred)
    for w in args.window:
        spread = []
        for s in range(0, len(dev), w):
            spread += propagate([words for words, _ in dev[s:s + w]], pred[s:s + w])
        row(f"+ consistency over {w}-sentence stretches", spread)
    rng = random.Random(1)
    f1s = sorted(score(*zip(*[(gold[i], pred[i]) for i in rng.choices(range(len(dev)), k=len(dev))]))["f1"]
                 for _ in range(1000))
    print(f"\nsentence-level F1, 95% bootstrap interval over dev sentences (1000 resamples): "
          f"{f1s[25]:.3f}-{f1s[974]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
