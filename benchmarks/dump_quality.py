"""How the dump reader treats clean article bodies: SaudiNewsNet titles and contents as dumps.

    python benchmarks/dump_quality.py [--n 1000]

SaudiNewsNet's `content` is article text already stripped of most furniture, so every content
line the reader drops is a suspect (a few are real furniture left in by the crawler: "...المزيد",
syndication credits such as "خدمة «...»").  Reports headline recovery (reader's headline equals
the crawler's title) and the share of content lines dropped, with the commonest dropped lines.
"""
from __future__ import annotations

import argparse
from collections import Counter

from marsad.errors import InputError
from marsad.shared_data import as_page_dump, saudinewsnet
from marsad.read import furniture as F
from marsad.read import read
from marsad.text.normalize import light


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args()
    n = refused = head_ok = total = dropped = 0
    dropped_lines: Counter[str] = Counter()
    for a in saudinewsnet(args.n):
        n += 1
        try:
            art = read(as_page_dump(a))
        except InputError:
            refused += 1
            continue
        head_ok += F.key(art.headline or "") == F.key(a.get("title") or "")
        kept = {b.text for b in art.blocks} | set(art.captions)
        for line in a["content"].split("\n"):
            line = light(line.strip())
            if not line:
                continue
            total += 1
            if line not in kept:
                dropped += 1
                dropped_lines[F.key(line)[:60]] += 1
    read_ok = n - refused
    print(f"{n} articles, {refused} refused; headline recovered on {head_ok}/{read_ok} ({head_ok / read_ok:.1%})")
    print(f"content lines dropped as furniture: {dropped}/{total} ({dropped / total:.2%})")
    for line, c in dropped_lines.most_common(8):
        print(f"  {c:4d}  {line}")


if __name__ == "__main__":
    main()
