"""The third-party data in ``../shared/data``, for build scripts, training and benchmarks only.

Nothing in the analysis pipeline reads it (users have no ``../shared``): what is derived from it
ships in ``marsad/data``.  The location can be moved with ``MARSAD_SHARED_DATA``.
"""
from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from .errors import InputError

DEFAULT_ROOT = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def root() -> Path:
    return Path(os.environ.get("MARSAD_SHARED_DATA", DEFAULT_ROOT))


def path(*parts: str) -> Path:
    """A path under the shared data, or a one-line InputError saying where it was looked for."""
    p = root().joinpath(*parts)
    if not p.exists():
        raise InputError(f"shared data not found: {p} (set MARSAD_SHARED_DATA)")
    return p


def saudinewsnet_zips() -> list[Path]:
    """SaudiNewsNet's day files (YYYY-MM-DD.zip), in date order."""
    return sorted(path("corpus", "SaudiNewsNet", "dataset").glob("*.zip"))


@lru_cache(maxsize=32)
def saudinewsnet_day(zip_name: str) -> tuple[dict, ...]:
    """The articles of one day file, in file order, each with its day file's name under ``_zip``."""
    with zipfile.ZipFile(path("corpus", "SaudiNewsNet", "dataset", zip_name)) as zf:
        arts = [a for name in zf.namelist() for a in json.loads(zf.read(name))]
    return tuple({**a, "_zip": zip_name} for a in arts)


def saudinewsnet(limit: int | None = None, nonempty: bool = True) -> Iterator[dict]:
    """SaudiNewsNet articles (CC BY-NC-SA) in a fixed order: day files sorted, articles in file order."""
    n = 0
    for z in saudinewsnet_zips():
        for art in saudinewsnet_day(z.name):
            if nonempty and not (art.get("content") or "").strip():
                continue
            yield art
            n += 1
            if limit and n >= limit:
                return


def saudinewsnet_article(zip_name: str, url: str) -> dict:
    """One article, named as gold sets name it: by day file and URL."""
    for art in saudinewsnet_day(zip_name):
        if art.get("url") == url:
            return art
    raise InputError(f"{url} is not in SaudiNewsNet's {zip_name}")


def as_page_dump(art: dict) -> str:
    """A SaudiNewsNet article as a page dump: its title line, then its content's lines."""
    return (art.get("title") or "") + "\n\n" + art["content"]
