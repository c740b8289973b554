"""Server-side SVG pictures: an article's timeline and an entity's mentions over time.

No JavaScript and no chart library: each picture is a few rectangles, lines and labels drawn
here as SVG text.  Every label comes from a page (untrusted), so the SVG is assembled only with
``Markup.format``, which escapes each argument; nothing else in this module writes markup.
Dates run left to right (``direction="ltr"`` on the root), as numbers do in an Arabic page.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup

_DAY_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")
_SEASON_RE = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # winter runs into the next year
WIDTH = 720
LABEL_W = 230  # the right-hand column of row labels (the page is RTL: labels sit at the start)
MARGIN = 16


@dataclass
class Mark:
    """One row of a timeline: a day or a period, with what happened then."""

    label: str
    start: dt.date
    end: dt.date
    kind: str = "timex"  # timex | event | published
    note: str = ""


def parse_period(value: str | None) -> tuple[dt.date, dt.date] | None:
    """A TIMEX value (``2023``, ``2023-07``, ``2023-09-10``, or ``A/B``) → (first day, last day)."""
    if not value or not isinstance(value, str):
        return None
    parts = value.split("/")
    if len(parts) > 2:
        return None
    spans = [_span(p.strip()) for p in parts]
    if any(s is None for s in spans):
        return None
    start, end = spans[0][0], spans[-1][1]
    return (start, end) if start <= end else None


def _span(value: str) -> tuple[dt.date, dt.date] | None:
    """One TIMEX value (day, month, year, ISO week ``2021-W11`` or season ``2021-SU``) → its days."""
    w = _WEEK_RE.match(value)
    if w:
        try:
            monday = dt.date.fromisocalendar(int(w.group(1)), int(w.group(2)), 1)
        except ValueError:
            return None
        return monday, monday + dt.timedelta(days=6)
    s = _SEASON_RE.match(value)
    if s:
        y, (first, last) = int(s.group(1)), SEASONS[s.group(2)]
        nxt = dt.date(y + last // 12, last % 12 + 1, 1)
        return dt.date(y, first, 1), nxt - dt.timedelta(days=1)
    m = _DAY_RE.match(value[:10] if len(value) > 10 and value[10] == "T" else value)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            day = dt.date(y, int(mo), int(d))
            return day, day
        if mo:
            first = dt.date(y, int(mo), 1)
            nxt = dt.date(y + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    except ValueError:
        return None


def timeline_svg(marks: list[Mark], title: str) -> Markup:
    """Rows of marks on one date axis: a dot for a day, a bar for a longer period."""
    if not marks:
        return Markup("")
    lo = min(m.start for m in marks)
    hi = max(m.end for m in marks)
    lo, hi = _pad(lo, hi)
    row_h, top = 26, 30
    height = top + row_h * len(marks) + 34
    x0, x1 = MARGIN, WIDTH - LABEL_W - MARGIN
    span = (hi - lo).days or 1

    def x(d: dt.date) -> float:
        return round(x0 + (x1 - x0) * (d - lo).days / span, 1)

    out = [_open(height, title)]
    axis_y = height - 30
    out.append(Markup('<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>').format(x0, axis_y, x1, axis_y))
    for tick, label in _ticks(lo, hi):
        tx = x(tick)
        out.append(Markup('<line class="grid" x1="{}" y1="{}" x2="{}" y2="{}"/>').format(tx, top - 8, tx, axis_y + 4))
        out.append(Markup('<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>').format(tx, axis_y + 18, label))
    for i, m in enumerate(marks):
        cy = top + row_h * i + row_h / 2
        a, b = x(m.start), x(m.end + dt.timedelta(days=1)) if m.end > m.start else x(m.start)
        tip = f"{m.label} — {_period_text(m.start, m.end)}" + (f" — {m.note}" if m.note else "")
        out.append(Markup('<g class="mark mark-{}"><title>{}</title>').format(m.kind, tip))
        if m.kind == "published":
            out.append(Markup('<line class="now" x1="{}" y1="{}" x2="{}" y2="{}"/>').format(a, top - 8, a, axis_y))
            out.append(Markup('<circle cx="{}" cy="{}" r="5"/>').format(a, cy))
        elif b - a >= 4:
            out.append(Markup('<rect x="{}" y="{}" width="{}" height="12" rx="3"/>').format(a, cy - 6, round(b - a, 1)))
        else:
            out.append(Markup('<circle cx="{}" cy="{}" r="5"/>').format(a, cy))
        text = m.label if not m.note else f"{m.label} · {m.note}"
        out.append(Markup('<text class="label" x="{}" y="{}" text-anchor="start" direction="rtl">{}</text></g>')
                   .format(WIDTH - MARGIN, cy + 4, _clip(text, 38)))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def mentions_svg(days: list[dt.date], title: str) -> Markup:
    """A bar chart of how many articles fall in each day, month or year (whichever fits)."""
    if not days:
        return Markup("")
    lo, hi = min(days), max(days)
    span = (hi - lo).days
    if span <= 62:
        key, step = (lambda d: d), "day"
    elif span <= 366 * 4:
        key, step = (lambda d: d.replace(day=1)), "month"
    else:
        key, step = (lambda d: dt.date(d.year, 1, 1)), "year"
    counts = Counter(key(d) for d in days)
    bins = _bins(key(lo), key(hi), step)
    height, top, bottom = 200, 20, 40
    x0, x1 = MARGIN + 24, WIDTH - MARGIN
    slot = (x1 - x0) / len(bins)
    peak = max(counts.values())
    out = [_open(height, title)]
    base = height - bottom
    out.append(Markup('<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>').format(x0, base, x1, base))
    out.append(Markup('<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>').format(x0 - 4, top + 4, peak))
    out.append(Markup('<text class="tick" x="{}" y="{}" text-anchor="end">0</text>').format(x0 - 4, base))
    every = max(1, len(bins) // 8)
    for i, b in enumerate(bins):
        n = counts.get(b, 0)
        h = round((base - top) * n / peak, 1)
        bx = round(x0 + i * slot + slot * 0.15, 1)
        label = _bin_label(b, step)
        out.append(Markup('<g class="bar"><title>{}: {}</title><rect x="{}" y="{}" width="{}" height="{}"/></g>')
                   .format(label, n, bx, round(base - h, 1), round(max(slot * 0.7, 1), 1), h))
        if i % every == 0:
            out.append(Markup('<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>')
                       .format(round(x0 + (i + 0.5) * slot, 1), base + 16, label))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def _open(height: int, title: str) -> Markup:
    return Markup('<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" width="{w}" '
                  'height="{h}" role="img" aria-label="{t}" direction="ltr"><title>{t}</title>'
                  ).format(w=WIDTH, h=height, t=title)


def _pad(lo: dt.date, hi: dt.date) -> tuple[dt.date, dt.date]:
    """Some room either side, so a lone day does not sit on the edge."""
    margin = max(1, (hi - lo).days // 12)
    return lo - dt.timedelta(days=margin), hi + dt.timedelta(days=margin)


def _ticks(lo: dt.date, hi: dt.date, most: int = 7) -> list[tuple[dt.date, str]]:
    span = (hi - lo).days
    if span > 3 * 366:
        stride = max(1, (hi.year - lo.year) // most + 1)
        return [(dt.date(y, 1, 1), str(y)) for y in range(lo.year + 1, hi.year + 1, stride)]
    if span > 75:
        months = []
        d = dt.date(lo.year, lo.month, 1)
        while d <= hi:
            if d > lo:
                months.append(d)
            d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        stride = max(1, len(months) // most + (len(months) % most > 0))
        return [(d, d.strftime("%Y-%m")) for d in months[::stride]]
    stride = max(1, span // most + 1)
    return [(lo + dt.timedelta(days=i), (lo + dt.timedelta(days=i)).isoformat()) for i in range(1, span, stride)]


def _bins(first: dt.date, last: dt.date, step: str) -> list[dt.date]:
    out, d = [], first
    while d <= last:
        out.append(d)
        if step == "day":
            d += dt.timedelta(days=1)
        elif step == "month":
            d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        else:
            d = dt.date(d.year + 1, 1, 1)
    return out


def _bin_label(d: dt.date, step: str) -> str:
    return d.isoformat() if step == "day" else d.strftime("%Y-%m") if step == "month" else str(d.year)


def _period_text(start: dt.date, end: dt.date) -> str:
    return start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
