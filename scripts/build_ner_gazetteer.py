"""Rebuild marsad/data/ner/gazetteer.tsv: the NER tagger's lexicon, from ../shared/data/lexicons.

One line per entry, `folded phrase<TAB>TYPE`, tokens folded with marsad.ner.features.word_key
and joined by one space.  TYPE says where it came from, so the CRF can weigh sources apart:

- COUNTRY: Arabic common/official names of countries_mledoze (ODbL) and CLDR territories with a
  two-letter code (Unicode License v3); CITY: CLDR exemplar cities (time-zone cities);
- PLACE: ANERGazet countries, states and cities; LOC: CLDR regions (numeric codes) and
  ANERGazet continents; ORG: ANERGazet organisations;
- xLOC / xORG: ANETAC English–Arabic entity pairs (mined, noisy), kept apart for that reason;
- NAME: personal-name tokens (ANERGazet people, ANETAC persons, Wikidata name tokens, CC0).

COUNTRY, CITY and PLACE also drive the pipeline's LOC→GPE decision.

    python scripts/build_ner_gazetteer.py [--data ../shared/data]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad import shared_data  # noqa: E402
from marsad.ner.features import word_key  # noqa: E402
from marsad.text.tokenize import tokenize  # noqa: E402


def key(phrase: str) -> str:
    return " ".join(word_key(t.text) for t in tokenize(phrase) if t.kind != "punct")


def lines(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]


def build(data: Path) -> set[tuple[str, str]]:
    lex = data / "lexicons"
    out: set[tuple[str, str]] = set()

    def add(phrase: str, typ: str) -> None:
        k = key(phrase)
        if k and len(k.replace(" ", "")) >= 2:
            out.add((k, typ))

    for c in json.loads((lex / "countries_mledoze/countries.json").read_text(encoding="utf-8")):
        ara = c.get("translations", {}).get("ara", {})
        for name in (ara.get("common"), ara.get("official")):
            if name:
                add(name, "COUNTRY")
    cldr = lex / "cldr_arabic_calendar_names/ar"
    terr = json.loads((cldr / "territories.json").read_text(encoding="utf-8"))
    for code, name in terr["main"]["ar"]["localeDisplayNames"]["territories"].items():
        base = code.split("-")[0]
        add(name, "LOC" if base.isdigit() or base in ("EU", "EZ", "UN", "QO") else "COUNTRY")
    zones = json.loads((cldr / "timeZoneNames.json").read_text(encoding="utf-8"))

    def walk(node):
        if isinstance(node, dict):
            if "exemplarCity" in node:
                add(node["exemplarCity"], "CITY")
            for v in node.values():
                walk(v)

    walk(zones["main"]["ar"]["dates"]["timeZoneNames"]["zone"])
    gazet = lex / "ANERGazet"
    prev = ""
    for name in lines(gazet / "AlignedLocGazetteer.txt"):
        if name and not name.startswith(("===", "***", "*", "-")):
            # A name right after '====' is a continent; the rest are countries, states, cities.
            add(name, "LOC" if prev.startswith("===") else "PLACE")
        prev = name
    for name in lines(gazet / "AlignedOrgGazetteer.txt"):
        if name:
            add(name, "ORG")
    for name in lines(gazet / "AlignedPersGazetteer.txt"):
        for tok in key(name).split():
            add(tok, "NAME")
    ne = lex / "ANETAC_transliteration/EN-AR NE/EN-AR Named-entities.txt"
    for line in lines(ne):
        parts = line.split(" ", 1)
        if len(parts) != 2:
            continue
        typ, rest = parts
        # "TYPE English words Arabic words": the Arabic part is the run of Arabic tokens.
        arabic = " ".join(w for w in rest.split() if any("\u0621" <= ch <= "\u064a" for ch in w))
        if not arabic:
            continue
        if typ == "PERSON":
            for tok in key(arabic).split():
                add(tok, "NAME")
        elif typ == "LOCATION":
            add(arabic, "xLOC")
        elif typ == "ORGANIZATION":
            add(arabic, "xORG")
    wd = lex / "Wikidata_EN_AR_name_transliteration/wd_arabic.normalized.aligned.tokens"
    for line in lines(wd):
        parts = line.split("\t")
        if len(parts) >= 2:
            add(parts[1].replace(" ", ""), "NAME")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(shared_data.root()))
    ap.add_argument("--out", default=str(ROOT / "marsad/data/ner/gazetteer.tsv"))
    args = ap.parse_args()
    entries = build(Path(args.data))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(f"{p}\t{t}\n" for p, t in sorted(entries)), encoding="utf-8")
    counts: dict[str, int] = {}
    for _, t in entries:
        counts[t] = counts.get(t, 0) + 1
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB): {dict(sorted(counts.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
