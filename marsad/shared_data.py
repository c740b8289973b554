"""The third-party data in ``../shared/data``, for build scripts, training and benchmarks only.

Nothing in the analysis pipeline reads it (users have no ``../shared``): what is derived from it
ships in ``marsad/data``.  The location can be moved with ``MARSAD_SHARED_DATA``.
"""
from __future__ import annotations

import json
import os
import zipfile
import zlib
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


def _dataset(root_dir: Path | None) -> Path:
    base = (Path(root_dir) if root_dir else root()) / "corpus" / "SaudiNewsNet" / "dataset"
    if not base.exists():
        raise InputError(f"shared data not found: {base} (set MARSAD_SHARED_DATA)")
    return base


def saudinewsnet_zips(root_dir: Path | None = None) -> list[Path]:
    """SaudiNewsNet's day files (YYYY-MM-DD.zip), in date order."""
    return sorted(_dataset(root_dir).glob("*.zip"))


@lru_cache(maxsize=32)
def saudinewsnet_day(zip_name: str, root_dir: Path | None = None) -> tuple[dict, ...]:
    """The articles of one day file, in file order, each with its day file's name under ``_zip``."""
    with zipfile.ZipFile(_dataset(root_dir) / zip_name) as zf:
        arts = [a for name in sorted(zf.namelist()) for a in json.loads(zf.read(name))]
    return tuple({**a, "_zip": zip_name} for a in arts)


def saudinewsnet(limit: int | None = None, nonempty: bool = True, root_dir: Path | None = None) -> Iterator[dict]:
    """SaudiNewsNet articles (CC BY-NC-SA) in a fixed order: day files sorted, articles in file order."""
    n = 0
    for z in saudinewsnet_zips(root_dir):
        for art in saudinewsnet_day(z.name, root_dir):
            if nonempty and not (art.get("content") or "").strip():
                continue
            yield art
            n += 1
            if limit and n >= limit:
                return


def unique_contents(root_dir: Path | None = None) -> Iterator[str]:
    """Each distinct article content once, in corpus order: unlabelled text for clusters and lexicons."""
    seen: set[int] = set()
    for art in saudinewsnet(nonempty=False, root_dir=root_dir):
        text = art.get("content") or ""
        h = zlib.crc32(text.encode("utf-8"))
        if h not in seen:
            seen.add(h)
            yield text


def saudinewsnet_article(zip_name: str, url: str) -> dict:
    """One article, named as gold sets name it: by day file and URL."""
    for art in saudinewsnet_day(zip_name):
        if art.get("url") == url:
            return art
    raise InputError(f"{url} is not in SaudiNewsNet's {zip_name}")


def as_page_dump(art: dict) -> str:
    """A SaudiNewsNet article as a page dump: its title line, then its content's lines."""
    return (art.get("title") or "") + "\n\n" + art["content"]
