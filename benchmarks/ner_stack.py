"""Stacked second-pass CRF on the dev split (Krishnan & Manning 2006): the first pass is the shipped
configuration; the second sees its labels at ±2 and per-document votes for the same word form.
Not shipped (BENCHMARKS.md: +0.3 F1 over the shipped tagger + consistency pass, inside the noise,
at the cost of a second model and a second Viterbi pass).
Training labels for the second pass come from K first-pass models each fitted without that fold.
Dev is tagged by a first pass fitted on the whole first 90%, grouped in 25-sentence stretches
standing in for articles.  Dev only; the CAMeL test part is never used.

    nice python benchmarks/ner_stack.py [--data PATH] [--folds 4] [--groups base,rich,...]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.ner import conll  # noqa: E402
from marsad.ner.consistency import propagate  # noqa: E402
from marsad.ner.features import Featurizer, Resources, word_key  # noqa: E402
from marsad.ner.score import score  # noqa: E402
from marsad.ner.train import BEST, DEFAULT_DATA, fit  # noqa: E402

DOC_SENTENCES = 25  # stretch of ANERcorp sentences that stands in for an article in training


def _type(tag: str) -> str:
    return tag[2:] if tag != "O" else "O"


def doc_votes(doc: list[list[str]], tags: list[list[str]]) -> dict[str, tuple[str, int, int]]:
    """Folded word → (its most frequent entity type, times tagged as an entity, mentions)."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for words, ts in zip(doc, tags):
        for w, t in zip(words, ts):
            seen[word_key(w)][_type(t)] += 1
    out = {}
    for k, c in seen.items():
        n = sum(c.values())
        ent = n - c["O"]
        if ent:
            typ = max((t for t in c if t != "O"), key=lambda t: (c[t], t))
            out[k] = (typ, ent, n)
    return out


def add_features(feats: list[list[str]], words: list[str], tags: list[str],
                 votes: dict[str, tuple[str, int, int]]) -> list[list[str]]:
    """The first pass's feature lists extended with its labels and the document votes."""
    n = len(words)
    out = []
    for i in range(n):
        f = list(feats[i])
        for d in (-2, -1, 0, 1, 2):
            j = i + d
            f.append(f"L{d}={tags[j] if 0 <= j < n else '_'}")
        f.append(f"L-1|0={tags[i - 1] if i else '_'}|{tags[i]}")
        f.append(f"L0|1={tags[i]}|{tags[i + 1] if i + 1 < n else '_'}")
        v = votes.get(word_key(words[i]))
        if v:
            typ, ent, total = v
            f.append("dv=" + typ)
            f.append(f"dv{typ}={'most' if 2 * ent > total else 'some'}")
            if total > 1:
                f.append("dvrep=" + typ)
        out.append(f)
    return out


def documents(n: int, size: int = DOC_SENTENCES) -> list[range]:
    """Consecutive stretches of ``size`` sentence indices (ANERcorp marks no article bounds)."""
    return [range(s, min(s + size, n)) for s in range(0, n, size)]


def tag(model: Path, feat: Featurizer, sents) -> list[list[str]]:
    crf = pycrfsuite.Tagger()
    crf.open(str(model))
    return [crf.tag(feat.sentence(w)) for w, _ in sents]


def second_features(feat: Featurizer, sents, first: list[list[str]]):
    out = []
    for doc in documents(len(sents)):
        words = [sents[i][0] for i in doc]
        votes = doc_votes(words, [first[i] for i in doc])
        out += [add_features(feat.sentence(w), w, first[i], votes) for i, w in zip(doc, words)]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--groups", default=",".join(BEST["groups"]))
    args = ap.parse_args()
    groups = args.groups.split(",")
    c1, c2, it = BEST["c1"], BEST["c2"], BEST["max_iterations"]
    train, dev = conll.split_dev(conll.read(args.data))
    feat = Featurizer(groups, Resources.load())
    gold = [t for _, t in dev]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        oof: list[list[str]] = [[] for _ in train]
        size = -(-len(train) // args.folds)
        for k in range(args.folds):
            lo, hi = k * size, min((k + 1) * size, len(train))
            m = fit(train[:lo] + train[hi:], feat, tmp / f"f{k}.crfsuite", c1, c2, it)
            oof[lo:hi] = tag(m, feat, train[lo:hi])
            print(f"fold {k}: {score([t for _, t in train[lo:hi]], oof[lo:hi])['f1']:.3f}", flush=True)
        first_model = fit(train, feat, tmp / "first.crfsuite", c1, c2, it)
        first = tag(first_model, feat, dev)
        r1 = score(gold, first)
        second_model = tmp / "second.crfsuite"
        trainer = pycrfsuite.Trainer(verbose=False)
        for f, (_, t) in zip(second_features(feat, train, oof), train):
            trainer.append(f, t)
        trainer.set_params({"c1": c1, "c2": c2, "max_iterations": it, "feature.possible_transitions": True})
        trainer.train(str(second_model))
        crf2 = pycrfsuite.Tagger()
        crf2.open(str(second_model))
        crf1 = pycrfsuite.Tagger()
        crf1.open(str(first_model))
        t0 = time.perf_counter()
        p1 = [crf1.tag(feat.sentence(w)) for w, _ in dev]
        pred = []
        for doc in documents(len(dev)):
            words = [dev[i][0] for i in doc]
            votes = doc_votes(words, [p1[i] for i in doc])
            pred += [crf2.tag(add_features(feat.sentence(w), w, p1[i], votes)) for i, w in zip(doc, words)]
        tps = sum(len(w) for w, _ in dev) / (time.perf_counter() - t0)
        r2 = score(gold, pred)
        spread1, spread2 = [], []
        for doc in documents(len(dev)):
            words = [dev[i][0] for i in doc]
            spread1 += propagate(words, [first[i] for i in doc])
            spread2 += propagate(words, [pred[i] for i in doc])
        r1c, r2c = score(gold, spread1), score(gold, spread2)
        mb = second_model.stat().st_size / 1e6
    for name, r in (("first pass", r1), ("first pass + consistency", r1c), ("stacked", r2),
                    ("stacked + consistency", r2c)):
        pt = " | ".join(f"{r['per_type'].get(t, {}).get('f1', 0.0):.3f}" for t in conll.TYPES)
        print(f"| {name} | {r['precision']:.3f} | {r['recall']:.3f} | **{r['f1']:.3f}** | {pt} |")
    print(f"two passes: {tps:.0f} tokens/s (warm cache), second model {mb:.1f} MB")
    rng = random.Random(1)
    wins, diffs = 0, []
    for _ in range(1000):
        idx = rng.choices(range(len(dev)), k=len(dev))
        g = [gold[i] for i in idx]
        d = score(g, [spread2[i] for i in idx])["f1"] - score(g, [spread1[i] for i in idx])["f1"]
        diffs.append(d)
        wins += d > 0
    diffs.sort()
    print(f"paired bootstrap, stacked+consistency minus first+consistency: 95% {diffs[25]:+.3f}..{diffs[974]:+.3f}, "
          f"better in {wins / 10:.0f}% of 1000 resamples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
