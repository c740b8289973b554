"""`marsad train ner`: fit the CRF on ANERcorp's training part and write the shipped model.

Hyperparameters and feature groups below were chosen on the dev split only (the last 10% of the
training file's sentences; see benchmarks/ner_ablation.py and BENCHMARKS.md).  A run trains on
the first 90%, scores the dev split (the figures in the report), then refits on the whole file
with the same settings and writes that model: crfsuite's L-BFGS is deterministic, so the same
data and lexicons give the same model.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pycrfsuite

from .. import shared_data
from . import conll
from .features import DATA_DIR, Featurizer, Resources
from .score import score
from .tagger import MODEL_NAME

DEFAULT_DATA = shared_data.root() / "ner" / "anercorp" / "train.txt"
# Chosen on dev (BENCHMARKS.md, "Named-entity recognition").
BEST = {"groups": ["base", "rich", "gaz", "clusters", "autolex"], "c1": 0.02, "c2": 0.02,
        "max_iterations": 150}


class _Trainer(pycrfsuite.Trainer):
    """crfsuite's trainer, reporting each L-BFGS iteration to a progress bar instead of stdout."""

    def __init__(self, bar=None):
        super().__init__(verbose=False)
        self.bar = bar

    def message(self, message):
        if self.logparser.feed(message) == "iteration" and self.bar is not None:
            self.bar.update(1)


def fit(sents: list[conll.Sentence], featurizer: Featurizer, path: Path, c1: float, c2: float,
        max_iterations: int) -> Path:
    """Train and save a CRF; a progress bar on stderr when it is a terminal."""
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=max_iterations, desc=f"training {path.stem[:40]}", unit="iter", file=sys.stderr, leave=False)
    trainer = _Trainer(bar)
    for words, tags in sents:
        trainer.append(featurizer.sentence(words), tags)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations,
                        "feature.possible_transitions": True})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    if bar is not None:
        bar.close()
    return path


def predict(model: Path, featurizer: Featurizer, sents: list[conll.Sentence]) -> tuple[list[list[str]], float]:
    """Predicted tags and tokens per second (features + Viterbi, one process)."""
    crf = pycrfsuite.Tagger()
    crf.open(str(model))
    t0 = time.perf_counter()
    pred = [crf.tag(featurizer.sentence(words)) for words, _ in sents]
    dt = time.perf_counter() - t0
    n = sum(len(w) for w, _ in sents)
    return pred, n / dt if dt else 0.0


def run_config(train: list[conll.Sentence], dev: list[conll.Sentence], groups: list[str],
               c1: float, c2: float, max_iterations: int, workdir: Path,
               resources: Resources | None = None) -> dict:
    """Train on ``train`` with one configuration and score it on ``dev``."""
    res = resources or Resources.load()
    name = "+".join(groups) + f"_c1={c1}_c2={c2}"
    path = workdir / f"{name}.crfsuite"
    t0 = time.perf_counter()
    fit(train, Featurizer(groups, res), path, c1, c2, max_iterations)
    train_s = time.perf_counter() - t0
    pred, tps = predict(path, Featurizer(groups, res), dev)
    result = score([t for _, t in dev], pred)
    result.update(groups=groups, c1=c1, c2=c2, max_iterations=max_iterations,
                  tokens_per_second=round(tps), train_seconds=round(train_s),
                  model_bytes=path.stat().st_size)
    path.unlink()
    return result


def train_ner(data: str | Path | None = None, out: str | Path | None = None) -> dict:
    """Score the chosen configuration on dev, then write the model fitted on all the data."""
    data = Path(data) if data else DEFAULT_DATA
    out = Path(out) if out else DATA_DIR
    sents = conll.read(data)
    train, dev = conll.split_dev(sents)
    res = Resources.load(DATA_DIR)
    cfg = BEST
    dev_scores = run_config(train, dev, cfg["groups"], cfg["c1"], cfg["c2"], cfg["max_iterations"], out, res)
    model = out / MODEL_NAME
    t0 = time.perf_counter()
    fit(sents, Featurizer(cfg["groups"], res), model, cfg["c1"], cfg["c2"], cfg["max_iterations"])
    meta = {"groups": cfg["groups"], "c1": cfg["c1"], "c2": cfg["c2"],
            "max_iterations": cfg["max_iterations"], "trained_on": f"{data.name}: all {len(sents)} sentences",
            "dev": {"split": f"last {len(dev)} of {len(sents)} sentences; scores of a model fitted "
                             f"on the first {len(train)} only", **dev_scores},
            "train_seconds_full": round(time.perf_counter() - t0), "model_bytes": model.stat().st_size}
    model.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
    return meta
