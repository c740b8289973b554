"""RSS and Atom feeds → the items they list (link, title, date, and full content when given)."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import feedparser

from ..errors import InputError


@dataclass
class Item:
    url: str | None
    title: str | None = None
    published: str | None = None
    html: str | None = None  # the full article when the feed carries it (content:encoded, Atom content)


def _iso(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = dict.get(entry, key)  # plain dict lookup: no feedparser key aliasing (and its warning)
        if t:
            return dt.datetime.fromtimestamp(calendar.timegm(t), dt.timezone.utc).isoformat().replace("+00:00", "Z")
    for key in ("published", "updated"):
        if dict.get(entry, key):  # a date feedparser cannot read (often written in Arabic)
            from ..read.metadata import _written_date

            if d := _written_date(entry[key]):
                return d
    return None


def parse_feed(data: bytes, where: str) -> list[Item | InputError]:
    """The feed's items, newest first as the feed lists them; InputError when it is not a feed.
    A damaged feed that still yields items gets an InputError in front of them, to be reported."""
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=True)
    why = type(parsed.get("bozo_exception")).__name__ if parsed.get("bozo_exception") else "no feed elements"
    if not parsed.entries:
        if parsed.get("bozo") or not parsed.get("version"):
            raise InputError(f"{where}: not an RSS or Atom feed ({why})")
        return []
    items: list[Item | InputError] = []
    if parsed.get("bozo"):
        items.append(InputError(f"{where}: damaged feed ({why}); reading the {len(parsed.entries)} item(s) it still has"))
    for e in parsed.entries:
        html = None
        for c in e.get("content") or []:
            if c.get("value") and len(c["value"]) > len(html or ""):
                html = c["value"]
        items.append(Item(url=e.get("link"), title=e.get("title"), published=_iso(e), html=html))
    return items
