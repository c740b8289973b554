"""What the HTTP layer of `marsad serve` costs, against calling the Store directly, in one run.

    nice .venv/bin/python benchmarks/web_bench.py [--n 300] [--requests 300] [--concurrency 4] [--db PATH]

1. Corpus: N SaudiNewsNet articles (title + content as a page dump, with url, site and date)
   written as JSONL and stored with `marsad ingest` (skipped when --db names an existing corpus).
2. A `marsad serve` subprocess on a free port; queries are two adjacent words (3+ letters) from
   the headlines of articles drawn at random (seeded).
3. For /api/search, /api/articles/{id} and the HTML pages /articles/{id}, /entities/{ref} and /:
   latency (median, p95) of sequential requests on one keep-alive connection, and requests/s
   with CONCURRENCY client threads; against the same Store calls made in-process
   (``store.search``, ``store.get``), the ratio being the HTTP layer's overhead (routing, JSON
   or template rendering, the socket).  Client and server share the machine's cores.
4. POST /api/analyze on ANALYZE articles beyond the first N, against ``analyze_record`` in-process.
Skips with a message when ../shared/data is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from marsad.corpus import open_store
from marsad.errors import InputError
from marsad.shared_data import as_page_dump, saudinewsnet
from marsad.sources import analyze_record

ROOT = Path(__file__).resolve().parent.parent
_WORD = re.compile(r"[\u0621-\u064A]{3,}")


def record(a: dict) -> dict:
    return {"text": as_page_dump(a), "url": a["url"], "site": a["source"], "title": a["title"],
            "published": (a.get("date_extracted") or "")[:10]}


def build(db: str, n: int, tmp: str) -> float:
    """Store N articles with `marsad ingest`; returns the seconds it took."""
    path = os.path.join(tmp, "articles.jsonl")
    with open(path, "w", encoding="utf-8") as fh:
        for a in saudinewsnet(limit=n):
            fh.write(json.dumps(record(a), ensure_ascii=False) + "\n")
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "marsad.cli", "ingest", path, "--db", db], cwd=ROOT,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"ingest failed: {proc.stderr.strip()}")
    print("   " + proc.stdout.strip())
    return time.perf_counter() - t


def queries(store, k: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    heads = [a.get("headline") or "" for a in store.articles()]
    out = []
    while len(out) < k and heads:
        words = _WORD.findall(rng.choice(heads))
        if len(words) >= 2:
            i = rng.randrange(len(words) - 1)
            out.append(f"{words[i]} {words[i + 1]}")
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(fn, items) -> list[float]:
    out = []
    for it in items:
        t = time.perf_counter()
        fn(it)
        out.append(time.perf_counter() - t)
    return out


def throughput(base: str, paths: list[str], concurrency: int) -> float:
    """Requests/s for PATHS spread over CONCURRENCY threads, each with its own keep-alive client."""
    chunks = [paths[i::concurrency] for i in range(concurrency)]
    errors = []

    def worker(chunk):
        with httpx.Client(base_url=base, timeout=120) as c:
            for p in chunk:
                r = c.get(p)
                if r.status_code != 200:
                    errors.append(f"{p}: {r.status_code}")

    threads = [threading.Thread(target=worker, args=(ch,)) for ch in chunks]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    if errors:
        sys.exit(f"{len(errors)} requests failed, e.g. {errors[0]}")
    return len(paths) / wall


def ms(xs: list[float]) -> str:
    xs = sorted(xs)
    return f"{statistics.median(xs) * 1000:7.2f} / {xs[int(0.95 * (len(xs) - 1))] * 1000:7.2f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=300, help="articles to ingest (default 300)")
    ap.add_argument("--requests", type=int, default=300, help="requests per measurement (default 300)")
    ap.add_argument("--concurrency", type=int, default=4, help="client threads for requests/s (default 4)")
    ap.add_argument("--analyze", type=int, default=20, help="articles sent to POST /api/analyze (default 20)")
    ap.add_argument("--db", help="an existing corpus to serve (default: build one in a temp folder)")
    args = ap.parse_args()
    try:
        next(saudinewsnet(limit=1))
    except InputError as e:
        print(f"skipped: {e}")
        return 0
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or os.path.join(tmp, "web.db")
        if not (args.db and os.path.exists(args.db)):
            secs = build(db, args.n, tmp)
            print(f"1. ingest ({args.n} articles via `marsad ingest`): {secs:.1f} s")
        store = open_store(db, create=False)
        count = store.count()
        qs = queries(store, args.requests)
        ids = [a["corpus"]["id"] for a in store.articles()]
        rng = random.Random(11)
        art_ids = [rng.choice(ids) for _ in range(args.requests)]
        ents = [e["kb_id"] or e["name"] for e in store.entities(limit=20)]
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--db", db, "--port", str(port)],
                                  cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=120) as c:
                for _ in range(300):
                    try:
                        c.get("/openapi.json")
                        break
                    except httpx.TransportError:
                        time.sleep(0.2)
                for q in qs[:10]:  # warm both sides alike: caches, first template compile
                    c.get("/api/search", params={"q": q})
                    store.search(q)
                c.get(f"/articles/{ids[0]}")
                c.get(f"/entities/{ents[0]}")
                print(f"2. {count} articles served; {len(qs)} queries, {len(art_ids)} article ids; latency ms median / p95")
                rows = [
                    ("Store.search (direct)", timed(lambda q: store.search(q), qs)),
                    ("GET /api/search", timed(lambda q: c.get("/api/search", params={"q": q}), qs)),
                    ("Store.get (direct)", timed(store.get, art_ids)),
                    ("GET /api/articles/{id}", timed(lambda i: c.get(f"/api/articles/{i}"), art_ids)),
                    ("GET /articles/{id} (HTML)", timed(lambda i: c.get(f"/articles/{i}"), art_ids)),
                    ("GET /entities/{ref} (HTML)", timed(lambda e: c.get(f"/entities/{e}"), ents)),
                    ("GET / (HTML, no query)", timed(lambda _: c.get("/"), range(20))),
                ]
            for name, xs in rows:
                print(f"   {name:28s} {ms(xs)}")
            lat = dict(rows)
            print(f"   overhead (median HTTP / direct): search x{statistics.median(lat['GET /api/search']) / statistics.median(lat['Store.search (direct)']):.2f}, "
                  f"article JSON x{statistics.median(lat['GET /api/articles/{id}']) / statistics.median(lat['Store.get (direct)']):.2f}, "
                  f"article HTML x{statistics.median(lat['GET /articles/{id} (HTML)']) / statistics.median(lat['Store.get (direct)']):.2f}")
            print(f"3. requests/s with {args.concurrency} client threads (direct: one thread, in-process)")
            direct_s = len(qs) / sum(lat["Store.search (direct)"])
            direct_g = len(art_ids) / sum(lat["Store.get (direct)"])
            for name, paths, direct in (
                    ("/api/search", ["/api/search?" + httpx.QueryParams({"q": q}).__str__() for q in qs], direct_s),
                    ("/api/articles/{id}", [f"/api/articles/{i}" for i in art_ids], direct_g),
                    ("/articles/{id} (HTML)", [f"/articles/{i}" for i in art_ids], direct_g)):
                rps = throughput(base, paths, args.concurrency)
                print(f"   {name:24s} {rps:8.1f} req/s   direct {direct:8.1f} calls/s   ratio x{direct / rps:.2f}")
            recs = [record(a) for a in saudinewsnet(limit=args.n + args.analyze + 1)][args.n:]
            analyze_record(recs.pop(0))  # load every stage's models in this process too
            with httpx.Client(base_url=base, timeout=300) as c:
                via_http = timed(lambda r: c.post("/api/analyze", json=r).raise_for_status(), recs)
            direct = timed(analyze_record, recs)
            print(f"4. analysis of {len(recs)} unseen articles, ms median / p95: POST /api/analyze {ms(via_http)}, "
                  f"analyze_record (direct) {ms(direct)}, ratio x{statistics.median(via_http) / statistics.median(direct):.2f}")
        finally:
            server.terminate()
            server.wait(timeout=10)
            err = server.stderr.read().decode(errors="replace")
            if "Traceback" in err:
                print("server errors:\n" + err)
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
