"""Entities benchmark: clustering (B³), KB linking, KB coverage and speed on SaudiNewsNet.

    python benchmarks/entities.py gold [--ner]       # B³ and linking on benchmarks/gold/entities/*.json
    python benchmarks/entities.py coverage --n 500 [--ner]  # share of entity mentions linked to the KB
    python benchmarks/entities.py speed --n 200      # ms/article: resolution vs the NER stage
    python benchmarks/entities.py registry --n 400   # corpus ids: document entities → corpus entities
    python benchmarks/entities.py draft ZIP URL      # print an article with the system's mentions (to annotate)
    python benchmarks/entities.py annotate SPEC.json # turn a hand-written spec into a gold file (offsets)

Articles are read in place from ../shared/data/corpus/SaudiNewsNet (CC BY-NC-SA); the text an
offset points into is built by ``article_text``: the title, then each non-empty content line,
each run through ``marsad.text.normalize.light``, laid out by ``Article.set_blocks``.  Gold files
store the zip, the url, a hash of that text, and mentions as offsets + cluster labels (with the
short name at each offset, nothing more of the article).
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

from marsad.article import Article  # noqa: E402
from marsad.entities.resolve import resolve  # noqa: E402
from marsad.text.normalize import fold, light  # noqa: E402
from marsad.shared_data import saudinewsnet, saudinewsnet_article  # noqa: E402

GOLD = os.path.join(HERE, "gold", "entities")


def article_text(raw: dict) -> Article:
    blocks = [("headline", light(raw.get("title") or ""))]
    blocks += [("paragraph", light(line)) for line in raw["content"].split("\n") if light(line).strip()]
    art = Article()
    art.set_blocks([b for b in blocks if b[1].strip()])
    return art


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def find_article(zip_name: str, url: str) -> dict:
    return saudinewsnet_article(zip_name, url)


def corpus(n: int):
    return saudinewsnet(n)


def b_cubed(gold: dict[tuple, str], system: dict[tuple, str]) -> tuple[float, float, float]:
    """B³ over mentions keyed by (start, end); a mention missing on one side counts as a
    singleton there (so missed and invented mentions cost recall and precision)."""
    def clusters(assign):
        out: dict[str, set] = {}
        for m, c in assign.items():
            out.setdefault(c, set()).add(m)
        return out

    gc, sc = clusters(gold), clusters(system)

    def score(a, ca, b, cb):
        tot = 0.0
        for m, c in a.items():
            mine = ca[c]
            other = cb[b[m]] if m in b else {m}
            tot += len(mine & other) / len(mine)
        return tot / len(a) if a else 0.0

    p = score(system, sc, gold, gc)
    r = score(gold, gc, system, sc)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(files: list[str], verbose: bool = False, ner: bool = False) -> dict:
    """B³ and linking over gold files; also B³ of the string-match baseline (the same system
    mentions, clustered only when their folded text is identical)."""
    tot_g, tot_s, tot_b = {}, {}, {}
    link_ok = link_n = nil_ok = nil_n = 0
    det_tp = det_g = det_s = 0
    for path in files:
        g = json.load(open(path, encoding="utf-8"))
        art = article_text(find_article(g["zip"], g["url"]))
        if text_hash(art.text) != g["text_sha1"]:
            raise SystemExit(f"{path}: the article text changed (hash mismatch)")
        spans = []
        if ner:  # the tagger's spans as the pipeline would give them
            from marsad.pipeline import stage

            stage("text")(art)
            stage("ner")(art)
            spans = art.ner_spans
        ents = resolve(art.text, spans)
        sys_assign, sys_kb, base = {}, {}, {}
        ignore = {tuple(x) for x in g.get("ignore", [])}
        for e in ents:
            for m in e.mentions:
                if (m.start, m.end) in ignore:
                    continue
                sys_assign.setdefault((m.start, m.end), e.id)
                sys_kb.setdefault((m.start, m.end), e.kb_id)
                base.setdefault((m.start, m.end), fold(m.text).removeprefix("ال"))
        gold_assign = {(m["start"], m["end"]): m["cluster"] for m in g["mentions"]}
        for m in g["mentions"]:
            assert art.text[m["start"]:m["end"]] == m["text"], (path, m)
        if verbose:
            print("%-32s P=%.3f R=%.3f F=%.3f" % (os.path.basename(path), *b_cubed(gold_assign, sys_assign)))
        tot_g.update({(path, *k): f"{path}|{c}" for k, c in gold_assign.items()})
        tot_s.update({(path, *k): f"{path}|{c}" for k, c in sys_assign.items()})
        tot_b.update({(path, *k): f"{path}|{c}" for k, c in base.items()})
        det_tp += len(set(gold_assign) & set(sys_assign))
        det_g += len(gold_assign)
        det_s += len(sys_assign)
        for m in g["mentions"]:
            want = g["clusters"][m["cluster"]].get("kb_id")
            got = sys_kb.get((m["start"], m["end"]))
            if want:
                link_n += 1
                link_ok += got == want
            else:
                nil_n += 1
                nil_ok += (m["start"], m["end"]) in sys_kb and got is None
    p, r, f = b_cubed(tot_g, tot_s)
    bp, br, bf = b_cubed(tot_g, tot_b)
    r3 = lambda x: round(x, 3) if x is not None else None  # noqa: E731
    return {"documents": len(files), "gold_mentions": det_g, "system_mentions": det_s,
            "mention_precision": r3(det_tp / det_s if det_s else 0), "mention_recall": r3(det_tp / det_g if det_g else 0),
            "b3_precision": r3(p), "b3_recall": r3(r), "b3_f1": r3(f),
            "baseline_string_match_b3": {"precision": r3(bp), "recall": r3(br), "f1": r3(bf)},
            "linking_accuracy": r3(link_ok / link_n if link_n else None), "linkable_gold_mentions": link_n,
            "nil_accuracy": r3(nil_ok / nil_n if nil_n else None), "nil_gold_mentions": nil_n}


def cmd_gold(args) -> None:
    """dev: the 12 articles (snn*) used while writing the rules; test: 4 articles (test*)
    annotated afterwards and scored once, never tuned on."""
    out = {}
    for split, pattern in (("dev", "snn*.json"), ("test", "test*.json")):
        files = sorted(glob.glob(os.path.join(GOLD, pattern)))
        if files:
            out[split] = evaluate(files, args.verbose, args.ner)
    out["all"] = evaluate(sorted(glob.glob(os.path.join(GOLD, "*.json"))), ner=args.ner)
    print(json.dumps(out, indent=2))


# -- coverage and speed -----------------------------------------------------------------------

def cmd_coverage(args) -> None:
    """Of the mentions the stage finds, how many resolve to a KB entity (by kind and type)."""
    n_men = n_kb = n_art = 0
    by_kind: dict[str, list[int]] = {}
    by_type: dict[str, list[int]] = {}
    ner_of = None
    tagged = untagged = 0
    if args.ner:
        from marsad.pipeline import stage

        ner_of = stage("ner")
    for raw in corpus(args.n):
        art = article_text(raw)
        n_art += 1
        if ner_of:
            stage("text")(art)
            ner_of(art)
        ents = resolve(art.text, art.ner_spans)
        if ner_of:  # how many of the tagger's own LOC/ORG/GPE spans end up linked
            linked = {(m.start, m.end) for e in ents if e.kb_id for m in e.mentions}
            for sp in art.ner_spans:
                if sp.type in ("LOC", "GPE", "ORG"):
                    hit = any(a < sp.end and sp.start < b for a, b in linked)
                    tagged += hit
                    untagged += not hit
        for e in ents:
            for m in e.mentions:
                n_men += 1
                n_kb += e.kb_id is not None
                by_kind.setdefault(m.kind, [0, 0])[0] += 1
                by_kind[m.kind][1] += e.kb_id is not None
                by_type.setdefault(e.type, [0, 0])[0] += 1
                by_type[e.type][1] += e.kb_id is not None
    extra = {"ner_loc_org_spans_linked_share": round(tagged / (tagged + untagged), 3),
             "ner_loc_org_spans": tagged + untagged} if ner_of else {}
    print(json.dumps({**extra, "articles": n_art, "mentions": n_men, "linked": n_kb,
                      "linked_share": n_kb / n_men if n_men else 0,
                      "by_kind": {k: {"mentions": v[0], "linked_share": v[1] / v[0]} for k, v in by_kind.items()},
                      "by_type": {k: {"mentions": v[0], "linked_share": v[1] / v[0]} for k, v in by_type.items()}},
                     ensure_ascii=False, indent=2))


def cmd_speed(args) -> None:
    from marsad.pipeline import STAGES, stage

    arts = [article_text(raw) for raw in corpus(args.n)]
    stage("text")
    for a in arts:
        stage("text")(a)
    resolve("تمهيد")  # load the KB outside the timing (once per process)
    t = time.perf_counter()
    for a in arts:
        resolve(a.text, a.ner_spans)
    ent_ms = (time.perf_counter() - t) * 1000 / len(arts)
    out = {"articles": len(arts), "entities_ms_per_article": round(ent_ms, 2),
           "chars_per_article": round(sum(len(a.text) for a in arts) / len(arts))}
    if "ner" in dict(STAGES):
        try:
            ner = stage("ner")
            ner(arts[0])
            t = time.perf_counter()
            for a in arts:
                ner(a)
            ner_ms = (time.perf_counter() - t) * 1000 / len(arts)
            t = time.perf_counter()
            for a in arts:
                resolve(a.text, a.ner_spans)
            with_ner = (time.perf_counter() - t) * 1000 / len(arts)
            out.update(ner_ms_per_article=round(ner_ms, 2), entities_with_ner_spans_ms=round(with_ner, 2),
                       ratio_entities_to_ner=round(with_ner / ner_ms, 2))
        except Exception as e:  # the NER stage may lack its model in this checkout
            out["ner"] = f"not measured: {e}"
    else:
        out["ner"] = "not measured: no ner stage in marsad.pipeline.STAGES"
    print(json.dumps(out, indent=2))


def cmd_registry(args) -> None:
    """Register the entities of the first N articles in a fresh registry (a temporary file) and
    report how many corpus entities they make, with the people known by most spellings."""
    import tempfile

    from marsad.entities.registry import Registry

    with tempfile.TemporaryDirectory() as tmp, Registry(os.path.join(tmp, "registry.db")) as reg:
        n_doc = n_art = 0
        t = time.perf_counter()
        for raw in corpus(args.n):
            ents = resolve(article_text(raw).text)
            reg.register(raw["url"], ents)
            n_doc += len(ents)
            n_art += 1
        ms = (time.perf_counter() - t) * 1000 / max(n_art, 1)
        by_type = dict(reg.db.execute("SELECT type, COUNT(*) FROM entity_entities GROUP BY type").fetchall())
        top = reg.db.execute(
            "SELECT group_concat(alias, ' | '), SUM(count) FROM entity_aliases a JOIN entity_entities e "
            "ON e.id = a.entity_id WHERE e.type = 'PER' GROUP BY entity_id HAVING COUNT(*) > 1 "
            "ORDER BY SUM(count) DESC LIMIT ?", (args.top,)).fetchall()
    print(json.dumps({"articles": n_art, "document_entities": n_doc, "corpus_entities": sum(by_type.values()),
                      "by_type": by_type, "ms_per_article_resolve_and_register": round(ms, 1),
                      "people_with_most_spellings": [r[0] for r in top]}, ensure_ascii=False, indent=2))


def cmd_draft(args) -> None:
    raw = find_article(args.zip, args.url)
    art = article_text(raw)
    print(f"# {args.zip} {args.url} sha1={text_hash(art.text)}")
    print(art.text)
    print("# system mentions: start end cluster kind text kb_id")
    for e in resolve(art.text):
        for m in e.mentions:
            print(m.start, m.end, e.id, m.kind, m.text, e.kb_id or "-", sep="\t")


def occurrences(text: str, surface: str) -> list[int]:
    """Starts of ``surface`` in ``text`` as a whole word, after at most two proclitics."""
    pat = re.compile(r"(?<![\w\u0621-\u064a])(?:[وفبلك]{0,2})(" + re.escape(surface) + r")(?![\w\u0621-\u064a])")
    return [m.start(1) for m in pat.finditer(text)]


def cmd_annotate(args) -> None:
    """SPEC: {"zip", "url", "clusters": [{"type", "kb_id", "name", "mentions": ["text", "text#2", ...]}]}.
    A mention without #k is every occurrence; with #k (or #1,3) only those."""
    spec = json.load(open(args.spec, encoding="utf-8"))
    art = article_text(find_article(spec["zip"], spec["url"]))
    mentions, clusters = [], {}
    ignore = []
    for n, c in enumerate(spec["clusters"], 1):
        if c["type"] == "IGNORE":  # spans that no single cluster fits (a dual: البلدين); not scored
            for item in c["mentions"]:
                surface, _, which = item.partition("#")
                starts = occurrences(art.text, surface)
                starts = [starts[int(k) - 1] for k in which.split(",")] if which else starts
                ignore += [[st, st + len(surface)] for st in starts]
            continue
        cid = f"c{n}"
        clusters[cid] = {"type": c["type"], "kb_id": c.get("kb_id"), "name": c["name"]}
        for item in c["mentions"]:
            surface, _, which = item.partition("#")
            starts = occurrences(art.text, surface)
            if not starts:
                raise SystemExit(f"{args.spec}: {surface!r} not found")
            if which:
                starts = [starts[int(k) - 1] for k in which.split(",")]
            for st in starts:
                mentions.append({"start": st, "end": st + len(surface), "text": surface, "cluster": cid})
    mentions.sort(key=lambda m: (m["start"], m["end"]))
    seen = set()
    for m in mentions:
        key = (m["start"], m["end"])
        if key in seen:
            raise SystemExit(f"{args.spec}: {m['text']!r} at {m['start']} is in two clusters")
        seen.add(key)
    out = {"zip": spec["zip"], "url": spec["url"], "text_sha1": text_hash(art.text),
           "text_recipe": "benchmarks/entities.py article_text", "clusters": clusters, "mentions": mentions,
           "ignore": ignore}
    path = os.path.join(GOLD, os.path.splitext(os.path.basename(args.spec))[0] + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
    print(f"wrote {path}: {len(mentions)} mentions in {len(clusters)} clusters")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gold")
    g.add_argument("--verbose", action="store_true")
    g.add_argument("--ner", action="store_true", help="feed the NER stage's spans to the resolver")
    g.set_defaults(func=cmd_gold)
    c = sub.add_parser("coverage")
    c.add_argument("--n", type=int, default=500)
    c.add_argument("--ner", action="store_true", help="run the NER stage first and feed its spans")
    c.set_defaults(func=cmd_coverage)
    s = sub.add_parser("speed")
    s.add_argument("--n", type=int, default=200)
    s.set_defaults(func=cmd_speed)
    r = sub.add_parser("registry")
    r.add_argument("--n", type=int, default=400)
    r.add_argument("--top", type=int, default=12)
    r.set_defaults(func=cmd_registry)
    d = sub.add_parser("draft")
    d.add_argument("zip")
    d.add_argument("url")
    d.set_defaults(func=cmd_draft)
    a = sub.add_parser("annotate")
    a.add_argument("spec")
    a.set_defaults(func=cmd_annotate)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
