"""Speed of the shipped NER tagger on one core: `marsad eval ner` on the dev split (features +
Viterbi) and the pipeline stage on SaudiNewsNet articles (tokenize + tag + mentions).

The shipped model was refitted on the whole training file, dev included, so the F1 it prints on
the dev split is NOT a held-out score (model.json's "dev" block is); this script measures speed.

    taskset -c 0 nice python benchmarks/ner_speed.py [--data ../shared/data] [--articles 500]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.article import Article, Block  # noqa: E402
from marsad.ner import conll, stage  # noqa: E402
from marsad.ner.evaluate import evaluate  # noqa: E402
from marsad.ner.tagger import default  # noqa: E402
from marsad.text.tokenize import tokenize  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared/data"))
    ap.add_argument("--articles", type=int, default=500)
    args = ap.parse_args()
    data = Path(args.data)
    _, dev = conll.split_dev(conll.read(data / "ner/anercorp/train.txt"))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
        for words, tags in dev:
            f.write("".join(f"{w} {t}\n" for w, t in zip(words, tags)) + "\n")
    ev = evaluate(f.name)
    Path(f.name).unlink()
    print(f"eval ner on dev split: {ev['tokens']} tokens, {ev['tokens_per_second']} tokens/s")

    texts = []
    zf = zipfile.ZipFile(sorted((data / "corpus/SaudiNewsNet/dataset").glob("*.zip"))[0])
    for art in json.loads(zf.read(zf.namelist()[0]))[: args.articles]:
        texts.append(art.get("content") or "")
    t0 = time.perf_counter()
    default()
    load_s = time.perf_counter() - t0
    n_tok = n_ment = 0
    t0 = time.perf_counter()
    for text in texts:
        a = Article(text=text)  # one block per paragraph, as the reader lays them out
        start = 0
        for para in text.split("\n"):
            if para.strip():
                a.blocks.append(Block("paragraph", para, start, start + len(para)))
            start += len(para) + 1
        stage.run(a)
        n_tok += len(tokenize(text))
        n_ment += len(a.ner_spans)
    dt = time.perf_counter() - t0
    print(f"stage on {len(texts)} SaudiNewsNet articles: {n_tok} tokens, {n_tok / dt:.0f} tokens/s, "
          f"{n_ment} mentions; model load {load_s:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
