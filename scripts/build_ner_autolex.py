"""Rebuild marsad/data/ner/autolex.tsv: a name list learnt by the tagger itself from unlabelled news.

Self-training for the lexicon only: a CRF fitted on the first 90% of ANERcorp's training
sentences (never the dev tail), with the shipped gazetteer and clusters, tags SaudiNewsNet
article contents (CC BY-NC-SA 4.0; only folded names and a type ship, no text); every name it
finds at least ``--min-count`` times with one type in at least ``--agree`` of them becomes an
entry `folded phrase<TAB>A-TYPE`.  The `autolex` feature group then reads it like a gazetteer,
so names common in the news but absent from ANERcorp get a prior.  Deterministic: a fixed model
and a fixed, sorted pass over the corpus.

    nice python scripts/build_ner_autolex.py [--data ../shared/data] [--tokens 4000000]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad import shared_data  # noqa: E402
from marsad.ner import conll  # noqa: E402
from marsad.shared_data import unique_contents  # noqa: E402
from marsad.ner.features import Featurizer, Resources, word_key  # noqa: E402
from marsad.ner.score import entities  # noqa: E402
from marsad.ner.train import fit  # noqa: E402
from marsad.text.tokenize import tokenize  # noqa: E402

# The finding model: the best set before autolex existed (BENCHMARKS.md ablation), fixed here
# so that the list does not drift when the shipped configuration is retuned.
GROUPS = ["base", "rich", "gaz", "clusters", "triggers"]
C1, C2, ITERATIONS = 0.05, 0.05, 150


def paragraphs(data: Path):
    for text in unique_contents(data):
        yield from (p for p in text.split("\n") if p.strip())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(shared_data.root()))
    ap.add_argument("--out", default=str(ROOT / "marsad/data/ner/autolex.tsv"))
    ap.add_argument("--tokens", type=int, default=4_000_000, help="tag this many corpus tokens")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--agree", type=float, default=0.75)
    args = ap.parse_args()
    data = Path(args.data)
    t0 = time.time()
    train, _dev = conll.split_dev(conll.read(data / "ner/anercorp/train.txt"))
    res = Resources.load()
    feat = Featurizer(GROUPS, res)
    with tempfile.TemporaryDirectory() as tmp:
        model = fit(train, feat, Path(tmp) / "m.crfsuite", C1, C2, ITERATIONS)
        crf = pycrfsuite.Tagger()
        crf.open(str(model))
        print(f"model fitted on {len(train)} sentences ({time.time() - t0:.0f}s)")
        counts: dict[str, Counter] = defaultdict(Counter)
        n = 0
        for para in paragraphs(data):
            words = [t.text for t in tokenize(para)]
            tags = crf.tag(feat.sentence(words))
            for i, j, typ in entities(tags):
                counts[" ".join(word_key(w) for w in words[i:j])][typ] += 1
            n += len(words)
            if n >= args.tokens:
                break
    print(f"tagged {n} tokens, {len(counts)} distinct names ({time.time() - t0:.0f}s)")
    rows = []
    for phrase, c in counts.items():
        typ, k = c.most_common(1)[0]
        total = sum(c.values())
        if total >= args.min_count and k / total >= args.agree:
            rows.append(f"{phrase}\tA-{typ}\n")
    out = Path(args.out)
    out.write_text("".join(sorted(rows)), encoding="utf-8")
    print(f"wrote {out} ({len(rows)} names, {out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
