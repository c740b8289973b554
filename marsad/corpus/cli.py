"""``marsad ingest``, ``marsad search`` and ``marsad export``: the corpus from the shell.

Every command takes ``--db URL`` (a SQLite path, default ./marsad.db, or a postgresql:// URL).  Ingest reads SOURCEs the
way ``marsad analyze`` does; one bad page is one line on stderr and the rest go on, and only a run
that stores nothing at all (every page failed) exits with 1.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys

from ..errors import InputError
from .store import DEFAULT_DB, NEW, UNCHANGED, UPDATED, StoreError, redact


def register(sub) -> None:
    p = sub.add_parser("ingest", help="analyse pages and store them in the corpus")
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="files, folders, .jsonl, .warc(.gz), URLs, feed or sitemap URLs")
    _db(p)
    p.add_argument("--site", help="the site's domain, for pages that do not say it")
    p.add_argument("--allow-private", action="store_true", help="allow fetching private/loopback addresses")
    p.add_argument("--max-bytes", type=_positive_int, default=None, help="refuse inputs larger than this")
    p.add_argument("--state", help="file remembering feed/sitemap items already read")
    p.add_argument("--json", action="store_true", help="print one line a stored article: id, status, version, cluster")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("search", help="full-text search over the corpus")
    p.add_argument("query", nargs="+", metavar="QUERY", help='words; "quoted phrases" must occur as written')
    _db(p)
    p.add_argument("--site", help="only this site (domain)")
    p.add_argument("--since", type=_day, help="published on or after YYYY-MM-DD")
    p.add_argument("--until", type=_day, help="published on or before YYYY-MM-DD")
    p.add_argument("--entity", help="only articles naming this entity (name, any spelling fold, or KB id)")
    p.add_argument("--limit", type=_positive_int, default=20, help="at most this many hits (default 20)")
    p.add_argument("--offset", type=_count, default=0, help="skip this many best hits first (the next page)")
    p.add_argument("--json", action="store_true", help="print [{id, headline, site, published, score, snippet}]")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("export", help="write the corpus (or its events) as JSONL, CSV or Parquet")
    _db(p)
    p.add_argument("--format", required=True, choices=("jsonl", "csv", "parquet", "events"),
                   help="jsonl: article objects; csv: flat rows; parquet: needs the 'parquet' extra; "
                        "events: CSV, one row an event")
    p.add_argument("--out", help="write to this file (default stdout; required for parquet)")
    p.add_argument("--excel", action="store_true",
                   help="csv/events for spreadsheets: a UTF-8 BOM, and formula-like cells quoted with '")
    p.set_defaults(func=cmd_export)


def _db(p) -> None:
    p.add_argument("--db", default=DEFAULT_DB, metavar="URL", type=db_url,
                   help="corpus database: a SQLite file path (default ./marsad.db) or a postgresql:// URL")


def db_url(value: str) -> str:
    """An argparse type: ``--db ""`` is a usage error, not a quiet fall back to ./marsad.db."""
    if not value.strip():
        raise argparse.ArgumentTypeError("give a SQLite file path or a postgresql:// URL")
    return value


def _positive_int(value: str) -> int:
    from ..cli import positive_int

    return positive_int(value)


def _count(value: str) -> int:
    from ..cli import whole_number

    return whole_number(value, 0)


def _day(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def cmd_ingest(args) -> int:
    from .store import open_store

    opts = {"max_bytes": args.max_bytes} if args.max_bytes else {}
    if args.state:
        opts["state"] = args.state
    counts = {NEW: 0, UPDATED: 0, UNCHANGED: 0, "failed": 0}

    def fail(err: InputError) -> None:  # one bad page or source: one line, and on
        counts["failed"] += 1
        print(f"marsad: {err}", file=sys.stderr)

    def summary() -> str:
        return (f"{counts[NEW]} new, {counts[UPDATED]} updated, {counts[UNCHANGED]} already stored, "
                f"{counts['failed']} failed")

    with open_store(args.db) as store:
        try:
            _ingest_sources(args, store, opts, counts, fail)
        except KeyboardInterrupt:  # each article is one transaction: what was stored stays whole
            print(f"marsad: interrupted after {summary()}; run it again to go on", file=sys.stderr)
            return 130
        total = store.count()
    stored_any = counts[NEW] + counts[UPDATED] + counts[UNCHANGED]
    print(f"{summary()}; {redact(args.db)} holds {total} article(s)", file=sys.stderr if args.json else sys.stdout)
    if not stored_any and counts["failed"]:
        raise InputError(f"nothing could be stored ({counts['failed']} failed)")
    return 0


def _ingest_sources(args, store, opts: dict, counts: dict, fail) -> None:
    """Every SOURCE into STORE, counting what happened; a bad page or source is reported and skipped."""
    from .. import sources

    for source in args.sources:
        try:
            many = sources.is_many(source, allow_private=args.allow_private, **opts)
            items = sources.iter_articles(source, site=args.site, allow_private=args.allow_private, **opts)
            for art in sources.with_progress(items, enabled=many):
                if isinstance(art, InputError):
                    fail(art)
                    continue
                try:
                    stored = store.add(art)
                except StoreError:
                    raise
                except InputError as e:
                    fail(e)
                    continue
                counts[stored.status] += 1
                if args.json:
                    print(json.dumps({**stored.to_dict(), "url": art.source.url, "headline": art.headline},
                                     ensure_ascii=False), flush=True)
        except StoreError:  # the corpus, not the page: stop at once, in one line
            raise
        except InputError as e:  # the source as a whole: missing, unreadable, unreachable
            fail(e if source in str(e) else InputError(f"{source}: {e}"))


def cmd_search(args) -> int:
    from .store import open_store

    query = " ".join(args.query)
    with open_store(args.db, create=False) as store:
        hits = store.search(query, site=args.site, since=args.since, until=args.until, entity=args.entity,
                            limit=args.limit, offset=args.offset)
        hint = None if args.json or args.entity else _entity_hint(store, query)
    if args.json:
        print(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        return 0
    if hint:
        print(f"marsad: {hint}", file=sys.stderr)
    if not hits:
        print(f"no hits for {query}")
    for i, h in enumerate(hits, 1):
        meta = ", ".join(x for x in (h.site, (h.published or "")[:10]) if x)
        print(f"{i}. {h.headline or '(no headline)'}" + (f"  ({meta})" if meta else "") + f"  [{h.id}  {h.score:.2f}]")
        lead = "…" if h.snippet_start > 0 else ""
        print(f"   {lead}{' '.join(h.snippet.split())}")
    return 0


def _entity_hint(store, query: str) -> str | None:
    """When the query is a name the knowledge base knows, how to find every spelling of it: the
    words match only as written, the entity filter matches the entity however it is spelled."""
    from .store import kb_entity

    known = kb_entity(query.strip().strip('"'))
    if not known:
        return None
    n = len(store.listing(entity=known[0], limit=1000))
    if not n:
        return None
    return (f"«{query}» is {known[1]} ({known[0]}): --entity {known[0]} finds the {n}{'+' if n == 1000 else ''} "
            "article(s) naming it in any spelling")


def _same_file(out: str, db: str) -> bool:
    """Whether OUT is the SQLite corpus DB (opening it for writing would empty the corpus)."""
    try:
        return os.path.samefile(out, db)
    except OSError:  # one of them does not exist (or DB is a URL)
        return False


def cmd_export(args) -> int:
    from .export import export
    from .store import open_store

    if args.format == "parquet" and not args.out:  # a usage error, said the way argparse says them
        print("marsad export: error: --format parquet needs --out FILE (Parquet is binary)", file=sys.stderr)
        return 2
    if args.out and _same_file(args.out, args.db):
        raise InputError(f"refusing to write the export over the corpus itself ({args.out}): give another --out")
    with open_store(args.db, create=False) as store:
        if args.format == "parquet":
            n = export(store, "parquet", args.out)
        elif args.out:
            try:
                fh = open(args.out, "w", encoding="utf-8", newline="")
            except OSError as e:
                raise InputError(f"cannot write {args.out}: {e.strerror}") from None
            try:
                with fh:
                    n = export(store, args.format, fh, excel=args.excel)
            except OSError as e:
                raise InputError(f"cannot write {args.out}: {e.strerror}") from None
        else:
            n = export(store, args.format, sys.stdout, excel=args.excel)
    if args.out:
        print(f"wrote {n} row(s) to {args.out}", file=sys.stderr)
    return 0
