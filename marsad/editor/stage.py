"""The editor stage, last in the pipeline: summary, keywords and the editor's flags.

Flags are appended (other stages add theirs, e.g. the time stage's ``stale``)."""
from __future__ import annotations

from ..article import Article
from ..text.normalize import fold
from . import flags, spelling
from .keywords import keywords
from .summary import summarize


def run(art: Article) -> None:
    art.summary = [s.text for s in summarize(art)]
    typos = spelling.check(art)
    art.keywords = keywords(art, misspelled={fold(f.text) for f in typos})
    art.flags.extend(typos)
    art.flags.extend(flags.variant_flags(art))
    art.flags.extend(flags.date_flags(art))
    art.flags.extend(flags.preposition_flags(art))
