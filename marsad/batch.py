"""``marsad batch``: the analysis of ``marsad analyze`` spread over a Dask cluster, written as Parquet.

The client reads every INPUT with ``marsad.sources`` exactly as ``analyze`` does, but stops each
page once it is read (``stages=[]``).  Reading is a few per cent of the work, and it is the part
that needs the whole input in one place: a folder's site-level chrome learning, feed state,
fetching with one polite client.  The read Articles go to the workers in small batches; each
worker runs the pipeline's stages (``pipeline.enrich``, so the result is what ``analyze`` gives)
and sends back flat rows.  The client writes them in input order as Parquet parts into a hidden
folder inside DIR and renames ``articles/`` and ``events/`` into place only when the run is done.

dask and pyarrow are imported inside functions: ``marsad --help`` stays instant, and a missing
extra is one line.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .article import Article
from .errors import InputError

EXTRA_MISSING = "marsad batch needs the optional extra: pip install 'marsad[batch]'"
PAGES_PER_TASK = 8  # about half a second of work on one core: small enough to balance, large enough to amortise
PART_ROWS = 1000  # articles per Parquet part file
ARTICLE_COLUMNS = ("id", "url", "site", "headline", "published", "text")
MAX_WORKERS_DEFAULT = 4


def register(sub) -> None:
    p = sub.add_parser("batch", help="analyse many pages on a Dask cluster and write Parquet")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files, folders, .jsonl, .warc(.gz), URLs, feed or sitemap URLs, or - for stdin")
    p.add_argument("--out", required=True, metavar="DIR", help="write DIR/articles/ and DIR/events/ (Parquet)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler (e.g. tcp://host:8786); "
                       "default: start a local cluster")
    where.add_argument("--workers", type=_positive_int, default=None, metavar="N",
                       help="worker processes of the local cluster "
                            f"(default: the cores, at most {MAX_WORKERS_DEFAULT})")
    p.add_argument("--batch-size", type=_positive_int, default=PAGES_PER_TASK, metavar="N",
                   help=f"pages per task sent to a worker (default {PAGES_PER_TASK})")
    p.add_argument("--overwrite", action="store_true", help="replace DIR/articles and DIR/events if they exist")
    p.add_argument("--site", help="the site's domain, for pages that do not say it")
    p.add_argument("--allow-private", action="store_true", help="allow fetching private/loopback addresses")
    p.add_argument("--max-bytes", type=_positive_int, default=None, help="refuse inputs larger than this")
    p.add_argument("--state", help="file remembering feed/sitemap items already read")
    p.set_defaults(func=cmd_batch)


def _positive_int(value: str) -> int:
    from .cli import positive_int

    return positive_int(value)


def default_workers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS_DEFAULT))


def cmd_batch(args) -> int:
    try:
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        print(EXTRA_MISSING, file=sys.stderr)
        return 1
    out = Path(args.out)
    _check_out(out, args.overwrite)
    opts = {"max_bytes": args.max_bytes} if args.max_bytes else {}
    if args.state:
        opts["state"] = args.state
    with _sigterm_interrupts(), Reporter() as report:
        pages = read_pages(args.inputs, report, site=args.site, allow_private=args.allow_private, **opts)
        with connect(args.scheduler, args.workers or default_workers()) as client:
            summary = run(client, pages, out, report, batch_size=args.batch_size, overwrite=args.overwrite)
    print(f"{summary['articles']} article(s), {summary['events']} event(s), {summary['failed']} failed; "
          f"wrote {out / 'articles'} and {out / 'events'}")
    return 0


def _check_out(out: Path, overwrite: bool) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is not a folder")
    for name in ("articles", "events"):
        if (out / name).exists() and not overwrite:
            raise InputError(f"{out / name} already exists (add --overwrite to replace it)")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"cannot create {out}: {e.strerror}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise InputError(f"cannot write in {out}: permission denied")


# -- the client side: reading, scheduling, writing ---------------------------------------------------

def read_pages(inputs: Iterable[str], report: Callable[[str], None], **opts) -> Iterator[Article]:
    """Every input read (not yet analysed) by ``marsad.sources``; a bad page or source is one report line."""
    from . import sources

    def named(source: str, e: InputError) -> str:
        return str(e) if source in str(e) else f"{source}: {e}"

    for source in inputs:
        try:
            for item in sources.iter_articles(source, stages=[], max_chars=sys.maxsize, **opts):
                if isinstance(item, InputError):
                    report(named(source, item))
                else:
                    yield item
        except InputError as e:  # the source as a whole: missing, unreadable, unreachable
            report(named(source, e))


@contextlib.contextmanager
def connect(scheduler: str | None, workers: int):
    """A Dask client: on the scheduler at ADDRESS, or on a local cluster of single-threaded processes.

    The local cluster is closed on the way out whatever happened (an error, Ctrl-C).
    """
    import logging

    from distributed import Client, LocalCluster

    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout="10s")
            except (OSError, TimeoutError) as e:
                raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
            except ValueError as e:  # distributed's word for an address it cannot parse
                raise InputError(f"not a Dask scheduler address: {scheduler} ({e}; e.g. tcp://HOST:8786)") from None
        else:
            with _workers_ignore_ctrl_c():
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.CRITICAL)
            client = Client(cluster)
        try:
            try:
                client.wait_for_workers(1, timeout=60)
            except TimeoutError:
                raise InputError(f"no Dask worker joined the scheduler at {scheduler or 'the local cluster'}") from None
            yield client
        finally:
            with contextlib.suppress(Exception):
                client.close()
    finally:
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()


@contextlib.contextmanager
def _workers_ignore_ctrl_c():
    """Spawn worker processes with SIGINT ignored (they inherit it): Ctrl-C on a terminal reaches
    the whole process group, and workers that die of it print tracebacks; the client stops them."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def _sigterm_interrupts():
    """SIGTERM stops the run like Ctrl-C does, so the cluster is closed and the temp folder removed."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(client, pages: Iterable[Article], out: Path, report: "Reporter",
        batch_size: int = PAGES_PER_TASK, overwrite: bool = False) -> dict:
    """Analyse PAGES on CLIENT's workers and write OUT/articles and OUT/events; returns the counts.

    At most a few batches per worker are in flight, so memory stays flat on a long input; results
    are written in input order whatever order they finish in (finished ones wait, up to a bound,
    for a slower batch before them).
    """
    from distributed import as_completed

    try:
        out.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".marsad-batch-", dir=out))
    except OSError as e:
        raise InputError(f"cannot write in {out}: {e.strerror}") from None
    writer = _PartWriter(tmp)
    counts = {"articles": 0, "events": 0, "failed": 0}
    try:
        limit = 3 * max(1, sum(client.nthreads().values()))  # a few batches per worker thread
        pending = as_completed()
        names: dict = {}  # future → (batch number, page names)
        done: dict[int, tuple] = {}
        next_out = 0
        progress = report.progress()

        def collect(fut) -> None:
            nonlocal next_out
            n, wheres = names.pop(fut)
            try:
                done[n] = fut.result()
            except Exception as e:  # the worker died or could not run the task: each page, one line
                why = f"{type(e).__name__}: {e}".strip().rstrip(":").splitlines()[0]
                done[n] = ([], [], [f"{w}: not analysed ({why})" for w in wheres])
            while next_out in done:
                rows, events, errors = done.pop(next_out)
                next_out += 1
                for line in errors:
                    report(line)
                writer.add(rows, events)
                counts["articles"] += len(rows)
                counts["events"] += len(events)
                counts["failed"] += len(errors)
                if progress is not None:
                    progress.update(len(rows) + len(errors))

        for n, batch in enumerate(_chunks(pages, batch_size)):
            fut = client.submit(analyze_batch, batch, pure=False)
            names[fut] = (n, [_where(a) for a in batch])
            pending.add(fut)
            # Wait while enough is in flight, or while a straggler holds many finished batches back.
            while pending.count() and (pending.count() >= limit or len(done) >= 4 * limit):
                collect(next(pending))
        for fut in pending:
            collect(fut)
        counts["failed"] = report.count  # the pages that failed on the workers and those that failed reading
        if not counts["articles"]:
            raise InputError(f"no article could be analysed ({counts['failed']} failed)")
        writer.close()
        _publish(tmp, out, overwrite)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return counts


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for it in items:
        chunk.append(it)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _where(art: Article) -> str:
    return art.source.url or art.source.path or art.source.id or (art.headline or "a page")[:60]


def _publish(tmp: Path, out: Path, overwrite: bool) -> None:
    """Move the finished dataset into place.  ``articles/`` is the last to leave and the last to
    arrive, so a folder with ``articles/`` in it always holds a complete result."""
    for name in ("articles", "events"):
        dest = out / name
        if dest.exists():
            if not overwrite:
                raise InputError(f"{dest} appeared while the batch ran; the result is not written")
            dest.rename(tmp / f"old-{name}")
    for name in ("events", "articles"):
        (tmp / name).rename(out / name)


class Reporter:
    """One line on stderr per failed page, kept clear of the progress bar (a tqdm bar on a terminal)."""

    def __init__(self) -> None:
        self.count = 0
        self._bar = None

    def __call__(self, line: str) -> None:
        self.count += 1
        msg = f"marsad: {line}"
        if self._bar is not None:
            self._bar.write(msg, file=sys.stderr)
        else:
            print(msg, file=sys.stderr, flush=True)

    def progress(self):
        if self._bar is None and sys.stderr.isatty():
            from tqdm import tqdm

            self._bar = tqdm(unit="page", file=sys.stderr, desc="analysed")
        return self._bar

    def __enter__(self) -> "Reporter":
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.close()


class _PartWriter:
    """Rows → ``articles/part-NNNNN.parquet`` and ``events/part-NNNNN.parquet``, PART_ROWS articles a part."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.parts = 0
        self.rows: list[dict] = []
        self.events: list[dict] = []
        for name in ("articles", "events"):
            (root / name).mkdir()

    def add(self, rows: list[dict], events: list[dict]) -> None:
        self.rows.extend(rows)
        self.events.extend(events)
        if len(self.rows) >= PART_ROWS:
            self._flush()

    def close(self) -> None:
        if self.rows or not self.parts:  # an empty events table still gets its schema
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        name = f"part-{self.parts:05d}.parquet"
        try:
            pq.write_table(pa.Table.from_pylist(self.rows, schema=article_schema()), self.root / "articles" / name)
            pq.write_table(pa.Table.from_pylist(self.events, schema=event_schema()), self.root / "events" / name)
        except OSError as e:
            raise InputError(f"cannot write {self.root}: {e}") from None
        self.parts += 1
        self.rows, self.events = [], []


def article_schema():
    import pyarrow as pa

    from .corpus.export import NESTED

    return pa.schema([(c, pa.string()) for c in ARTICLE_COLUMNS + NESTED])


def event_schema():
    import pyarrow as pa

    from .corpus.store import EVENT_COLUMNS

    ints = ("trigger_start", "trigger_end", "sentence")
    return pa.schema([(c, pa.int64() if c in ints else pa.string()) for c in EVENT_COLUMNS])


# -- the worker side ----------------------------------------------------------------------------------

def analyze_batch(pages: list[Article]) -> tuple[list[dict], list[dict], list[str]]:
    """Run the pipeline's stages over read pages → (article rows, event rows, one line per failed page).

    Runs on a worker.  Nothing escapes as an exception: a page that fails is a line, so the client
    prints no traceback and the other pages of the batch still count.
    """
    from .pipeline import enrich

    rows, events, errors = [], [], []
    for art in pages:
        try:
            enrich(art)
            row = article_row(art)
            ev = event_rows(art, row["id"], row["published"])
        except InputError as e:
            errors.append(f"{_where(art)}: {e}")
            continue
        except Exception as e:  # a fault in one stage on one page: reported, and the batch goes on
            errors.append(f"{_where(art)}: analysis failed ({type(e).__name__}: {e})".splitlines()[0])
            continue
        rows.append(row)
        events.extend(ev)
    return rows, events, errors


def article_row(art: Article) -> dict:
    """One article as its Parquet row: the columns people filter on, each nested layer as JSON."""
    from .corpus.export import NESTED
    from .corpus.store import article_id, published_date

    d = art.to_dict()
    row = {"id": article_id(art), "url": art.source.url, "site": art.source.site, "headline": art.headline,
           "published": published_date(art), "text": art.text}
    row.update({k: json.dumps(d.get(k), ensure_ascii=False) for k in NESTED})
    return row


def event_rows(art: Article, aid: str, published: str | None) -> list[dict]:
    """The article's events as the corpus events table exports them (``store.EVENT_COLUMNS``)."""
    from .corpus.store import event_rows as corpus_rows

    return [{**r, "site": art.source.site, "published": published} for r in corpus_rows(art, aid)]
