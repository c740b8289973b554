"""``marsad batch`` on a Dask LocalCluster against ``marsad analyze`` in one process, on SaudiNewsNet.

    nice .venv/bin/python benchmarks/batch_bench.py [--n 300] [--workers 1 2] [--repeat 1]

N SaudiNewsNet articles (title + content as a page dump, with url, site and date) are written as
one JSONL file.  Each leg runs in a fresh child process, so model loading and memory are counted
alike:

- ``sequential``: what ``marsad analyze FILE.jsonl --json`` does (``sources.iter_articles`` and
  ``to_json`` for each article), in one process;
- ``batch K``: ``marsad batch FILE.jsonl --out DIR --workers K`` through the same functions the
  command uses (``batch.connect`` then ``batch.run``): cluster start-up and the analysis + Parquet
  writing are timed apart, and each worker's peak RSS is read from the worker before the cluster
  closes.

Reported: seconds (start-up, analysis, closing, wall), pages/s over the whole leg and over the
analysis alone, the speedup over sequential, and peak memory.  Skips with a message when ../shared/data is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def write_jsonl(path: Path, n: int) -> int:
    from marsad.shared_data import as_page_dump, saudinewsnet

    count = 0
    with open(path, "w", encoding="utf-8") as fh:
        for a in saudinewsnet(limit=n):
            fh.write(json.dumps({"text": as_page_dump(a), "url": a["url"], "site": a["source"], "title": a["title"],
                                 "published": (a.get("date_extracted") or "")[:10]}, ensure_ascii=False) + "\n")
            count += 1
    return count


def leg_sequential(jsonl: str) -> dict:
    from marsad import sources
    from marsad.errors import InputError

    t = time.perf_counter()
    done = failed = 0
    for item in sources.iter_articles(jsonl):
        if isinstance(item, InputError):
            failed += 1
            continue
        item.to_json(indent=None)
        done += 1
    wall = time.perf_counter() - t
    return {"articles": done, "failed": failed, "startup": 0.0, "analysis": wall, "wall": wall,
            "client_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "worker_rss_mb": []}


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def leg_batch(jsonl: str, workers: int, tmp: str) -> dict:
    from marsad import batch

    out = Path(tempfile.mkdtemp(prefix="out-", dir=tmp))
    t0 = time.perf_counter()
    with batch.Reporter() as report:
        pages = batch.read_pages([jsonl], report)
        with batch.connect(None, workers) as client:
            t1 = time.perf_counter()
            counts = batch.run(client, pages, out, report)
            t2 = time.perf_counter()
            rss = sorted(client.run(_peak_rss_mb).values())
    wall = time.perf_counter() - t0
    return {"articles": counts["articles"], "failed": counts["failed"], "startup": t1 - t0, "analysis": t2 - t1,
            "wall": wall, "client_rss_mb": _peak_rss_mb(), "worker_rss_mb": rss}


def run_leg(args: list[str]) -> dict:
    r = subprocess.run([sys.executable, __file__, "--leg", *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"leg {args} failed:\n{r.stderr[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=300, help="SaudiNewsNet articles (default 300)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="local cluster sizes (default 1 2)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each leg; the fastest is kept")
    ap.add_argument("--leg", nargs="+", help=argparse.SUPPRESS)  # a child process: one leg
    args = ap.parse_args()
    if args.leg:
        kind, jsonl, *rest = args.leg
        res = leg_sequential(jsonl) if kind == "seq" else leg_batch(jsonl, int(rest[0]), rest[1])
        print(json.dumps(res))
        return 0

    from marsad.errors import InputError

    with tempfile.TemporaryDirectory(prefix="marsad-batch-bench-") as tmp:
        jsonl = Path(tmp) / "articles.jsonl"
        try:
            n = write_jsonl(jsonl, args.n)
        except InputError as e:
            print(f"skipped: {e}")
            return 0
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, "
              f"Python {platform.python_version()}")
        print(f"{n} SaudiNewsNet articles, {jsonl.stat().st_size / 2**20:.1f} MB JSONL")
        legs = [("sequential", ["seq", str(jsonl)])]
        legs += [(f"batch, {k} worker{'s' if k > 1 else ''}", ["batch", str(jsonl), str(k), tmp])
                 for k in args.workers]
        results = {}
        for name, leg in legs:
            runs = []
            for _ in range(args.repeat):
                runs.append(run_leg(leg))
            results[name] = min(runs, key=lambda r: r["wall"])
    base = results["sequential"]
    print(f"\n{'leg':<20} {'articles':>8} {'start s':>8} {'analyse s':>9} {'close s':>7} {'wall s':>7} {'pages/s':>8} "
          f"{'analyse p/s':>11} {'speedup':>8}  peak RSS MB")
    for name, r in results.items():
        mem = f"{r['client_rss_mb']:.0f}" + (f" client, workers {', '.join(f'{m:.0f}' for m in r['worker_rss_mb'])}"
                                              if r["worker_rss_mb"] else "")
        print(f"{name:<20} {r['articles']:>8} {r['startup']:>8.1f} {r['analysis']:>9.1f} "
              f"{r['wall'] - r['startup'] - r['analysis']:>7.1f} {r['wall']:>7.1f} "
              f"{r['articles'] / r['wall']:>8.1f} {r['articles'] / r['analysis']:>11.1f} "
              f"{base['wall'] / r['wall']:>7.2f}x  {mem}")
        if r["articles"] != base["articles"]:
            print(f"   ! {name} produced {r['articles']} articles, sequential {base['articles']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
