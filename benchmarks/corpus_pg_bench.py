"""The corpus on SQLite and on PostgreSQL, side by side: store rate, search latency, same hits?, size.

    nice python benchmarks/corpus_pg_bench.py [--n 300] [--extra 2000] [--queries 50]

SaudiNewsNet articles are analysed ONCE (the first N through the full pipeline, the next EXTRA
with the text layer only), then the same Article objects are stored into a SQLite file and into
a throwaway PostgreSQL server (tests/pg_server.py: initdb in a temporary folder, Unix socket,
fsync off, as SQLite here commits without a sync), so analysis time does not hide the stores.

1. Store: articles/s for the first ``add`` of every article and for a re-ingest (all unchanged).
2. Search: QUERIES queries, two adjacent whole headline words (as corpus_bench.py; seed 7), each
   as written and typed plainly, and the first of the two words alone; latency median/p95 of ``Store.search`` (top 20 with snippets);
   top-10 overlap (Jaccard of the id sets) and whether the full hit sets are equal.
3. Size: the SQLite file; the PostgreSQL tables with their indexes and TOAST.
Skips with a message when ../shared/data or the PostgreSQL binaries/psycopg are absent.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from marsad.corpus import open_store  # noqa: E402
from marsad.corpus.search import unmark  # noqa: E402
from marsad.errors import InputError  # noqa: E402
from marsad.shared_data import as_page_dump, saudinewsnet  # noqa: E402
from marsad.sources import analyze_record  # noqa: E402
from marsad.text.normalize import fold_letters  # noqa: E402
from tests.pg_server import PgServer, unavailable  # noqa: E402

ARABIC_WORD_RE = re.compile("[\u0621-\u063a\u0641-\u064a]{3,}")
TABLES = ("articles", "article_versions", "article_entities", "article_entity_keys", "article_events",
          "article_lsh", "corpus_meta")


def record(a: dict) -> dict:
    return {"text": as_page_dump(a), "url": a["url"], "site": a["source"], "title": a["title"],
            "published": (a.get("date_extracted") or "")[:10]}


def analyse(raw: list[dict], n: int) -> list:
    out = []
    for i, a in enumerate(raw):
        try:
            out.append(analyze_record(record(a), stages=None if i < n else ["text"]))
        except InputError:
            pass
        except Exception as e:  # a reader bug, not the stores': reported, skipped
            print(f"   analysis crashed on {a['_zip']} {a['url']}: {e!r}")
    return out


def store_all(store, arts) -> float:
    """Articles per second through ``Store.add``."""
    t = time.perf_counter()
    for art in arts:
        store.add(art)
    return len(arts) / (time.perf_counter() - t)


def queries(arts, n: int, seed: int = 7) -> list[tuple[str, str]]:
    """(source article id, two adjacent whole headline words of 3+ Arabic letters)."""
    rng = random.Random(seed)
    out = []
    for art in rng.sample(arts, len(arts)):
        words = [w for w in re.findall(r"\w+", unmark(art.headline or "")) if ARABIC_WORD_RE.fullmatch(w)]
        pairs = list(zip(words, words[1:]))
        if pairs:
            out.append((art.corpus["id"], " ".join(rng.choice(pairs))))
        if len(out) == n:
            break
    return out


def timed(store, qs) -> tuple[list[float], list[list[str]]]:
    ms, ids = [], []
    for _, q in qs:
        t = time.perf_counter()
        hits = store.search(q, limit=20)
        ms.append((time.perf_counter() - t) * 1000)
        ids.append([h.id for h in hits])
    return ms, ids


def p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, int(round(0.95 * len(xs))) - 1)]


def jaccard(a, b) -> float:
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a | b else 1.0


def pg_size(url: str) -> int:
    with open_store(url) as store:
        row = store.db.execute("SELECT sum(pg_total_relation_size(c.oid)) AS b FROM pg_class c WHERE c.relname = ANY(%s) "
                               "AND c.relkind = 'r'", (list(TABLES),)).fetchone()
    return int(row["b"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300, help="articles through the full pipeline")
    ap.add_argument("--extra", type=int, default=2000, help="more articles with the text layer only")
    ap.add_argument("--queries", type=int, default=50)
    args = ap.parse_args()
    why = unavailable()
    try:
        import psycopg  # noqa: F401
    except ImportError:
        why = "psycopg is not installed: pip install -e '.[postgres]'"
    if why:
        print(f"skipped: {why}")
        return
    try:
        raw = list(saudinewsnet(args.n + args.extra))
    except InputError as e:
        print(f"skipped: {e}")
        return
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, psycopg {psycopg.__version__}")
    analyze_record(record(raw[0]))  # load the models outside the timing
    t = time.perf_counter()
    arts = analyse(raw, args.n)
    print(f"analysed {len(arts)} articles once ({args.n} full pipeline) in {time.perf_counter() - t:.0f} s")

    with tempfile.TemporaryDirectory() as tmp, PgServer() as pg:
        sqlite_path = os.path.join(tmp, "bench.db")
        pg_url = pg.create_database("bench")
        with psycopg.connect(pg.socket_url()) as conn:
            version = conn.execute("SHOW server_version").fetchone()[0]
        print(f"PostgreSQL {version} (throwaway server, fsync off); SQLite "
              f"{__import__('sqlite3').sqlite_version} (WAL, synchronous=NORMAL)")
        stores = {"SQLite": open_store(sqlite_path), "PostgreSQL": open_store(pg_url)}
        rates, again = {}, {}
        for name, store in stores.items():
            rates[name] = store_all(store, arts)
            again[name] = store_all(store, arts)
        print("\n1. store (Store.add, one transaction per article)")
        for name in stores:
            print(f"   {name:10}: new {rates[name]:6.1f} articles/s, re-ingest (unchanged) {again[name]:6.1f} articles/s")
        print(f"   ratio SQLite/PostgreSQL: new {rates['SQLite'] / rates['PostgreSQL']:.2f}, "
              f"re-ingest {again['SQLite'] / again['PostgreSQL']:.2f}")
        clusters = {name: len({a['corpus']['cluster'] for a in s.articles()}) for name, s in stores.items()}
        print(f"   articles {stores['SQLite'].count()} / {stores['PostgreSQL'].count()}; distinct clusters "
              f"{clusters['SQLite']} / {clusters['PostgreSQL']}")

        qs = queries(arts, args.queries)
        plain = [(aid, fold_letters(q)) for aid, q in qs]
        print(f"\n2. search over {stores['SQLite'].count()} articles, {len(qs)} headline queries, top 20 with snippets")
        single = [(aid, q.split()[0]) for aid, q in qs]
        for label, qset in (("two words as written", qs), ("two words typed plainly", plain), ("one word", single)):
            for s in stores.values():
                s.search(qset[0][1])  # warm caches
            res = {name: timed(s, qset) for name, s in stores.items()}
            full = {name: [{h.id for h in s.search(q, limit=100_000)} for _, q in qset] for name, s in stores.items()}
            print(f"   {label}:")
            for name, (ms, ids) in res.items():
                found = sum(aid in h for (aid, _), h in zip(qset, full[name])) / len(qset)
                print(f"     {name:10}: median {statistics.median(ms):.1f} ms, p95 {p95(ms):.1f} ms; hits/query "
                      f"{statistics.mean(map(len, full[name])):.1f}; source article found {found:.0%}")
            top10 = [jaccard(a[:10], b[:10]) for a, b in zip(res["SQLite"][1], res["PostgreSQL"][1])]
            same = sum(a == b for a, b in zip(full["SQLite"], full["PostgreSQL"]))
            top1 = sum(a[:1] == b[:1] for a, b in zip(res["SQLite"][1], res["PostgreSQL"][1]))
            print(f"     top-10 Jaccard SQLite vs PostgreSQL: mean {statistics.mean(top10):.3f}, min {min(top10):.2f}; "
                  f"same first hit {top1}/{len(qset)}; identical full hit sets {same}/{len(qset)}")
            print(f"     latency ratio SQLite/PostgreSQL (median): "
                  f"{statistics.median(res['SQLite'][0]) / statistics.median(res['PostgreSQL'][0]):.2f}")
        for s in stores.values():
            s.close()

        stores["SQLite"] = open_store(sqlite_path)
        stores["SQLite"].db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        stores["SQLite"].close()
        sq_size, pg_bytes = os.path.getsize(sqlite_path), pg_size(pg_url)
        n = len(arts)
        print(f"\n3. size: SQLite file {sq_size / 1e6:.1f} MB ({sq_size / n / 1024:.1f} KiB/article); PostgreSQL "
              f"tables + indexes + TOAST {pg_bytes / 1e6:.1f} MB ({pg_bytes / n / 1024:.1f} KiB/article); "
              f"whole database {pg.size('bench') / 1e6:.1f} MB; ratio PostgreSQL/SQLite {pg_bytes / sq_size:.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
