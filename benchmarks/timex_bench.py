"""Time-expression benchmark: Marsad's time stage against a hand-annotated SaudiNewsNet gold set,
with dateparser's ``search_dates`` (the obvious off-the-shelf peer) on the same documents, and a
span-only sanity check on the Arabic TimeML corpus (HeidelTime's silver output).

    .venv/bin/python benchmarks/timex_bench.py [--gold benchmarks/gold/timex] [--no-dateparser]

Gold files (``benchmarks/gold/timex/*.jsonl``) hold one document a line: the SaudiNewsNet zip and
url (the article text is read from ../shared/data, never stored here), a sha1 of the text, the
document creation date (``dct``) and the expressions as offsets + TIMEX3 values.

Scores: span P/R/F1, strict (same offsets) and relaxed (overlap, one-to-one); value accuracy
(right value among relaxed matches) and value F1 (relaxed match with the right value).
dateparser returns datetimes: its value counts as right when, cut to the gold value's
granularity (year, month or day), it equals the gold value — a lenient reading in its favour.
"""
from __future__ import annotations

import argparse
import datetime as dt
import glob
import hashlib
import json
import os
import re
import sys
import time
from functools import lru_cache

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from marsad.shared_data import saudinewsnet_day, saudinewsnet_zips  # noqa: E402
from marsad.article import Article, Block, Dates  # noqa: E402
from marsad.events import time_stage  # noqa: E402

SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
CORPUS = os.path.join(SHARED, "corpus", "SaudiNewsNet", "dataset")
TIMEML = os.path.join(SHARED, "timex", "Arabic_TimeML_HeidelTime_news", "Corpus_test")


@lru_cache(maxsize=32)
def _zip_articles(name: str) -> dict[str, list[dict]]:
    by_url: dict[str, list[dict]] = {}
    for a in saudinewsnet_day(name):
        by_url.setdefault(a["url"], []).append(a)
    return by_url


def load_gold(path: str) -> list[dict]:
    docs = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        cands = _zip_articles(d["zip"]).get(d["url"], [])
        text = next((a["content"] for a in cands if hashlib.sha1(a["content"].encode()).hexdigest() == d["sha1"]), None)
        if text is None:
            raise SystemExit(f"{d['id']}: article not found in {d['zip']}")
        for t in d["timex"]:
            assert text[t["start"]:t["end"]] == t["text"], (d["id"], t)
        d["text"] = text
        docs.append(d)
    return docs


def run_marsad(text: str, dct: str) -> list[dict]:
    art = Article(text=text, blocks=[Block("paragraph", text, 0, len(text))], dates=Dates(published=dct))
    time_stage.run(art)
    return [{"start": t.start, "end": t.end, "value": t.value} for t in art.timex]


def run_dateparser(text: str, dct: str) -> list[dict]:
    from dateparser.search import search_dates
    base = dt.datetime.fromisoformat(dct)
    found = search_dates(text, languages=["ar"], settings={"RELATIVE_BASE": base}) or []
    out, pos = [], 0
    for sub, when in found:
        i = text.find(sub, pos)
        if i < 0:
            i = text.find(sub)
        if i < 0:
            continue
        out.append({"start": i, "end": i + len(sub), "value": when})
        pos = i + len(sub)
    return out


def value_ok(pred, gold: str) -> bool:
    if isinstance(pred, dt.datetime):  # dateparser: compare at the gold's granularity
        if re.fullmatch(r"\d{4}", gold):
            return pred.strftime("%Y") == gold
        if re.fullmatch(r"\d{4}-\d{2}", gold):
            return pred.strftime("%Y-%m") == gold
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", gold):
            return pred.strftime("%Y-%m-%d") == gold
        return False
    return pred == gold


def score(pairs: list[tuple[list[dict], list[dict]]], with_values: bool = True) -> dict:
    tp_strict = tp_relaxed = tp_value = n_pred = n_gold = 0
    for gold, pred in pairs:
        n_pred += len(pred)
        n_gold += len(gold)
        used: set[int] = set()
        for g in gold:
            exact = next((i for i, p in enumerate(pred) if i not in used and (p["start"], p["end"]) == (g["start"], g["end"])), None)
            over = exact if exact is not None else next(
                (i for i, p in enumerate(pred) if i not in used and p["start"] < g["end"] and g["start"] < p["end"]), None)
            if over is None:
                continue
            used.add(over)
            tp_relaxed += 1
            tp_strict += exact is not None
            if with_values and value_ok(pred[over]["value"], g["value"]):
                tp_value += 1

    def prf(tp: int) -> dict:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}

    out = {"gold": n_gold, "predicted": n_pred, "strict": prf(tp_strict), "relaxed": prf(tp_relaxed)}
    if with_values:
        out["value_accuracy"] = round(tp_value / tp_relaxed, 3) if tp_relaxed else 0.0
        out["value_f1"] = prf(tp_value)["f1"]
    return out


def load_timeml() -> list[tuple[str, list[dict]]]:
    docs = []
    for path in sorted(glob.glob(os.path.join(TIMEML, "*.tml"))):
        raw = open(path, encoding="utf-8-sig").read()
        body = raw[raw.index("<TimeML>") + len("<TimeML>"):raw.rindex("</TimeML>")].replace("\ufeff", "")
        text, gold, pos = [], [], 0
        for m in re.finditer(r"<TIMEX3[^>]*value=\"([^\"]*)\"[^>]*>(.*?)</TIMEX3>|<[^>]+>", body, re.S):
            text.append(body[pos:m.start()])
            if m.group(2) is not None:
                start = sum(map(len, text))
                text.append(m.group(2))
                gold.append({"start": start, "end": start + len(m.group(2)), "value": m.group(1)})
            pos = m.end()
        text.append(body[pos:])
        docs.append(("".join(text), gold))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=os.path.join(os.path.dirname(__file__), "gold", "timex"))
    ap.add_argument("--no-dateparser", action="store_true")
    ap.add_argument("--stale", type=int, default=0, metavar="N",
                    help="also run the stage on the first N articles of each SaudiNewsNet day and "
                         "report how many are flagged stale (the crawl was daily: most flags are false)")
    args = ap.parse_args()
    if not os.path.isdir(CORPUS):
        raise SystemExit(f"shared data not found at {CORPUS}")
    report = {}
    for path in sorted(glob.glob(os.path.join(args.gold, "*.jsonl"))):
        name = os.path.basename(path).removesuffix(".jsonl")
        docs = load_gold(path)
        t0 = time.perf_counter()
        ours = [(d["timex"], run_marsad(d["text"], d["dct"])) for d in docs]
        secs = time.perf_counter() - t0
        entry = {"documents": len(docs), "marsad": score(ours),
                 "marsad_docs_per_s": round(len(docs) / secs, 1)}
        # The same run with the crawl date as reference instead of the annotated creation date.
        crawl = [(d["timex"], run_marsad(d["text"], d["date_extracted"][:10])) for d in docs]
        entry["marsad_crawl_date_ref"] = score(crawl)
        if not args.no_dateparser:
            t0 = time.perf_counter()
            theirs = [(d["timex"], run_dateparser(d["text"], d["dct"])) for d in docs]
            secs = time.perf_counter() - t0
            entry["dateparser"] = score(theirs)
            entry["dateparser_docs_per_s"] = round(len(docs) / secs, 1)
            m, o = entry["marsad"], entry["dateparser"]
            entry["ratio_marsad_over_dateparser"] = {
                k: (round(m[k]["f1"] / o[k]["f1"], 2) if o[k]["f1"] else None) for k in ("strict", "relaxed")}
            entry["ratio_marsad_over_dateparser"]["value_f1"] = round(m["value_f1"] / o["value_f1"], 2) if o["value_f1"] else None
        report[name] = entry
    if os.path.isdir(TIMEML):
        docs = load_timeml()
        pairs = [(g, run_marsad(t, "2015-12-24")) for t, g in docs]
        entry = {"documents": len(docs), "marsad_spans": score(pairs, with_values=False)}
        if not args.no_dateparser:
            entry["dateparser_spans"] = score([(g, run_dateparser(t, "2015-12-24")) for t, g in docs], with_values=False)
        report["timeml_silver"] = entry
    if args.stale:
        report["stale_flags"] = stale_rate(args.stale)
    print(json.dumps(report, ensure_ascii=False, indent=2))


def stale_rate(per_day: int) -> dict:
    """Stale flags over SaudiNewsNet articles dated by their (daily) crawl date."""
    n, flagged, examples = 0, 0, []
    for path in saudinewsnet_zips():
        name = path.name
        for urls in list(_zip_articles(name).values())[:per_day]:
            a = urls[0]
            text = a.get("content") or ""
            art = Article(text=text, blocks=[Block("paragraph", text, 0, len(text))],
                          dates=Dates(published=a["date_extracted"][:10]))
            time_stage.run(art)
            n += 1
            if art.flags:
                flagged += 1
                examples.append({"zip": name, "url": a["url"], "period": art.dates.content_period})
    return {"articles": n, "flagged": flagged, "rate": round(flagged / n, 4) if n else 0.0,
            "flagged_articles": examples}


if __name__ == "__main__":
    main()
