"""HTML pages → Article: metadata in order of trust, Arabic bylines and dates, body blocks, bad pages."""
from __future__ import annotations

import glob
import json
import os

import pytest

from marsad.errors import InputError
from marsad.read import read
from marsad.read.encoding import decode
from marsad.read.metadata import _written_date, normalize_date, split_title
from marsad.text.normalize import fold

from .conftest import run_cli, shared_path

HTML = os.path.join(os.path.dirname(__file__), "fixtures", "html")
OWN = sorted(p[:-10] for p in glob.glob(os.path.join(HTML, "*.gold.json")))


def k(s: str | None) -> str:
    return " ".join(fold(s or "").replace("،", " ").replace(":", " ").split())


def load(stem: str):
    gold = json.load(open(stem + ".gold.json", encoding="utf-8"))
    art = read(open(stem + ".html", "rb").read(), url=gold.get("url"))
    return gold, art


@pytest.mark.parametrize("stem", OWN, ids=os.path.basename)
def test_own_pages_every_field(stem):
    gold, art = load(stem)
    assert art.headline == gold["title"]
    assert art.dates.published == gold["published"]
    authors = gold["author"] if isinstance(gold["author"], list) else [gold["author"]] if gold["author"] else []
    assert art.byline.authors == authors
    assert [b.text for b in art.blocks if b.kind != "headline"] == gold["body"]
    assert art.subheadings == gold["subheadings"]
    assert art.captions == gold["captions"]
    assert art.source.publisher == gold["site_name"]
    for s in gold["must_exclude"]:
        assert s not in art.text, s
    if "agency" in gold:
        assert art.byline.agency == gold["agency"]
    if "dateline" in gold:
        assert k(art.byline.dateline) == k(gold["dateline"])
    # offsets point into the text
    for b in art.blocks:
        assert art.text[b.start:b.end] == b.text


@pytest.mark.parametrize("name", ["cnn-arabic-1", "assabah-1"])
def test_real_pages_against_their_gold(name):
    page = shared_path("data", "html", f"{name}.html")
    gold = json.load(open(str(page).replace(".html", ".gold.json"), encoding="utf-8"))
    art = read(page.read_bytes())
    assert k(art.headline) == k(gold["title"])
    assert (art.dates.published or "")[:10] == gold["published"][:10]
    assert art.byline.authors == ([gold["author"]] if gold["author"] else [])
    paras = art.paragraphs()
    assert k(gold["body_first"]) in k(paras[0].text)
    assert k(paras[-1].text).endswith(k(gold["body_last"]))
    for s in gold["must_exclude"]:
        assert k(s) not in k(art.text), s


def test_cnn_page_date_read_from_arabic_text_with_time_and_offset():
    art = read(shared_path("data", "html", "cnn-arabic-1.html").read_bytes())
    assert art.dates.published == "2013-08-28T14:00:00+04:00"
    assert art.byline.dateline == "دمشق، سوريا" and art.byline.agency == "CNN"


def test_truncated_html_still_reads_what_is_there():
    raw = open(os.path.join(HTML, "wordpress-library.html"), "rb").read()
    cut = raw[: raw.index("وأوضحت مديرة".encode())]
    art = read(cut)
    assert art.headline == "افتتاح مكتبة عامة جديدة في حي الورود بعد عامين من العمل"
    assert art.paragraphs()[0].text.startswith("افتتحت البلدية صباح اليوم")


def test_page_that_is_all_script():
    html = "<html><head><script>" + "var x = 1;" * 300 + "</script></head><body><script>run()</script></body></html>"
    with pytest.raises(InputError, match="no article text"):
        read(html)


def test_a_30_mb_page_is_refused_clearly(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body><p>" + b"x" * (30 * 2**20) + b"</p></body></html>")
    r = run_cli("analyze", str(big), "--json")
    assert r.returncode == 1
    err = r.stderr.decode()
    assert err.count("\n") == 1 and "limit" in err and "Traceback" not in err


def test_windows_1256_and_iso_8859_6_and_bom():
    text = "<html><head><title>خبر</title></head><body><p>قال الوزير في المؤتمر إن الحكومة ستعلن القرار</p></body></html>"
    assert decode(text.encode("cp1256"))[1] == "windows-1256"
    assert decode(text.encode("iso-8859-6"))[1] == "iso-8859-6"
    assert decode(b"\xef\xbb\xbf" + text.encode())[0] == text
    # the server's charset is tried first but must still give Arabic
    assert decode(text.encode("cp1256"), declared="iso-8859-1")[1] == "windows-1256"


@pytest.mark.parametrize("tag,head,site", [
    ("شبكة الرصد - وزير النقل يفتتح جسرا جديدا فوق النهر", "وزير النقل يفتتح جسرا جديدا فوق النهر", "شبكة الرصد"),
    ("وزير النقل يفتتح جسرا جديدا فوق النهر | شبكة الرصد", "وزير النقل يفتتح جسرا جديدا فوق النهر", "شبكة الرصد"),
    ("وزير النقل يفتتح جسرا جديدا فوق النهر", "وزير النقل يفتتح جسرا جديدا فوق النهر", None),
])
def test_title_and_site_name_in_either_order(tag, head, site):
    assert split_title(tag, None, None, None) == (head, site)


def test_title_split_by_the_h1_even_when_the_site_name_is_long():
    tag = "موقع أخبار المدن والقرى العربية اليومي - انقطاع الكهرباء"
    assert split_title(tag, "انقطاع الكهرباء", None, None) == ("انقطاع الكهرباء", "موقع أخبار المدن والقرى العربية اليومي")


@pytest.mark.parametrize("raw,iso", [
    ("2024-05-12T09:15:00+03:00", "2024-05-12T09:15:00+03:00"),
    ("2024-05-12T09:15:00Z", "2024-05-12T09:15:00Z"),
    ("2024-05-12 09:15", "2024-05-12T09:15:00"),
    ("20240512", "2024-05-12"),
    ("2024-02-30", None),
    ("yesterday", None),
])
def test_normalize_date(raw, iso):
    assert normalize_date(raw) == iso


def test_dates_written_in_arabic():
    assert _written_date("نشر في الخميس 4 يوليو 2024 - 09:05 مساء") == "2024-07-04T21:05:00"
    assert _written_date("الأحد 12 ربيع الأول 1446 هـ الموافق 15 سبتمبر 2024") == "2024-09-15"
    assert _written_date("١٥ رمضان ١٤٤٥ هـ") == "2024-03-25"


def _page(body: str, head: str = "") -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body><article><h1>العنوان الرئيسي للخبر الذي نختبره هنا</h1>{body}</article></body></html>"


PARA = "<p>وأضاف المتحدث أن اللجنة ستعقد اجتماعها المقبل بعد أسبوعين لمناقشة الاقتراحات التي قدمها الأعضاء خلال الجلسة الماضية.</p>"


def test_byline_forms_and_dateline():
    art = read(_page("<p>بقلم: مريم الصالح</p><p>القاهرة - أعلنت الوزارة اليوم عن خطة جديدة لتطوير المدارس الحكومية في المحافظات خلال العام الدراسي المقبل.</p>" + PARA))
    assert art.byline.authors == ["مريم الصالح"]
    assert art.byline.dateline == "القاهرة"
    assert "بقلم" not in art.text


def test_agency_line_with_a_tatweel_dash_is_a_credit_not_text():
    art = read(_page("<p>الرباط ـ وكالات</p>" + PARA * 2))
    assert art.byline.agency == "وكالات" and art.byline.dateline == "الرباط"
    assert "وكالات" not in art.text


def test_jsonld_beats_opengraph_and_survives_raw_newlines():
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "عنوان من البيانات المنظمة",'
          ' "datePublished": "2022-10-01T08:00:00+03:00", "author": {"@type": "Person", "name": "خالد\nالمصري"}}</script>')
    og = '<meta property="og:title" content="عنوان آخر من أوبن غراف"><meta property="article:published_time" content="2021-01-01">'
    art = read(_page(PARA * 2, ld + og))
    assert art.headline == "عنوان من البيانات المنظمة"
    assert art.dates.published == "2022-10-01T08:00:00+03:00"
    assert art.byline.authors == ["خالد المصري"]


def test_strong_only_lines_are_subheadings_and_related_links_are_chrome():
    body = (PARA + "<p><strong>خطة العام المقبل</strong></p>" + PARA.replace("أسبوعين", "شهر")
            + "<div class='related'><p>اقرأ أيضا</p><ul><li><a href='/x'>الوزارة تعلن نتائج الامتحانات النهائية للمرحلة الثانوية</a></li></ul></div>"
            + "<figure><img src='a.jpg'><figcaption>جانب من اجتماع اللجنة في مقرها</figcaption></figure>")
    art = read(_page(body))
    assert art.subheadings == ["خطة العام المقبل"]
    assert "نتائج الامتحانات" not in art.text
    assert "جانب من اجتماع" not in art.text


def test_sidebar_dates_and_writers_lose_to_the_articles_own():
    sidebar = ("<aside><div class='opinion'><span class='author'>سعيد الكاتب</span>"
               "<time datetime='2020-01-01T10:00:00'>1 يناير 2020</time><a href='/o'>مقال رأي قديم عن الاقتصاد</a></div></aside>")
    article = ("<article><header><h1>العنوان الرئيسي للخبر الذي نختبره هنا</h1><time datetime='2024-02-02T12:00:00+03:00'>"
               "2 فبراير 2024</time><span class='author-name'>هدى كمال</span></header>" + PARA * 2 + "</article>")
    art = read(f"<html><head><meta charset='utf-8'></head><body>{sidebar}{article}</body></html>")
    assert art.dates.published == "2024-02-02T12:00:00+03:00"
    assert art.byline.authors == ["هدى كمال"]


def test_the_jsonld_object_of_this_article_among_several():
    other = '{"@type": "NewsArticle", "headline": "خبر آخر في الشريط الجانبي", "datePublished": "2019-03-03"}'
    this = '{"@type": "NewsArticle", "headline": "العنوان الرئيسي للخبر الذي نختبره هنا", "datePublished": "2024-03-03"}'
    head = (f'<script type="application/ld+json">[{other}, {this}]</script>'
            '<meta property="og:title" content="العنوان الرئيسي للخبر الذي نختبره هنا">')
    art = read(_page(PARA * 2, head))
    assert art.dates.published == "2024-03-03"


def test_a_lead_that_starts_with_the_headline_words_is_kept():
    head = '<meta property="og:title" content="الحكومة تستقيل">'
    lead = "<p>الحكومة تستقيل بعد أسابيع من الاحتجاجات في الشوارع والساحات العامة، وفق ما أعلن المتحدث باسمها مساء اليوم.</p>"
    art = read("<html><head><meta charset='utf-8'>" + head + "</head><body><article><h1>الحكومة تستقيل</h1>"
               + lead + PARA + "</article></body></html>")
    assert art.paragraphs()[0].text.startswith("الحكومة تستقيل بعد أسابيع")


@pytest.mark.parametrize("stem", OWN, ids=os.path.basename)
def test_html_articles_keep_to_the_schema(stem):
    import jsonschema

    from .conftest import ROOT

    schema = json.loads((ROOT / "marsad" / "schema" / "article.schema.json").read_text())
    _, art = load(stem)
    jsonschema.validate(art.to_dict(), schema)


def test_encoding_declared_in_an_xml_prolog():
    text = ("<?xml version='1.0' encoding='iso-8859-6'?><html><body><p>قال الوزير في المؤتمر إن الحكومة ستعلن القرار"
            "</p></body></html>")
    assert decode(text.encode("iso-8859-6"))[1] == "iso-8859-6"


def test_links_in_a_related_container_without_a_label_stay_out():
    related = ("<div class='related-stories'><p><a href='/a'>انطلاق موسم قطف الزيتون في القرى الجبلية</a></p>"
               "<p><a href='/b'>افتتاح معرض للصناعات اليدوية في وسط المدينة</a></p></div>")
    art = read(_page(PARA * 2 + related))
    assert "قطف الزيتون" not in art.text and "الصناعات اليدوية" not in art.text


@pytest.mark.parametrize("line,author", [("كتب - سامي نور", "سامي نور"), ("كتبت : رنا فؤاد", "رنا فؤاد"),
                                         ("حوار: وليد سعيد", "وليد سعيد")])
def test_byline_spellings(line, author):
    art = read(_page(f"<p>{line}</p>" + PARA * 2))
    assert art.byline.authors == [author]


def test_dateline_with_a_tatweel_dash():
    lead = "<p>القاهرة ـ أعلنت الوزارة اليوم عن خطة جديدة لتطوير المدارس الحكومية في المحافظات خلال العام المقبل.</p>"
    art = read(_page(lead + PARA))
    assert art.byline.dateline == "القاهرة"
    assert art.paragraphs()[0].text.startswith("القاهرة - أعلنت")


def test_a_short_headline_in_the_only_h1():
    html = ("<html><body><h1>استقالة الحكومة</h1><p>قدم رئيس الوزراء استقالة حكومته إلى رئيس الجمهورية مساء اليوم، "
            "بعد أسابيع من الاحتجاجات في الشوارع والساحات.</p></body></html>")
    import marsad

    art = marsad.analyze(html, stages=[])
    assert art.headline == "استقالة الحكومة" and [b.kind for b in art.blocks] == ["headline", "paragraph"]


def test_menus_sidebars_and_footers_trafilatura_drops_are_listed_as_chrome():
    body = "".join(f"<p>{s}</p>" for s in (
        "افتتحت البلدية صباح اليوم حديقة عامة جديدة في الحي الشمالي بمساحة عشرة آلاف متر مربع.",
        "وقال رئيس البلدية إن الحديقة تضم ملاعب للأطفال ومسارات للمشي وأماكن للجلوس.",
        "وأضاف أن العمل جار على إنشاء حديقتين أخريين في الحيين الشرقي والغربي قبل نهاية العام."))
    html = ("<html><head><title>حديقة جديدة في الحي الشمالي</title></head><body>"
            "<header><a href='/'>الرئيسية</a><a href='/local'>محليات</a></header>"
            "<nav><ul><li>سياسة</li><li>اقتصاد</li><script>var x = 1;</script></ul></nav>"
            f"<main><article><header><h1>حديقة جديدة في الحي الشمالي</h1></header>{body}</article></main>"
            "<aside><h3>الأكثر قراءة</h3><p>خبر آخر عن الطقس</p></aside>"
            "<footer>جميع الحقوق محفوظة 2024</footer></body></html>")
    art = read(html)
    assert art.headline == "حديقة جديدة في الحي الشمالي"
    assert "الرئيسية · محليات" in art.chrome and "سياسة · اقتصاد" in art.chrome
    assert "الأكثر قراءة · خبر آخر عن الطقس" in art.chrome and "جميع الحقوق محفوظة 2024" in art.chrome
    assert not any("var x" in c or "حديقة جديدة" in c for c in art.chrome)
