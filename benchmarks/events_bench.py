"""Events benchmark: Marsad's PLOVER coder against a naive UniversalPetrarch-dictionary coder.

Two gold sets, both scored in the same run for both coders:
  * gold_dev — UniversalPetrarch's 323 Arabic sentences (ASSAULT, PROTEST; one event each,
    source/target text), read from ../shared/data/events/UniversalPetrarch_arabic/gold_dev;
  * benchmarks/gold/events/saudinewsnet.jsonl — multi-type events annotated for Marsad on whole
    SaudiNewsNet articles (offsets into each article's ``content``; the text is read from
    ../shared/data/corpus/SaudiNewsNet at run time, never stored here).

The naive coder is what "dictionary-only" means: every word whose stem is a verb form of the
UniversalPetrarch dictionary is coded, with the code of a pattern whose other words occur in the
sentence, else the verb's own code, mapped CAMEO->PLOVER.

    python benchmarks/events_bench.py [--shared ../shared] [--gold FILE.jsonl] [--json]
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "scripts"))

from up_dictionary import load_cameo_plover, parse, plover_of  # noqa: E402

from marsad.article import Article, Block  # noqa: E402
from marsad.shared_data import root as shared_root  # noqa: E402
from marsad.events.plover import code_article  # noqa: E402
from marsad.events.triggers import noun_stems, verb_stems, word_tokens  # noqa: E402
from marsad.pipeline import STAGES, stage  # noqa: E402
from marsad.shared_data import saudinewsnet_article  # noqa: E402
from marsad.text.normalize import fold  # noqa: E402

GOLD = os.path.join(HERE, "gold", "events", "saudinewsnet.jsonl")
_names = [n for n, _ in STAGES]
UPSTREAM = _names[:_names.index("events")]  # events itself is called through code_article


def article_of(text: str, upstream: list[str] | None = None) -> Article:
    """An Article whose ``text`` is exactly ``text`` (gold offsets point into it), with the
    pipeline's stages before events run over it (events itself is called through code_article)."""
    art = Article(text=text, blocks=[Block("paragraph", text, 0, len(text))])
    for name in UPSTREAM if upstream is None else upstream:
        stage(name)(art)
    return art


class NaiveCoder:
    """Match any verb form of the UniversalPetrarch dictionary; code it by its best pattern."""

    def __init__(self, shared: str):
        ev = os.path.join(shared, "data", "events")
        self.table = load_cameo_plover(os.path.join(ev, "PLOVER_CAMEO_codebooks", "CAMEO2PLOVER-2021.txt"))
        self.forms: dict[str, list] = collections.defaultdict(list)
        for b in parse(os.path.join(ev, "UniversalPetrarch_arabic", "dictionaries", "CAMEO.ar.0.5.txt")):
            for form, own in b.forms.items():
                if " " not in form and len(form) >= 3:
                    self.forms[form].append((b, own))

    def code(self, art: Article) -> list[dict]:
        out = []
        for si, sent in enumerate(art.sentences):
            toks = [t for t in word_tokens(art.text, sent.start, sent.end) if t.kind == "word"]
            stems = [{s for s, *_ in noun_stems(fold(t.text))} | {fold(t.text)} for t in toks]
            for i, t in enumerate(toks):
                cands = {s for s, *_ in verb_stems(fold(t.text))} & self.forms.keys()
                for form in sorted(cands, key=len, reverse=True)[:1]:
                    code = self._code(form, stems, i)
                    ptype = plover_of(code, self.table) if code else None
                    if ptype:
                        out.append({"type": ptype, "start": t.start, "end": t.end, "sentence": si,
                                    "actor": None, "target": None})
        return out

    def _code(self, form: str, stems: list[set], i: int) -> str | None:
        later = set().union(*stems[i + 1:]) if i + 1 < len(stems) else set()
        earlier = set().union(*stems[:i]) if i else set()
        best, own_code = None, None
        for b, own in self.forms[form]:
            own_code = own_code or own or b.code
            for p in b.patterns:
                if p.after and set(p.after) <= later and set(p.before) <= earlier:
                    if best is None or len(p.after) + len(p.before) > best[0]:
                        best = (len(p.after) + len(p.before), p.code)
        return best[1] if best else own_code


def marsad_events(art: Article) -> list[dict]:
    return [{"type": c.type, "start": c.match.start, "end": c.match.end, "sentence": c.sentence,
             "modality": c.modality, "actor": _names(art, c.actor), "target": _names(art, c.target)}
            for c in code_article(art)]


def _names(art: Article, p) -> str | None:
    """The participant's text, and when it resolved to an entity every name that entity goes by."""
    if p is None:
        return None
    ent = art.entity(p.entity)
    return " ".join([p.text] + ([ent.name] + [m.text for m in ent.mentions] if ent else []))


def _words(s: str | None) -> set[str]:
    out = set()
    for w in (s or "").split():
        k = fold(w).strip("«»\"'().,،")
        for p in ("وال", "بال", "لل", "ال", "و"):
            if k.startswith(p) and len(k) - len(p) >= 3:
                k = k[len(p):]
                break
        if len(k) >= 2:
            out.add(k)
    return out


def overlap(a: str | None, b: str | None) -> bool:
    return bool(_words(a) & _words(b))


# ---------------------------------------------------------------- gold_dev (ASSAULT/PROTEST)

def load_gold_dev(shared: str) -> list[dict]:
    d = os.path.join(shared, "data", "events", "UniversalPetrarch_arabic", "gold_dev")
    out = []
    for name in sorted(os.listdir(d)):
        for s in ET.parse(os.path.join(d, name)).getroot().findall("Sentence"):
            et, ec = s.find("EventText"), s.find("EventCoding")
            out.append({"text": s.find("Text").text.strip(), "type": ec.get("plover"),
                        "trigger": et.get("eventtext"), "actor": et.get("sourcetext"),
                        "target": et.get("targettext")})
    return out


def score_gold_dev(gold: list[dict], arts: list[Article], coder) -> dict:
    n = len(gold)
    detected = typed = type_hit = trig_n = trig_hit = 0
    act_n = act_hit = tgt_n = tgt_hit = 0
    pred_by_type = collections.Counter()
    correct_by_type = collections.Counter()
    gold_by_type = collections.Counter(g["type"] for g in gold)
    recall_by_type = collections.Counter()
    total_pred = 0
    for g, art in zip(gold, arts):
        evs = coder(art)
        total_pred += len(evs)
        scorable = [e for e in evs if e["type"] in ("ASSAULT", "PROTEST")]
        for t in {e["type"] for e in scorable}:
            pred_by_type[t] += 1
            correct_by_type[t] += t == g["type"]
        if not evs:
            continue
        detected += 1
        same = [e for e in evs if e["type"] == g["type"]]
        recall_by_type[g["type"]] += bool(same)
        # the event that stands for the gold one: one on the gold trigger, else one of its type, else the first
        on_trig = [e for e in evs if g["trigger"] and overlap(art.text[e["start"]:e["end"]], g["trigger"])]
        best = (on_trig or same or evs)[0]
        typed += 1
        type_hit += best["type"] == g["type"]
        if g["trigger"]:
            trig_n += 1
            trig_hit += bool(on_trig)
        if g["actor"]:
            act_n += 1
            act_hit += overlap(best.get("actor"), g["actor"])
        if g["target"]:
            tgt_n += 1
            tgt_hit += overlap(best.get("target"), g["target"])
    per_type = {t: {"recall": round(recall_by_type[t] / gold_by_type[t], 3),
                    "precision": round(correct_by_type[t] / pred_by_type[t], 3) if pred_by_type[t] else None,
                    "gold": gold_by_type[t], "predicted_sentences": pred_by_type[t]}
                for t in sorted(gold_by_type)}
    return {"sentences": n, "detection_recall": round(detected / n, 3),
            "type_recall": round(sum(recall_by_type.values()) / n, 3),
            "type_accuracy": round(type_hit / typed, 3) if typed else None,
            "trigger_match": round(trig_hit / trig_n, 3) if trig_n else None,
            "actor_match": round(act_hit / act_n, 3) if act_n else None,
            "target_match": round(tgt_hit / tgt_n, 3) if tgt_n else None,
            "events_per_sentence": round(total_pred / n, 2), "per_type": per_type}


# ---------------------------------------------------------------- SaudiNewsNet multi-type gold

def load_saudinewsnet(shared: str, gold_path: str = GOLD) -> tuple[list[dict], dict[tuple, str]]:
    """Gold rows and the texts of the articles they annotate ((zip, url) -> content)."""
    rows = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
    docs = [r for r in rows if r.get("kind") == "article"]
    events = [r for r in rows if r.get("kind") == "event"]
    texts = {(d["zip"], d["url"]): saudinewsnet_article(d["zip"], d["url"])["content"] for d in docs}
    return docs, events, texts


def score_multi(docs: list[dict], events: list[dict], texts: dict, coder, arts: dict) -> dict:
    tp = collections.Counter()
    fp = collections.Counter()
    fn = collections.Counter()
    det_tp = det_fp = det_fn = 0
    mod_n = mod_hit = act_n = act_hit = tgt_n = tgt_hit = 0
    for d in docs:
        key = (d["zip"], d["url"])
        art = arts[key]
        gold = [e for e in events if (e["zip"], e["url"]) == key]
        pred = coder(art)
        used = set()
        for g in gold:
            hit = next((k for k, p in enumerate(pred) if k not in used
                        and p["start"] < g["trigger"][1] and g["trigger"][0] < p["end"]), None)
            if hit is None:
                fn[g["type"]] += 1
                det_fn += 1
                continue
            used.add(hit)
            p = pred[hit]
            det_tp += 1
            if p["type"] == g["type"]:
                tp[g["type"]] += 1
            else:
                fn[g["type"]] += 1
                fp[p["type"]] += 1
            if "modality" in p:
                mod_n += 1
                mod_hit += p["modality"] == g.get("modality", "happened")
            if g.get("actor"):
                act_n += 1
                act_hit += overlap(p.get("actor"), g["actor"])
            if g.get("target"):
                tgt_n += 1
                tgt_hit += overlap(p.get("target"), g["target"])
        for k, p in enumerate(pred):
            if k not in used:
                fp[p["type"]] += 1
                det_fp += 1

    def prf(t, f, n):
        p = t / (t + f) if t + f else 0.0
        r = t / (t + n) if t + n else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3),
                "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}

    types = sorted(set(tp) | set(fp) | set(fn))
    per_type = {t: {**prf(tp[t], fp[t], fn[t]), "gold": tp[t] + fn[t], "predicted": tp[t] + fp[t]} for t in types}
    tt, ff, nn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    return {"articles": len(docs), "gold_events": len(events),
            "detection": prf(det_tp, det_fp, det_fn), "typed": prf(tt, ff, nn),
            "modality_accuracy": round(mod_hit / mod_n, 3) if mod_n else None,
            "actor_match": round(act_hit / act_n, 3) if act_n else None,
            "target_match": round(tgt_hit / tgt_n, 3) if tgt_n else None,
            "per_type": per_type}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(shared_root().parent), help="the folder above data/")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--stages", help=f"comma-separated stages to run before events (default: {','.join(UPSTREAM)})")
    ap.add_argument("--gold", default=GOLD, help="multi-type gold file in the saudinewsnet.jsonl format "
                    "(e.g. benchmarks/gold/events/heldout.jsonl; default: the development set)")
    args = ap.parse_args()
    if not os.path.exists(args.gold) and args.gold != GOLD:
        ap.error(f"no gold file at {args.gold}")
    upstream = args.stages.split(",") if args.stages else UPSTREAM
    naive = NaiveCoder(args.shared)
    report = {"stages": upstream + ["events"]}

    gold = load_gold_dev(args.shared)
    t0 = time.perf_counter()
    arts = [article_of(g["text"], upstream) for g in gold]
    t1 = time.perf_counter()
    for art in arts:
        code_article(art)
    report["events_stage_sentences_per_second"] = round(len(arts) / (time.perf_counter() - t1))
    report["gold_dev"] = {"marsad": score_gold_dev(gold, arts, marsad_events),
                          "naive_up": score_gold_dev(gold, arts, naive.code)}
    if os.path.exists(args.gold):
        docs, events, texts = load_saudinewsnet(args.shared, args.gold)
        arts2 = {k: article_of(v, upstream) for k, v in texts.items()}
        report["saudinewsnet"] = {"gold": os.path.relpath(args.gold),
                                  "marsad": score_multi(docs, events, texts, marsad_events, arts2),
                                  "naive_up": score_multi(docs, events, texts, naive.code, arts2)}
    report["seconds"] = round(time.perf_counter() - t0, 1)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    for name in ("gold_dev", "saudinewsnet"):
        if name not in report:
            continue
        print(f"== {name}" + (f" ({report[name]['gold']})" if "gold" in report[name] else ""))
        for coder in ("marsad", "naive_up"):
            r = report[name][coder]
            head = {k: v for k, v in r.items() if k != "per_type"}
            print(f"  {coder}: {json.dumps(head, ensure_ascii=False)}")
            for t, v in r["per_type"].items():
                print(f"     {t:10s} {json.dumps(v)}")
    print(f"stages: {report['stages']}  seconds: {report['seconds']}  "
          f"events stage: {report['events_stage_sentences_per_second']} sentences/s")


if __name__ == "__main__":
    main()
