"""The text-layer stage: sentences and tokens of the clean text, for every later stage."""
from __future__ import annotations

from ..article import Article
from .sentences import split
from .tokenize import tokenize


def run(art: Article) -> None:
    art.sentences = [s for b in art.blocks for s in split(art.text, b.start, b.end)]
    art.tokens = tokenize(art.text)
