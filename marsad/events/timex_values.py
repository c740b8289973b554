"""Resolve found time expressions to TIMEX3-like values against a reference date.

Values follow TIMEX3: ``2023-09-10``, ranges ``2023-09-10/2023-09-13``, ``2024-03``, ``2024``,
weeks ``2024-W17``, decades ``196``, centuries ``19``, durations ``P4Y``/``PT2H``, times
``T14:00``, parts of day ``2024-04-30TEV``, ``PRESENT_REF``.  Hijri dates are given as Gregorian
values (a Hijri month or year as the Gregorian range it covers) with ``calendar="hijri"``.
Certainty: ``exact`` (the text, or the text plus the reference date, fixes the value),
``inferred`` (a guessed year or direction), ``vague`` (no reference date, or a vague expression).

The year of a date that leaves it out follows the clause's tense: the latest occurrence not after
the reference for the past, the first not before it for the future, the nearest otherwise.
"""
from __future__ import annotations

import datetime as dt

from ..text.calendars import hijri_to_gregorian, to_hijri
from .timex import Expr


def resolve(e: Expr, ref: dt.date | None, tense: int = 0) -> tuple[str | None, str]:
    """(value, certainty) of ``e`` against the reference date ``ref``; ``tense`` is the clause's
    orientation (-1 past, +1 future, 0 unknown) used when the words leave a year or direction open."""
    if e.kind in ("duration", "set"):
        return e.value, ("vague" if "X" in (e.value or "") else "exact")
    if e.kind == "vague":
        return e.value, "vague"
    if e.kind == "time":
        return f"T{e.clock}", "exact"
    if e.kind == "range":
        return _resolve_range(e, ref, tense)
    return _resolve_date(e, ref, tense)


def _resolve_range(e: Expr, ref, tense) -> tuple[str | None, str]:
    first = Expr(0, 0, calendar=e.calendar, y=e.y, m=e.m, d=e.d, gran=e.gran)
    v1, c1 = _resolve_date(first, ref, tense)
    other = e.other
    if other.y is None and first.y is None and v1 and v1[:4].isdigit():
        # The end shares the start's inferred year (and crosses into the next if it ends earlier).
        v2, c2 = _resolve_date(Expr(0, 0, calendar=other.calendar, y=None, m=other.m, d=other.d,
                                    gran=other.gran), _as_date(v1.split("/")[0]), 1)
    else:
        v2, c2 = _resolve_date(other, ref, tense)
    if v1 is None or v2 is None:
        return None, "vague"
    lo, hi = v1.split("/")[0], v2.split("/")[-1]
    return f"{lo}/{hi}", _weakest(c1, c2)


def _weakest(*cs: str) -> str:
    order = ("exact", "inferred", "vague")
    return max(cs, key=order.index)


def _as_date(v: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(v[:10])
    except ValueError:
        return None


def _resolve_date(e: Expr, ref: dt.date | None, tense: int) -> tuple[str | None, str]:
    if e.rel is not None:
        return _resolve_relative(e, ref)
    if e.weekday is not None:
        return _resolve_weekday(e, ref, tense)
    if e.gran in ("decade", "century"):
        return (str(e.y // 10) if e.gran == "decade" else f"{e.y // 100:02d}"), "exact"
    if e.gran in ("quarter", "half", "season"):
        return f"{e.y:04d}-{e.part}", "exact"
    if e.calendar == "hijri":
        return _resolve_hijri(e, ref, tense)
    certainty = "exact"
    y = e.y
    if y is None:
        if ref is None:
            mm = f"-{e.m:02d}" if e.m else ""
            dd = f"-{e.d:02d}" if e.d else ""
            return f"XXXX{mm}{dd}", "vague"
        if e.year_rel is not None:
            y = ref.year + e.year_rel
        elif e.d and e.apposed is not None and _weekday_years(e, ref):
            # "الأربعاء 9 سبتمبر": the year in which the 9th of September is a Wednesday.
            y = min(_weekday_years(e, ref), key=lambda yy: abs((dt.date(yy, e.m, e.d) - ref).days))
            certainty = "inferred"
        else:
            y = _infer_year(e.m, e.d, ref, e.direction or tense, lambda yy, mm, dd: _safe(yy, mm, dd or 1), strict=e.direction is not None)
            certainty = "exact" if e.direction else "inferred"
    if e.gran == "year" or e.m is None:
        return f"{y:04d}", certainty
    if e.d is None:
        return f"{y:04d}-{e.m:02d}", certainty
    if _safe(y, e.m, e.d) is None:
        return None, "vague"
    return f"{y:04d}-{e.m:02d}-{e.d:02d}" + _pod(e), certainty


def _weekday_years(e: Expr, ref: dt.date) -> list[int]:
    return [y for y in range(ref.year - 3, ref.year + 2)
            if (day := _safe(y, e.m, e.d)) is not None and day.weekday() == e.apposed]


def _pod(e: Expr) -> str:
    """The time of day of a day value: a clock time, else a part of day (TMO, TEV...)."""
    if e.clock:
        return f"T{e.clock}"
    return f"T{e.pod}" if e.pod else ""


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _infer_year(m: int, d: int | None, ref: dt.date, direction: int, make, strict: bool = False,
                ref_year: int | None = None) -> int:
    """The year that puts month ``m`` (day ``d``) on the side of ``ref`` the tense points to:
    the latest occurrence not after it for the past, the first not before it for the future, the
    nearest one when the tense is unknown.  With ``strict`` (words like الماضي/المقبل) the month
    of the reference itself does not count."""
    base = ref_year if ref_year is not None else ref.year
    best, best_key = base, None
    for y in (base - 1, base, base + 1):
        start = make(y, m, d)
        if start is None:
            continue
        end = start if d else _month_end(make, y, m)
        if direction < 0:
            ok = end < ref if strict else start <= ref
            key = (ref - end).days if ok else None
        elif direction > 0:
            ok = start > ref if strict else end >= ref
            key = (start - ref).days if ok else None
        else:
            key = 0 if start <= ref <= end else min(abs((ref - end).days), abs((start - ref).days))
        if key is not None and (best_key is None or key < best_key):
            best, best_key = y, key
    return best


def _month_end(make, y: int, m: int) -> dt.date:
    for d in (31, 30, 29, 28):
        v = make(y, m, d)
        if v is not None:
            return v
    return make(y, m, 1)


def _resolve_hijri(e: Expr, ref: dt.date | None, tense: int) -> tuple[str | None, str]:
    certainty = "exact"
    y = e.y
    make = lambda yy, mm, dd: hijri_to_gregorian(yy, mm, dd or 1)  # noqa: E731
    if y is None:
        if ref is None:
            return (f"XXXX-{e.m:02d}" + (f"-{e.d:02d}" if e.d else "")) if e.m else None, "vague"
        h = to_hijri(ref)
        if h is None:
            return None, "vague"
        if e.year_rel is not None:
            y = h.year + e.year_rel
        else:
            y = _infer_year(e.m, e.d, ref, e.direction or tense, make, strict=e.direction is not None, ref_year=h.year)
            certainty = "exact" if e.direction else "inferred"
    if e.gran == "year" or e.m is None:
        a, b = make(y, 1, 1), _month_end(make, y, 12)
    elif e.d is None:
        a, b = make(y, e.m, 1), _month_end(make, y, e.m)
    else:
        a = make(y, e.m, e.d)
        if a and e.apposed is not None and abs(((e.apposed - a.weekday() + 3) % 7) - 3) == 1:
            # Sites follow local moon sighting: a printed weekday one day off Umm al-Qura wins.
            a += dt.timedelta(days=((e.apposed - a.weekday() + 3) % 7) - 3)
        return (a.isoformat() + _pod(e) if a else None), (certainty if a else "vague")
    if a is None or b is None:
        return None, "vague"
    return f"{a.isoformat()}/{b.isoformat()}", certainty


def _add_months(d: dt.date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def _resolve_relative(e: Expr, ref: dt.date | None) -> tuple[str | None, str]:
    unit, off = e.rel
    if ref is None:
        shapes = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}
        shape = shapes[unit] if e.gran != "day" or unit == "D" else "XXXX-XX-XX"
        if e.gran in ("quarter", "half", "season"):
            shape = f"XXXX-{e.part}"
        return shape, "vague"
    if e.gran in ("quarter", "half", "season"):
        return f"{ref.year + off:04d}-{e.part}", "exact"
    if unit == "D":
        day = ref + dt.timedelta(days=off)
        if e.apposed is not None:
            # "اليوم (الجمعة)" read on a Saturday: the page date is a day late, trust the weekday.
            day += dt.timedelta(days=((e.apposed - day.weekday() + 3) % 7) - 3)
        return day.isoformat() + _pod(e), "exact"
    if unit == "W":
        day = ref + dt.timedelta(weeks=off)
        if e.gran == "day":
            return day.isoformat(), "exact"
        iso = day.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}", "exact"
    if unit == "M":
        y, m = _add_months(ref, off)
        if e.d:
            return (f"{y:04d}-{m:02d}-{e.d:02d}" if _safe(y, m, e.d) else None), "exact"
        return f"{y:04d}-{m:02d}", "exact"
    if unit == "Y":
        return f"{ref.year + off:04d}", "exact"
    if unit == "DE":
        return f"{(ref.year + 10 * off) // 10:03d}", "exact"
    return f"{ref.year // 100 + off:02d}", "exact"


def _resolve_weekday(e: Expr, ref: dt.date | None, tense: int) -> tuple[str | None, str]:
    if ref is None:
        return "XXXX-WXX-" + str(e.weekday + 1), "vague"
    delta = (e.weekday - ref.weekday()) % 7
    if e.direction == 1:
        day = ref + dt.timedelta(days=delta or 7)
    elif e.direction == -1:
        day = ref - dt.timedelta(days=(7 - delta) % 7 or 7)
    elif tense > 0:
        day = ref + dt.timedelta(days=delta)
    else:
        day = ref - dt.timedelta(days=(7 - delta) % 7)
    return day.isoformat() + _pod(e), ("exact" if e.direction else "inferred")
