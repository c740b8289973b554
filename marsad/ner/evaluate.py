"""`marsad eval ner FILE`: entity-level scores of a tagger on a `token TAG` file, and its speed."""
from __future__ import annotations

import time
from pathlib import Path

from . import conll
from .score import score
from .tagger import Tagger


def evaluate(path: str | Path, model: str | Path | None = None) -> dict:
    sents = conll.read(path)
    tagger = Tagger(model)
    tagger.tag(sents[0][0])  # warm the loaded model; not timed
    t0 = time.perf_counter()
    pred = [tagger.tag(words) for words, _ in sents]
    dt = time.perf_counter() - t0
    result = score([tags for _, tags in sents], pred)
    n = sum(len(w) for w, _ in sents)
    result["tokens_per_second"] = round(n / dt) if dt else None
    result["tokens"] = n
    return result
