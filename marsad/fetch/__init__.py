"""Pages from the web: a URL (page, RSS/Atom feed or sitemap), local feed/sitemap files, WARC archives.

Everything yields ``Article`` or ``InputError`` items, so a batch reports a bad item in one line
and goes on.  What a URL holds is decided from the response (content type and the first bytes),
not from the URL's shape.  Feeds and sitemaps remember what they yielded (``state.SeenState``)
so a re-run gives only new items.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from ..article import Article
from ..errors import InputError

if TYPE_CHECKING:  # httpx is imported only when something is fetched
    from .http import Fetcher, Response

MAX_SITEMAPS = 50  # child sitemaps read from one index
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
_FEED_RE = re.compile(rb"<(?:rss|feed|rdf:rdf)\b")
_SITEMAP_RE = re.compile(rb"<(?:urlset|sitemapindex)\b")
FETCH_OPTIONS = ("state", "delay", "timeout", "retries", "robots")

_probed: dict[str, tuple["Fetcher", "Response | InputError"]] = {}


def sniff_kind(content_type: str, data: bytes) -> str:
    """"feed", "sitemap" or "page", from the first bytes (and the content type when they say nothing)."""
    head = data[:4096].lower()
    html_at = head.find(b"<html")
    for kind, rx in (("sitemap", _SITEMAP_RE), ("feed", _FEED_RE)):
        m = rx.search(head)
        if m and (html_at < 0 or m.start() < html_at):
            return kind
    if content_type in FEED_TYPES:
        return "feed"
    return "page"


def _fetcher(allow_private: bool, max_bytes: int | None = None, **fopts) -> Fetcher:
    from .http import Fetcher

    kw = {k: fopts[k] for k in ("delay", "timeout", "retries", "robots") if fopts.get(k) is not None}
    if max_bytes:
        kw["max_bytes"] = max_bytes
    return Fetcher(allow_private=allow_private, **kw)


def _split(opts: dict) -> tuple[dict, dict]:
    """(fetch options, analysis options)."""
    return ({k: opts[k] for k in FETCH_OPTIONS if k in opts},
            {k: v for k, v in opts.items() if k not in FETCH_OPTIONS})


def probe(url: str, allow_private: bool = False, **opts) -> str | None:
    """Fetch ``url`` once to learn what it holds (kept for ``iter_url``); None when it fails."""
    fopts, aopts = _split(opts)
    fetcher = _fetcher(allow_private, aopts.get("max_bytes"), **fopts)
    resp = _fetch(fetcher, url, aopts.get("max_bytes"))
    _probed[url] = (fetcher, resp)
    return None if isinstance(resp, InputError) else sniff_kind(resp.content_type, resp.content)


def _fetch(fetcher: Fetcher, url: str, max_bytes: int | None) -> Response | InputError:
    try:
        return _gunzip(fetcher.get(url), max_bytes)
    except InputError as e:
        return e


def iter_url(source: str, allow_private: bool = False, **opts) -> Iterator[Article | InputError]:
    """A URL → one Article (a page) or a stream of them (a feed or sitemap)."""
    fopts, aopts = _split(opts)
    if source in _probed:
        fetcher, resp = _probed.pop(source)
    else:
        fetcher = _fetcher(allow_private, aopts.get("max_bytes"), **fopts)
        resp = _fetch(fetcher, source, aopts.get("max_bytes"))
    with fetcher:
        if isinstance(resp, InputError):
            yield resp
            return
        kind = sniff_kind(resp.content_type, resp.content)
        if kind == "page":
            yield _page(resp, **aopts)
        else:
            yield from _listing(kind, resp.content, resp.url, fetcher, fopts.get("state"), aopts)


def iter_listing_file(path: str, data: bytes, allow_private: bool = False, **opts) -> Iterator[Article | InputError]:
    """A feed or sitemap saved on disk: its items are fetched from the web."""
    fopts, aopts = _split(opts)
    kind = sniff_kind("", data)
    if kind == "page":
        kind = "feed"  # feedparser says in one line why it is not one
    with _fetcher(allow_private, aopts.get("max_bytes"), **fopts) as fetcher:
        yield from _listing(kind, data, path, fetcher, fopts.get("state"), aopts)


def iter_warc_file(path: str, **opts) -> Iterator[Article | InputError]:
    """Every HTML capture in a WARC archive, with the capture's URL and date in ``source``."""
    from ..pipeline import analyze
    from .warc import iter_warc

    _, aopts = _split(opts)
    for cap in iter_warc(path, **({"max_bytes": aopts["max_bytes"]} if aopts.get("max_bytes") else {})):
        if isinstance(cap, InputError):
            yield cap
            continue
        try:
            art = analyze(cap.content, url=cap.url, path=path, **aopts)
        except InputError as e:
            yield InputError(f"{path}: {cap.url}: {e}")
            continue
        art.source.fetched = cap.date
        yield art


def _gunzip(resp: Response, max_bytes: int | None) -> Response:
    """Sitemaps are often served as ``.xml.gz`` files (gzip bytes, not a Content-Encoding)."""
    if resp.content[:2] != b"\x1f\x8b":
        return resp
    import zlib

    from ..read.encoding import MAX_BYTES

    limit = max_bytes or MAX_BYTES
    try:
        d = zlib.decompressobj(wbits=31)
        data = d.decompress(resp.content, limit + 1)
    except zlib.error:
        raise InputError(f"{resp.url}: damaged gzip file") from None
    if len(data) > limit:
        raise InputError(f"{resp.url}: over the {limit // 2**20} MB limit once unzipped")
    resp.content = data
    return resp


def _page(resp: Response, published: str | None = None, **aopts) -> Article | InputError:
    from ..pipeline import analyze
    from ..read.encoding import decode

    ctype = resp.content_type
    if ctype and not any(t in ctype for t in ("html", "xml", "text")):
        return InputError(f"{resp.url}: not a web page ({ctype})")
    try:
        text, _ = decode(resp.content, declared=resp.charset,
                         **({"max_bytes": aopts["max_bytes"]} if aopts.get("max_bytes") else {}))
        art = analyze(text, url=resp.url, published=published, **aopts)
    except InputError as e:
        return InputError(f"{resp.url}: {e}")
    art.source.fetched = resp.fetched
    return art


def _listing(kind: str, data: bytes, where: str, fetcher: Fetcher, state_path: str | None,
             aopts: dict) -> Iterator[Article | InputError]:
    from .state import SeenState

    state = SeenState(state_path)
    try:
        items = _feed_items(data, where) if kind == "feed" else _sitemap_items(data, where, fetcher)
        for entry in items:
            if isinstance(entry, InputError):
                yield entry
                continue
            url, title, published, html = entry
            if url and where.startswith(("http://", "https://")):
                url = urljoin(where, url)  # relative links in the listing
            if not url or not state.is_new(url):
                continue
            result = _item(url, title, published, html, fetcher, aopts)
            if isinstance(result, Article):
                state.mark(url)
            yield result
    finally:
        state.save()


def _feed_items(data: bytes, where: str) -> Iterable[tuple | InputError]:
    from .feeds import parse_feed

    for it in parse_feed(data, where):
        yield it if isinstance(it, InputError) else (it.url, it.title, it.published, it.html)


def _sitemap_items(data: bytes, where: str, fetcher: Fetcher, depth: int = 0) -> Iterable[tuple | InputError]:
    from .sitemaps import parse_sitemap

    kind, entries = parse_sitemap(data, where)
    if kind == "urlset":
        for e in entries:
            yield e.url, e.title, e.published or e.lastmod, None
        return
    if depth >= 2:
        raise InputError(f"{where}: sitemap indexes nested too deep")
    for e in entries[:MAX_SITEMAPS]:
        try:
            child = _gunzip(fetcher.get(e.url), fetcher.max_bytes)
            yield from _sitemap_items(child.content, child.url, fetcher, depth + 1)
        except InputError as err:
            yield err
    if len(entries) > MAX_SITEMAPS:
        yield InputError(f"{where}: only the first {MAX_SITEMAPS} of {len(entries)} sitemaps were read")


def _item(url: str, title: str | None, published: str | None, html: str | None, fetcher: Fetcher,
          aopts: dict) -> Article | InputError:
    """One feed/sitemap item: its full content when the feed carries it, else the fetched page."""
    from ..pipeline import analyze

    if html and len(re.sub(r"<[^>]+>", " ", html).split()) >= 80:
        try:
            return analyze(html, url=url, title=title, published=published, format="html", **aopts)
        except InputError:
            pass  # the feed's copy is not enough: read the page itself
    try:
        resp = fetcher.get(url)
    except InputError as e:
        return e
    if sniff_kind(resp.content_type, resp.content) != "page":
        return InputError(f"{url}: a feed or sitemap item that is not a page")
    return _page(resp, published=published, **aopts)
