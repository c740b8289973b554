"""The entities stage: the article's mentions resolved to entities (ids e1, e2 ... in order of
first mention), linked to the offline knowledge base where it knows them."""
from __future__ import annotations

from ..article import Article
from .resolve import resolve


def run(art: Article) -> None:
    art.entities = resolve(art.text, getattr(art, "ner_spans", None) or [])
