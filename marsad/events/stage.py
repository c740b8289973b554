"""The events stage: PLOVER events coded from the article's sentences into ``art.events``."""
from __future__ import annotations

from ..article import Article
from .plover import code_article, to_events


def run(art: Article) -> None:
    art.events = to_events(art, code_article(art))
