"""Arabic time expressions: find them, with offsets, as unresolved ``Expr`` objects.

Finding is separate from resolving (``timex_values``) because the right reference date is only
known after the whole text has been read (``dating`` may decide the page date is not when the
text was written).  ``find`` works on the folded text (``fold_with_map``: one alef, ة→ه, ى→ي, Arabic-Indic digits to
ASCII, no diacritics or tatweel) so one pattern covers every spelling, and maps spans back to the
original offsets.  Explicit day-month dates in every month-naming system and Hijri come from
``marsad.text.calendars.find_dates``; ranges, relative expressions, durations, times of day, sets
and vague references are matched here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text.calendars import find_dates, name_patterns
from ..text.normalize import DIACRITICS_RE, fold_letters, fold_with_map

WEEKDAY_INDEX = {"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4,
                 "Saturday": 5, "Sunday": 6}

# A word boundary that lets one or two proclitics (و ف ب ل ك) stick to the expression.
B = r"(?:(?<!\w)|(?<=(?<!\w)[وفبلك])|(?<=(?<!\w)[وف][بلك]))"
E = r"(?!\w)"
# The article, or the lam left of it after the preposition ل (للعام الماضي، للأعوام الماضية).
DEF = r"(?:ال|(?<=ل)ل)"

_UNITS = {"واحد": 1, "واحدة": 1, "اثنين": 2, "اثنان": 2, "اثنتين": 2, "اثنتان": 2, "ثلاث": 3,
          "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7,
          "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10}
_TENS = {"عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "أربعين": 40, "أربعون": 40,
         "خمسين": 50, "خمسون": 50, "ستين": 60, "ستون": 60, "سبعين": 70, "سبعون": 70,
         "ثمانين": 80, "ثمانون": 80, "تسعين": 90, "تسعون": 90}
_BIG = {"مئة": 100, "مائة": 100, "مية": 100, "مئتين": 200, "مائتين": 200, "مئتي": 200,
        "ألف": 1000, "ألفين": 2000}
_TEEN_HEAD = {"أحد": 1, "إحدى": 1, "اثني": 2, "اثنا": 2, "اثنتي": 2, "اثنتا": 2}

# Unit word → (TIMEX unit, number the word itself carries: 1 singular, 2 dual, None plural).
_UNIT_WORDS = {
    "Y": {"سنة": 1, "عام": 1, "عاما": 1, "سنوات": None, "سنين": None, "أعوام": None,
          "سنتين": 2, "سنتان": 2, "عامين": 2, "عامان": 2},
    "M": {"شهر": 1, "شهرا": 1, "أشهر": None, "شهور": None, "شهرين": 2, "شهران": 2},
    "W": {"أسبوع": 1, "أسبوعا": 1, "أسابيع": None, "أسبوعين": 2, "أسبوعان": 2},
    "D": {"يوم": 1, "يوما": 1, "أيام": None, "يومين": 2, "يومان": 2},
    "H": {"ساعة": 1, "ساعات": None, "ساعتين": 2, "ساعتان": 2},
    "MIN": {"دقيقة": 1, "دقائق": None, "دقيقتين": 2, "دقيقتان": 2},
    "S": {"ثانية": 1, "ثوان": None, "ثواني": None, "ثانيتين": 2},
    "DE": {"عقد": 1, "عقدا": 1, "عقود": None, "عقدين": 2, "عقدان": 2},
    "CE": {"قرن": 1, "قرنا": 1, "قرون": None, "قرنين": 2, "قرنان": 2},
}
_HOURS = {"الواحدة": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6,
          "السابعة": 7, "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية عشرة": 11,
          "الثانية عشرة": 12}
_POD = {"صباح": "MO", "صباحا": "MO", "صبيحة": "MO", "فجر": "MO", "فجرا": "MO", "ظهر": "MI",
        "ظهرا": "MI", "ظهيرة": "MI", "عصر": "AF", "عصرا": "AF", "مساء": "EV", "مساءا": "EV",
        "ليلة": "NI", "ليلا": "NI", "ص": "MO", "م": "EV"}
_DECADES = {"عشرين": 2, "ثلاثين": 3, "أربعين": 4, "خمسين": 5, "ستين": 6, "سبعين": 7,
            "ثمانين": 8, "تسعين": 9}
_CENTURIES = {"السابع عشر": 17, "الثامن عشر": 18, "التاسع عشر": 19, "العشرين": 20,
              "الحادي والعشرين": 21, "الواحد والعشرين": 21}
_ORD_UNITS = ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")
_ORDINAL_DAYS = {**{w: i + 1 for i, w in enumerate(_ORD_UNITS)}, "العاشر": 10, "الحادي عشر": 11,
                 **{f"{w} عشر": i + 1 + 10 for i, w in enumerate(_ORD_UNITS) if i > 0},
                 "العشرين": 20, "الحادي والعشرين": 21, "الواحد والعشرين": 21,
                 **{f"{w} والعشرين": i + 21 for i, w in enumerate(_ORD_UNITS) if i > 0},
                 "الثلاثين": 30, "الحادي والثلاثين": 31, "الواحد والثلاثين": 31}
_ORDINALS = {"الأول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الأخير": 4}

# Direction words after a unit or a month: -1 past, 0 current, +1 next.
_MODS = {"الماضي": -1, "الماضية": -1, "المنصرم": -1, "المنصرمة": -1, "الفائت": -1,
         "الفائتة": -1, "السابق": -1, "السابقة": -1, "المنقضي": -1, "الجاري": 0, "الجارية": 0,
         "الحالي": 0, "الحالية": 0, "المقبل": 1, "المقبلة": 1, "القادم": 1, "القادمة": 1}
_VAGUE = {"مؤخرا": "PAST_REF", "هذه الأيام": "PRESENT_REF", "حاليا": "PRESENT_REF", "الآن": "PRESENT_REF",
          "الوقت الحالي": "PRESENT_REF", "الوقت الراهن": "PRESENT_REF", "قريبا": "FUTURE_REF",
          "آنذاك": "PAST_REF", "حينذاك": "PAST_REF"}
_SET_ADVERBS = {"يوميا": "P1D", "أسبوعيا": "P1W", "شهريا": "P1M", "سنويا": "P1Y"}
_POSITIONS = ("مطلع", "بداية", "بدايات", "أوائل", "منتصف", "أواسط", "أواخر", "نهاية", "آخر")
# Month names that are also ordinary words (father, he practised, May/my, a car make): only
# taken alone when "شهر" or a year or a direction word comes with them.
_AMBIGUOUS_MONTHS = {"اب", "مارس", "ماي", "نيسان", "جوان"}
_AMBIGUOUS_HIJRI = {"صفر", "رجب", "شعبان", "شوال", "محرم", "المحرم", "رمضان"}


def f(s: str) -> str:
    """Fold a pattern written in plain Arabic the way the text is folded."""
    return fold_letters(s)


def _alt(words) -> str:
    return "|".join(re.escape(f(w)).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _table(d: dict) -> dict:
    return {f(k): v for k, v in d.items()}


UNIT_OF_RAW = [w for ws in _UNIT_WORDS.values() for w in ws]
UNIT_OF = {f(w): (u, n) for u, words in _UNIT_WORDS.items() for w, n in words.items()}
MODS = _table(_MODS)
HOURS = _table(_HOURS)
POD = _table(_POD)
VAGUE = _table(_VAGUE)
SET_ADVERBS = _table(_SET_ADVERBS)
DECADES = _table(_DECADES)
CENTURIES = _table(_CENTURIES)
ORDINALS = _table(_ORDINALS)
ORDINAL_DAYS = _table(_ORDINAL_DAYS)
_SEASONS = {"ربيع": "SP", "الربيع": "SP", "صيف": "SU", "الصيف": "SU", "خريف": "FA", "الخريف": "FA",
            "شتاء": "WI", "الشتاء": "WI"}
SEASONS = _table(_SEASONS)


def number_value(s: str) -> int | None:
    """An Arabic number written in digits or words (up to the thousands) → int."""
    s = re.sub(r"\s+", " ", s.strip())
    if s.startswith("ال") and s[2:].strip().isdigit():
        s = s[2:].strip()
    if s.isdigit():
        return int(s)
    units, tens, big = _table(_UNITS), _table(_TENS), _table(_BIG)
    teen = re.fullmatch(r"(\S+) عشر[ه]?", s)
    if teen:
        head = _table(_TEEN_HEAD).get(teen.group(1)) or units.get(teen.group(1))
        return 10 + head if head and head < 10 else None
    total = 0
    for part in re.split(r" و ?", s):
        part = part.removeprefix("ال")
        v = units.get(part) or tens.get(part) or big.get(part)
        if v is None:
            return None
        total += v
    return total or None


@lru_cache(maxsize=1)
def _num_re() -> str:
    units, tens = _alt(_UNITS), _alt(_TENS)
    teen_heads = _alt(list(_TEEN_HEAD) + [k for k, v in _UNITS.items() if v < 10])
    words = (rf"(?:{teen_heads})\s+عشره?|(?:ال)?(?:{units})\s+و\s*(?:ال)?(?:{tens})|(?:ال)?(?:{tens})"
             rf"|(?:{_alt(_BIG)})|(?:ال)?(?:{units})")
    return rf"(?:(?:ال\s?)?\d{{1,4}}|{words})(?!\w)"


@dataclass
class Expr:
    """A time expression found in the text, before resolution.

    ``kind``: date | range | duration | time | set | vague.  A date is either absolute
    (``y``/``m``/``d``, ``y`` None when unstated), relative to the reference date (``rel`` =
    (unit, offset)), a weekday (``weekday`` with ``direction``), a decade or century, or a quarter
    or half of a year (``part``).  ``direction`` (-1/0/+1) is what the words say ("الماضي",
    "المقبل"); the clause's tense fills in when the words say nothing.
    """

    start: int
    end: int
    kind: str = "date"
    calendar: str = "gregorian"
    y: int | None = None
    m: int | None = None
    d: int | None = None
    rel: tuple[str, int] | None = None
    weekday: int | None = None
    apposed: int | None = None  # a weekday written next to "اليوم"/"أمس": it wins over the reference
    direction: int | None = None
    year_rel: int | None = None  # "سبتمبر من العام الماضي": the year relative to the reference
    gran: str = "day"  # day | month | year | week | decade | century | quarter | half
    part: str | None = None  # Q1.. / H1.. within a year
    pod: str | None = None  # part of day: MO MI AF EV NI
    clock: str | None = None  # "14:00"
    value: str | None = None  # fixed values: durations, sets, vague references
    other: "Expr | None" = None  # the end of a range

    @property
    def year_less(self) -> bool:
        """An absolute day or month whose year the text leaves out."""
        return self.rel is None and self.m is not None and self.y is None and self.year_rel is None


# --------------------------------------------------------------------------- finding


@lru_cache(maxsize=1)
def _rules() -> list[tuple[re.Pattern, str]]:
    names = name_patterns()
    g_alt, h_alt, w_alt = (names[k][0] for k in ("gregorian_months", "hijri_months", "weekdays"))
    num = _num_re()
    mods = _alt(_MODS)
    units = _alt(UNIT_OF_RAW)
    plural_units = _alt([w for ws in _UNIT_WORDS.values() for w, n in ws.items() if n is None])
    single_units = _alt([w for ws in _UNIT_WORDS.values() for w, n in ws.items() if n == 1])
    dual_units = _alt([w for ws in _UNIT_WORDS.values() for w, n in ws.items() if n == 2])
    pos = _alt(_POSITIONS)
    past_future = _alt(["الماضية", "الماضي", "الأخيرة", "الأخيرين", "المقبلة", "القادمة",
                        "الماضيين", "المقبلين", "القادمين", "المقبل", "القادم", "قادمة", "مقبلة",
                        "ماضية", "قادمين", "مقبلين", "ماضيين", "السابقة", "السابقين"])
    year_word = f(r"(?:ال)?(?:عام|سنة)")
    rules = [
        # Durations and offsets: "4 سنوات", "منذ ثلاثة أعوام", "قبل يومين", "الـ24 ساعة الماضية".
        (rf"(?P<x>(?:(?P<p>منذ|قبل|بعد)\s+)?(?P<n>{num})\s+(?:ال)?(?P<u>{units})(?:\s+(?P<adj>{past_future}))?)",
         "quantity"),
        (rf"(?P<x>(?:(?P<p>منذ|قبل|بعد)\s+)?(?:ال)?(?P<u>{dual_units})(?:\s+(?P<adj>{past_future}))?)", "quantity"),
        (rf"(?<!من\s)(?:خلال|لمدة|مدة|طوال|طيلة|مدى|مدار|نحو|حوالي)\s+(?P<x>(?P<u>{single_units}))", "quantity"),
        (rf"(?P<x>(?P<p>منذ|قبل|بعد)\s+(?P<u>{single_units}))(?!\s+(?:من|على|واحد)|\s*[«\"(]?\s*\d)", "quantity"),
        (r"(?P<x>(?P<u>عاما|شهرا|أسبوعا|يوما|عقدا|قرنا))(?!\s+ما)", "accusative_unit"),
        (rf"(?:قبل|بعد)\s+(?P<x>(?P<u>{single_units}))(?=\s+من)", "quantity"),
        (rf"(?P<x>(?:(?P<p>منذ|قبل|بعد)\s+)?(?:(?:عدة|بضع|بضعة)\s+)?(?P<u>{plural_units})(?:\s+(?P<several>عدة))?)", "vague_quantity"),
        (rf"(?P<x>{DEF}(?P<u>{plural_units})(?:\s+(?P<n>(?:ال)?{num}))?\s+(?:القليلة\s+)?(?P<adj>{past_future}))", "quantity"),
        # Ranges of days within one month: "من 10 إلى 13 سبتمبر 2023", "بين 3 و5 مايو", "10-13 سبتمبر".
        (rf"(?P<x>(?:(?P<from>من|بين)\s+)?(?:يوم(?:ي)?\s+)?(?P<d1>\d{{1,2}})\s*(?P<sep>إلى|الى|حتى|و|-|–)\s*(?P<d2>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?(?P<mon>{g_alt}|{h_alt})"
         rf"(?:\s*[،,]?\s*(?:من\s+)?(?:{year_word}\s+)?(?P<y>\d{{4}})\s*(?:م|هـ|ه)?|\s+(?P<mod>{mods}))?)", "day_range"),
        # Ranges of years: "من 2010 إلى 2015", "بين عامي 2010 و2015", "2014-2015".
        (r"(?P<x>(?:(?P<from>من|بين)\s+)?(?:(?:ال)?(?:عام|عامي|عامين|سنة|سنتي|سنتين|الفترة)\s+)?(?P<y1>\d{4})\s*(?P<sep>إلى|الى|حتى|و|-|–|/)\s*(?:(?:ال)?(?:عام|سنة)\s+)?(?P<y2>\d{4})(?:\s*(?P<suf>م|هـ|ه))?)",
         "year_range"),
        # Months: "سبتمبر 2023", "شهر أيلول الماضي", "أواخر نوفمبر من العام الماضي".
        (rf"(?P<x>(?:(?P<od>{_alt(_ORDINAL_DAYS)})\s+من\s+)?(?:(?P<pos>{pos})\s+)?(?P<sh>شهر\s+)?(?P<mon>{g_alt})(?:\s*[/(]?\s*(?:{g_alt})\s*\)?)?"
         rf"(?:\s*[،,]?\s*(?:من\s+)?(?:{year_word}\s+)?(?P<y>\d{{4}})\s*(?:م(?!\w)|ميلادي\w*)?|\s+(?:من\s+)?(?:{year_word})\s+(?P<ymod>{mods})|\s+(?P<this>(?:من\s+|ل)?(?:هذا|هذه)\s+(?:{year_word}))|\s+(?P<mod>{mods}))?)",
         "month"),
        (rf"(?P<x>(?:(?P<od>{_alt(_ORDINAL_DAYS)})\s+من\s+)?(?:(?P<pos>{pos})\s+)?(?P<sh>شهر\s+)?(?P<mon>{h_alt})(?P<bless>\s+(?:المبارك|الكريم|المعظم|الحرام))?"
         rf"(?:\s*[،,]?\s*(?:من\s+)?(?:{year_word}\s+)?(?P<y>\d{{4}})\s*(?:هـ|ه|هجري\w*)?|\s+(?:من\s+)?(?:{year_word})\s+(?P<ymod>{mods})|\s+(?P<this>(?:من\s+|ل)?(?:هذا|هذه)\s+(?:{year_word}))|\s+(?P<mod>{mods}))?)",
         "hijri_month"),
        # Years: "عام 2015", "2015م", "في 2015", "1436هـ".
        (rf"(?P<x>(?:(?P<pos>{pos})\s+)?{year_word}\s+(?P<y>\d{{4}})(?:\s*(?P<suf>م|هـ|ه|هجري\w*|ميلادي\w*))?)", "year"),
        (r"(?P<x>(?P<y>\d{4})\s*(?P<suf>م|هـ|ه|هجري\w*|ميلادي\w*))", "year"),
        (r"[(«]\s*(?P<x>(?P<y>1[89]\d\d|20\d\d))\s*[)»]", "year"),
        (r"(?:في|منذ|حتى|خلال|قبل|بعد|مطلع|بداية|نهاية|أواخر|أوائل|منتصف|موسم)\s+(?P<x>(?P<y>(?:19|20)\d\d))(?!\s*(?:[%/.,-]\d|%|مليون|ألف|دولار|ريال|شخص))",
         "year"),
        # Relative units: "الشهر الماضي", "العام الجاري", "مطلع الشهر", "هذا الأسبوع".
        (rf"(?P<x>(?:(?P<pos>{pos})\s+)?{DEF}(?P<u>أسبوع|شهر|عام|سنة)\s+(?P<mod>{mods}))", "rel_unit"),
        (rf"(?P<x>(?P<pos>{pos})\s+(?P<u>الأسبوع|الشهر|العام|السنة))(?!\s+(?:{mods}|\d))", "rel_unit"),
        (r"(?P<x>(?:هذا|هذه)\s+(?P<u>الأسبوع|الشهر|العام|السنة))", "rel_unit"),
        # A day of the current/last/next month: "10 من الشهر الجاري".
        (rf"(?P<x>(?:يوم\s+)?(?P<d>\d{{1,2}})\s+(?:من\s+)?(?:ال)?شهر\s+(?P<mod>{mods}))", "day_of_rel_month"),
        # Days: "أمس", "أول أمس", "غداً", "بعد غد", "اليوم", "الليلة الماضية".
        (r"(?P<x>(?:يوم\s+(?=أمس|الأمس|أول))?(?P<k>أول\s+من\s+أمس|أول\s+أمس|أمس\s+الأول|البارحة|الأمس|أمس|بعد\s+غد|غدا|يوم\s+غد|الليلة\s+الماضية|ليلة\s+أمس|اليوم|الليلة))",
         "deictic_day"),
        (r"(?P<x>(?P<podw>صباح|مساء|ظهر|عصر|ليلة|فجر)\s+(?:يوم\s+)?(?:الغد|غد))", "pod_tomorrow"),
        # Weekdays: "الثلاثاء الماضي", "يوم الخميس", "الجمعة".
        (rf"(?P<x>(?:يوم\s+)?(?P<w>{w_alt})(?:\s+(?P<mod>{mods}))?)(?!\s*[،,]?\s*(?:الموافق\s*)?\d)", "weekday"),
        # Times of day: "الساعة 10 صباحاً", "الساعة العاشرة والنصف مساء", "14:30".
        (rf"(?P<x>الساعة\s+(?:(?P<h>\d{{1,2}})(?:\s*[:.]\s*(?P<mi>\d{{2}}))?|(?P<hw>{_alt(_HOURS)}))(?:\s+(?P<frac>و\s*النصف|و\s*الربع|إلا\s+ربعا|إلا\s+الربع|إلا\s+ربع))?"
         rf"(?:\s+(?:من\s+)?(?P<pod>صباحا|مساءا|مساء|ظهرا|عصرا|ليلا|فجرا|بعد\s+الظهر|صباح|مساء))?)", "clock"),
        (r"(?P<x>(?P<h>\d{1,2}):(?P<mi>\d{2})(?:\s+(?P<pod>صباحا|مساءا|مساء|ظهرا|عصرا|ليلا|فجرا|ص|م))?)", "clock"),
        (r"(?P<x>(?P<h>\d{1,2})\.(?P<mi>\d{2})\s+(?P<pod>صباحا|مساءا|مساء|ظهرا|عصرا|ليلا|فجرا))", "clock"),
        # News agencies write decimals minutes-first with ر: "الساعة 32ر06" is 06:32.
        (r"(?P<x>الساعة\s+(?P<mi>\d{2})ر(?P<h>\d{1,2}))", "clock"),
        (rf"(?P<x>(?:(?P<h>\d{{1,2}})|(?P<hw>{_alt(_HOURS)}))(?:\s+(?P<frac>و\s*النصف|و\s*الربع))?\s+(?P<pod>صباحا|مساءا|مساء|ظهرا|عصرا|ليلا|فجرا))", "clock"),
        # Decades and centuries: "الستينيات", "ثمانينات القرن الماضي", "القرن العشرين".
        (rf"(?P<x>(?:ال)?(?P<dw>{_alt(_DECADES)})ي?ات(?:\s+(?:من\s+)?القرن\s+(?P<c>الماضي|العشرين|التاسع\s+عشر))?)", "decade"),
        (rf"(?P<x>القرن\s+(?P<c>الماضي|الحالي|الجاري|المنصرم|{_alt(_CENTURIES)}))", "century"),
        # Quarters and halves: "الربع الأول من العام الجاري", "النصف الثاني من 2015".
        (rf"(?P<x>(?P<q>الربع|النصف)\s+(?P<o>{_alt(_ORDINALS)})\s+(?:من\s+)?(?:{year_word}(?:\s+(?:(?P<y>\d{{4}})|(?P<ymod>{mods})))?|(?P<y2>\d{{4}})))", "part_of_year"),
        # Seasons: "صيف هذا العام", "هذا الصيف", "الشتاء الماضي", "خريف 2014".
        (rf"(?P<x>(?P<s>صيف|شتاء|ربيع|خريف)\s+(?:(?:هذا|هذه)\s+(?:{year_word})|(?:{year_word})\s+(?P<ymod>{mods})|(?:{year_word}\s+)?(?P<y>\d{{4}})))", "season"),
        (rf"(?P<x>(?:هذا|هذه)\s+(?P<s>الصيف|الشتاء|الربيع|الخريف)|(?P<s2>الصيف|الشتاء|الربيع|الخريف)\s+(?P<mod>{mods}))", "season"),
        # Sets and vague references.
        (rf"(?P<x>{_alt(_SET_ADVERBS)})", "set_adverb"),
        (rf"(?P<x>كل\s+(?:(?P<n>{num})\s+)?(?P<u>{units}))", "set_every"),
        (rf"(?P<x>{_alt(_VAGUE)})", "vague"),
    ]
    return [(re.compile(B + f(p) + E), name) for p, name in rules]


def find(text: str) -> list[Expr]:
    """Every time expression in ``text``, unresolved, in text order, without overlaps."""
    folded, idx = fold_with_map(text)
    rev = _reverse_map(idx, len(text), len(folded))
    cands: list[tuple[int, int, int, Expr]] = []  # folded start, end, priority, expr
    for dm in find_dates(text):
        e = Expr(dm.start, dm.end, calendar=dm.calendar, y=dm.year, m=dm.month, d=dm.day,
                 apposed=WEEKDAY_INDEX[dm.weekday] if dm.weekday else None)
        fs, fe = rev[dm.start], rev[dm.end]
        if dm.year is None and fe < len(folded) and folded[fe].isalpha():
            continue  # "20 أبوابه": a month name's letters run on into another word
        fe = _extend_date_tail(folded, fe, e)
        day_word = _DAY_BEFORE.search(folded, max(0, fs - 6), fs)
        if day_word:
            fs = day_word.start()
        cands.append((fs, fe, 1, e))
    for regex, name in _rules():
        for m in regex.finditer(folded):
            e = _build(name, m, folded)
            if e is not None:
                fs = m.start("x")
                if name == "quantity" and e.kind == "duration" and m.groupdict().get("p") in _BEFORE_AFTER:
                    fs = _SPACES.match(folded, m.end("p")).end()  # "بعد [عامين] من": not a date
                cands.append((fs, m.end("x"), 0, e))
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0]), -c[2]))
    out: list[tuple[int, int, Expr]] = []
    last = -1
    for fs, fe, _, e in cands:
        if fs >= last:
            out.append((fs, fe, e))
            last = fe
    out = _merge(folded, out)
    result = []
    for fs, fe, e in out:
        while fe > fs and folded[fe - 1].isspace():
            fe -= 1
        e.start, e.end = idx[fs], idx[fe - 1] + 1
        while e.end < len(text) and (text[e.end] == "\u0640" or DIACRITICS_RE.match(text[e.end])):
            e.end += 1  # the tatweel of "هـ", the tanwin of "عاماً"
        if e.other is not None:
            e.other.start, e.other.end = e.start, e.end
        result.append(e)
    return result


_BEFORE_AFTER = {f("قبل"), f("بعد")}
_SPACES = re.compile(r"\s*")


def _reverse_map(idx: list[int], n: int, nf: int) -> list[int]:
    rev: list[int | None] = [None] * (n + 1)
    for j in range(len(idx) - 1, -1, -1):
        rev[idx[j]] = j
    rev[n] = nf
    for i in range(n - 1, -1, -1):
        if rev[i] is None:
            rev[i] = rev[i + 1]
    return rev  # type: ignore[return-value]


_TAIL_RE = re.compile(f(r"\s+(?:من\s+)?(?:(?P<y>(?:ال)?(?:عام|سنة))\s+)?(?P<mod>" + _alt(_MODS) + r")(?!\w)"))


_DAY_BEFORE = re.compile(f(r"(?<!\w)يوم\s+$"))
_ERA_RE = re.compile(f(r"\s*(?:هـ|ه|م)(?!\w)"))


@lru_cache(maxsize=1)
def _alt_month_re() -> re.Pattern:
    names = name_patterns()
    months = names["gregorian_months"][0]
    return re.compile(rf"\s*(?:\(\s*(?:{months})\s*\)|(?:{months})(?!\w))"
                      rf"(?:\s*[،,]?\s*(?:{f('من')}\s+)?(?:{f('عام')}\s+)?(?P<y>\d{{4}}))?")


def _extend_date_tail(folded: str, fe: int, e: Expr) -> int:
    """"15 أغسطس الماضي", "3 مارس من العام المقبل": a year-less date's direction word;
    "18-10-1436 هـ": the era letter after a numeric date."""
    if e.y is not None:
        era = _ERA_RE.match(folded, fe)
        return era.end() if era else fe
    alt = _alt_month_re().match(folded, fe)
    if alt:  # "28 ديسمبر (كانون الأول) 1895", "15 ديسمبر كانون الأول"
        if alt.group("y"):
            e.y = int(alt.group("y"))
            era = _ERA_RE.match(folded, alt.end())
            return era.end() if era else alt.end()
        fe = alt.end()
    m = _TAIL_RE.match(folded, fe)
    if not m:
        return fe
    if m.group("y"):
        e.year_rel = MODS[m.group("mod")]
    else:
        e.direction = MODS[m.group("mod")] or None
        if MODS[m.group("mod")] == 0:
            e.year_rel = 0
    return m.end()


_POD_BEFORE = re.compile(f(r"(?<!\w)(صباح|مساء|ظهر|عصر|ليلة|فجر|ظهيرة|صبيحة)\s+(?:يوم\s+)?$"))
_POD_AFTER = re.compile(f(r"\s+(صباحا|مساء|ظهرا|عصرا|ليلا|فجرا)(?!\w)"))


_RANGE_FROM = re.compile(f(r"(?<!\w)(من|بين)\s+$"))
_AND = re.compile(r"\s*و\s*")
_RANGE_GAP = re.compile(f(r"\s*(?:إلى|الى|حتى|-|–)\s*(?:يوم\s+)?"))


def _absolute_day(e: Expr) -> bool:
    return e.kind == "date" and e.rel is None and e.weekday is None and e.d is not None and e.m is not None


def _merge(folded: str, found: list[tuple[int, int, Expr]]) -> list[tuple[int, int, Expr]]:
    """Join what belongs together: "أمس (الثلاثاء)" → one day; "مساء أمس" → a part of day;
    "الساعة 11:30 من مساء الأربعاء" → a time on that day; "من 28 ديسمبر إلى 3 يناير" → a range."""
    out: list[tuple[int, int, Expr]] = []
    for fs, fe, e in found:
        if e.year_less and e.direction is None and _SINCE.search(folded, max(0, fs - 6), fs):
            e.direction = -1  # "منذ 29 يونيو": since a day that is past
        if e.kind == "date" and e.gran == "day" and (e.rel or e.weekday is not None or e.d):
            m = _POD_BEFORE.search(folded, max(0, fs - 20), fs)
            if m and (not out or out[-1][1] <= m.start()):
                e.pod = POD[m.group(1)]
                fs = m.start()
        if e.kind == "date" and e.gran == "day" and not e.pod:
            after = _POD_AFTER.match(folded, fe)
            if after:
                e.pod, fe = POD[after.group(1)], after.end()
        if out and _join(folded, out, fs, fe, e):
            continue
        out.append((fs, fe, e))
    return out


def _join(folded: str, out: list[tuple[int, int, Expr]], fs: int, fe: int, e: Expr) -> bool:
    """Fold ``e`` into the expression before it when the two are one; True when done."""
    ps, pe, prev = out[-1]
    gap = folded[pe:fs]
    if (prev.rel and prev.rel[0] == "D" and e.weekday is not None and e.direction is None
            and re.fullmatch(r"\s*[(،,-]?\s*(?:يوم\s+)?", gap)):
        close = re.match(r"\s*\)", folded[fe:])
        prev.apposed = e.weekday
        out[-1] = (ps, fe + (close.end() if close else 0), prev)
        return True
    if (prev.kind == "time" and e.kind == "date" and e.gran == "day" and e.clock is None
            and _CLOCK_GAP.fullmatch(gap)):
        e.clock, e.pod = prev.clock, None
        out[-1] = (ps, fe, e)
        return True
    frm = _RANGE_FROM.search(folded, max(0, ps - 6), ps)
    if _absolute_day(prev) and _absolute_day(e) and (
            _RANGE_GAP.fullmatch(gap) or (frm and frm.group(1) == f("بين") and _AND.fullmatch(gap))):
        # The start of a range takes the end's year (the year before when it ends earlier).
        if prev.y is None and e.y is not None:
            prev.y = e.y - 1 if (prev.m, prev.d) > (e.m, e.d) else e.y
        rng = Expr(0, 0, kind="range", calendar=prev.calendar, y=prev.y, m=prev.m, d=prev.d, other=e)
        out[-1] = (frm.start() if frm else ps, fe, rng)
        return True
    return False


_SINCE = re.compile(f(r"(?<!\w)منذ\s+$"))
_CLOCK_GAP = re.compile(f(r"\s*(?:من\s+)?(?:يوم\s+)?"))


def _build(name: str, m: re.Match, folded: str) -> Expr | None:
    g = m.groupdict()
    before = folded[max(0, m.start("x") - 12):m.start("x")].split()
    prev = before[-1] if before else ""
    return _BUILDERS[name](g, m, folded, prev)


def _quantity(g, m, folded, prev) -> Expr | None:
    unit, implied = UNIT_OF[g["u"]]
    n = number_value(g["n"]) if g.get("n") else implied
    if n is None and g.get("adj"):
        n = "X"  # "الأيام القليلة المقبلة", "السنوات الأخيرة"
    if n is None:
        return None
    if isinstance(n, int) and (unit == "DE" and n > 20 or unit == "CE" and n > 30):
        return None  # "1800 عقد": contracts, not decades
    if m.group("x").startswith("العام") and prev.startswith("ال") and prev.endswith("ين"):
        return None  # "المديرين العامين": the general managers
    if g.get("n") and g["n"].isdigit() and unit == "Y" and 1900 <= int(n) <= 2100:
        return None
    e = Expr(0, 0, kind="duration", value=_duration(n, unit))
    p = g.get("p")
    if p in ("قبل", "بعد") and n != "X" and unit in ("Y", "M", "W", "D", "DE", "CE"):
        after = folded[m.end("x"):m.end("x") + 4]
        if not re.match(r"\s+من", after):
            sign = -1 if p == "قبل" else 1
            e.kind, e.value = "date", None
            e.rel = (unit, sign * n)
            e.gran = {"Y": "year", "M": "month", "W": "day", "D": "day", "DE": "year", "CE": "year"}[unit]
    return e


def _duration(n: int | str, unit: str) -> str:
    if unit in ("H", "MIN", "S"):
        return f"PT{n}{'M' if unit == 'MIN' else unit}"
    return f"P{n}{unit}"


def _vague_quantity(g, m, folded, prev) -> Expr | None:
    unit, _ = UNIT_OF[g["u"]]
    if not (g.get("p") or g.get("several") or re.match(f(r"(?:عده|بضع)"), m.group("x"))
            or _forms(prev) & {f(w) for w in ("خلال", "طوال", "لمدة", "مدى", "مدار")}):
        return None
    return Expr(0, 0, kind="duration", value=_duration("X", unit))


def _day_range(g, m, folded, prev) -> Expr | None:
    if g["sep"] == "و" and g["from"] != "بين" and not re.search(r"يومي", m.group("x")):
        return None  # "10 و13 سبتمبر" without بين: two days, not a range
    mon, cal = _month_key(g["mon"])
    d1, d2 = int(g["d1"]), int(g["d2"])
    if not (1 <= d1 < d2 <= 31):
        return None
    y = int(g["y"]) if g.get("y") else None
    if cal == "hijri" and y and y > 1600:
        return None
    end = Expr(0, 0, calendar=cal, y=y, m=mon, d=d2)
    rng = Expr(0, 0, kind="range", calendar=cal, y=y, m=mon, d=d1, other=end)
    if g.get("mod"):
        if MODS[g["mod"]] == 0:
            rng.year_rel = end.year_rel = 0
        else:
            rng.direction = MODS[g["mod"]]
    return rng


def _month_key(s: str) -> tuple[int, str]:
    names = name_patterns()
    key = re.sub(r"\s+", " ", s)
    if key in names["gregorian_months"][1]:
        return int(names["gregorian_months"][1][key]), "gregorian"
    return int(names["hijri_months"][1][key]), "hijri"


def _year_range(g, m, folded, prev) -> Expr | None:
    y1, y2 = int(g["y1"]), int(g["y2"])
    if g["sep"] == "و" and not (g["from"] == "بين" or re.search(f("عامي|سنتي|عامين|سنتين"), m.group("x"))):
        return None
    if g["sep"] in ("-", "–", "/") and not g["from"] and not g.get("suf"):
        if not (1800 <= y1 <= 2100):
            return None
    if not (0 < y2 - y1 < 200):
        return None
    hijri = (g.get("suf") or "").startswith("ه") or (1300 <= y1 <= 1500 and 1300 <= y2 <= 1500)
    cal = "hijri" if hijri else "gregorian"
    b = Expr(0, 0, calendar=cal, y=y2, gran="year")
    return Expr(0, 0, kind="range", calendar=cal, y=y1, gran="year", other=b)


def _forms(word: str) -> set[str]:
    """A word as written and without its proclitics (وفي → في, لهذا → هذا)."""
    return {word, re.sub(r"^[وف]", "", word), re.sub(r"^[وف]?[لبك]", "", word)}


_PREPOSITIONS = {f(w) for w in ("في", "خلال", "منذ", "حتى", "قبل", "بعد", "من", "إلى", "طوال", "نهاية", "بداية")}


def _preposition_before(prev: str) -> bool:
    return bool(_forms(prev) & _PREPOSITIONS)


def _month(g, m, folded, prev) -> Expr | None:
    mon, cal = _month_key(re.split(r"\s*[/(]", g["mon"])[0])
    e = Expr(0, 0, calendar="gregorian", m=mon, gran="month")
    return _month_common(e, g, prev, g["mon"] in _AMBIGUOUS_MONTHS)


def _hijri_month(g, m, folded, prev) -> Expr | None:
    mon, _ = _month_key(g["mon"])
    e = Expr(0, 0, calendar="hijri", m=mon, gran="month")
    if g.get("y") and int(g["y"]) > 1600:
        return None
    multiword = " " in g["mon"] or g["mon"].startswith("ذ")
    ambiguous = g["mon"] in {f(w) for w in _AMBIGUOUS_HIJRI} and not g.get("bless")
    if g["mon"] == f("رمضان") and _preposition_before(prev):
        ambiguous = False
    return _month_common(e, g, prev, ambiguous and not multiword)


def _month_common(e: Expr, g, prev: str, ambiguous: bool) -> Expr | None:
    if g.get("od"):
        e.d, e.gran = ORDINAL_DAYS[re.sub(r"\s+", " ", g["od"])], "day"
    if g.get("y"):
        e.y = int(g["y"])
    elif g.get("ymod"):
        e.year_rel = MODS[g["ymod"]]
    elif g.get("this"):
        e.year_rel = 0
    elif g.get("mod"):
        e.direction = MODS[g["mod"]]
        if e.direction == 0:
            e.year_rel = 0
    elif not (g.get("sh") or g.get("pos") or g.get("bless") or g.get("od")):
        if ambiguous or not _preposition_before(prev):
            return None
    return e


def _year(g, m, folded, prev) -> Expr | None:
    y = int(g["y"])
    suf = g.get("suf") or ""
    hijri = suf.startswith("ه") or (not suf.startswith("م") and 1300 <= y <= 1500)
    if not hijri and not (1000 <= y <= 2100):
        return None
    if hijri and not (1300 <= y <= 1500):
        return None
    if not g.get("pos") and suf == "م" and not 1900 <= y <= 2100:
        return None
    return Expr(0, 0, calendar="hijri" if hijri else "gregorian", y=y, gran="year")


def _rel_unit(g, m, folded, prev) -> Expr | None:
    unit = {"اسبوع": "W", "شهر": "M", "عام": "Y", "سنه": "Y"}[g["u"].removeprefix("ال")]
    off = MODS[g["mod"]] if g.get("mod") else 0
    gran = {"W": "week", "M": "month", "Y": "year"}[unit]
    return Expr(0, 0, rel=(unit, off), gran=gran)


def _day_of_rel_month(g, m, folded, prev) -> Expr | None:
    d = int(g["d"])
    if not 1 <= d <= 31:
        return None
    return Expr(0, 0, rel=("M", MODS[g["mod"]]), d=d)


_DEICTIC = _table({"أول من أمس": (-2, None), "أول أمس": (-2, None), "أمس الأول": (-2, None),
                   "البارحة": (-1, None), "الأمس": (-1, None), "أمس": (-1, None), "بعد غد": (2, None),
                   "غدا": (1, None), "يوم غد": (1, None), "الليلة الماضية": (-1, "NI"),
                   "ليلة أمس": (-1, "NI"), "اليوم": (0, None), "الليلة": (0, "NI")})
_DAY_ADJECTIVES = {f(w) for w in ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع",
                                  "الثامن", "التاسع", "العاشر", "الأخير", "التالي", "السابق",
                                  "المفتوح", "الموعود", "المشهود", "الآخر", "الواحد", "الكامل")}
_PARTICLES = {f(w) for w in ("إلى", "الذي", "التي", "الذين", "اللذين", "اللتين", "إلا")}
_NOT_TODAY_BEFORE = {f(w) for w in ("ذلك", "نفس", "ذات", "تلك")}


def _deictic_day(g, m, folded, prev) -> Expr | None:
    key = re.sub(r"\s+", " ", m.group("k"))
    off, pod = _DEICTIC[key]
    if key in (f("اليوم"), f("الليلة")):
        nxt = re.match(r"\s*\(?\s*(\w+)", folded[m.end("x"):])
        word = nxt.group(1) if nxt else ""
        weekdays = name_patterns()["weekdays"][1]
        if _forms(prev) & _NOT_TODAY_BEFORE:
            return None
        if (word.startswith("ال") and word not in weekdays and word not in _PARTICLES
                and (word.endswith("ي") or word in _DAY_ADJECTIVES)):
            return None  # "اليوم الوطني", "اليوم التالي", "اليوم الأول": a day, not today
    return Expr(0, 0, rel=("D", off), pod=pod)


def _pod_tomorrow(g, m, folded, prev) -> Expr | None:
    return Expr(0, 0, rel=("D", 1), pod=POD[g["podw"]])


def _weekday(g, m, folded, prev) -> Expr | None:
    nxt = folded[m.end("x"):m.end("x") + 6]
    if g["w"] == f("الاحد") and re.match(r"\s+عشر", nxt):
        return None  # "الأحد عشر": the eleven
    if g["w"] == f("الجمعة") and _forms(prev) & {f(w) for w in ("صلاة", "خطبة", "خطيب", "إمام", "صلوات")}:
        return None
    wd = WEEKDAY_INDEX[name_patterns()["weekdays"][1][g["w"]]]
    direction = MODS[g["mod"]] if g.get("mod") else None
    return Expr(0, 0, weekday=wd, direction=direction if direction else None)


def _clock(g, m, folded, prev) -> Expr | None:
    h = int(g["h"]) if g.get("h") else HOURS[re.sub(r"\s+", " ", g["hw"])]
    mi = int(g["mi"]) if g.get("mi") else 0
    frac = re.sub(r"\s+", "", g.get("frac") or "")
    if frac:
        mi = {"والنصف": 30, "والربع": 15}.get(frac, 45)
        if frac.startswith("الا"):
            h -= 1
    pod = re.sub(r"\s+", " ", g.get("pod") or "")
    if pod:
        code = POD.get(pod, "AF" if "الظهر" in pod else None)
        if code in ("AF", "EV") and h < 12 or code == "NI" and 6 <= h < 12 or code == "MI" and h < 6:
            h += 12
    if not (0 <= h <= 24 and 0 <= mi < 60):
        return None
    return Expr(0, 0, kind="time", clock=f"{h:02d}:{mi:02d}")


def _decade(g, m, folded, prev) -> Expr | None:
    if re.match(f(r"\s+من\s+العمر"), folded[m.end("x"):]):
        return None  # "في السبعينات من العمر": an age
    century = 18 if g.get("c") and "تاسع" in g["c"] else 19
    return Expr(0, 0, kind="date", gran="decade", y=century * 100 + DECADES[g["dw"]] * 10)


def _century(g, m, folded, prev) -> Expr | None:
    c = re.sub(r"\s+", " ", g["c"])
    if c in CENTURIES:
        return Expr(0, 0, gran="century", y=(CENTURIES[c] - 1) * 100)
    return Expr(0, 0, gran="century", rel=("CE", -1 if c in (f("الماضي"), f("المنصرم")) else 0))


def _part_of_year(g, m, folded, prev) -> Expr | None:
    n = ORDINALS[g["o"]]
    q = g["q"] == f("الربع")
    if not q and n > 2:
        return None
    e = Expr(0, 0, gran="quarter" if q else "half", part=f"{'Q' if q else 'H'}{n if q or n < 4 else 2}")
    if g.get("y") or g.get("y2"):
        e.y = int(g.get("y") or g.get("y2"))
    else:
        e.rel = ("Y", MODS[g["ymod"]] if g.get("ymod") else 0)
    return e


def _season(g, m, folded, prev) -> Expr | None:
    code = SEASONS[g.get("s") or g["s2"]]
    e = Expr(0, 0, gran="season", part=code)
    if g.get("y"):
        e.y = int(g["y"])
    else:
        e.rel = ("Y", MODS[g["ymod"]] if g.get("ymod") else (MODS[g["mod"]] if g.get("mod") else 0))
    return e


def _accusative_unit(g, m, folded, prev) -> Expr | None:
    if prev.endswith("ا") or prev.isdigit():
        return None  # "مديرا عاما": a general manager
    unit, _ = UNIT_OF[g["u"]]
    return Expr(0, 0, kind="duration", value=_duration(1, unit))


def _set_adverb(g, m, folded, prev) -> Expr | None:
    return Expr(0, 0, kind="set", value=SET_ADVERBS[m.group("x")])


def _set_every(g, m, folded, prev) -> Expr | None:
    unit, implied = UNIT_OF[g["u"]]
    n = number_value(g["n"]) if g.get("n") else implied or None
    if n is None:
        return None
    return Expr(0, 0, kind="set", value=_duration(n, unit))


def _vague(g, m, folded, prev) -> Expr | None:
    if m.group("x") == f("قريبا") and re.match(r"\s+من", folded[m.end("x"):]):
        return None  # "قريبا من": near, in space
    return Expr(0, 0, kind="vague", value=VAGUE[re.sub(r"\s+", " ", m.group("x"))])


_BUILDERS = {
    "quantity": _quantity, "vague_quantity": _vague_quantity, "day_range": _day_range,
    "year_range": _year_range, "month": _month, "hijri_month": _hijri_month, "year": _year,
    "rel_unit": _rel_unit, "day_of_rel_month": _day_of_rel_month, "deictic_day": _deictic_day,
    "pod_tomorrow": _pod_tomorrow, "weekday": _weekday, "clock": _clock, "decade": _decade,
    "century": _century, "part_of_year": _part_of_year, "set_adverb": _set_adverb,
    "set_every": _set_every, "vague": _vague, "season": _season, "accusative_unit": _accusative_unit,
}
