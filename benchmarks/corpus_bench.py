"""Corpus speed and search quality on SaudiNewsNet: ingest, size, search latency, folding's effect.

    nice python benchmarks/corpus_bench.py [--n 500] [--extra 4500] [--queries 50] [--db PATH]

1. Ingest: N articles (title + content as a page dump, with url, site and date) through the full
   pipeline and ``Store.add``; analysis and storing are timed apart, and inside storing the
   MinHash signature and the search keys.
2. Scale: EXTRA more articles with only the text layer (search needs no more), so search runs over
   N + EXTRA articles.
3. Search: QUERIES queries, two adjacent content words from the headlines of articles drawn at
   random (seeded; whole words of three letters or more, diacritics dropped), each asked twice: as the headline spells it, and typed plainly (no hamza, ي for
   ى, ه for ة — how many people type).  Marsad's FTS5 search (folded keys, bm25, snippets) against
   the naive baseline, ``text LIKE '%w1%' AND text LIKE '%w2%'`` over the stored original text.
   Reported: latency median/p95, hits per query, and recall of the article the query came from.
Skips with a message when ../shared/data is absent.
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

from marsad.corpus import dedup, open_store
from marsad.corpus.search import index_text, key, unmark
from marsad.errors import InputError
from marsad.shared_data import as_page_dump, saudinewsnet
from marsad.sources import analyze_record
from marsad.text.normalize import fold_letters

LIMIT = 20


def record(a: dict) -> dict:
    return {"text": as_page_dump(a), "url": a["url"], "site": a["source"], "title": a["title"],
            "published": (a.get("date_extracted") or "")[:10]}


def ingest(store, arts, stages=None) -> dict:
    """Analyse and store ARTS, timing the two apart; then, on the same texts, the two pure-Python
    parts of storing (MinHash signature, search keys with a cold word cache)."""
    t_analyze = t_store = 0.0
    texts, failed, crashed = [], 0, 0
    for a in arts:
        t = time.perf_counter()
        try:
            art = analyze_record(record(a), stages=stages)
        except InputError:
            failed += 1
            continue
        except Exception as e:  # a reader bug, not the store's: counted and reported, not timed
            print(f"   analysis crashed on {a['_zip']} {a['url']}: {e!r}")
            crashed += 1
            continue
        t2 = time.perf_counter()
        store.add(art)
        t_analyze += t2 - t
        t_store += time.perf_counter() - t2
        texts.append(art.text)
    t = time.perf_counter()
    for text in texts:
        dedup.signature(text)
    t_sig = time.perf_counter() - t
    key.cache_clear()
    t = time.perf_counter()
    for text in texts:
        index_text(text)
    t_keys = time.perf_counter() - t
    return {"stored": len(texts), "failed": failed + crashed, "analyze": t_analyze, "store": t_store, "sig": t_sig,
            "keys": t_keys, "text_bytes": sum(len(t.encode("utf-8")) for t in texts)}


def db_size(store, path: str) -> int:
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return os.path.getsize(path)


ARABIC_WORD_RE = re.compile("[\u0621-\u063a\u0641-\u064a]{3,}")  # whole words of Arabic letters only


def queries(store, n: int, seed: int = 7) -> list[tuple[str, str]]:
    """(source article id, two adjacent headline words of at least 3 letters each)."""
    rows = store.db.execute("SELECT id, headline FROM articles WHERE headline IS NOT NULL ORDER BY n").fetchall()
    rng = random.Random(seed)
    out = []
    for r in rng.sample(rows, len(rows)):
        words = [w for w in re.findall(r"\w+", unmark(r["headline"])) if ARABIC_WORD_RE.fullmatch(w)]
        pairs = [(a, b) for a, b in zip(words, words[1:])]
        if pairs:
            a, b = rng.choice(pairs)
            out.append((r["id"], f"{a} {b}"))
        if len(out) == n:
            break
    return out


def like(store, query: str, limit: int | None) -> list[str]:
    words = query.split()
    sql = "SELECT id FROM articles WHERE " + " AND ".join("text LIKE ?" for _ in words) + (f" LIMIT {limit}" if limit else "")
    return [r[0] for r in store.db.execute(sql, [f"%{w}%" for w in words])]


def timed(fn, qs) -> list[float]:
    out = []
    for q in qs:
        t = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - t) * 1000)
    return out


def p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, int(round(0.95 * len(xs))) - 1)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500, help="articles through the full pipeline")
    ap.add_argument("--extra", type=int, default=4500, help="more articles with the text layer only, for search scale")
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--db", help="keep the corpus here (default: a temporary file)")
    args = ap.parse_args()
    try:
        arts = list(saudinewsnet(args.n + args.extra))
    except InputError as e:
        print(f"skipped: {e}")
        return
    tmp = None
    if not args.db:
        tmp = tempfile.TemporaryDirectory()
        args.db = os.path.join(tmp.name, "bench.db")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with open_store(args.db) as store:
        analyze_record(record(arts[0]))  # load models outside the timing
        full = ingest(store, arts[:args.n])
        size_full = db_size(store, args.db)
        s = full["analyze"] + full["store"]
        print(f"\n1. ingest, full pipeline: {full['stored']} stored, {full['failed']} refused")
        print(f"   {full['stored'] / s:.1f} articles/s: analysis {full['analyze'] / s:.0%} "
              f"({full['analyze'] / full['stored'] * 1000:.0f} ms/article), storing {full['store'] / s:.0%} "
              f"({full['store'] / full['stored'] * 1000:.1f} ms/article, of which MinHash "
              f"{full['sig'] / full['stored'] * 1000:.1f} ms and search keys {full['keys'] / full['stored'] * 1000:.1f} ms)")
        print(f"   database {size_full / 1e6:.1f} MB = {size_full / full['stored'] / 1024:.1f} KiB/article "
              f"(the clean text alone: {full['text_bytes'] / full['stored'] / 1024:.1f} KiB/article in UTF-8)")
        sizes = store.db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
        print("   by table: " + ", ".join(f"{n} {b / size_full:.0%}" for n, b in sizes[:6]))
        if args.extra:
            light = ingest(store, arts[args.n:], stages=["text"])
            s = light["analyze"] + light["store"]
            print(f"\n2. ingest, text layer only: {light['stored']} stored, {light['stored'] / s:.1f} articles/s "
                  f"(storing {light['store'] / light['stored'] * 1000:.1f} ms/article)")
        total = store.count()
        clusters = store.db.execute("SELECT COUNT(*), SUM(c) FROM (SELECT COUNT(*) AS c FROM articles "
                                    "GROUP BY cluster HAVING c > 1)").fetchone()
        print(f"   corpus: {total} articles, {db_size(store, args.db) / 1e6:.1f} MB; near-duplicate clusters "
              f"with more than one article: {clusters[0]} ({clusters[1] or 0} articles)")

        qs = queries(store, args.queries)
        plain = [(aid, fold_letters(q)) for aid, q in qs]
        changed = sum(q != p for (_, q), (_, p) in zip(qs, plain))
        print(f"\n3. search over {total} articles, {len(qs)} queries from headlines "
              f"({changed} of them change when typed plainly)")
        store.search(qs[0][1])  # warm the page cache
        for label, qset in (("as written", qs), ("typed plainly", plain)):
            fts_ms = timed(lambda q: store.search(q[1], limit=LIMIT), qset)
            like_ms = timed(lambda q: like(store, q[1], LIMIT), qset)
            fts_hits = [{h.id for h in store.search(q, limit=100_000)} for _, q in qset]
            like_hits = [set(like(store, q, None)) for _, q in qset]
            fts_recall = sum(aid in h for (aid, _), h in zip(qset, fts_hits)) / len(qset)
            like_recall = sum(aid in h for (aid, _), h in zip(qset, like_hits)) / len(qset)
            print(f"   {label}:")
            print(f"     marsad FTS5 (top {LIMIT} + snippets): median {statistics.median(fts_ms):.1f} ms, "
                  f"p95 {p95(fts_ms):.1f} ms; hits/query mean {statistics.mean(map(len, fts_hits)):.1f}; "
                  f"source article found {fts_recall:.0%}")
            print(f"     baseline LIKE scan (first {LIMIT}):     median {statistics.median(like_ms):.1f} ms, "
                  f"p95 {p95(like_ms):.1f} ms; hits/query mean {statistics.mean(map(len, like_hits)):.1f}; "
                  f"source article found {like_recall:.0%}")
            only_fts = sum(len(f - b) for f, b in zip(fts_hits, like_hits))
            only_like = sum(len(b - f) for f, b in zip(fts_hits, like_hits))
            print(f"     hits only FTS5 finds (spelling/clitic variants): {only_fts}; only LIKE finds "
                  f"(substrings inside other words): {only_like}")
            print(f"     speed ratio LIKE/FTS5 median: {statistics.median(like_ms) / statistics.median(fts_ms):.2f}")
    if tmp:
        tmp.cleanup()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
