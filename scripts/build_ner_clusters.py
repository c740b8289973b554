"""Rebuild marsad/data/ner/clusters.tsv: word clusters for the NER tagger, learnt from unlabelled text.

word2vec (gensim, CBOW, one worker, fixed seed and a deterministic hash, so a rebuild gives the
same file) over SaudiNewsNet article contents plus the tokens of the ANERcorp training part
minus its dev tail (no dev text is seen), then spherical k-means (numpy) over the unit vectors of the
most frequent words: 1024 fine clusters, grouped into 256 and 64 coarser ones by clustering their
centroids, so the three levels nest like Brown-cluster prefixes.  Output: one line per word,
`word<TAB>c64<TAB>c256<TAB>c1024`, most frequent first.  Needs the `train` extra (gensim).

    nice python scripts/build_ner_clusters.py [--data ../shared/data] [--top 80000] [--sg 1]
"""
from __future__ import annotations

import argparse
import sys
import time
import zlib
from pathlib import Path

import numpy as np
from gensim.models import Word2Vec

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad import shared_data  # noqa: E402
from marsad.ner import conll  # noqa: E402
from marsad.shared_data import unique_contents  # noqa: E402
from marsad.ner.features import word_key  # noqa: E402
from marsad.text.tokenize import tokenize  # noqa: E402


def _hash(s: str) -> int:
    """Deterministic replacement for Python's salted str hash (gensim seeds vectors with it)."""
    return zlib.crc32(s.encode("utf-8"))


def corpus(data: Path) -> list[list[str]]:
    sents: list[list[str]] = []
    for text in unique_contents(data):
        for para in text.split("\n"):
            toks = [word_key(t.text) for t in tokenize(para) if t.kind != "punct"]
            if len(toks) > 2:
                sents.append(toks)
    train, _dev = conll.split_dev(conll.read(data / "ner/anercorp/train.txt"))
    for toks, _ in train:
        sents.append([word_key(t) for t in toks])
    return sents


def spherical_kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iters: int = 25):
    """Lloyd's k-means on unit vectors by cosine (one matrix product per step), seeded."""
    cent = x[rng.choice(len(x), k, replace=False)].copy()
    for _ in range(iters):
        assign = (x @ cent.T).argmax(axis=1)
        for c in range(k):
            members = x[assign == c]
            if len(members):
                v = members.sum(axis=0)
                cent[c] = v / (np.linalg.norm(v) + 1e-9)
    return cent, (x @ cent.T).argmax(axis=1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(shared_data.root()))
    ap.add_argument("--out", default=str(ROOT / "marsad/data/ner/clusters.tsv"))
    ap.add_argument("--top", type=int, default=80000, help="keep this many most frequent words")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--sg", type=int, default=0, choices=(0, 1), help="1: skip-gram instead of CBOW")
    args = ap.parse_args()
    t0 = time.time()
    sents = corpus(Path(args.data))
    print(f"corpus: {len(sents)} sentences, {sum(map(len, sents))} tokens ({time.time() - t0:.0f}s)")
    model = Word2Vec(sents, vector_size=100, window=5, min_count=5, sg=args.sg, workers=1, seed=1,
                     epochs=args.epochs, hashfxn=_hash, sample=1e-4)
    print(f"word2vec: {len(model.wv)} words ({time.time() - t0:.0f}s)")
    words = model.wv.index_to_key[: args.top]  # sorted by frequency
    vecs = np.asarray([model.wv[w] for w in words], dtype=np.float64)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(1)
    fine_c, fine = spherical_kmeans(vecs, 1024, rng)
    mid_c, mid_of_fine = spherical_kmeans(fine_c, 256, rng)
    _, top_of_mid = spherical_kmeans(mid_c, 64, rng)
    print(f"k-means done ({time.time() - t0:.0f}s)")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for w, c in zip(words, fine):
            m = mid_of_fine[c]
            f.write(f"{w}\t{top_of_mid[m]}\t{m}\t{c}\n")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB, {len(words)} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
