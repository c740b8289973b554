"""Reading + normalising speed on SaudiNewsNet, and the full pipeline's.

    python benchmarks/reading.py [--n 1000] [--full]

Reports pages/second on one core (single process) for: decoding + dump reading + the text layer
(sentences, tokens) — the foundation's stage — and, side by side on the same texts, pyarabic's
normaliser chain as a peer for the normalisation step alone. ``--full`` also times the whole
``marsad.analyze`` pipeline.  Peak memory is the process's maximum resident set size.
"""
from __future__ import annotations

import argparse
import resource
import time

from marsad.errors import InputError
from marsad.shared_data import as_page_dump, saudinewsnet
from marsad.pipeline import analyze
from marsad.read import read
from marsad.text import stage as text_stage
from marsad.text.normalize import fold, light


def timed(fn, items) -> float:
    """Seconds to run ``fn`` over ``items``; pages Marsad refuses (InputError) count as processed."""
    t = time.perf_counter()
    for x in items:
        try:
            fn(x)
        except InputError:
            pass
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--full", action="store_true", help="also time the full pipeline")
    args = ap.parse_args()
    pages = [as_page_dump(a).encode("utf-8") for a in saudinewsnet(args.n)]
    mb = sum(map(len, pages)) / 1e6
    print(f"{len(pages)} SaudiNewsNet pages, {mb:.1f} MB")

    def read_and_text(b):
        art = read(b)
        text_stage.run(art)

    read_and_text(pages[0])  # warm caches (lexicons, regexes)
    refused = 0
    for p in pages:
        try:
            read(p)
        except InputError:
            refused += 1
    print(f"{refused} pages refused with a one-line reason (lists in English, empty bodies)")
    t_read = timed(read_and_text, pages)
    texts = [p.decode("utf-8") for p in pages]
    t_norm = timed(lambda t: fold(light(t)), texts)
    rows = [("read + normalise + sentences + tokens", t_read), ("normalisers alone (light + fold)", t_norm)]
    try:
        from pyarabic import araby

        def pyarabic_chain(t):
            t = araby.strip_tashkeel(araby.strip_tatweel(t))
            t = araby.normalize_hamza(araby.normalize_alef(t))
            return araby.normalize_teh(araby.normalize_ligature(t))

        rows.append(("peer: pyarabic normaliser chain", timed(pyarabic_chain, texts)))
    except ImportError:
        print("(pyarabic not installed: peer row skipped)")
    if args.full:
        analyze(pages[0])
        rows.append(("full marsad.analyze pipeline", timed(analyze, pages)))
    for name, t in rows:
        print(f"{name:45s} {len(pages) / t:8.1f} pages/s  ({t:.2f} s)")
    if len(rows) > 2 and rows[2][0].startswith("peer"):
        print(f"normaliser speed, marsad / pyarabic: {rows[2][1] / rows[1][1]:.2f} (marsad also unfolds presentation forms, NFC, bidi controls, digits)")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
