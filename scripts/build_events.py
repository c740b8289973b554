"""Rebuild marsad/data/events/lexicon.json: the PLOVER trigger lexicon, CAMEO table and agent nouns.

Three sources meet here:
  * the CAMEO->PLOVER table (PLOVER_CAMEO_codebooks, CC BY-SA 4.0): CAMEO code -> PLOVER type;
  * UniversalPetrarch's Arabic verb dictionary (MIT): its patterns are mapped CAMEO->PLOVER and a
    verb form or pattern noun is kept only when its codes agree (>= 3 coded patterns, >= 75% one
    type) and a reviewer kept it (REVIEWED_KEEP below: the dictionary was machine-translated and
    most majorities are wrong, e.g. أشاد "praise" coded as ACCUSE, مات "died" as ASSAULT, or the
    word is a deny verb Marsad reads as modality instead).  Kept entries are weak:
    the coder asks them for an actor, a target or a governing verb before coding;
  * scripts/events_curated.tsv, written for Marsad: verbal nouns and verbs of Arabic news with
    their PLOVER type, CAMEO code and strength.  Curated entries win over derived ones.
Agent nouns (police, army, protesters...) come from the dictionary's agents file, one-word entries.

    python scripts/build_events.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, ".."))

from up_dictionary import load_cameo_plover, parse, plover_of  # noqa: E402

from marsad.shared_data import root as shared_root  # noqa: E402
from marsad.text.normalize import fold  # noqa: E402

OUT = os.path.join(HERE, "..", "marsad", "data", "events", "lexicon.json")
CURATED = os.path.join(HERE, "events_curated.tsv")

# Derived candidates (run with --show-derived) that a reviewer read and kept; of 127 candidates
# the rest had the wrong type or were too common a word to be a trigger ("state", "street").
REVIEWED_KEEP = {"ادن", "اشتبه", "انتهاك", "يلوم", "ذبح", "فتك", "قنابل", "قنبله", "استولي",
                 "استوحذ", "محاصره", "مطوق", "تاهب", "انتهك"}

# Sector codes of agents that take part in political events; the rest (doctors, pupils...) are
# left out so that they do not pass for actors.
AGENT_SECTORS = {"MIL", "COP", "REB", "OPP", "GOV", "PTY", "IMG", "JUD", "LEG", "SPY", "INS",
                 "UAF", "REF", "LAB", "CVL", "ELI", "MED", "NGO", "IGO", "BUS", "EDU", "HLH"}

# PLOVER manual rules that override the 2021 table for a CAMEO code.
MANUAL_OVERRIDES = {"163": "SANCTION", "055": "CONCEDE"}


def curated_entries(path: str) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            ptype, cameo, strength, forms = cols[:4]
            nxt = []
            if len(cols) > 4 and cols[4].startswith("next="):
                nxt = [fold(x) for x in cols[4][5:].split("|")]
            for form in forms.split(","):
                base = {"type": ptype, "cameo": cameo, "strength": strength, "next": nxt, "source": "curated"}
                if form.startswith("v:"):
                    perf, imperf = form[2:].split("/")
                    if perf:
                        out.append({**base, "form": fold(perf.lstrip("!")), "kind": "pv",
                                    "bare": not perf.startswith("!")})
                    if imperf:
                        out.append({**base, "form": fold(imperf[1:]), "kind": "iv", "bare": True})
                elif " " in form.strip():
                    out.append({**base, "form": " ".join(fold(w) for w in form.split()), "kind": "phrase", "bare": True})
                else:
                    out.append({**base, "form": fold(form.strip()), "kind": "n", "bare": True})
    return out


def derived_entries(blocks, table) -> list[dict]:
    """Verb forms and pattern nouns whose dictionary codes agree on one PLOVER type."""
    votes: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    codes: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for b in blocks:
        for p in b.patterns:
            ptype = MANUAL_OVERRIDES.get(p.code) or plover_of(p.code, table)
            if not ptype:
                continue
            for form in b.forms:
                if " " not in form and len(form) >= 3:
                    votes[(form, "pv")][ptype] += 1
                    codes[(form, "pv")][p.code] += 1
            for w in set(p.after + p.before):
                if len(w) >= 4 and not w.startswith(("ال", "لل", "ب", "ل")):
                    votes[(w, "n")][ptype] += 1
                    codes[(w, "n")][p.code] += 1
    out = []
    for (form, kind), c in votes.items():
        n = sum(c.values())
        ptype, k = c.most_common(1)[0]
        if n >= 3 and k / n >= 0.75:
            cameo = next(code for code, _ in codes[(form, kind)].most_common()
                         if (MANUAL_OVERRIDES.get(code) or plover_of(code, table)) == ptype)
            out.append({"form": form, "kind": kind, "type": ptype, "cameo": cameo, "strength": "w",
                        "next": [], "source": "up", "bare": True})
    return sorted(out, key=lambda e: (e["type"], e["form"]))


# Agent nouns of news that the dictionary's one-word entries miss (Marsad's own list), and its
# one-word entries that are not agents in news prose.
CURATED_AGENTS = {"متظاهر", "محتج", "مسلح", "متشدد", "مقاتل", "متمرد", "مسلحون", "الشرطه", "شرطه",
                  "الجيش", "جيش", "قوات", "الامن", "جنود", "الحكومه", "المعارضه", "انتحاري",
                  "مستوطن", "ناشط", "ناشطون", "طلاب", "عمال", "مواطن", "الشبان", "سكان", "الاهالي",
                  "معتصم", "ميليشيا", "ميليشيات", "مليشيا", "مليشيات", "التحالف", "الثوار", "ثوار", "المتمردين"}
NOT_AGENTS = {"اتصال", "اصلي", "تبني", "حمله", "تجمع", "جامعه", "بايع", "حاويه", "خدمه", "رايد",
              "زراعي", "تلفزيون", "دستوري", "بحري", "تاسيسي", "رضيع", "زبون", "بقال", "المتنزه"}


def agent_nouns(path: str) -> list[str]:
    out = set(CURATED_AGENTS)
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^([^\s#\[]+)\s*\[~([A-Z]{3})", line)
            if m and m.group(2) in AGENT_SECTORS and "_" not in m.group(1).strip("_"):
                w = fold(m.group(1).strip("_"))
                if len(w) >= 4 and w not in NOT_AGENTS:
                    out.add(w)
    return sorted(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(shared_root().parent), help="the folder above data/")
    ap.add_argument("--show-derived", action="store_true", help="print derived entries for review")
    args = ap.parse_args()
    ev = os.path.join(args.shared, "data", "events")
    table = load_cameo_plover(os.path.join(ev, "PLOVER_CAMEO_codebooks", "CAMEO2PLOVER-2021.txt"))
    up = os.path.join(ev, "UniversalPetrarch_arabic", "dictionaries")
    blocks = parse(os.path.join(up, "CAMEO.ar.0.5.txt"))
    curated = curated_entries(CURATED)
    seen = {(e["form"], e["kind"]) for e in curated}
    seen_forms = {e["form"] for e in curated}
    derived = [e for e in derived_entries(blocks, table)
               if (e["form"], e["kind"]) not in seen and e["form"] not in seen_forms]
    if args.show_derived:
        for e in derived:
            print(e["type"], e["cameo"], e["kind"], e["form"], "kept" if e["form"] in REVIEWED_KEEP else "")
    derived = [e for e in derived if e["form"] in REVIEWED_KEEP]
    lexicon = {
        "about": "Marsad PLOVER trigger lexicon; rebuilt by scripts/build_events.py",
        "cameo": {code: {"type": MANUAL_OVERRIDES.get(code, t), "mode": m, "context": c}
                  for code, (t, m, c) in sorted(table.items())},
        "triggers": curated + derived,
        "agents": agent_nouns(os.path.join(up, "agents.all.ar_v3.txt")),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(lexicon, f, ensure_ascii=False, indent=0, sort_keys=False)
    print(f"{OUT}: {len(curated)} curated + {len(derived)} derived triggers, "
          f"{len(lexicon['agents'])} agent nouns, {len(table)} CAMEO codes")


if __name__ == "__main__":
    main()
