"""What a feed or sitemap run has already seen, so that a re-run yields only new items.

A small JSON file (default ``~/.cache/marsad/seen.json``, or ``$XDG_CACHE_HOME/marsad``): URL →
first time seen.  An item is marked only once it was read successfully, so a page that failed is
tried again next time.  Written atomically (temp file + rename) so a killed run leaves it whole.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile

from ..errors import InputError


def default_path() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "marsad", "seen.json")


class SeenState:
    def __init__(self, path: str | None = None):
        self.path = path or default_path()
        self.seen: dict[str, str] = {}
        if os.path.exists(self.path):
            try:
                with open(self.path, encoding="utf-8") as fh:
                    data = json.load(fh)
                self.seen = dict(data.get("seen", {})) if isinstance(data, dict) else {}
            except (OSError, ValueError) as e:
                raise InputError(f"cannot read the state file {self.path}: {e}") from None

    def is_new(self, url: str) -> bool:
        return url not in self.seen

    def mark(self, url: str) -> None:
        self.seen.setdefault(url, dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat())

    def save(self) -> None:
        folder = os.path.dirname(os.path.abspath(self.path))
        try:
            os.makedirs(folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".seen-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"seen": self.seen}, fh, ensure_ascii=False)
            os.replace(tmp, self.path)
        except OSError as e:
            raise InputError(f"cannot write the state file {self.path}: {e.strerror}") from None
