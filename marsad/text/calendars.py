"""Dates written in Arabic: both calendars, three Gregorian month-naming systems, weekdays.

Arabic pages print dates like «الثلاثاء 30 أبريل 2024 الموافق 21 شوال 1445» or «28 آب/اغسطس 2013».
``find_dates`` finds each written date with its offsets; ``read_page_date`` reads a masthead line
into a ``PageDate`` and cross-checks Gregorian, Hijri (Umm al-Qura, via hijridate) and weekday.
Month names come from CLDR (``marsad/data/calendar.json``, rebuilt by scripts/build_calendar.py).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from hijridate import Gregorian, Hijri

from ..article import PageDate
from .normalize import fold_with_map

WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DIGIT = r"[0-9]"


@dataclass
class DateMention:
    start: int
    end: int
    calendar: str  # gregorian | hijri
    year: int | None
    month: int
    day: int | None
    weekday: str | None = None  # English name of a weekday written next to the date

    def iso(self) -> str | None:
        if self.year is None or self.day is None:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@lru_cache(maxsize=1)
def lexicon() -> dict:
    with resources.files("marsad.data").joinpath("calendar.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def _alternation(names: dict[str, list[str]]) -> tuple[str, dict[str, str]]:
    """A regex alternation over folded names (longest first) and folded name → key."""
    lookup = {}
    for key, variants in names.items():
        for v in variants:
            lookup[fold_with_map(v)[0]] = key
    alts = sorted(lookup, key=len, reverse=True)
    return "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts), lookup


@lru_cache(maxsize=1)
def _patterns():
    lex = lexicon()
    g_alt, g_map = _alternation(lex["gregorian_months"])
    h_alt, h_map = _alternation(lex["hijri_months"])
    w_alt, w_map = _alternation(lex["weekdays"])
    wd = rf"(?:(?P<wd>{w_alt})\s*[،,]?\s*(?:(?:ال)?موافق\s*)?)?"
    # Optional "of the month of" filler and "/"-joined alternative month names (آب/اغسطس).
    greg = (rf"{wd}(?P<d>{DIGIT}{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?(?P<m>(?:{g_alt})(?:\s*[/-]\s*(?:{g_alt}))?)"
            rf"(?:\s*[،,]?\s*(?:(?:من\s+)?(?:عام|سنه)\s+)?(?P<y>{DIGIT}{{4}})\s*(?:م\b|ميلادي\w*)?)?")
    hij = (rf"{wd}(?P<d>{DIGIT}{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?(?P<m>{h_alt})"
           rf"(?:\s*[،,]?\s*(?:(?:من\s+)?(?:عام|سنه)\s+)?(?P<y>{DIGIT}{{4}})\s*(?:هـ|ه\b|هجري\w*)?)?")
    numeric = rf"{wd}(?P<a>{DIGIT}{{1,4}})[/.-](?P<b>{DIGIT}{{1,2}})[/.-](?P<c>{DIGIT}{{1,4}})"
    return (re.compile(greg), g_map), (re.compile(hij), h_map), re.compile(numeric), w_map


@lru_cache(maxsize=1)
def name_patterns() -> dict[str, tuple[str, dict[str, str]]]:
    """For matchers built on this lexicon (time expressions): per name set (``gregorian_months``,
    ``hijri_months``, ``weekdays``) a regex alternation over folded names, longest first, and the
    folded name (single spaces) → key lookup."""
    lex = lexicon()
    return {k: _alternation(lex[k]) for k in ("gregorian_months", "hijri_months", "weekdays")}


def _lookup(table: dict[str, str], s: str) -> str:
    return table[re.sub(r"\s+", " ", s)]


def find_dates(text: str) -> list[DateMention]:
    """Every written date in ``text`` (Gregorian with any month-naming system, Hijri, numeric)."""
    folded, idx = fold_with_map(text)
    (g_re, g_map), (h_re, h_map), n_re, w_map = _patterns()
    found: list[tuple[int, int, DateMention]] = []

    def span(m):
        s, e = m.start(), m.end()
        while e > s and folded[e - 1].isspace():
            e -= 1
        return idx[s], idx[e - 1] + 1

    def weekday(m):
        return _lookup(w_map, m.group("wd")) if m.group("wd") else None

    for regex, table, cal in ((g_re, g_map, "gregorian"), (h_re, h_map, "hijri")):
        for m in regex.finditer(folded):
            month_txt = re.split(r"\s*[/-]\s*", m.group("m"))[0]
            month = int(_lookup(table, month_txt))
            day = int(m.group("d"))
            year = int(m.group("y")) if m.group("y") else None
            if not 1 <= day <= (30 if cal == "hijri" else 31):
                continue
            if cal == "hijri" and year is not None and year > 1600:
                continue  # a Gregorian year after a Hijri-looking word: not a Hijri date
            s, e = span(m)
            found.append((s, e, DateMention(s, e, cal, year, month, day, weekday(m))))
    for m in n_re.finditer(folded):
        a, b, c = int(m.group("a")), int(m.group("b")), int(m.group("c"))
        y, mo, d = (a, b, c) if len(m.group("a")) == 4 else (c, b, a)
        if not (1 <= mo <= 12 and 1 <= d <= 31 and y >= 1000):
            continue
        cal = "hijri" if 1300 <= y <= 1500 else "gregorian"
        s, e = span(m)
        found.append((s, e, DateMention(s, e, cal, y, mo, d, weekday(m))))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out, last_end = [], -1
    for s, e, dm in found:
        if s >= last_end:
            out.append(dm)
            last_end = e
    return out


def to_hijri(d: dt.date) -> dt.date | None:
    """Umm al-Qura date for a Gregorian date, as (year, month, day) in a date-like tuple."""
    try:
        return Gregorian(d.year, d.month, d.day).to_hijri()
    except (ValueError, OverflowError):
        return None


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    try:
        g = Hijri(year, month, day).to_gregorian()
        return dt.date(g.year, g.month, g.day)
    except (ValueError, OverflowError):
        return None


def hijri_day_distance(g: dt.date, hy: int, hm: int, hd: int) -> int | None:
    """Days between the Hijri date printed and the Umm al-Qura Hijri date of ``g`` (0 = same)."""
    greg_of_h = hijri_to_gregorian(hy, hm, hd)
    if greg_of_h is None:
        return None
    return (greg_of_h - g).days


def read_page_date(line: str) -> PageDate | None:
    """A masthead date line → PageDate, with both calendars filled in and cross-checked.

    The Hijri date printed by a site follows local moon sighting and may sit a day off Umm
    al-Qura; ``consistent`` tolerates that one day and says so in ``note``.
    """
    ds = find_dates(line)
    if not ds:
        return None
    greg = next((d for d in ds if d.calendar == "gregorian" and d.iso()), None)
    hij = next((d for d in ds if d.calendar == "hijri" and d.iso()), None)
    wd = next((d.weekday for d in ds if d.weekday), None)
    if greg is None and hij is None:
        return None
    page = PageDate(text=line.strip())
    notes, ok = [], True
    g_date = None
    if greg:
        try:
            g_date = dt.date(greg.year, greg.month, greg.day)
        except ValueError:
            return PageDate(text=line.strip(), consistent=False, note=f"impossible date {greg.iso()}")
    if hij:
        page.hijri = hij.iso()
        if g_date is None:
            g_date = hijri_to_gregorian(hij.year, hij.month, hij.day)
    if g_date is None:
        return PageDate(text=line.strip(), hijri=page.hijri, consistent=False, note="impossible Hijri date")
    page.gregorian = g_date.isoformat()
    actual_wd = WEEKDAYS_EN[g_date.weekday()]
    page.weekday = wd or actual_wd
    if wd and wd != actual_wd:
        ok = False
        notes.append(f"weekday printed as {wd} but {page.gregorian} is a {actual_wd}")
    if hij and greg:
        dist = hijri_day_distance(g_date, hij.year, hij.month, hij.day)
        if dist is None or abs(dist) > 1:
            ok = False
            uq = to_hijri(g_date)
            notes.append(f"Hijri {page.hijri} does not match {page.gregorian} (Umm al-Qura: {uq})")
        elif dist:
            notes.append(f"Hijri date is {dist:+d} day from Umm al-Qura (local moon sighting)")
    elif not hij:
        h = to_hijri(g_date)
        page.hijri = str(h) if h else None
    page.consistent = ok
    page.note = "; ".join(notes) or None
    return page
