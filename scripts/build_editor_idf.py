"""Build marsad/data/editor/idf.tsv.gz: document frequencies of folded words and collocations.

Source: ../shared/data/corpus/SaudiNewsNet/dataset/*.zip (CC BY-NC-SA 4.0; only counts are kept,
no text).  The last day's zip is held out: the editor's flag benchmark samples its articles, so a
typo there cannot be "known" merely because it was counted here.

Rows: ``key<TAB>df``; the first row is ``#N<TAB>documents``.  Keys are ``fold``ed words (df >= 3)
and word bigrams/trigrams (df >= 8, no stopword at either edge) that keyword extraction keeps whole.
"""
from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad import shared_data  # noqa: E402
from marsad.editor.lexicon import is_wordlike  # noqa: E402
from marsad.text.stopwords import STOPWORDS  # noqa: E402
from marsad.shared_data import saudinewsnet  # noqa: E402
from marsad.text.normalize import fold  # noqa: E402
from marsad.text.tokenize import tokenize  # noqa: E402

HELD_OUT = "2015-08-11.zip"


def documents(data: Path):
    for rec in saudinewsnet(nonempty=False, root_dir=data):
        if rec["_zip"] != HELD_OUT:
            yield f"{rec.get('title') or ''}\n{rec.get('content') or ''}"


def runs(text: str) -> list[list[str]]:
    """Folded word runs between punctuation marks: n-grams never cross a comma or a full stop."""
    out, cur = [], []
    for t in tokenize(text):
        if t.kind == "word":
            cur.append(fold(t.text))
        else:
            if cur:
                out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=shared_data.root(), help="the shared data folder")
    ap.add_argument("--out", type=Path, default=ROOT / "marsad/data/editor/idf.tsv.gz")
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--min-phrase-df", type=int, default=8)
    args = ap.parse_args()
    if not (args.data / "corpus" / "SaudiNewsNet" / "dataset").is_dir():
        sys.exit(f"no SaudiNewsNet under {args.data}")
    words: Counter[str] = Counter()
    grams: Counter[str] = Counter()
    n = 0
    seen: set[int] = set()
    for doc in documents(args.data):
        h = hash(doc)
        if h in seen:  # syndicated copies would inflate df
            continue
        seen.add(h)
        n += 1
        ws, gs = set(), set()
        for run in runs(doc):
            ws.update(w for w in run if is_wordlike(w))
            for k in (2, 3):
                for i in range(len(run) - k + 1):
                    g = run[i:i + k]
                    if g[0] in STOPWORDS or g[-1] in STOPWORDS or not all(map(is_wordlike, g)):
                        continue
                    gs.add(" ".join(g))
        words.update(ws)
        grams.update(gs)
    rows = [(w, c) for w, c in words.items() if c >= args.min_df]
    rows += [(g, c) for g, c in grams.items() if c >= args.min_phrase_df]
    rows.sort(key=lambda r: (-r[1], r[0]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    body = f"#N\t{n}\n" + "".join(f"{k}\t{c}\n" for k, c in rows)
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write(body.encode("utf-8"))  # mtime=0: the same inputs give the same bytes
    print(f"{n} documents, {sum(1 for k, _ in rows if ' ' not in k)} words, "
          f"{sum(1 for k, _ in rows if ' ' in k)} phrases -> {args.out} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
