"""Rebuild marsad/data/ner/vectors.npz: dense word vectors for the NER tagger's ``embed`` features.

Same corpus and word2vec recipe as scripts/build_ner_clusters.py (SaudiNewsNet contents plus the
first 90% of ANERcorp's training sentences; CBOW, one worker, seed 1, CRC32 hash, so a rebuild
gives the same file), at 50 dimensions.  The most frequent ``--top`` folded words ship, each
vector scaled to unit length and stored as int8 (value × 127), which keeps the file small and
the CRF's real-valued features in [-1, 1].  Not shipped (no dev gain, half the tagging speed;
BENCHMARKS.md): written for the ``embed``/``embin`` ablation rows.  Needs the `train` extra (gensim).

    nice python scripts/build_ner_vectors.py [--data ../shared/data] [--top 80000] [--dims 50]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from gensim.models import Word2Vec

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from marsad import shared_data  # noqa: E402

from build_ner_clusters import _hash, corpus  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(shared_data.root()))
    ap.add_argument("--out", default=str(ROOT / "marsad/data/ner/vectors.npz"))
    ap.add_argument("--top", type=int, default=80000, help="keep this many most frequent words")
    ap.add_argument("--dims", type=int, default=50)
    ap.add_argument("--epochs", type=int, default=5)
    args = ap.parse_args()
    t0 = time.time()
    sents = corpus(Path(args.data))
    print(f"corpus: {len(sents)} sentences, {sum(map(len, sents))} tokens ({time.time() - t0:.0f}s)")
    model = Word2Vec(sents, vector_size=args.dims, window=5, min_count=5, sg=0, workers=1, seed=1,
                     epochs=args.epochs, hashfxn=_hash, sample=1e-4)
    print(f"word2vec: {len(model.wv)} words ({time.time() - t0:.0f}s)")
    words = model.wv.index_to_key[: args.top]  # sorted by frequency
    vecs = np.asarray([model.wv[w] for w in words], dtype=np.float64)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    q = np.clip(np.rint(vecs * 127), -127, 127).astype(np.int8)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    blob = np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(out, words=blob, vectors=q)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB, {len(words)} words × {args.dims})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
