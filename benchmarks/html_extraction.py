"""HTML → article: Marsad's reader against trafilatura alone, on the same pages in the same run.

Pages: the real Arabic pages with gold in ../shared/data/html (body = the page's text from
``body_first`` to ``body_last``) and the pages written for Marsad's tests in
tests/fixtures/html (their gold lists the whole body).  Scores per page: title, date (the day),
byline (the set of authors) right or wrong; body token precision/recall/F1 (bags of folded word
tokens); how many ``must_exclude`` strings leaked into the body.  Speed: pages per second for
each, over ``--repeat`` passes.

    nice .venv/bin/python benchmarks/html_extraction.py [--repeat 5] [--json]
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

import trafilatura  # noqa: E402
from lxml import html as lxml_html  # noqa: E402

from marsad.read import read  # noqa: E402
from marsad.read.encoding import decode  # noqa: E402
from marsad.text.normalize import fold  # noqa: E402

SHARED = os.path.join(ROOT, "..", "shared", "data", "html")
OWN = os.path.join(ROOT, "tests", "fixtures", "html")


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text or ""))


def key(text: str | None) -> str:
    return " ".join(tokens(text or ""))


def find_sub(hay: list[str], needle: list[str], start: int = 0, last: bool = False) -> int | None:
    n = len(needle)
    rng = range(len(hay) - n, start - 1, -1) if last else range(start, len(hay) - n + 1)
    for i in rng:
        if hay[i:i + n] == needle:
            return i
    return None


def visible_text(html: str) -> str:
    tree = lxml_html.fromstring(html)
    for bad in tree.xpath("//script | //style | //noscript"):
        bad.drop_tree()
    return tree.text_content()


def load_pages() -> list[dict]:
    pages = []
    for gold_path in sorted(glob.glob(os.path.join(SHARED, "*.gold.json"))) + sorted(glob.glob(os.path.join(OWN, "*.gold.json"))):
        gold = json.load(open(gold_path, encoding="utf-8"))
        raw = open(gold_path.replace(".gold.json", ".html"), "rb").read()
        text, _ = decode(raw)
        if "body" in gold:
            gold_body = tokens("\n".join(gold["body"]))
        else:  # real page: its text between the first and the last body sentence
            page = tokens(visible_text(text))
            first, lastt = tokens(gold["body_first"]), tokens(gold["body_last"])
            i = find_sub(page, first)
            j = find_sub(page, lastt, start=i or 0, last=True)
            if i is None or j is None:
                raise SystemExit(f"{gold_path}: body bounds not found in the page")
            gold_body = page[i:j + len(lastt)]
        authors = gold.get("author")
        authors = [authors] if isinstance(authors, str) else (authors or [])
        pages.append({"name": os.path.basename(gold_path)[:-10], "own": bool(gold.get("own")), "raw": raw, "gold": gold,
                      "gold_body": gold_body, "gold_authors": {key(a) for a in authors}})
    return pages


def prf(pred: list[str], gold: list[str]) -> tuple[float, float, float]:
    overlap = sum((Counter(pred) & Counter(gold)).values())
    p = overlap / len(pred) if pred else 0.0
    r = overlap / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_marsad(page: dict) -> dict:
    art = read(page["raw"], url=page["gold"].get("url"))
    body = "\n".join(b.text for b in art.blocks if b.kind != "headline")
    return {"title": art.headline, "date": art.dates.published, "authors": art.byline.authors, "body": body}


def run_trafilatura(page: dict) -> dict:
    doc = trafilatura.bare_extraction(page["raw"], url=page["gold"].get("url"), with_metadata=True,
                                      include_comments=False, include_tables=False)
    if doc is None:
        return {"title": None, "date": None, "authors": [], "body": ""}
    body = doc.text or ""
    lines = body.split("\n")
    if lines and doc.title and key(lines[0]) == key(doc.title):
        body = "\n".join(lines[1:])  # its h1 copy is the title, not body
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return {"title": doc.title, "date": doc.date, "authors": authors, "body": body}


def score(page: dict, out: dict) -> dict:
    g = page["gold"]
    p, r, f = prf(tokens(out["body"]), page["gold_body"])
    body_key = key(out["body"])
    return {
        "title": key(out["title"]) == key(g["title"]),
        "date": (out["date"] or "")[:10] == (g["published"] or "")[:10],
        "byline": {key(a) for a in out["authors"]} == page["gold_authors"],
        "body_p": round(p, 3), "body_r": round(r, 3), "body_f1": round(f, 3),
        "leaks": sum(1 for s in g.get("must_exclude", []) if key(s) and key(s) in body_key),
    }


def timed(fns: dict, pages: list[dict], repeat: int) -> dict[str, float]:
    """Pages/second for each system, passes interleaved so that machine noise hits both alike."""
    spent = dict.fromkeys(fns, 0.0)
    for _ in range(repeat):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            for page in pages:
                fn(page)
            spent[name] += time.perf_counter() - t0
    return {name: repeat * len(pages) / t for name, t in spent.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    pages = load_pages()
    rows = []
    for page in pages:
        rows.append({"page": page["name"], "own": page["own"],
                     "marsad": score(page, run_marsad(page)), "trafilatura": score(page, run_trafilatura(page))})
    speed = timed({"marsad": run_marsad, "trafilatura": run_trafilatura}, pages, args.repeat)
    summary = {}
    for system in ("marsad", "trafilatura"):
        s = [r[system] for r in rows]
        summary[system] = {
            "title": sum(x["title"] for x in s), "date": sum(x["date"] for x in s), "byline": sum(x["byline"] for x in s),
            "body_f1_mean": round(sum(x["body_f1"] for x in s) / len(s), 3),
            "body_p_mean": round(sum(x["body_p"] for x in s) / len(s), 3),
            "body_r_mean": round(sum(x["body_r"] for x in s) / len(s), 3),
            "leaks": sum(x["leaks"] for x in s), "pages_per_s": round(speed[system], 1)}
    summary["pages"] = len(pages)
    summary["speed_ratio"] = round(speed["marsad"] / speed["trafilatura"], 2)
    if args.json:
        print(json.dumps({"pages": rows, "summary": summary}, ensure_ascii=False, indent=1))
        return
    print(f"{'page':28} {'system':12} title date byline  body P   R    F1  leaks")
    for r in rows:
        for system in ("marsad", "trafilatura"):
            x = r[system]
            print(f"{r['page']:28} {system:12} {'ok' if x['title'] else '--':5} {'ok' if x['date'] else '--':4} "
                  f"{'ok' if x['byline'] else '--':6} {x['body_p']:.3f} {x['body_r']:.3f} {x['body_f1']:.3f} {x['leaks']}")
    n = len(pages)
    for system in ("marsad", "trafilatura"):
        s = summary[system]
        print(f"{system:12} title {s['title']}/{n}  date {s['date']}/{n}  byline {s['byline']}/{n}  "
              f"body P {s['body_p_mean']} R {s['body_r_mean']} F1 {s['body_f1_mean']}  leaks {s['leaks']}  "
              f"{s['pages_per_s']} pages/s")
    print(f"speed ratio marsad/trafilatura: {summary['speed_ratio']}x")


if __name__ == "__main__":
    main()
