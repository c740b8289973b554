"""When was the text written?  Tense around each time expression, and the document's own date.

A page date (masthead, feed, crawl) is when the page was shown, not always when its text was
written: sites re-date old stories.  The text itself says when it was written through dates it
leaves the year out of (a journalist omits the year of a date that is near) and the tense of the
clause that governs each date (a meeting "scheduled" for a day is after the writing, one that
"was held" is before it).  ``date_document`` searches the three years before the reference date
for the span of writing dates that best fits those anchors; the page is flagged ``stale`` when
that fit is much better than at the reference date, the span ends a month or more before it, and
a strongly future-tense date (سيعقد، من المقرر، المرتقب، المقبل) closes the span — the text was
written shortly before an event that had already happened by the page date.  A text that dates
itself at the reference date (a dateline, «اليوم (الاثنين)») is never stale.  ``stale_by_years``
covers the other case: old full dates clustered in a text that says "yesterday".
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..article import Flag, Span
from ..text.calendars import hijri_to_gregorian, to_hijri
from ..text.normalize import fold
from .timex import Expr

# Words that put the governed event after the time of writing.
_FUTURE_WORDS = {"سوف", "المقرر", "مقرر", "مقررة", "المقررة", "المزمع", "المزمعة", "مزمع",
                 "المرتقب", "المرتقبة", "مرتقب", "المنتظر", "المتوقع", "يعتزم", "تعتزم", "يزمع",
                 "تزمع", "يرتقب", "يترقب", "ستكون", "سيكون", "سيتم", "غدا", "اعتبارا", "ابتداء",
                 "بدءا", "بحلول"}
# Complementizers: a past reporting verb before one says when it was said, not when the reported
# event happens ("ذكروا أن الشحن سيبدأ في نوفمبر"); a modal before one still points ahead.
_COMPLEMENTIZERS = {"أن", "إن", "بأن", "وأن", "وإن", "أنه", "إنه", "بأنه", "أنها", "إنها", "بأنها"}
# Imperfect verbs of scheduling: in news "تنطلق في 10 مايو" announces what is to come.
_SCHEDULE_VERBS = {"يعقد", "تعقد", "ينعقد", "تنعقد", "ينطلق", "تنطلق", "يقام", "تقام", "يبدأ",
                   "تبدأ", "يستمر", "تستمر", "ينظم", "تنظم", "يختتم", "تختتم", "ينتهي", "تنتهي",
                   "يحتفل", "تحتفل", "يفتتح", "تفتتح", "يزور", "تزور", "تنطلق", "تستضيف", "يستضيف"}
# Perfect verbs of reporting and of events, and past auxiliaries.
_PAST_VERBS = {"كان", "لقد", "قال", "أعلن", "أكد", "أفاد", "ذكر", "أشار", "أوضح", "كشف", "عقد",
               "انعقد", "جرى", "تم", "شهد", "وصل", "التقى", "بحث", "أعرب", "انطلق", "اختتم",
               "افتتح", "استقبل", "زار", "شارك", "وقع", "أقيم", "نظم", "صدر", "أصدر", "توفي",
               "قتل", "اعتقل", "ولد", "بدأ", "انتهى", "حصل", "فاز", "خسر", "حقق", "سجل", "قام",
               "أجرى", "أطلق", "نفذ", "أسفر", "أدى", "دعا", "طالب", "اتهم", "نفى", "رفض", "قرر",
               "اعتبر", "أضاف", "تابع", "لفت", "نقل", "احتفل", "أقر", "وافق", "أسس", "تأسس",
               "انتخب", "عين", "أعلنت", "استضاف", "حضر", "ترأس", "رعى", "دشن", "أطلق", "وقعت",
               "انضم", "غادر", "عاد", "سافر", "توجه", "أصيب", "أعلنوا", "ناقش", "استعرض", "بلغ",
               "ارتفع", "انخفض", "تراجع", "سقط", "اندلع", "هاجم", "أسقط", "أنهى"}
_PAST_MARKS = {"الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "أمس", "الأمس"}
_PAST_SUFFIXES = ("", "ت", "وا", "ا", "تا", "نا")
# Nouns that look like future verbs (س + imperfect prefix).
_NOT_FUTURE = {"سيد", "سيدة", "سيول", "سينما", "سيناء", "سيف", "سير", "سياق", "ستين", "سنين",
               "سيطر", "سيطرت", "سيطروا", "سياسي", "سياحي", "سيادي", "سيناتور", "سيناريو",
               "سيرك", "ستاد", "ستار", "سيبيريا", "سيدني", "سنغافورة", "سيئول", "ستالين", "سيرة",
               "سياج", "سيتي", "ستوديو", "سنتيمتر", "سنت", "سيري", "سيسي", "سيجار", "سيكو",
               "سيليكون", "سيمفوني", "سياتل", "سيراليون", "سيلفي", "ستيف", "ستيفن", "سيرغي",
               "سيرجي", "سيرجيو", "سيمون", "سينيغال", "سيارة", "سيارات"}

FUTURE = {fold(w) for w in _FUTURE_WORDS}
COMPLEMENTIZERS = {fold(w) for w in _COMPLEMENTIZERS}
WEAK_FUTURE = {fold(w) for w in ("اعتبارا", "ابتداء", "بدءا", "بحلول")}
SCHEDULE = {fold(w) for w in _SCHEDULE_VERBS}
PAST = {fold(w) + s for w in _PAST_VERBS for s in _PAST_SUFFIXES}
PAST_MARKS = {fold(w) for w in _PAST_MARKS}
NOT_FUTURE = {fold(w) for w in _NOT_FUTURE}
WORD_RE = re.compile(r"[\w\u0640]+")


@dataclass
class Marker:
    """The word that sets a clause's tense, with its span (evidence for a flag).  ``strong``: a
    marker of what is to come (سيعقد، من المقرر، المرتقب), not a present that may be habitual
    (تبدأ، اعتبارا من)."""

    direction: int
    start: int
    end: int
    strong: bool = True


def _strip(word: str) -> str:
    return re.sub(r"^(?:و|ف)(?=\w{3})", "", word)


def word_direction(word: str) -> int:
    """+1 for a future marker, -1 for a past one, 0 otherwise."""
    word = fold(word)
    w = _strip(word)
    if w in FUTURE or word in FUTURE:
        return 1
    if w in PAST or w in PAST_MARKS:
        return -1
    if w in SCHEDULE:
        return 1
    if re.match(r"س[يتن][^ا]\w+", w) and w not in NOT_FUTURE and not w.startswith(("سيد", "سنو")) \
            and not w.endswith(("ه", "ات", "يه", "ها", "ال")):
        return 1  # س + imperfect: سيعقد، ستواصل، سنستمر (not ستائر، سيارة، سيرفال)
    return 0


def tense_marker(text: str, start: int, end: int, lo: int, hi: int) -> Marker | None:
    """The nearest tense marker governing the expression at ``start:end`` within the sentence
    ``lo:hi``: first to its left (up to 25 words), else up to 8 words to its right.  A past verb
    beyond a complementizer (قال إن، ذكر أن) reports, it does not date the embedded event."""
    left = list(WORD_RE.finditer(text, lo, start))[-25:]
    embedded = False
    for m in reversed(left):
        if fold(m.group(0)) in COMPLEMENTIZERS:
            embedded = True
            continue
        d = word_direction(m.group(0))
        if d > 0 or (d < 0 and not embedded):
            return Marker(d, m.start(), m.end(), is_strong(m.group(0)))
        if d < 0:
            break
    for i, m in enumerate(WORD_RE.finditer(text, end, hi)):
        if i >= 8:
            break
        d = word_direction(m.group(0))
        if d:
            return Marker(d, m.start(), m.end(), is_strong(m.group(0)))
    return None


def is_strong(word: str) -> bool:
    """A future marker that announces (سيعقد، المقرر) rather than a present that may be habitual."""
    w = _strip(fold(word))
    return w not in SCHEDULE and w not in WEAK_FUTURE


def sentence_of(sentences: list[Span], start: int, text_len: int) -> tuple[int, int]:
    for s in sentences:
        if s.start <= start < s.end:
            return s.start, s.end
    return 0, text_len


# --------------------------------------------------------------------------- document dating

PAST_GRACE = 120  # days a year-less past date may lie before the writing without surprise
FUTURE_GRACE = 180  # days ahead a year-less scheduled date may lie
VIOLATION = 400  # cost of a future-tense explicit date that is already past
SEARCH_DAYS = 3 * 366
MAX_PERIOD = 180
BRACKET = 60  # a scheduled event closing the writing period lies at most this many days after it


@dataclass
class Anchor:
    """A date in the text that pins down when it was written."""

    expr: Expr
    direction: int  # -1 before the writing, +1 after it, 0 either
    marker: Marker | None
    explicit_end: dt.date | None = None  # last day of an explicit (year-stated) date
    worded: bool = False  # the direction is in the words (الماضي، المقبل), not the clause's tense


def _occurrences(e: Expr, year: int) -> tuple[dt.date, dt.date] | None:
    """First and last day of a year-less (Gregorian or Hijri) day or month in a given year."""
    if e.calendar == "hijri":
        make = hijri_to_gregorian
    else:
        def make(y, m, d):
            try:
                return dt.date(y, m, d)
            except ValueError:
                return None
    if e.d:
        day = make(year, e.m, e.d)
        return (day, day) if day else None
    first = make(year, e.m, 1)
    last = next((v for v in (make(year, e.m, d) for d in (31, 30, 29, 28)) if v), None)
    return (first, last) if first and last else None


def _years_around(e: Expr, t: dt.date) -> range:
    if e.calendar == "hijri":
        h = to_hijri(t)
        base = h.year if h else t.year - 579
    else:
        base = t.year
    return range(base - 1, base + 2)


def _anchor_cost(a: Anchor, t: dt.date) -> float:
    e = a.expr
    if not e.year_less:
        # An explicit date in a future-tense clause must still be ahead of the writing.
        if a.direction > 0 and a.explicit_end and t >= a.explicit_end:
            return VIOLATION
        return 0.0
    spans = [s for y in _years_around(e, t) if (s := _occurrences(e, y))]
    past = [(t - last).days for first, last in spans if first <= t]
    future = [(first - t).days for first, last in spans if first > t]
    # "سبتمبر الماضي" only orders the date before the writing; a bare "15 أغسطس" is also near it.
    p_grace, f_grace = (366, 366) if a.worded else (PAST_GRACE, FUTURE_GRACE)
    p = max(0, min(past) - p_grace) if past else VIOLATION
    fu = max(0, min(future) - f_grace) if future else VIOLATION
    p, fu = min(p, 366), min(fu, 366)
    if a.direction < 0:
        return p
    if a.direction > 0:
        return fu
    return min(p, fu)


def _days_ahead(a: Anchor, t: dt.date) -> int | None:
    """Days from ``t`` to the next occurrence of a future anchor (None when none follows)."""
    if not a.expr.year_less:
        return (a.explicit_end - t).days if a.explicit_end and a.explicit_end > t else None
    ahead = [(first - t).days for y in _years_around(a.expr, t) if (sp := _occurrences(a.expr, y))
             for first in (sp[0],) if first > t]
    return min(ahead) if ahead else None


@dataclass
class Dating:
    period: dict | None
    flag: Flag | None
    anchor_date: dt.date | None  # the best estimate of the writing date when stale


def date_document(text: str, anchors: list[Anchor], ref: dt.date) -> Dating:
    """Estimate when the text was written from its anchors, relative to the reference date.
    Only year-less dates and scheduled (future-tense) days or months count: explicit past dates
    fit any later writing date."""
    useful = [a for a in anchors if a.expr.year_less
              or (a.direction > 0 and a.explicit_end and a.expr.gran in ("day", "month"))]
    if not useful:
        return Dating(None, None, None)

    def cost(t: dt.date) -> float:
        return sum(_anchor_cost(a, t) for a in useful)

    costs = [(cost(ref - dt.timedelta(days=k)), k) for k in range(SEARCH_DAYS)]
    best = min(c for c, _ in costs)
    k_best = next(k for c, k in costs if c == best)  # the latest writing date with the best fit
    k_end = k_best
    while k_end + 1 < SEARCH_DAYS and costs[k_end + 1][0] == best and k_end - k_best < MAX_PERIOD:
        k_end += 1
    end, start = ref - dt.timedelta(days=k_best), ref - dt.timedelta(days=k_end)
    gain = costs[0][0] - best
    # A scheduled event must close the period: the text was written shortly before it.
    closing = [a for a in useful if a.direction > 0 and (a.worded or (a.marker and a.marker.strong))
               and _days_ahead(a, end) is not None and _days_ahead(a, end) <= BRACKET]
    if gain < 60 or k_best < 30 or not closing:
        return Dating(None, None, None)
    # The anchor that gains most from moving the writing date back is the evidence.
    ev = max(useful, key=lambda a: (a.direction > 0, _anchor_cost(a, ref) - _anchor_cost(a, end)))
    s = min(ev.expr.start, ev.marker.start) if ev.marker else ev.expr.start
    e = max(ev.expr.end, ev.marker.end) if ev.marker else ev.expr.end
    tense = {1: "future-tense", -1: "past-tense", 0: "undated"}[ev.direction]
    note = (f"the {tense} date «{text[ev.expr.start:ev.expr.end]}» and the text's other dates fit a "
            f"writing date between {start} and {end}, {k_best} days before the reference date {ref}; "
            f"the page date is probably not when the text was written")
    period = {"start": start.isoformat(), "end": end.isoformat()}
    mid = start + (end - start) / 2
    return Dating(period, Flag(kind="stale", text=text[s:e], start=s, end=e, note=note), mid)


def stale_by_years(text: str, dated: list[tuple[Expr, dt.date]], has_deictic: bool, ref: dt.date) -> Dating:
    """Full dates (day, month and year) a year or more before the reference date fill a text that
    speaks of "today" or "yesterday", and no date or year in it is recent: the text reports that
    time's news.  ``dated``: every explicit date or year with its last day."""
    days = sorted({d: (e, d) for e, d in dated if e.gran == "day" and e.d is not None}.values(),
                  key=lambda p: p[1])  # one per day: "27-7-1429هـ الموافق 30 يوليو 2008" is one
    if not has_deictic or len(days) < 3 or any(d >= ref - dt.timedelta(days=365) for _, d in dated):
        return Dating(None, None, None)
    latest = days[-1][1].year
    if (days[-1][1] - days[-3][1]).days > 90:
        return Dating(None, None, None)  # history, not a news cluster
    ev, last_day = max(((e, d) for e, d in days if d.year == latest), key=lambda p: (p[1], p[0].start))
    start, end = last_day, dt.date(latest, 12, 31)
    note = (f"the text speaks of today/yesterday but its latest full date is in {latest}, "
            f"{ref.year - latest} years before the reference date {ref}; "
            f"the page date is probably not when the text was written")
    return Dating({"start": start.isoformat(), "end": end.isoformat()},
                  Flag(kind="stale", text=text[ev.start:ev.end], start=ev.start, end=ev.end, note=note),
                  start + (end - start) / 2)
