"""Rebuild marsad/data/kb/kb.json.gz, the offline knowledge base of the entities stage.

Sources (../shared/data/lexicons, each with its SOURCE.txt):
  countries_mledoze (ODbL)         countries: Arabic names, ISO codes, English names, capitals, region
  cldr_arabic_calendar_names       Arabic territory names and ~400 exemplar city names (Unicode License v3)
  ANERGazet                        Arabic location/organisation/person gazetteers (research use)
  ANETAC_transliteration           EN-AR entity pairs: English names of Arabic spellings
  Wikidata_EN_AR_name_transliteration  EN-AR person-name tokens (CC0): name-token lexicon, English forms
  ../shared/data/ner/anercorp      words tagged O, to know a common word from a name
  ../shared/data/corpus/SaudiNewsNet  word counts only (CC BY-NC-SA; no text ships): nouns vs names
plus marsad/data/kb/curated.json (hand-written general knowledge: press spellings, demonyms rules
cannot derive, seats of government, international organisations).

Arabic demonyms (nisba adjectives) are derived by rule from the Arabic country name
(روسيا → روسي، روسية، الروسي، الروسيون ...), with curated overrides.

    python scripts/build_kb.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
sys.path.insert(0, ROOT)

from marsad.shared_data import root as shared_root, saudinewsnet  # noqa: E402
from marsad.entities.keys import sound_key  # noqa: E402
from marsad.text.normalize import fold  # noqa: E402

KB_DIR = os.path.join(ROOT, "marsad", "data", "kb")
OUT = os.path.join(KB_DIR, "kb.json.gz")

CONTINENTS = {"Asia": "آسيا", "Europe": "أوروبا", "Africa": "أفريقيا", "Americas": "أمريكا",
              "Oceania": "أوقيانوسيا", "Antarctic": "القارة القطبية الجنوبية"}
# Adjectives that follow a country name and inflect with it (كوريا الشمالية → الكوري الشمالي).
_ADJ = re.compile(r"^ال(شمالية|جنوبية|شرقية|غربية|وسطى)$")
_ADJ_MASC = {"شمالية": "شمالي", "جنوبية": "جنوبي", "شرقية": "شرقي", "غربية": "غربي", "وسطى": "أوسطي"}
_DIACRITICS = re.compile("[\u064b-\u065f\u0670]")


def clean(s: str) -> str:
    return _DIACRITICS.sub("", s.replace("\xa0", " ").replace("\u0640", "")).strip()


def nisba(word: str) -> str | None:
    """The masculine nisba of one Arabic place word: روسيا→روسي، فرنسا→فرنسي، السعودية→سعودي، مصر→مصري."""
    w = word[2:] if word.startswith("ال") and len(word) > 4 else word
    if len(w) < 3:
        return None
    if w.endswith("يا"):
        return w[:-1]
    if w.endswith("ية"):
        return w[:-1]
    if w.endswith(("ا", "ة")):
        return w[:-1] + "ي"
    if w.endswith("ي"):
        return w
    return w + "ي"


def derive_demonym(name: str) -> str | None:
    words = name.split()
    if len(words) == 1:
        return nisba(words[0])
    if len(words) == 2 and (m := _ADJ.match(words[1])):
        base = nisba(words[0])
        return f"{base} {_ADJ_MASC[m.group(1)]}" if base else None
    return None


def demonym_forms(stem: str) -> list[str]:
    """Every inflection of a (possibly two-word) nisba: masc/fem, definite, plural."""
    words = stem.split()
    out = []
    for suffix in ("", "ة", "ون", "ين", "ات"):
        infl = [w + suffix for w in words]
        out.append(" ".join(infl))
        out.append(" ".join("ال" + w for w in infl))
    return out


def common_words(shared: str) -> set[str]:
    """Words ANERcorp tags O far more often than as a name part: verbs, nouns, adjectives."""
    path = os.path.join(shared, "data", "ner", "anercorp", "train.txt")
    o, ent, loc = collections.Counter(), collections.Counter(), collections.Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 2:
                continue
            w, tag = fold(parts[0]), parts[1]
            (o if tag == "O" else ent)[w] += 1
            loc[w] += tag.endswith("LOC")
    return {w for w, n in o.items() if n >= 2 and n > 3 * ent[w] and len(w) > 1}, o, loc


def article_counts(shared: str, limit: int = 12000) -> collections.Counter:
    """Folded word counts over SaudiNewsNet contents (the first ``limit`` articles): only counts
    are used, to tell a name word from a noun that also takes the article (مرضى / المرضى)."""
    counts: collections.Counter = collections.Counter()
    for art in saudinewsnet(limit, nonempty=False):
        counts.update(re.findall(r"[\u0621-\u064a]+", fold(art.get("content") or "")))
    return counts


def read_cldr(shared: str) -> tuple[dict[str, str], dict[str, str]]:
    base = os.path.join(shared, "data", "lexicons", "cldr_arabic_calendar_names", "ar")
    terr = json.load(open(os.path.join(base, "territories.json"), encoding="utf-8"))
    territories = terr["main"]["ar"]["localeDisplayNames"]["territories"]
    zones = json.load(open(os.path.join(base, "timeZoneNames.json"), encoding="utf-8"))
    cities: dict[str, str] = {}

    def walk(node: dict) -> None:
        for k, v in node.items():
            if isinstance(v, dict):
                if "exemplarCity" in v:
                    cities[k.replace("_", " ")] = clean(v["exemplarCity"])
                else:
                    walk(v)

    walk(zones["main"]["ar"]["dates"]["timeZoneNames"]["zone"])
    return territories, cities


def read_anetac(shared: str) -> dict[str, dict[str, str]]:
    """English name → Arabic spelling, by class (PERSON/LOCATION/ORGANIZATION)."""
    path = os.path.join(shared, "data", "lexicons", "ANETAC_transliteration", "EN-AR NE", "EN-AR Named-entities.txt")
    out: dict[str, dict[str, str]] = collections.defaultdict(dict)
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3:
                continue
            cls = parts[0]
            ar_start = next((i for i, p in enumerate(parts) if re.match("[\u0621-\u064a]", p)), None)
            if ar_start is None or ar_start < 2:
                continue
            out[cls][" ".join(parts[1:ar_start]).lower()] = clean(" ".join(parts[ar_start:]))
    return out


def read_wikidata(shared: str) -> dict[str, tuple[str, int]]:
    """Arabic person-name token (folded) → its commonest English form."""
    path = os.path.join(shared, "data", "lexicons", "Wikidata_EN_AR_name_transliteration",
                        "wd_arabic.normalized.aligned.tokens")
    best: dict[str, tuple[str, int]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                continue
            en, ar, n = parts[0], fold(parts[1].replace(" ", "")), int(parts[2])
            if ar and (ar not in best or (en.isascii(), n) > (best[ar][0].isascii(), best[ar][1])):
                best[ar] = (en, n)
    return best


def read_anergazet(shared: str, name: str) -> list[str]:
    path = os.path.join(shared, "data", "lexicons", "ANERGazet", name)
    with open(path, encoding="utf-8") as f:
        return [clean(line) for line in f]


def build(shared: str) -> dict:
    curated = json.load(open(os.path.join(KB_DIR, "curated.json"), encoding="utf-8"))
    common, untagged, loc_tagged = common_words(shared)
    territories, cities = read_cldr(shared)
    anetac = read_anetac(shared)
    countries = json.load(open(os.path.join(shared, "data", "lexicons", "countries_mledoze", "countries.json"),
                               encoding="utf-8"))
    entities: dict[str, dict] = {}

    def add(kb_id: str, **fields) -> dict:
        e = entities.setdefault(kb_id, {"aliases": []})
        for k, v in fields.items():
            if k == "aliases":
                e["aliases"].extend(a for a in v if a and a not in e["aliases"])
            elif v is not None:
                e.setdefault(k, v)
        return e

    en_to_city = {k.lower(): v for k, v in cities.items()}
    used_cities = set()
    for c in countries:
        code = c["cca3"]
        ara = c["translations"].get("ara", {})
        name = clean(ara.get("common") or c["name"]["common"])
        if name.startswith("جمهورية ") and ara.get("official") and not ara["official"].startswith("جمهورية"):
            name = clean(ara["official"])  # mledoze swaps common/official for a few records
        aliases = [name, clean(ara.get("official", "")), clean(territories.get(c["cca2"], ""))]
        aliases += curated["country_aliases"].get(code, [])
        stems = curated["demonyms"].get(code) or sorted({d for a in aliases if a and (d := derive_demonym(a))})
        if code in curated["no_demonym"]:  # the nisba is a common word (مالي: financial)
            stems = []
        demonyms = [f for s in stems for f in demonym_forms(s)] + curated["demonym_plurals"].get(code, [])
        add(f"country:{code}", type="GPE", name=name, name_en=c["name"]["common"], iso=code,
            continent=CONTINENTS.get(c.get("region")), arab="ara" in (c.get("languages") or {}),
            aliases=aliases, demonyms=demonyms)
        capitals = curated["capitals"].get(code, [])
        for cap_en in c.get("capital") or []:
            ar = en_to_city.get(cap_en.lower())
            if ar:
                capitals = [ar] + capitals
                used_cities.add(cap_en.lower())
        if capitals:
            add(f"city:{code}-capital", type="GPE", name=capitals[0], name_en=(c.get("capital") or [None])[0],
                capital_of=code, country=code, aliases=capitals)
    for en, ar in cities.items():
        if en.lower() not in used_cities and fold(ar) not in common:
            add(f"city:{re.sub(r'[^a-z]+', '-', en.lower())}", type="GPE", name=ar, name_en=en, aliases=[ar])

    for code, name in territories.items():  # continents and world regions (CLDR numeric codes)
        if code.isdigit() and code != "001":
            add(f"region:{code}", type="LOC", name=clean(name), aliases=[clean(name)],
                demonyms=curated["region_demonyms"].get(code, []))
    for region in curated["regions"]:
        add(f"region:{region['id']}", type="LOC", name=region["name"], name_en=region["name_en"],
            aliases=[region["name"], *region["aliases"]])

    for city in curated["cities"]:
        add(f"city:{re.sub(r'[^a-z]+', '-', city['name_en'].lower()).strip('-')}", type="GPE", name=city["name"],
            name_en=city["name_en"], country=city["country"], aliases=[city["name"], *city["aliases"]])

    for seat in curated["seats"]:
        add(f"seat:{re.sub(r'[^a-z]+', '-', seat['name_en'].lower()).strip('-')}", type="ORG", name=seat["name"],
            name_en=seat["name_en"], seat_of=seat["country"], head=seat["head"], aliases=[seat["name"], *seat["aliases"]])
    for org in curated["organisations"]:
        add(f"org:{org['id']}", type="ORG", name=org["name"], name_en=org["name_en"], aliases=[org["name"], *org["aliases"]])

    person_tokens = {fold(w) for w in read_anergazet(shared, "AlignedPersGazetteer.txt") if w}
    person_tokens |= set(read_wikidata(shared))
    # ANERGazet locations: continent blocks ('====') of country/city names; names we already
    # hold become aliases, the rest new places.  Single words that are common words (بيت) or
    # personal names (أحمد) are left out.
    known = {fold(a): kid for kid, e in entities.items() for a in e["aliases"]}
    continent = None
    lines = read_anergazet(shared, "AlignedLocGazetteer.txt")
    for i, line in enumerate(lines):
        if not line or line in ("****",):
            continue
        if line == "====":
            continue
        if i > 0 and lines[i - 1] == "====" and i + 1 < len(lines) and lines[i + 1] == "====":
            continent = line
            continue
        k = fold(line)
        place_like = loc_tagged[k] > untagged[k] or (untagged[k] == 0 and (k.startswith("ال") or k not in person_tokens))
        if k in known or (" " not in k and (len(k) < 3 or not place_like)):
            continue  # a one-word place ANERcorp reads more often as a word or a person is too ambiguous
        known[k] = f"loc:{k.replace(' ', '_')}"
        add(known[k], type="LOC", name=line, region=continent, aliases=[line])
    for line in read_anergazet(shared, "AlignedOrgGazetteer.txt"):
        k = fold(line)
        if not line or k in known or " " not in k:  # one-word titles (الشرق، الرياض) are too ambiguous
            continue
        known[k] = f"org:{k.replace(' ', '_')}"
        add(known[k], type="ORG", name=line, aliases=[line])

    # English names and extra spellings from ANETAC where the spelling is a true variant
    # (its sound key agrees with ours: ANETAC glues clitics on some entries).
    for e in entities.values():
        en = (e.get("name_en") or "").lower()
        ar = anetac.get("LOCATION", {}).get(en) or anetac.get("ORGANIZATION", {}).get(en)
        if ar and ar not in e["aliases"] and sound_key(ar) == sound_key(e["name"]) and fold(ar) not in person_tokens:
            e["aliases"].append(ar)
    ar_to_en = {fold(ar): en for cls in ("LOCATION", "ORGANIZATION") for en, ar in anetac.get(cls, {}).items()}
    for e in entities.values():
        if not e.get("name_en") and fold(e["name"]) in ar_to_en:
            e["name_en"] = ar_to_en[fold(e["name"])].title()

    wikidata = read_wikidata(shared)
    name_tokens = set(wikidata)
    for en, ar in anetac.get("PERSON", {}).items():
        name_tokens.update(fold(t) for t in ar.split())
    name_tokens.update(fold(w) for w in read_anergazet(shared, "AlignedPersGazetteer.txt") if w)
    # Mined pairs glue the conjunction on (واوباما): drop و+name when the name is there alone.
    # A word that news writes with the article as often as without is a noun, whatever else
    # it may be a name of (مرضى/المرضى، جبل/الجبل، راتب/الراتب); given names rarely take it.
    counts = article_counts(shared)
    name_tokens = {t for t in name_tokens if len(t) > 1 and t not in common
                   and not (t.startswith("و") and t[1:] in name_tokens)
                   and not (counts["ال" + t] >= max(5, counts[t]))}
    translit = {ar: en for ar, (en, n) in wikidata.items() if ar in name_tokens}
    return {
        "version": 1,
        "entities": dict(sorted(entities.items())),
        "name_tokens": sorted(name_tokens),
        "common_words": sorted(common),
        "translit": dict(sorted(translit.items())),
        "head_nicknames": curated["head_nicknames"],
        "titles": curated["titles"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(shared_root().parent), help="the folder above data/")
    args = ap.parse_args()
    kb = build(args.shared)
    data = json.dumps(kb, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write(data)  # mtime=0: the same sources give the same bytes
    n = collections.Counter(e["type"] for e in kb["entities"].values())
    print(f"wrote {OUT}: {len(kb['entities'])} entities {dict(n)}, {len(kb['name_tokens'])} name tokens, "
          f"{len(kb['common_words'])} common words, {os.path.getsize(OUT) // 1024} KiB")


if __name__ == "__main__":
    main()
