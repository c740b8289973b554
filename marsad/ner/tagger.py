"""The shipped CRF tagger: model.crfsuite plus model.json (its feature groups), loaded once per
process and shared by the pipeline stage and `marsad eval ner`.  The lexicons (gazetteer,
clusters) always come from marsad/data/ner, as in training."""
from __future__ import annotations

import json
import threading
from pathlib import Path

import pycrfsuite

from ..errors import InputError
from .features import DATA_DIR, Featurizer, Resources

MODEL_NAME = "model.crfsuite"


class Tagger:
    """BIO tags (PERS/LOC/ORG/MISC) for sentences of word tokens."""

    def __init__(self, model: str | Path | None = None, resources: Resources | None = None):
        path = Path(model) if model else DATA_DIR / MODEL_NAME
        meta_path = path.with_suffix(".json")
        if not path.is_file() or not meta_path.is_file():
            raise InputError(f"no NER model at {path} (run `marsad train ner`)")
        try:
            self.meta = json.loads(meta_path.read_text(encoding="utf-8"))
            self.resources = resources or Resources.load()  # the lexicons training used
            self.featurizer = Featurizer(self.meta["groups"], self.resources)
            self._crf = pycrfsuite.Tagger()
            self._crf.open(str(path))
        except (OSError, ValueError, KeyError) as e:
            raise InputError(f"cannot load NER model {path}: {e}") from None
        self._lock = threading.Lock()  # a crfsuite Tagger is not safe to share across threads

    def tag(self, words: list[str]) -> list[str]:
        if not words:
            return []
        feats = self.featurizer.sentence(words)
        with self._lock:
            return self._crf.tag(feats)


_default: Tagger | None = None
_default_lock = threading.Lock()


def default() -> Tagger:
    """The shipped tagger, loaded on first use."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Tagger()
    return _default
