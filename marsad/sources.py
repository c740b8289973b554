"""Where pages come from: a file, stdin, a folder, a JSONL file or a URL → a stream of Articles.

Batch sources yield an ``InputError`` in place of an item that fails, so one bad page is
reported and the rest still go through.  A folder is read twice: once to learn each site's
furniture (lines common to many of its pages), then for real.
"""
from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator

from .article import Article
from .errors import InputError
from .pipeline import analyze

PAGE_EXTS = (".txt", ".html", ".htm", ".xhtml")


def looks_like_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


WARC_EXTS = (".warc", ".warc.gz")
LISTING_EXTS = (".xml", ".rss", ".atom")


def is_many(source: str, allow_private: bool = False, **opts) -> bool:
    """Whether SOURCE gives a stream of articles (a URL is fetched once to tell; the answer is kept)."""
    if looks_like_url(source):
        from .fetch import probe

        return probe(source, allow_private=allow_private, **opts) in ("feed", "sitemap")
    return (os.path.isdir(source) or source.endswith(".jsonl") or source.lower().endswith(WARC_EXTS)
            or _listing_kind(source) is not None)


def _listing_kind(path: str) -> str | None:
    """"feed" or "sitemap" for a local XML file that is one, else None."""
    if not path.lower().endswith(LISTING_EXTS) or not os.path.isfile(path):
        return None
    from .fetch import sniff_kind

    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    kind = sniff_kind("", head)
    if kind == "page" and not path.lower().endswith(".xml"):
        return "feed"  # a .rss/.atom file is read as a feed, and told off in one line if it is not one
    return None if kind == "page" else kind


def _read_file(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise InputError(f"is a directory: {path}") from None
    except PermissionError:
        raise InputError(f"cannot read {path}: permission denied") from None
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror}") from None


def iter_articles(source: str, url: str | None = None, site: str | None = None,
                  allow_private: bool = False, **opts) -> Iterator[Article | InputError]:
    from .fetch import FETCH_OPTIONS

    fetch_opts = {k: opts.pop(k) for k in FETCH_OPTIONS if k in opts}
    if source == "-":
        yield analyze(sys.stdin.buffer.read(), url=url, site=site, path="-", **opts)
    elif looks_like_url(source):
        from .fetch import iter_url

        yield from iter_url(source, allow_private=allow_private, **fetch_opts, **opts)
    elif os.path.isdir(source):
        yield from iter_folder(source, site=site, **opts)
    elif source.endswith(".jsonl"):
        yield from iter_jsonl(source, **opts)
    elif not os.path.exists(source):
        raise InputError(f"no such file or URL: {source}")
    elif source.lower().endswith(WARC_EXTS):
        from .fetch import iter_warc_file

        yield from iter_warc_file(source, **opts)
    elif _listing_kind(source):
        from .fetch import iter_listing_file

        yield from iter_listing_file(source, _read_file(source), allow_private=allow_private, **fetch_opts, **opts)
    else:
        yield analyze(_read_file(source), url=url, site=site, path=source, **opts)


def iter_folder(folder: str, site: str | None = None, **opts) -> Iterator[Article | InputError]:
    """Every page file under ``folder``, with furniture learned from the folder's own pages."""
    from .read.dump import learn_site_chrome
    from .read.encoding import decode

    paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs if f.lower().endswith(PAGE_EXTS))
    if not paths:
        raise InputError(f"no .txt or .html pages in {folder}")
    texts: dict[str, str | InputError] = {}
    for p in paths:
        try:
            texts[p] = decode(_read_file(p), **({"max_bytes": opts["max_bytes"]} if "max_bytes" in opts else {}))[0]
        except InputError as e:
            texts[p] = InputError(f"{p}: {e}")
    chrome = learn_site_chrome(t for t in texts.values() if isinstance(t, str))
    for p, t in texts.items():
        if isinstance(t, InputError):
            yield t
            continue
        try:
            yield analyze(t, site=site, path=p, site_chrome=chrome, **opts)
        except InputError as e:
            yield InputError(f"{p}: {e}")


def iter_jsonl(path: str, **opts) -> Iterator[Article | InputError]:
    """One JSON object a line with ``text`` or ``html`` (and optional id, url, site, title, published)."""
    try:
        fh = open(path, encoding="utf-8", errors="replace")
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror}") from None
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield analyze_record(json.loads(line), where=f"{path}:{n}", **opts)
            except (json.JSONDecodeError, RecursionError):  # RecursionError: nested past Python's stack
                yield InputError(f"{path}:{n}: not a JSON object")
            except InputError as e:
                yield InputError(f"{path}:{n}: {e}")


def analyze_record(rec: dict, where: str | None = None, **opts) -> Article:
    """A JSONL/API record → Article."""
    if not isinstance(rec, dict):
        raise InputError("not a JSON object")
    body = rec.get("html") or rec.get("text")
    if body is not None and not isinstance(body, str):
        raise InputError("the record's 'text'/'html' must be a string")
    if not body or not body.strip():
        raise InputError("record has no 'text' or 'html'")
    meta = {k: _clean(v) if isinstance(v, str) else v for k, v in rec.items() if k in ("url", "site", "title", "id")}
    art = analyze(_SURROGATE_RE.sub("\ufffd", body), url=meta.get("url"), site=meta.get("site"), path=where,
                  title=meta.get("title"), published=iso_date(rec.get("published")),
                  format="html" if rec.get("html") else None, **opts)
    if meta.get("id"):
        art.source.id = str(meta["id"])
    return art


# JSON can carry what no page can: a lone "\ud83d" escape (not encodable as UTF-8, so no store or
# output could take it), control characters (PostgreSQL text refuses NUL) and bidi overrides (a
# U+202E in a site name turns the rest of a line around wherever it is shown).
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _clean(value: str) -> str:
    """A record's metadata string without lone surrogates (→ U+FFFD), control and bidi characters."""
    return _CONTROL_RE.sub("", _SURROGATE_RE.sub("\ufffd", value))


def iso_date(value) -> str | None:
    """A record's ``published`` as an ISO date(time), or None when it is not one (the contract's type)."""
    if not isinstance(value, str):
        return None
    import datetime as dt

    value = value.strip()
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value).isoformat()
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return None


def with_progress(items: Iterable, enabled: bool) -> Iterable:
    """A progress bar on stderr when it is a terminal and the source has many items."""
    if not enabled or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, unit="page", file=sys.stderr)
