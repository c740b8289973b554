"""The ordered stages a page goes through.

``read`` turns raw input into an Article with clean text and blocks; each later stage is a
callable ``stage(article) -> None`` that enriches the Article in place, in the order of
``STAGES``.  Stages are imported lazily so that `import marsad` stays fast and an optional stage
with a missing extra can be left out of a run.
"""
from __future__ import annotations

import importlib
import os
from collections.abc import Callable

from .article import Article, Flag
from .errors import InputError
from .read import read

# (name, "module:function"), in order.  Later stages rely on earlier ones' layers.
STAGES: list[tuple[str, str]] = [
    ("text", "marsad.text.stage:run"),
    ("ner", "marsad.ner.stage:run"),
    ("entities", "marsad.entities.stage:run"),
    ("attribution", "marsad.attribution.stage:run"),
    ("timex", "marsad.events.time_stage:run"),
    ("events", "marsad.events.stage:run"),
    ("editor", "marsad.editor.stage:run"),
]

# Past this many characters (about thirty long articles) only the reading and text layers are
# built: several enrichment stages grow faster than linearly with length, and a page that long
# is a book or a dump of a whole site, not an article.
MAX_ANALYSIS_CHARS = 300_000


# A bug in one stage must not cost the user the page (or a batch its other pages): the stage's
# failure becomes a ``stage_failed`` flag and the other layers are kept; a failure while reading
# becomes one InputError line.  Tests set MARSAD_STRICT=1 to see such bugs as exceptions.
STRICT = bool(os.environ.get("MARSAD_STRICT"))

_loaded: dict[str, Callable[[Article], None]] = {}


def stage(name: str) -> Callable[[Article], None]:
    if name not in _loaded:
        target = dict(STAGES)[name]
        mod, fn = target.split(":")
        _loaded[name] = getattr(importlib.import_module(mod), fn)
    return _loaded[name]


def analyze(text_or_html: str | bytes, url: str | None = None, site: str | None = None,
            path: str | None = None, stages: list[str] | None = None, max_chars: int = MAX_ANALYSIS_CHARS,
            **read_options) -> Article:
    """Read one page (text dump or HTML, str or bytes) and run the pipeline over it."""
    try:
        art = read(text_or_html, url=url, site=site, path=path, **read_options)
    except (InputError, MemoryError):
        raise
    except Exception as e:
        if STRICT:
            raise
        raise InputError(f"the page could not be read (internal error, please report it: "
                         f"{type(e).__name__}: {e})") from None
    return enrich(art, stages, max_chars)


def enrich(art: Article, stages: list[str] | None = None, max_chars: int = MAX_ANALYSIS_CHARS) -> Article:
    """Run the pipeline's stages (all, or the named ones in pipeline order) over an Article."""
    too_long = len(art.text) > max_chars
    for name, _ in STAGES:
        if (stages is None or name in stages) and not (too_long and name != "text"):
            try:
                stage(name)(art)
            except Exception as e:
                if STRICT:
                    raise
                if name == "text":  # every later stage needs the text layer
                    raise InputError(f"the page could not be analysed (internal error, please report it: "
                                     f"{type(e).__name__}: {e})") from None
                art.flags.append(Flag(kind="stage_failed", text="", note=(
                    f"the {name} stage failed on this page ({type(e).__name__}: {e}); its layer may be "
                    "empty or partial, the others are complete — please report it")))
    if too_long:
        art.flags.append(Flag(kind="too_long", text="", note=(
            f"the text has {len(art.text):,} characters, over the {max_chars:,} analysed in full: "
            "entities, quotes, claims, events, time expressions and editor checks were not extracted")))
    return art
