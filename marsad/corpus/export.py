"""Writing the corpus out: JSONL article objects, a flat CSV, Parquet, or the events table.

- ``jsonl``: one article object a line, each with ``corpus`` (id, cluster, first_seen, version).
- ``csv``: one row an article: id, url, site, headline, published, cluster, version, first_seen, text.
- ``parquet`` (extra ``parquet``, pyarrow): one row an article, the batch layout (id, url, site,
  headline, published, text, cluster, version, first_seen, and each nested layer as a JSON string).
- ``events``: CSV, one row an event: the article's id, the event's fields flattened (actor, target
  and location with their entity names, the time expression's value, the trigger and its offsets),
  and the article's site and published date.  CSV because the table is flat and opens anywhere.

``excel=True`` (``--excel``) makes the two CSV formats safe to double-click: a UTF-8 byte-order
mark (without it Excel reads Arabic as Latin-1 garbage), and a ' before any cell a spreadsheet
would run as a formula (= + - @, tab, CR: page text is untrusted).  Plain CSV stays as it is for
programs.
"""
from __future__ import annotations

import csv
import json
from typing import IO

from ..errors import InputError
from .store import EVENT_COLUMNS, Store

FORMATS = ("jsonl", "csv", "parquet", "events")
CSV_COLUMNS = ("id", "url", "site", "headline", "published", "cluster", "version", "first_seen", "text")
PARQUET_ROWS = 1000  # rows per row group: memory stays flat on a large corpus
NESTED = ("source", "subheadings", "captions", "blocks", "chrome", "masthead", "byline", "dates", "entities",
          "quotes", "claims", "events", "timex", "flags", "summary", "keywords")


def export(store: Store, fmt: str, out: IO | str, excel: bool = False) -> int:
    """Write the corpus in FMT to OUT (a text stream, or a file path for parquet); returns rows written."""
    if fmt == "jsonl":
        return _jsonl(store, out)
    if fmt == "csv":
        return _write_csv((flat(art) for art in store.articles()), CSV_COLUMNS, out, excel)
    if fmt == "events":
        return _write_csv(store.events(), EVENT_COLUMNS, out, excel)
    if fmt == "parquet":
        return _parquet(store, out)
    raise InputError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")


def flat(art: dict) -> dict:
    """An article object as one flat row (the CSV and Parquet columns)."""
    c, dates = art["corpus"], art.get("dates") or {}
    published = dates.get("published") or (dates.get("page") or {}).get("gregorian")  # as search filters it
    return {"id": c["id"], "url": art["source"].get("url"), "site": art["source"].get("site"),
            "headline": art.get("headline"), "published": published,
            "cluster": c["cluster"], "version": c["version"], "first_seen": c["first_seen"], "text": art["text"]}


def _jsonl(store: Store, out: IO) -> int:
    n = 0
    for art in store.articles():
        out.write(json.dumps(art, ensure_ascii=False) + "\n")
        n += 1
    return n


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _write_csv(rows, columns: tuple[str, ...], out: IO, excel: bool = False) -> int:
    if excel:
        out.write("\ufeff")
    w = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    n = 0
    for row in rows:
        if excel:
            row = {k: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v for k, v in row.items()}
        w.writerow(row)
        n += 1
    return n


def _parquet(store: Store, out) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("Parquet export needs pyarrow: pip install 'marsad[parquet]'") from None
    if not isinstance(out, str):
        raise InputError("Parquet is binary: give a file with --out FILE")
    columns = list(CSV_COLUMNS) + list(NESTED)
    schema = pa.schema([(c, pa.int64() if c == "version" else pa.string()) for c in columns])
    n, rows = 0, []
    try:
        with pq.ParquetWriter(out, schema) as writer:
            for art in store.articles():
                rows.append({**flat(art), **{k: json.dumps(art.get(k), ensure_ascii=False) for k in NESTED}})
                if len(rows) == PARQUET_ROWS:
                    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                    n, rows = n + len(rows), []
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    except OSError as e:
        raise InputError(f"cannot write {out}: {e}") from None
    return n + len(rows)
