import datetime as dt

from marsad.text.calendars import find_dates, read_page_date, to_hijri


def test_three_month_naming_systems_and_hijri():
    for text, iso in [("وصل في 5 يناير 2024", "2024-01-05"), ("وصل في 5 كانون الثاني 2024", "2024-01-05"),
                      ("وصل في 5 جانفي 2024", "2024-01-05"), ("في ١٢ أيلول ٢٠٢٣", "2023-09-12"),
                      ("يوم 28 آب/اغسطس 2013", "2013-08-28"), ("في 7 ابريل 2020", "2020-04-07")]:
        (d,) = find_dates(text)
        assert d.calendar == "gregorian" and d.iso() == iso, text
        assert text[d.start:d.end].strip()
    (h,) = find_dates("الموافق 15 ربيع الأول 1446 هـ")
    assert (h.calendar, h.iso()) == ("hijri", "1446-03-15")
    (h2,) = find_dates("في 10 ذي الحجة 1444")
    assert h2.iso() == "1444-12-10"


def test_numeric_and_yearless_dates():
    (d,) = find_dates("بتاريخ 2019/02/09")
    assert d.iso() == "2019-02-09"
    (d,) = find_dates("في 30-04-2024")
    assert d.iso() == "2024-04-30"
    (d,) = find_dates("من 10 إلى 13 سبتمبر")
    assert d.year is None and d.month == 9 and d.day == 13


def test_page_date_consistent_in_both_calendars():
    g = dt.date(2025, 3, 3)
    h = to_hijri(g)
    line = f"الإثنين 3 مارس 2025 الموافق {h.day} رمضان {h.year}"
    pd = read_page_date(line)
    assert (pd.gregorian, pd.hijri, pd.weekday, pd.consistent) == ("2025-03-03", f"{h.year}-09-{h.day:02d}", "Monday", True)


def test_page_date_mismatches_are_reported():
    wrong_day = read_page_date("الجمعة 3 مارس 2025")
    assert wrong_day.consistent is False and "Monday" in wrong_day.note
    wrong_hijri = read_page_date("الإثنين 3 مارس 2025 الموافق 20 شعبان 1446")
    assert wrong_hijri.consistent is False
    one_day_off = read_page_date("الإثنين 3 مارس 2025 الموافق 4 رمضان 1446")  # local moon sighting
    assert one_day_off.consistent is True and "sighting" in one_day_off.note


def test_hijri_only_date_gets_gregorian():
    pd = read_page_date("الأربعاء 1 شوال 1445")
    assert (pd.gregorian, pd.hijri, pd.weekday, pd.consistent) == ("2024-04-10", "1445-10-01", "Wednesday", True)
