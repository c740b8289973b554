"""``marsad entities {list,show,merge,unmerge,add}``: the corpus entity registry from the shell."""
from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("entities", help="the corpus entity registry: list, show, merge, unmerge, add")
    esub = p.add_subparsers(dest="entities_command", required=True)

    def common(q):
        q.add_argument("--db", default="marsad.db", help="SQLite file of the registry (default ./marsad.db)")
        q.add_argument("--json", action="store_true", help="print JSON")
        return q

    q = common(esub.add_parser("list", help="entities, most documents first"))
    q.add_argument("--type", help="PER, GPE, LOC, ORG ...")
    q.add_argument("--limit", type=int, default=50)
    q.set_defaults(func=cmd_list)
    q = common(esub.add_parser("show", help="one entity: aliases, documents, merges"))
    q.add_argument("id")
    q.set_defaults(func=cmd_show)
    q = common(esub.add_parser("merge", help="merge OTHER into KEEP (undo with unmerge)"))
    q.add_argument("keep")
    q.add_argument("other")
    q.add_argument("--note")
    q.set_defaults(func=cmd_merge)
    q = common(esub.add_parser(
        "unmerge", help="undo one merge by its id",
        description="Undo one merge: the entity it absorbed is its own again, with whatever was merged into it before (merge A into B, then B into C: undoing the second gives back B with A in it). Merges can be undone in any order."))
    q.add_argument("merge_id", type=int)
    q.set_defaults(func=cmd_unmerge)
    q = common(esub.add_parser("add", help="analyse pages and register their entities"))
    q.add_argument("source", help="file, folder, URL or .jsonl, as for `marsad analyze`")
    q.add_argument("--no-ner", action="store_true", help="find mentions by rules and the knowledge base only (faster)")
    q.set_defaults(func=cmd_add)


def _open(args):
    from .registry import Registry

    return Registry(args.db)


def cmd_list(args) -> int:
    with _open(args) as reg:
        rows = reg.list(args.type, args.limit)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    for r in rows if not args.json else []:
        en = f" ({r['name_en']})" if r["name_en"] else ""
        print(f"{r['id']}\t{r['type']}\t{r['name']}{en}\t{r['documents']} docs")
    return 0


def cmd_show(args) -> int:
    with _open(args) as reg:
        info = reg.explain(args.id)
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    en = f" ({info['name_en']})" if info["name_en"] else ""
    print(f"{info['id']}  {info['type']}  {info['name']}{en}")
    if info["live"] != info["id"]:
        print(f"merged into {info['live']}")
    if len(info["members"]) > 1:
        print("members: " + ", ".join(info["members"]))
    print("aliases: " + "، ".join(f"{a['alias']} ×{a['count']}" for a in info["aliases"]))
    print(f"documents: {len(info['documents'])}")
    for m in info["merges"]:
        undone = f" (undone {m['undone_at']})" if m["undone_at"] else ""
        print(f"merge {m['id']}: {m['merged']} → {m['kept']} at {m['at']}{undone}")
    return 0


def cmd_merge(args) -> int:
    with _open(args) as reg:
        mid = reg.merge(args.keep, args.other, args.note)
        row = reg.merge_row(mid)
    # The ids as recorded: an id merged earlier stands for the entity it now belongs to.
    print(json.dumps({"merge_id": mid, "kept": row["kept"], "merged": row["merged"]}) if args.json
          else f"merge {mid}: {row['merged']} → {row['kept']}")
    return 0


def cmd_unmerge(args) -> int:
    with _open(args) as reg:
        reg.unmerge(args.merge_id)
    print(json.dumps({"unmerged": args.merge_id}) if args.json else f"merge {args.merge_id} undone")
    return 0


def cmd_add(args) -> int:
    from .. import sources
    from ..pipeline import STAGES

    names = [n for n, _ in STAGES]
    stages = names[:names.index("entities") + 1]  # what registering needs, no more
    if args.no_ner:
        stages = [n for n in stages if n != "ner"]
    done = 0
    items = sources.iter_articles(args.source, stages=stages)
    with _open(args) as reg:
        for art in sources.with_progress(items, enabled=sources.is_many(args.source)):
            if isinstance(art, Exception):
                print(f"marsad: {art}", file=sys.stderr)
                continue
            doc = art.source.id or art.source.url or art.source.path or str(done)
            ids = reg.register(doc, art.entities)
            done += 1
            if args.json:
                print(json.dumps({"doc": doc, "ids": ids}, ensure_ascii=False))
    if not args.json:
        print(f"registered the entities of {done} article(s) in {args.db}")
    return 0
