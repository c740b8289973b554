"""Editor flags on real news: precision per kind (hand-checked), injected-typo recall, speed.

Draws articles (seed 7, content > 300 chars) from SaudiNewsNet's held-out day (2015-08-11.zip,
which scripts/build_editor_idf.py leaves out of the IDF table), runs the whole pipeline on
"title\n\ncontent", and:

1. writes every editor flag to benchmarks/gold/editor/flags_sample.jsonl (``--offset K``:
   flags_sample_fromK.jsonl) — zip, url, kind, offsets, the flagged word(s) and suggestion, no
   article text — keeping the hand verdicts already there for flags raised again (``ok``: a real
   slip an editor would fix; ``fix_ok``: the suggestion is the intended word); ``--score``
   prints precision per kind from them.  Articles 0-599 of the draw were looked at while the
   rules were tuned; ``--offset 600/900/1200 --n 300`` are later slices, and ``--day 2015-08-0X.zip``
   draws from another day (gold file flags_2015-08-0X.jsonl; its words are in the IDF table);
2. injects one typo (a letter doubled, dropped, replaced or two swapped) into a common word of
   each article and counts how often the spelling check flags it with the right word;
3. counts what the naive baseline (every word hunspell rejects) would flag;
4. times the editor stage alone (ms/article).

``--keywords`` reruns the keywords of the articles in benchmarks/gold/editor/keywords_check*.jsonl
(each keyword judged by hand: would a reader accept it as a topic of the article) and scores the
current output against those verdicts, file by file (keywords not judged yet are listed).

``--prepositions`` instead scans every SaudiNewsNet article (text stage only, so only the
institution-noun rule can fire) for missing-preposition flags and prints each for checking.

    nice .venv/bin/python benchmarks/editor_flags.py [--n 600] [--offset K] [--day ZIP] [--score]
    nice .venv/bin/python benchmarks/editor_flags.py --keywords | --prepositions
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.editor import spelling  # noqa: E402
from marsad.editor.stage import run as editor_run  # noqa: E402
from marsad.pipeline import STAGES, stage  # noqa: E402
from marsad.errors import InputError  # noqa: E402
from marsad.read import read  # noqa: E402
from marsad.shared_data import saudinewsnet, saudinewsnet_day  # noqa: E402
from marsad.text.normalize import fold  # noqa: E402
from marsad.text.tokenize import tokenize  # noqa: E402

HELD_OUT = "2015-08-11.zip"
DAY = HELD_OUT  # the SaudiNewsNet day file sampled (--day)
GOLD = ROOT / "benchmarks/gold/editor/flags_sample.jsonl"
KINDS = ("spelling", "variant_spelling", "date_mismatch", "missing_preposition")
# Keyboard-free edits a typist makes: neighbouring letters in the alphabet stand in for slips.
_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def sample(n: int, offset: int = 0) -> list[dict]:
    """Articles offset..offset+n of one seeded draw (a longer draw extends a shorter one)."""
    recs = [r for r in saudinewsnet_day(DAY) if len(r.get("content") or "") > 300]
    return random.Random(7).sample(recs, offset + n)[offset:]


FAILED: Counter = Counter()  # upstream stages that raised (the editor then runs without them)


def analyse(text: str, timings: list[float] | None = None):
    art = read(text)
    for name, _ in STAGES:
        if name == "editor":
            t = time.perf_counter()
            editor_run(art)
            if timings is not None:
                timings.append((time.perf_counter() - t) * 1000)
        else:
            try:
                stage(name)(art)
            except Exception:  # another stage's bug must not hide the editor's figures
                FAILED[name] += 1
    return art


def readable(rec: dict) -> bool:
    """The reader finds article text in it (a few crawled records are only furniture)."""
    try:
        read(f"{rec['title']}\n\n{rec['content']}")
    except InputError:
        return False
    return True


def hunspell_alone(art) -> list[tuple[str, str]]:
    """What the naive check would flag: (url-less) every Arabic word hunspell rejects."""
    d = spelling.dictionary()
    return [("", t.text) for t in tokenize(art.text) if t.kind == "word" and len(fold(t.text)) >= 4
            and spelling._ARABIC_WORD_RE.match(t.text) and not d.check(t.text)]


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("double", "drop", "replace", "swap"))
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + rng.choice(_LETTERS) + word[i + 1:]


def inject(art, rng: random.Random) -> tuple[str, int, str, str] | None:
    """(new text, offset, typo, original) for one common word outside names, or None."""
    d, zipf = spelling.dictionary(), spelling.frequency()
    names = [(m.start, m.end) for e in art.entities for m in e.mentions] + [(m.start, m.end) for m in art.ner_spans]
    words = [t for t in tokenize(art.text) if t.kind == "word" and len(t.text) >= 5 and t.text.isalpha()
             and zipf(t.text) >= 4.0 and not any(s < t.end and t.start < e for s, e in names)]
    rng.shuffle(words)
    for t in words:
        bad = typo(t.text, rng)
        if not d.check(bad) and zipf(bad) == 0:
            return art.text[:t.start] + bad + art.text[t.end:], t.start, bad, t.text
    return None


def scan_prepositions() -> None:
    from marsad.editor.flags import preposition_flags
    from marsad.text.stage import run as text_run

    n = raised = 0
    for rec in saudinewsnet(nonempty=False):
        try:
            art = read(f"{rec.get('title') or ''}\n\n{rec.get('content') or ''}")
        except InputError:
            continue
        text_run(art)
        n += 1
        for f in preposition_flags(art):
            raised += 1
            print(f"{rec['_zip']} {rec['url']} {f.start} {f.text} -> {f.suggestion}")
    print(f"{n} articles, {raised} missing-preposition flags")


def check_keywords() -> None:
    """Current keywords against the verdicts of each check file (keywords_check*.jsonl)."""
    for path in sorted(GOLD.parent.glob("keywords_check*.jsonl")):
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        days = {zip_name: {r["url"]: r for r in saudinewsnet_day(zip_name)} for zip_name in {r["zip"] for r in rows}}
        good = total = good3 = total3 = 0
        for row in rows:
            verdict = dict(zip(row["keywords"], row["accepted"]))
            rec = days[row["zip"]][row["url"]]
            kws = analyse(f"{rec['title']}\n\n{rec['content']}").keywords
            judged = [verdict[k] for k in kws if k in verdict]
            good, total = good + sum(judged), total + len(judged)
            top = [verdict[k] for k in kws[:3] if k in verdict]
            good3, total3 = good3 + sum(top), total3 + len(top)
            for k in kws:
                if k not in verdict:
                    print(f"not judged yet: {row['url']} {k}")
        print(f"{path.name}: keywords accepted {good}/{total} ({good / total:.3f}); "
              f"top 3: {good3}/{total3} ({good3 / total3:.3f})")


def verdicts(previous: tuple | None, suggestion: str | None) -> dict:
    """Hand verdicts carried over to a flag raised again; ``fix_ok`` only if the suggestion held."""
    if previous is None:
        return {"ok": None, "fix_ok": None}
    ok, fix_ok, old_suggestion = previous
    return {"ok": ok, "fix_ok": fix_ok if old_suggestion == suggestion else None}


def gold_path(offset: int) -> Path:
    name = "flags_sample" if DAY == HELD_OUT else f"flags_{DAY.removesuffix('.zip')}"
    return GOLD.with_name(f"{name}.jsonl" if offset == 0 else f"{name}_from{offset}.jsonl")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--offset", type=int, default=0,
                    help="skip this many articles of the draw (a fresh sample, own gold file)")
    ap.add_argument("--score", action="store_true", help="precision per kind from the hand verdicts")
    ap.add_argument("--keywords", action="store_true", help="score keywords against the hand verdicts")
    ap.add_argument("--prepositions", action="store_true", help="scan the whole corpus for that one rule")
    ap.add_argument("--day", default=HELD_OUT,
                    help="another day's zip (note: its words are in the IDF table, a mild bias)")
    args = ap.parse_args()
    global DAY
    DAY = args.day
    if args.prepositions:
        return scan_prepositions()
    if args.keywords:
        return check_keywords()
    gold = gold_path(args.offset)
    if args.score:
        rows = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines() if x.strip()]
        for kind in KINDS:
            got = [r for r in rows if r["kind"] == kind]
            checked = [r for r in got if r.get("ok") is not None]
            good = sum(1 for r in checked if r["ok"])
            prec = f"{good / len(checked):.3f}" if checked else "n/a"
            fixed = sum(1 for r in checked if r["ok"] and r.get("fix_ok"))
            print(f"{kind:20s} raised {len(got):3d}  checked {len(checked):3d}  correct {good:3d}  "
                  f"precision {prec}  suggestion = the intended word {fixed}/{good}")
        return
    try:
        saudinewsnet_day(DAY)
    except InputError as e:
        sys.exit(str(e))
    if not spelling.available():
        print("note: hunspell-ar/pyenchant/wordfreq missing: no spelling flags, no typo injection")
    old = {}
    if gold.exists():
        for x in gold.read_text(encoding="utf-8").splitlines():
            r = json.loads(x)
            old[(r["url"], r["kind"], r["start"])] = (r.get("ok"), r.get("fix_ok"), r.get("suggestion"))
    recs = sample(args.n, args.offset)
    recs = [r for r in recs if readable(r)]
    analyse(f"{recs[0]['title']}\n\n{recs[0]['content']}")  # load models before timing
    timings: list[float] = []
    rows, per_kind = [], Counter()
    rng = random.Random(11)
    found = right = tried = 0
    naive: list[tuple[str, str]] = []
    for rec in recs:
        text = f"{rec['title']}\n\n{rec['content']}"
        art = analyse(text, timings)
        for f in art.flags:
            if f.kind not in KINDS:
                continue
            per_kind[f.kind] += 1
            rows.append({"zip": DAY, "url": rec["url"], "kind": f.kind, "start": f.start, "end": f.end,
                         "text": f.text, "suggestion": f.suggestion,
                         **verdicts(old.get((rec["url"], f.kind, f.start)), f.suggestion)})
        if spelling.available():
            naive += hunspell_alone(art)
            inj = inject(art, rng)
            if inj:
                tried += 1
                new_text, at, bad, orig = inj
                art2 = analyse(new_text)
                hit = [f for f in art2.flags if f.kind == "spelling" and f.start == at]
                found += bool(hit)
                right += bool(hit and fold(hit[0].suggestion) == fold(orig))
    gold.parent.mkdir(parents=True, exist_ok=True)
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(recs)} articles from {DAY}: flags {dict(per_kind)} -> {gold.relative_to(ROOT)}")
    if naive:
        pick = random.Random(5).sample(naive, min(30, len(naive)))
        print(f"baseline, hunspell alone (every unknown Arabic word of 4+ letters): {len(naive)} flags "
              f"({len(naive) / len(recs):.1f} per article); 30 drawn for a hand check:")
        print("  " + " | ".join(f"{w}" for _, w in pick))
    if tried:
        print(f"injected typos: {tried}, flagged {found} ({found / tried:.3f}), right suggestion {right} ({right / tried:.3f})")
    if FAILED:
        print(f"upstream stage failures (editor ran without their layers): {dict(FAILED)}")
    print(f"editor stage: median {statistics.median(timings):.1f} ms/article, mean {statistics.mean(timings):.1f}")


if __name__ == "__main__":
    main()
