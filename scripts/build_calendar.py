"""Rebuild marsad/data/calendar.json from CLDR (../shared/data/lexicons/cldr_arabic_calendar_names).

Collects the Arabic Gregorian month names of every regional locale (the Egyptian/Gulf يناير
system, the Levantine كانون الثاني system, the Maghrebi جانفي system), the Hijri month names and
the weekday names, then adds spelling variants the press uses that CLDR leaves out (ابريل without
hamza, ذي for ذو after a preposition, الثاني for الآخر).  Unicode License v3.

    python scripts/build_calendar.py [--shared ../shared]
"""
import argparse
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

from marsad.shared_data import root as shared_root  # noqa: E402
OUT = os.path.join(HERE, "..", "marsad", "data", "calendar.json")

# Press spellings outside CLDR, by month number (hamza-less forms are covered by folding).
EXTRA_GREGORIAN = {
    4: ["ابريل", "افريل"], 7: ["يولية", "جويليه"], 8: ["اغسطس", "آب", "أوت"], 6: ["يونية"],
    9: ["سپتمبر"], 5: ["مايو", "ماي"],
}
EXTRA_HIJRI = {
    3: ["ربيع أول", "ربيع الاول"], 4: ["ربيع الثاني", "ربيع ثاني", "ربيع الآخر", "ربيع آخر"],
    5: ["جمادى أولى", "جمادى الاولى", "جمادي الأولى"], 6: ["جمادى الثانية", "جمادى الآخرة", "جمادى الثاني", "جمادي الآخرة"],
    11: ["ذي القعدة", "ذى القعدة"], 12: ["ذي الحجة", "ذى الحجة"], 1: ["المحرم"],
}
EXTRA_WEEKDAYS = {"Monday": ["الإثنين"], "Saturday": ["السبت"], "Sunday": ["الاحد"]}
DAY_KEYS = {"sun": "Sunday", "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday",
            "thu": "Thursday", "fri": "Friday", "sat": "Saturday"}


def _months(cal: dict, into: dict) -> None:
    for ctx in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for k, v in cal["months"].get(ctx, {}).get(width, {}).items():
                if len(v) > 2:  # single letters (narrow forms) would match anything
                    into.setdefault(int(k), set()).add(v.replace("\xa0", " "))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(shared_root().parent), help="the folder above data/")
    args = ap.parse_args()
    root = os.path.join(args.shared, "data", "lexicons", "cldr_arabic_calendar_names")
    greg, hijri, days = {}, {}, {}
    for f in sorted(glob.glob(os.path.join(root, "ar_regional", "*", "ca-gregorian.json")) + [os.path.join(root, "ar", "ca-gregorian.json")]):
        d = json.load(open(f, encoding="utf-8"))
        g = next(iter(d["main"].values()))["dates"]["calendars"]["gregorian"]
        _months(g, greg)
        for ctx in ("format", "stand-alone"):
            for k, v in g["days"].get(ctx, {}).get("wide", {}).items():
                days.setdefault(DAY_KEYS[k], set()).add(v)
    for name in ("ca-islamic.json", "ca-islamic-umalqura.json"):
        d = json.load(open(os.path.join(root, "ar", name), encoding="utf-8"))
        for cal in next(iter(d["main"].values()))["dates"]["calendars"].values():
            _months(cal, hijri)
    for k, extra in EXTRA_GREGORIAN.items():
        greg.setdefault(k, set()).update(extra)
    for k, extra in EXTRA_HIJRI.items():
        hijri.setdefault(k, set()).update(extra)
    for k, extra in EXTRA_WEEKDAYS.items():
        days[k].update(extra)
    out = {
        "source": "Unicode CLDR 48.2 (Unicode License v3) + press variants; built by scripts/build_calendar.py",
        "gregorian_months": {str(k): sorted(v) for k, v in sorted(greg.items())},
        "hijri_months": {str(k): sorted(v) for k, v in sorted(hijri.items())},
        "weekdays": {k: sorted(v) for k, v in days.items()},
    }
    with open(OUT, "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, indent=1)
    print(f"wrote {OUT}: {sum(map(len, greg.values()))} Gregorian, {sum(map(len, hijri.values()))} Hijri month names")


if __name__ == "__main__":
    main()
