"""SaudiNewsNet access for benchmarks: ../shared/data/corpus/SaudiNewsNet (CC BY-NC-SA), read in place."""
from __future__ import annotations

import glob
import json
import os
import zipfile
from collections.abc import Iterator

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "..", "..", "shared", "data", "corpus", "SaudiNewsNet", "dataset")


def articles(limit: int | None = None, root: str = DEFAULT) -> Iterator[dict]:
    """Articles in a fixed order (day files sorted, articles in file order)."""
    zips = sorted(glob.glob(os.path.join(root, "*.zip")))
    if not zips:
        raise SystemExit(f"SaudiNewsNet not found under {root}")
    n = 0
    for z in zips:
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for art in json.loads(zf.read(name)):
                    if not (art.get("content") or "").strip():
                        continue
                    art["_zip"] = os.path.basename(z)
                    yield art
                    n += 1
                    if limit and n >= limit:
                        return


def as_dump(art: dict) -> str:
    """The article as a page dump: title line, then the content's lines."""
    return (art.get("title") or "") + "\n\n" + art["content"]
