"""Raw input → Article with clean text and blocks.

Decides whether the input is HTML or a text dump, decodes bytes, refuses what is not an Arabic
page (one-line ``InputError``), and hands over to ``dump.read_dump`` or ``html.read_html``.
"""
from __future__ import annotations

import re
from urllib.parse import urlparse

from ..article import Article, Source
from ..errors import InputError
from ..text.normalize import arabic_ratio
from .encoding import MAX_BYTES, decode

HTML_RE = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.I)
MIN_ARABIC_RATIO = 0.3


def is_html(text: str) -> bool:
    head = text[:5000]
    return bool(HTML_RE.search(head)) and head.count("<") >= 3


def site_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host[4:] if host.startswith("www.") else host or None


def read(data: str | bytes, url: str | None = None, site: str | None = None, path: str | None = None,
         title: str | None = None, published: str | None = None, site_chrome: set[str] | None = None,
         max_bytes: int = MAX_BYTES, format: str | None = None) -> Article:
    """One page → Article.  ``format`` forces "html" or "dump"; otherwise it is sniffed."""
    if not isinstance(data, (str, bytes)):
        raise InputError(f"expected the page as text or bytes, got {type(data).__name__}")
    if isinstance(data, bytes):
        data, _ = decode(data, max_bytes=max_bytes)
    elif len(data) > max_bytes:
        raise InputError(f"input is {len(data) / 2**20:.1f} MB, over the {max_bytes / 2**20:g} MB limit (raise it with --max-bytes)")
    if not data.strip():
        raise InputError("input is empty")
    if "\x00" in data[:8192]:
        raise InputError("input looks binary (not a text or HTML page)")
    if site and "://" in site:  # --site https://www.example.com/news → example.com
        site = site_of(site)
    art = Article(source=Source(path=path, url=url, site=site or site_of(url)))
    fmt = format or ("html" if is_html(data) else "dump")
    if fmt == "html":
        from .html import read_html

        read_html(data, art, title=title)
    else:
        from .dump import read_dump

        read_dump(data, art, site_chrome=site_chrome, title=title)
    art.source.format = fmt
    if published and not art.dates.published:
        art.dates.published = published
    body = art.text or ""
    ratio = arabic_ratio(body)
    if not body.strip():
        raise InputError("no article text found in the input")
    if ratio < MIN_ARABIC_RATIO:
        raise InputError(f"not an Arabic page: {ratio:.0%} of its letters are Arabic")
    return art
