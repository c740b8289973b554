"""Attribution benchmarks: quote spans and speakers, claim stance (ANS), fact-check retrieval.

    python benchmarks/attribution_bench.py [--part quotes|stance|factcheck|all] [--json]

quotes     gold: benchmarks/gold/attribution/quotes.json (dev: the rules were tuned on it) and
           quotes_test.json (held out: annotated after tuning, never tuned on); offsets into
           SaudiNewsNet articles, read from ../shared/data/corpus/SaudiNewsNet at run time.
           Quote span P/R/F1, exact and overlap; speaker accuracy on the overlap-matched
           quotes. Peer: a naive cue baseline.
stance     ANS stance dev split, macro F1 over agree/disagree/other. Peer: majority class.
factcheck  benchmarks/gold/attribution/factcheck_paraphrases.json: recall@1/@5 and MRR of the
           paraphrased claim's own fact-check. Peer: word-overlap (Jaccard) retrieval.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad import shared_data  # noqa: E402
from marsad.article import Article, Block  # noqa: E402
from marsad.attribution.features import stem, words  # noqa: E402
from marsad.errors import InputError  # noqa: E402
from marsad.pipeline import STAGES, stage  # noqa: E402
from marsad.shared_data import saudinewsnet_article  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold" / "attribution"
SHARED = shared_data.root()
TRIM = " \t\n.،,؛:"
# Words that name a role rather than the person: a speaker match needs more than these.
GENERIC = {"في", "من", "باسم", "عن", "علي", "الي", "و", "ال"}


def load_article(zip_name: str, url: str, corpus: Path) -> str:
    return saudinewsnet_article(zip_name, url)["content"]


def article_from(content: str) -> Article:
    """An Article whose text is the raw content, so gold offsets stay valid; one block a line."""
    art = Article(text=content)
    art.blocks = [Block("paragraph", m.group(0), m.start(), m.end()) for m in re.finditer(r"[^\n]+", content)
                  if m.group(0).strip()]
    return art


UPSTREAM_SKIPPED: set[str] = set()


def run_stages(art: Article, text_only: bool = False) -> float:
    """The pipeline up to attribution; an upstream stage that cannot run here (a model not built
    yet) is skipped and reported, so the figure says what it was measured with."""
    names = [n for n, _ in STAGES]
    for name in names[: names.index("attribution")]:
        if text_only and name != "text":
            continue
        try:
            stage(name)(art)
        except InputError as e:
            UPSTREAM_SKIPPED.add(f"{name}: {e}")
    t0 = time.perf_counter()
    stage("attribution")(art)
    return time.perf_counter() - t0


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


def speaker_words(s: str | None) -> set[str]:
    return {stem(w) for w in words(s or "")} - GENERIC


def match_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) by largest overlap first."""
    cands = sorted(((min(ge, pe) - max(gs, ps), gi, pi) for gi, (gs, ge) in enumerate(gold)
                    for pi, (ps, pe) in enumerate(pred) if min(ge, pe) > max(gs, ps)), reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


_BASE_VERB = re.compile(r"(?:^|\s)[وف]?(?:قال|قالت|أكد|أكدت|أضاف|أضافت|أوضح|أشار|ذكرت|ذكر|أعلن|أعلنت|نفى|نفت)\s+")


def baseline(text: str) -> list[tuple[int, int, str | None]]:
    """The obvious peer: every quoted span, plus «verb X إن/أن …» to the sentence end."""
    out = []
    for m in re.finditer(r"[\"«“]([^\"»”]+)[\"»”]", text):
        out.append((m.start(1), m.end(1), None))
    for m in _BASE_VERB.finditer(text):
        c = re.compile(r"\s(?:إن|أن|بأن)\s").search(text, m.end(), m.end() + 120)
        if not c:
            continue
        end = re.compile(r"[.\n]").search(text, c.end())
        speaker = text[m.end():c.start()].strip()
        out.append((c.end(), end.start() if end else len(text), speaker))
    return out


def bench_quotes(corpus: Path, gold_file: Path, text_only: bool = False) -> dict:
    gold_doc = json.loads(gold_file.read_text("utf-8"))
    tot = {"sys": dict(n_gold=0, n_pred=0, exact=0, overlap=0, spk=0, spk_n=0),
           "baseline": dict(n_gold=0, n_pred=0, exact=0, overlap=0, spk=0, spk_n=0)}
    by_kind = {k: dict(n=0, found=0) for k in ("direct", "reported")}
    seconds, chars = 0.0, 0
    for d in gold_doc["documents"]:
        text = load_article(d["zip"], d["url"], corpus)
        if hashlib.sha1(text.encode()).hexdigest()[:12] != d["sha1"]:
            raise SystemExit(f"article text changed: {d['url']}")
        gold = [trim(text, q["start"], q["end"]) for q in d["quotes"]]
        gspk = [text[q["speaker"][0]:q["speaker"][1]] if q["speaker"] else None for q in d["quotes"]]
        art = article_from(text)
        seconds += run_stages(art, text_only)
        chars += len(text)
        systems = {"sys": [(q.start, q.end, q.speaker_text) for q in art.quotes], "baseline": baseline(text)}
        for name, pred in systems.items():
            ps = [trim(text, s, e) for s, e, _ in pred]
            t = tot[name]
            t["n_gold"] += len(gold)
            t["n_pred"] += len(ps)
            t["exact"] += len(set(gold) & set(ps))
            pairs = match_spans(gold, ps)
            t["overlap"] += len(pairs)
            for gi, pi in pairs:
                t["spk_n"] += 1
                g, p = speaker_words(gspk[gi]), speaker_words(pred[pi][2])
                t["spk"] += (not g and not p) or bool(g & p)
            if name == "sys":
                for gi, q in enumerate(d["quotes"]):
                    by_kind[q["kind"]]["n"] += 1
                    by_kind[q["kind"]]["found"] += any(g == gi for g, _ in pairs)
    out = {"documents": len(gold_doc["documents"]), "gold_quotes": tot["sys"]["n_gold"]}
    for name, t in tot.items():
        out[name] = {"predicted": t["n_pred"], "exact": prf(t["exact"], t["n_pred"], t["n_gold"]),
                     "overlap": prf(t["overlap"], t["n_pred"], t["n_gold"]),
                     "speaker_accuracy": round(t["spk"] / t["spk_n"], 4) if t["spk_n"] else 0.0}
    out["sys"]["recall_by_kind"] = {k: round(v["found"] / v["n"], 4) for k, v in by_kind.items() if v["n"]}
    out["sys"]["attribution_stage_chars_per_second"] = round(chars / seconds) if seconds else None
    return out


def bench_stance(shared: Path) -> dict:
    from marsad.attribution.stance import LABELS, stance

    sys.path.insert(0, str(ROOT / "scripts"))
    from build_claims_stance import macro_f1

    with (shared / "claims" / "ANS" / "stance" / "dev.csv").open(encoding="utf-8") as fh:
        dev = [(r["s1"], r["s2"], r["stance"]) for r in csv.DictReader(fh) if r["stance"] in LABELS]
    gold = [y for *_, y in dev]
    pred = [stance(a, b)[0] for a, b, _ in dev]
    f1, per = macro_f1(gold, pred)
    major = max(LABELS, key=gold.count)
    f1_major, _ = macro_f1(gold, [major] * len(gold))
    return {"dev_pairs": len(dev), "macro_f1": round(f1, 4), "per_class_f1": {k: round(v, 4) for k, v in per.items()},
            "accuracy": round(sum(p == g for p, g in zip(pred, gold)) / len(gold), 4),
            "majority_baseline_macro_f1": round(f1_major, 4), "published_mbert_macro_f1": 0.767}


def bench_factcheck(corpus: Path | None, shared: Path) -> dict:
    from marsad.attribution import factcheck

    items = factcheck._index()["items"]
    # The shipped index holds no claim text; the baseline and the stance check read it from the source.
    src = json.loads((shared / "claims" / "factchecks" / "claim_reviews.json").read_text("utf-8"))
    text_of = {}
    for r in src:
        for rev in r.get("claimReview") or []:
            text_of.setdefault(rev.get("url"), " ".join((r.get("text") or "").split()))
    gold = json.loads((GOLD / "factcheck_paraphrases.json").read_text("utf-8"))["items"]
    methods = ["tfidf"]
    if factcheck._embedder() is not None:
        methods += ["e5", "auto"]
    bags = [set(words(text_of.get(it["url"], ""))) for it in items]

    def jaccard(text: str) -> list[float]:
        q = set(words(text))
        return [len(q & b) / len(q | b) if q | b else 0.0 for b in bags]

    out = {"paraphrases": len(gold), "indexed_claims": len(items)}
    for name in ["word_jaccard_baseline"] + methods:
        r1 = r5 = rr = 0.0
        t0 = time.perf_counter()
        for g in gold:
            text = g["paraphrase"]
            sc = jaccard(text) if name == "word_jaccard_baseline" else factcheck.scores(text, name)
            order = sorted(range(len(items)), key=lambda i: -sc[i])
            rank = next(k for k, i in enumerate(order) if items[i]["url"] == g["url"]) + 1
            r1 += rank == 1
            r5 += rank <= 5
            rr += 1 / rank
        n = len(gold)
        out[name] = {"recall@1": round(r1 / n, 4), "recall@5": round(r5 / n, 4), "mrr": round(rr / n, 4),
                     "ms_per_query": round(1000 * (time.perf_counter() - t0) / n, 1)}
    # The threshold at which an article's claim carries a fact-check: how many paraphrases clear it,
    # and how many claims of 2015 news (the gold articles; the checks are from 2023-25) wrongly do.
    own = [factcheck.scores(g["paraphrase"], "tfidf")[next(i for i, it in enumerate(items) if it["url"] == g["url"])]
           for g in gold]
    from marsad.attribution.stance import stance

    labels = [stance(text_of.get(g["url"], ""), g["paraphrase"])[0] for g in gold]
    out["stance_of_paraphrases"] = {lab: labels.count(lab) for lab in ("agree", "disagree", "other")}
    out["attach"] = {"threshold": factcheck.ATTACH_MIN_SCORE,
                     "paraphrases_above": round(sum(v >= factcheck.ATTACH_MIN_SCORE for v in own) / len(own), 4)}
    if corpus is not None:
        n_claims = n_attached = 0
        for gold_file in ("quotes.json", "quotes_test.json"):
            for d in json.loads((GOLD / gold_file).read_text("utf-8"))["documents"]:
                art = article_from(load_article(d["zip"], d["url"], corpus))
                run_stages(art, text_only=True)
                n_claims += len(art.claims)
                n_attached += sum(bool(c.factchecks) for c in art.claims)
        out["attach"]["news_2015_claims"] = n_claims
        out["attach"]["news_2015_claims_attached"] = n_attached
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=("quotes", "stance", "factcheck", "all"), default="all")
    ap.add_argument("--shared", default=str(SHARED))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--text-only", action="store_true", help="attribution without the NER/entity stages")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    res = {}
    if args.part in ("quotes", "all"):
        corpus = shared / "corpus" / "SaudiNewsNet" / "dataset"
        if not corpus.exists():
            print(f"missing {corpus}", file=sys.stderr)
            return 1
        res["quotes_dev"] = bench_quotes(corpus, GOLD / "quotes.json", args.text_only)
        res["quotes_test"] = bench_quotes(corpus, GOLD / "quotes_test.json", args.text_only)
        res["upstream_stages"] = "text only" if args.text_only else \
            {"ran": [n for n, _ in STAGES[:[n for n, _ in STAGES].index("attribution")]],
             "skipped": sorted(UPSTREAM_SKIPPED)}
    if args.part in ("stance", "all"):
        res["stance"] = bench_stance(shared)
    if args.part in ("factcheck", "all"):
        corpus = shared / "corpus" / "SaudiNewsNet" / "dataset"
        res["factcheck"] = bench_factcheck(corpus if corpus.exists() else None, shared)
    print(json.dumps(res, ensure_ascii=False, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
