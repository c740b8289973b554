"""The time stage: time expressions (``art.timex``, ids t1..) and the dating of the text.

Runs before events so that events can point at a timex id.  Expressions are resolved against the
document date (``dates.published``, else the page's masthead date); when the text's own dates and
tenses say it was written well before that date, the page is flagged ``stale``, the likely writing
period goes to ``dates.content_period`` and relative expressions are resolved again against it.
"""
from __future__ import annotations

import calendar
import datetime as dt

from ..article import Article, Timex
from ..text.sentences import split
from .dating import Anchor, Dating, date_document, sentence_of, stale_by_years, tense_marker
from .timex import Expr, find
from .timex_values import resolve


def reference_date(art: Article) -> dt.date | None:
    """The document date: published, else the page (masthead) date, else none."""
    for v in (art.dates.published, art.dates.page.gregorian if art.dates.page else None):
        if v:
            try:
                return dt.date.fromisoformat(str(v)[:10])
            except ValueError:
                continue
    return None


def last_day(value: str | None) -> dt.date | None:
    """The last day a resolved date value covers ("2023" → 2023-12-31; ranges: their end)."""
    if not value:
        return None
    v = value.split("/")[-1].split("T")[0]
    try:
        if len(v) == 4 and v.isdigit():
            return dt.date(int(v), 12, 31)
        if len(v) == 7 and v[4] == "-" and v[5:].isdigit():
            y, m = int(v[:4]), int(v[5:])
            return dt.date(y, m, calendar.monthrange(y, m)[1])
        if len(v) == 10:
            return dt.date.fromisoformat(v)
    except ValueError:
        return None
    return None


def _depends_on_ref(e: Expr) -> bool:
    """Whether the value moves with the reference date (أمس، الشهر الماضي، a date without its year)."""
    return e.rel is not None or e.weekday is not None or e.year_less or e.year_rel is not None or (
        e.kind == "range" and e.y is None and e.gran != "year")


def _inside_name(e: Expr, names) -> bool:
    """A weekday or month inside a person's or organisation's name (الدكتور عبدالله الجمعة)."""
    return any(m.start <= e.start and e.end <= m.end and (m.type or "") in ("PER", "PERS", "ORG")
               for m in names)


def run(art: Article) -> None:
    text = art.text
    exprs = [e for e in find(text) if not _inside_name(e, art.ner_spans)]
    sentences = art.sentences or split(text)
    markers = [tense_marker(text, e.start, e.end, *sentence_of(sentences, e.start, len(text))) for e in exprs]
    tenses = [m.direction if m else 0 for m in markers]
    ref = reference_date(art)
    resolved = [resolve(e, ref, t) for e, t in zip(exprs, tenses)]
    for e, (v, _) in zip(exprs, resolved):
        if e.year_less and e.d and e.apposed is not None and e.calendar == "gregorian" and v and v[:4].isdigit():
            e.y = int(v[:4])  # a weekday written with the date fixed its year
    if ref is not None and not _confirms(exprs, resolved, ref):
        dating = _date(text, exprs, markers, tenses, resolved, ref)
        if dating.flag is not None:
            art.flags.append(dating.flag)
            art.dates.content_period = dating.period
            for i, e in enumerate(exprs):
                if _depends_on_ref(e):
                    value, certainty = resolve(e, dating.anchor_date, tenses[i])
                    resolved[i] = (value, "inferred" if certainty == "exact" else certainty)
    art.timex = [Timex(id=f"t{i + 1}", text=text[e.start:e.end], start=e.start, end=e.end, value=v,
                       calendar=e.calendar, certainty=c)
                 for i, (e, (v, c)) in enumerate(zip(exprs, resolved))]


def _confirms(exprs: list[Expr], resolved, ref: dt.date) -> bool:
    """The text dates itself at the reference date: a dateline ("الرياض 10 أغسطس 2015") or
    "اليوم (الاثنين)" whose weekday falls within a day of it.  No stale flag then."""
    for e, (v, _) in zip(exprs, resolved):
        day = _as_day(v)
        if day is None:
            continue
        if e.rel is not None and e.rel[0] == "D" and e.apposed is not None:
            if abs((day - (ref + dt.timedelta(days=e.rel[1]))).days) <= 1:
                return True
        elif e.kind == "date" and e.y is not None and e.d and abs((day - ref).days) <= 2:
            return True
    return False


def _as_day(v: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(v[:10]) if v and len(v) >= 10 else None
    except ValueError:
        return None


def _words_between(text: str, a: int, b: int) -> int:
    return len(text[min(a, b):max(a, b)].split())


def _date(text, exprs, markers, tenses, resolved, ref: dt.date) -> Dating:
    anchors, explicit = [], []
    for e, m, t, (v, _) in zip(exprs, markers, tenses, resolved):
        if e.kind not in ("date", "range") or e.rel is not None or e.weekday is not None:
            continue
        if e.gran not in ("day", "month", "year"):
            continue
        close = m is not None and _words_between(text, m.end if m.end <= e.start else m.start,
                                                 e.start if m.end <= e.start else e.end) <= 8
        # A future marker must stand near its date to govern it; the clause's past verb may not.
        direction = e.direction if e.direction is not None else (t if close or t < 0 else 0)
        end = None if _depends_on_ref(e) else last_day(v)
        anchors.append(Anchor(e, direction, m if close or t < 0 else None, end, worded=e.direction is not None))
        if end is not None and direction <= 0:
            explicit.append((e, end))
    dating = date_document(text, anchors, ref)
    if dating.flag is None:
        # "أمس"/"غدا" (not "اليوم", which also means "nowadays") tie the text to its own day.
        deictic = any(e.rel is not None and e.rel[0] == "D" and (e.rel[1] or e.apposed is not None)
                      for e in exprs)
        dating = stale_by_years(text, explicit, deictic, ref)
    return dating
