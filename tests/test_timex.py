"""Time expressions: finding, resolution against a reference date, and the dating of texts.

Every sentence here is invented for the test.
"""
import datetime as dt

import pytest

from marsad.article import Article, Dates, Mention, PageDate
from marsad.events import time_stage
from marsad.events.dating import tense_marker, word_direction
from marsad.events.timex import find
from marsad.events.timex_values import resolve

REF = dt.date(2024, 4, 30)  # a Tuesday


def tag(text: str, ref: dt.date | None = REF, tense: int = 0) -> list[tuple[str, str | None, str]]:
    return [(text[e.start:e.end], *resolve(e, ref, tense)) for e in find(text)]


def one(text: str, ref: dt.date | None = REF, tense: int = 0) -> tuple[str, str | None, str]:
    found = tag(text, ref, tense)
    assert len(found) == 1, found
    return found[0]


# --- explicit dates: three month-naming systems, Hijri, digits -----------------------------

@pytest.mark.parametrize("text, span, value", [
    ("افتتحت الجامعة مبناها في 3 يناير 2021", "3 يناير 2021", "2021-01-03"),
    ("وقعت الاتفاقية في 3 كانون الثاني 2021", "3 كانون الثاني 2021", "2021-01-03"),
    ("انطلقت الدورة يوم 3 جانفي 2021", "يوم 3 جانفي 2021", "2021-01-03"),
    ("صدر المرسوم بتاريخ 17/11/2019", "17/11/2019", "2019-11-17"),
    ("نشر التقرير في ١٥ مارس ٢٠٢٢", "١٥ مارس ٢٠٢٢", "2022-03-15"),
    ("انتهى الموسم في سبتمبر/أيلول 2023", "سبتمبر/أيلول 2023", "2023-09"),
    ("تأسست الشركة عام 1998", "عام 1998", "1998"),
])
def test_explicit_gregorian(text, span, value):
    assert one(text) == (span, value, "exact")


def test_hijri_date_is_given_in_gregorian_with_calendar_hijri():
    text = "صدر القرار في 12 رمضان 1445هـ"
    (e,) = find(text)
    assert e.calendar == "hijri"
    assert text[e.start:e.end] == "12 رمضان 1445هـ"
    assert resolve(e, REF) == ("2024-03-22", "exact")


def test_hijri_month_and_year_become_gregorian_ranges():
    assert one("يبدأ الصيام مع شهر رمضان المبارك")[1:] == ("2024-03-11/2024-04-09", "inferred")
    assert one("أسس المركز في العام 1436هـ")[1] == "2014-10-25/2015-10-13"


def test_ambiguous_month_words_need_context():
    assert tag("قال أب الطفل إنه مارس الرياضة طويلا") == []
    assert one("عاد في شهر آب الماضي")[1] == "2023-08"
    assert one("صام الناس في رمضان")[1] == "2024-03-11/2024-04-09"


# --- ranges ---------------------------------------------------------------------------------

def test_day_range_in_one_month_with_year():
    assert one("يقام المعرض من 10 إلى 13 سبتمبر 2023") == ("من 10 إلى 13 سبتمبر 2023", "2023-09-10/2023-09-13", "exact")


def test_range_across_years_takes_the_years_apart():
    assert one("تستمر العطلة من 28 ديسمبر إلى 3 يناير 2024")[1] == "2023-12-28/2024-01-03"


def test_year_range():
    assert one("ارتفع الإنتاج بين عامي 2010 و2015")[1] == "2010/2015"


def test_list_of_two_days_is_not_a_range():
    assert [v for _, v, _ in tag("زار المدينة في 2 مايو و4 مايو")] == ["2024-05-02", "2024-05-04"]


# --- relative expressions -------------------------------------------------------------------

@pytest.mark.parametrize("text, span, value", [
    ("وصل الوفد أمس", "أمس", "2024-04-29"),
    ("أعلنت الوزارة اليوم نتائج المسابقة", "اليوم", "2024-04-30"),
    ("يبدأ التسجيل غدا", "غدا", "2024-05-01"),
    ("يعود الفريق بعد غد", "بعد غد", "2024-05-02"),
    ("صدر البيان أول أمس", "أول أمس", "2024-04-28"),
    ("التقى الوزيران الثلاثاء الماضي", "الثلاثاء الماضي", "2024-04-23"),
    ("سيصل الوفد يوم الخميس المقبل", "يوم الخميس المقبل", "2024-05-02"),
    ("اجتمع المجلس الشهر الماضي", "الشهر الماضي", "2024-03"),
    ("تنطلق الحملة الأسبوع المقبل", "الأسبوع المقبل", "2024-W19"),
    ("ارتفعت المبيعات خلال العام الجاري", "العام الجاري", "2024"),
    ("وصلت الشحنة مطلع الشهر", "مطلع الشهر", "2024-04"),
    ("قرر المجلس ذلك قبل ثلاثة أشهر", "قبل ثلاثة أشهر", "2024-01"),
    ("تراجع الإنتاج في الربع الأول من العام الجاري", "الربع الأول من العام الجاري", "2024-Q1"),
    ("انتشر هذا الطراز في ثمانينيات القرن الماضي", "ثمانينيات القرن الماضي", "198"),
])
def test_relative_expressions_resolve_against_the_reference(text, span, value):
    assert one(text) == (span, value, "exact")


def test_today_with_weekday_in_brackets_is_one_expression():
    assert one("قال الوزير اليوم (الثلاثاء) إن الخطة جاهزة")[:2] == ("اليوم (الثلاثاء)", "2024-04-30")


def test_part_of_day():
    assert one("عقدت الجلسة مساء أمس")[:2] == ("مساء أمس", "2024-04-29TEV")


def test_nouns_that_contain_time_words_are_not_time():
    assert tag("احتفل الطلاب باليوم الوطني") == []
    assert tag("قال المدير العام للهيئة إن العمل مستمر") == []
    assert tag("حضر المديرين العامين الاجتماع") == []


def test_without_reference_date_relative_values_stay_unresolved_and_vague():
    assert one("وصل الوفد أمس", ref=None)[1:] == ("XXXX-XX-XX", "vague")
    assert one("عقد الاجتماع في 15 أغسطس", ref=None)[1:] == ("XXXX-08-15", "vague")
    assert one("تأسست الشركة عام 1998", ref=None)[1:] == ("1998", "exact")


# --- year inference -------------------------------------------------------------------------

def test_year_inferred_from_tense():
    # April 2024: a past August is last year's, a future August this year's.
    assert one("عقد المؤتمر في 15 أغسطس", tense=-1)[1:] == ("2023-08-15", "inferred")
    assert one("يعقد المؤتمر في 15 أغسطس", tense=1)[1:] == ("2024-08-15", "inferred")
    assert one("عقد المؤتمر في 15 أبريل", tense=0)[1:] == ("2024-04-15", "inferred")


def test_direction_words_fix_the_year():
    assert one("افتتح المعرض في 5 جانفي الماضي") == ("5 جانفي الماضي", "2024-01-05", "exact")
    assert one("تجرى الانتخابات في نوفمبر المقبل")[1] == "2024-11"


def test_tense_words():
    assert word_direction("سيعقد") == 1
    assert word_direction("وسيواصل") == 1
    assert word_direction("المقرر") == 1
    assert word_direction("قال") == -1
    assert word_direction("وأعلنت") == -1
    assert word_direction("سياسية") == 0
    assert word_direction("السيارة") == 0


# --- durations, times, sets, vague ----------------------------------------------------------

@pytest.mark.parametrize("text, span, value", [
    ("غادر البلاد منذ 4 سنوات", "منذ 4 سنوات", "P4Y"),
    ("استمرت المفاوضات ثلاثة أيام", "ثلاثة أيام", "P3D"),
    ("بقي في المنصب عامين", "عامين", "P2Y"),
    ("ارتفعت الأسعار خلال السنوات الخمس الماضية", "السنوات الخمس الماضية", "P5Y"),
    ("انقطع التيار خلال الـ24 ساعة الماضية", "الـ24 ساعة الماضية", "PT24H"),
    ("عمل في الشركة خمسة وعشرين عاما", "خمسة وعشرين عاما", "P25Y"),
    ("تبدأ المباراة الساعة العاشرة مساء", "الساعة العاشرة مساء", "T22:00"),
    ("يفتح المتحف الساعة ٩:٣٠ صباحا", "الساعة ٩:٣٠ صباحا", "T09:30"),
    ("تصدر النشرة يوميا", "يوميا", "P1D"),
    ("يجتمع المجلس كل أسبوعين", "كل أسبوعين", "P2W"),
])
def test_durations_times_and_sets(text, span, value):
    assert one(text) == (span, value, "exact")


def test_vague_references():
    assert one("لم تصل الشحنة حتى الآن") == ("الآن", "PRESENT_REF", "vague")
    assert one("زار الوفد المدينة منذ سنوات") == ("منذ سنوات", "PXY", "vague")


# --- the stage and document dating -----------------------------------------------------------

def article(paragraphs: list[str], page: str | None = None, published: str | None = None) -> Article:
    art = Article(dates=Dates(page=PageDate(gregorian=page) if page else None, published=published))
    art.set_blocks([("paragraph", p) for p in paragraphs])
    return art


def test_stage_writes_timex_with_ids_and_offsets():
    art = article(["قال الوزير أمس إن المعرض سيقام في 3 مايو."], page="2024-04-30")
    time_stage.run(art)
    assert [t.id for t in art.timex] == ["t1", "t2"]
    for t in art.timex:
        assert art.text[t.start:t.end] == t.text
    assert [t.value for t in art.timex] == ["2024-04-29", "2024-05-03"]
    assert art.flags == [] and art.dates.content_period is None


def test_published_date_wins_over_page_date():
    art = article(["وصل الوفد أمس."], page="2024-04-30", published="2023-02-10T08:00:00Z")
    time_stage.run(art)
    assert art.timex[0].value == "2023-02-09"


def test_empty_text_and_no_dates():
    art = article([""])
    time_stage.run(art)
    assert art.timex == [] and art.flags == []


STALE_TEXT = [
    "وصل رئيس الوزراء إلى العاصمة في زيارة تستغرق ثلاثة أيام.",
    "ومن المقرر أن يشارك في القمة الاقتصادية التي ستعقد في الفترة من 4 إلى 6 أكتوبر.",
    "وكان الوزير قد التقى نظيره في 20 سبتمبر لبحث التعاون التجاري.",
]


def test_future_event_already_past_at_page_date_is_stale():
    # Page dated May 2025; the text speaks of a summit "to be held" 4–6 October after a meeting
    # on 20 September: it was written in autumn 2024.
    art = article(STALE_TEXT, page="2025-05-12")
    time_stage.run(art)
    (flag,) = art.flags
    assert flag.kind == "stale"
    assert "4 إلى 6 أكتوبر" in flag.text and art.text[flag.start:flag.end] == flag.text
    period = art.dates.content_period
    assert period["start"] == "2024-09-20" and period["end"] == "2024-10-03"
    summit = next(t for t in art.timex if "أكتوبر" in t.text)
    assert summit.value == "2024-10-04/2024-10-06" and summit.certainty == "inferred"


def test_same_text_on_a_fresh_page_is_not_stale():
    art = article(STALE_TEXT, page="2024-09-28")
    time_stage.run(art)
    assert art.flags == [] and art.dates.content_period is None
    assert next(t for t in art.timex if "أكتوبر" in t.text).value == "2024-10-04/2024-10-06"


def test_a_single_far_future_event_is_not_stale():
    art = article(["ومن المقرر أن تعقد الدورة المقبلة في 10 سبتمبر."], page="2024-04-30")
    time_stage.run(art)
    assert art.flags == []


def test_scheduled_explicit_date_before_page_date_is_stale():
    art = article(["وسيعقد المؤتمر في 15 مارس 2022 بمشاركة عشرين دولة."], page="2024-01-20")
    time_stage.run(art)
    assert [f.kind for f in art.flags] == ["stale"]
    assert art.dates.content_period["end"] == "2022-03-14"


def test_old_explicit_years_with_yesterday_are_stale():
    art = article(["أعلنت الشركة أمس أرباحها لعام 2015، مقارنة بعام 2014.",
                   "وقال المدير إن النتائج التي أقرها المجلس في 28 فبراير 2015 ونشرت في 3 مارس 2015 "
                   "فاقت التوقعات، وعقدت الجمعية العامة في 20 مارس 2015."], page="2024-06-01")
    time_stage.run(art)
    assert [f.kind for f in art.flags] == ["stale"]
    assert art.dates.content_period["start"].startswith("2015")


def test_history_without_deictics_is_not_stale():
    art = article(["تأسست المدينة عام 1920، وتوسعت عام 1950 ثم عام 1975."], page="2024-06-01")
    time_stage.run(art)
    assert art.flags == []


# --- joined expressions, tense in reported speech, names -------------------------------------

def test_clock_time_on_a_named_day_is_one_expression():
    assert one("ورد البلاغ عند الساعة 11:30 من مساء الأربعاء")[:2] == (
        "الساعة 11:30 من مساء الأربعاء", "2024-04-24T23:30")
    assert one("وقع الحادث الساعة الرابعة فجر اليوم")[:2] == ("الساعة الرابعة فجر اليوم", "2024-04-30T04:00")


def test_ordinal_day_of_month():
    assert one("يفتتح المهرجان في الثالث من سبتمبر المقبل")[:2] == ("الثالث من سبتمبر المقبل", "2024-09-03")


def test_weekday_next_to_today_corrects_a_late_page_date():
    # Read on Tuesday 30 April, "اليوم (الاثنين)" was written on Monday the 29th.
    assert one("أعلنت الهيئة اليوم (الاثنين) النتائج")[1] == "2024-04-29"


def test_definite_article_after_the_preposition_lam():
    assert one("رصدت الوزارة ميزانية للعام المقبل")[:2] == ("لعام المقبل", "2025")


def test_past_reporting_verb_does_not_date_the_reported_event():
    text = "ذكر التجار أن الشحن يتم في 15 نوفمبر"
    (e,) = find(text)
    assert tense_marker(text, e.start, e.end, 0, len(text)) is None
    text = "ذكر التجار أن الشحن سيتم في 15 نوفمبر"
    (e,) = find(text)
    assert tense_marker(text, e.start, e.end, 0, len(text)).direction == 1
    text = "ذكر التجار الشحن في 15 نوفمبر"
    (e,) = find(text)
    assert tense_marker(text, e.start, e.end, 0, len(text)).direction == -1


def test_weekday_inside_a_person_name_is_dropped():
    art = article(["تفقد الدكتور سالم الجمعة المستشفى أمس."], page="2024-04-30")
    start = art.text.index("سالم")
    art.ner_spans = [Mention("سالم الجمعة", start, start + len("سالم الجمعة"), type="PER")]
    time_stage.run(art)
    assert [t.text for t in art.timex] == ["أمس"]


def test_reported_dates_with_effective_from_are_not_stale():
    # "اعتبارا من 30 نوفمبر" in July points ahead, even after a past verb.
    art = article(["أصدرت الهيئة توجيهات بوقف الخدمة اعتبارا من 30 نوفمبر.",
                   "وتعتزم الحكومة إنهاء العمل بها بحلول مطلع ديسمبر."], page="2015-07-25")
    time_stage.run(art)
    assert art.flags == []
    assert [t.value for t in art.timex] == ["2015-11-30", "2015-12"]


def test_habitual_present_does_not_make_a_text_stale():
    # "تبدأ الاستعدادات في أواخر شهر رمضان" read in July: a custom, not a scheduled event.
    art = article(["تبدأ الاستعدادات للعيد في أواخر شهر رمضان من كل عام."], page="2015-07-24")
    time_stage.run(art)
    assert art.flags == []


def test_one_old_full_date_is_background_not_staleness():
    art = article(["أعلنت الشركة أمس أرباحها، وكانت قد تأسست في 3 مارس 2015."], page="2024-06-01")
    time_stage.run(art)
    assert art.flags == []


def test_a_dateline_at_the_page_date_confirms_it():
    art = article(["الرياض 30 أبريل 2024 - قال الوزير إن المنتدى المقرر عقده في 10 سبتمبر سيناقش "
                   "ما تقرر في 15 أغسطس."], page="2024-04-30")
    time_stage.run(art)
    assert art.flags == []


def test_weekday_fixes_the_year_of_a_year_less_date():
    # 9 September is a Wednesday in 2015, not in 2014 or 2016.
    assert one("تطلق الشركة هاتفها الأربعاء 9 سبتمبر", ref=dt.date(2014, 10, 1))[1] == "2015-09-09"


def test_past_verb_far_from_its_date_still_orients_it():
    # The past verb opens a long clause; the year-less date at its end is still in the past.
    art = article(["ومن المقرر أن يفتتح الوزير المعرض الذي سيقام في 5 نوفمبر.",
                   "وقال رئيس اللجنة المنظمة، خلال كلمته أمام المشاركين في الاجتماع التحضيري "
                   "الثاني للدورة الحالية، في 12 أكتوبر إن الاستعدادات اكتملت."], page="2025-06-20")
    time_stage.run(art)
    assert [f.kind for f in art.flags] == ["stale"]
    assert art.dates.content_period == {"start": "2024-10-12", "end": "2024-11-04"}


def test_month_name_must_end_its_word():
    # "20 أبوابه" (its twenty doors) holds the letters of آب/August.
    assert tag("أغلق المركز 20 أبوابه") == []


def test_large_counts_of_contracts_are_not_decades():
    assert tag("وقعت الوزارة 1800 عقد توريد") == []
    assert one("تغيرت المدينة منذ ثلاثة عقود")[1] == "P3DE"
