"""Page-dump reading: structure, not strings — the same rules must read pages of different sites."""
import json

import jsonschema

import marsad
from marsad.read.dump import learn_site_chrome

from .conftest import FIXTURES, ROOT, shared_path

SCHEMA = json.loads((ROOT / "marsad" / "schema" / "article.schema.json").read_text())


def kinds(art):
    return [b.kind for b in art.blocks]


def check_offsets(art):
    for b in art.blocks:
        assert art.text[b.start:b.end] == b.text
    assert art.text.count("\n\n") == len(art.blocks) - 1


def test_reference_page_structure():
    path = shared_path("samples", "tahiamisr-kim-russia.txt")
    art = marsad.analyze(path.read_bytes(), path=str(path))
    check_offsets(art)
    ks = kinds(art)
    assert ks[0] == "headline" and ks.count("headline") == 1
    assert ks.count("subheading") == 3 and ks.count("paragraph") == 12
    # subheadings sit between paragraphs, each followed by a paragraph
    for i, k in enumerate(ks):
        if k == "subheading":
            assert ks[i - 1] == "paragraph" and ks[i + 1] == "paragraph"
    assert len(art.captions) == 1
    cap = art.captions[0]
    assert cap not in art.text.split("\n\n")  # a caption is not a paragraph
    raw_lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert raw_lines.count(cap) == 2  # it was printed twice on the page and is reported once
    assert art.masthead.breaking is True and art.masthead.editor_in_chief
    assert art.masthead.editor_in_chief in art.chrome
    page = art.dates.page
    assert page.gregorian and page.hijri and page.weekday and page.consistent is True
    assert page.text in art.chrome
    # every line of the page is either in the article, a caption, or listed as chrome
    body = set(b.text for b in art.blocks) | set(art.captions) | set(art.chrome)
    assert all(ln in body for ln in raw_lines)
    assert len(art.chrome) >= 6  # label, date, editor block (2), promo, follow-us footer
    assert art.source.publisher and art.source.publisher in art.chrome
    jsonschema.validate(art.to_dict(), SCHEMA)


def test_other_site_with_different_furniture():
    art = marsad.analyze((FIXTURES / "site_b_page.txt").read_text(encoding="utf-8"))
    check_offsets(art)
    assert kinds(art) == ["headline", "paragraph", "paragraph", "subheading", "paragraph", "paragraph"]
    assert art.captions and "تصوير" in art.captions[0]
    assert art.byline.authors == ["عائشة الزعابي"]
    assert art.masthead.editor_in_chief == "منى الشامسي" and art.masthead.breaking is False
    assert art.dates.published == "2023-11-14T09:30"
    # the masthead prints the wrong weekday: it is read, and flagged as inconsistent
    assert art.dates.page.gregorian == "2023-11-14" and art.dates.page.consistent is False
    for furniture in ("الأكثر قراءة", "الصفحة الرئيسية", "محليات | دوليات | رياضة | فنون"):
        assert furniture in art.chrome
    # the "most read" list after the article is furniture, not body
    assert not any("الذهب" in b.text for b in art.blocks)
    jsonschema.validate(art.to_dict(), SCHEMA)


def test_bundled_example():
    art = marsad.analyze((ROOT / "examples" / "example-page.txt").read_bytes())
    check_offsets(art)
    ks = kinds(art)
    assert ks[0] == "headline" and ks.count("subheading") == 1 and ks.count("paragraph") == 5
    assert art.byline.dateline == "عمّان" and art.byline.authors == ["حسن المصري"]
    assert art.source.publisher == "مرصد الأخبار"
    # the related-link teaser after "اقرأ أيضا" is kept out of the body
    related = [c for c in art.chrome if "القمح" in c]
    assert related and not any("القمح" in b.text for b in art.blocks)
    assert art.dates.page.consistent is True


def test_site_chrome_learned_from_many_pages():
    """A line printed on most pages of one site (a slogan) is that site's furniture."""
    slogan = "صوت المدينة منذ عام ألفين"
    pages = []
    for i, topic in enumerate(["المدارس", "المستشفيات", "الطرق", "الحدائق"]):
        pages.append(
            f"{slogan}\nخطة جديدة لتطوير {topic} في العاصمة خلال العام\n"
            f"أعلنت البلدية اليوم عن خطة لتطوير {topic} في أحياء العاصمة، تشمل أعمال صيانة وتوسعة تستمر عدة أشهر.\n"
            f"وقال مسؤول في البلدية إن الخطة رقم {i} تحظى بتمويل حكومي كامل، وإن العمل يبدأ الشهر المقبل.\n"
            f"{slogan}\n")
    chrome = learn_site_chrome(pages)
    assert any("صوت المدينه" in k for k in chrome)
    art = marsad.analyze(pages[0], site_chrome=chrome)
    assert slogan in art.chrome and slogan not in art.text
    assert learn_site_chrome(pages[:2]) == set()  # too few pages to learn from


def test_folder_learns_site_chrome(tmp_path):
    tag = "نشرة الحي اليومية"
    for i, topic in enumerate(["السوق", "الملعب", "المكتبة"]):
        (tmp_path / f"p{i}.txt").write_text(
            f"خبر جديد عن {topic} في الحي القديم هذا الأسبوع\n"
            f"افتتح سكان الحي القديم {topic} بعد ترميمه، بحضور عدد من المسؤولين والأهالي، وسط أجواء احتفالية.\n"
            f"{tag}\n"
            f"وقال أحد السكان إن المشروع رقم {i} انتظره الأهالي طويلا، وإنه سيخدم آلاف الأسر في المنطقة.\n", encoding="utf-8")
    from marsad.sources import iter_folder

    arts = list(iter_folder(str(tmp_path)))
    assert len(arts) == 3
    for art in arts:
        assert tag in art.chrome and tag not in art.text
        assert [b.kind for b in art.blocks] == ["headline", "paragraph", "paragraph"]


def test_round_trip_through_json():
    art = marsad.analyze((FIXTURES / "site_b_page.txt").read_text(encoding="utf-8"))
    again = marsad.Article.from_dict(json.loads(art.to_json()))
    assert again.to_dict() == art.to_dict()


def test_ticker_menu_and_page_meta_are_furniture():
    """A third layout: a menu line, a ticker of headlines above the article, 'hours ago' and view
    counters between headline and lead, a comment form below."""
    art = marsad.analyze((FIXTURES / "site_c_page.txt").read_text(encoding="utf-8"))
    check_offsets(art)
    assert kinds(art) == ["headline", "paragraph", "paragraph", "paragraph"]
    assert "موازنة" in art.headline
    assert len(art.chrome) == 11  # menu, ticker label + 3 items, time-ago, views, 4 comment-form lines
    assert not any(c in art.text for c in art.chrome)


def test_opinion_layout_question_headline_and_disclaimer():
    """A section label above an honorific byline, a question as headline, an author note and a
    disclaimer below, and a 'follow us on <platforms>' line that names no publisher."""
    art = marsad.analyze((FIXTURES / "site_d_opinion.txt").read_text(encoding="utf-8"))
    check_offsets(art)
    assert kinds(art) == ["headline", "paragraph", "paragraph", "paragraph"]
    assert art.headline.endswith("؟")
    assert art.byline.authors == ["د. سعاد المنصوري"]
    assert "مقالات الرأي" in art.chrome
    assert any(c.startswith("الآراء الواردة") for c in art.chrome)
    assert art.source.publisher is None  # platforms are not the site's name


def test_dateline_on_its_own_line_and_tatweel_dash():
    art = marsad.analyze((FIXTURES / "site_e_dateline.txt").read_text(encoding="utf-8"))
    check_offsets(art)
    assert kinds(art) == ["headline", "paragraph", "paragraph"]
    assert art.headline.startswith("افتتاح أول محطة")
    assert (art.byline.dateline, art.byline.agency, art.byline.authors) == ("العقبة", "وكالات", ["ياسر الحلبي"])


def test_a_long_title_over_a_bare_name_is_read_not_a_crash():
    """A crawled record whose body is only the writer's name: the title is all the text there is."""
    art = marsad.analyze("فعلاً كان الراحل بطل المعارك السياسية.. وأفضل تكريم له إطلاق اسمه على جامعة كبرى في البلاد\n\n"
                         " سامر خليل العتيبي")
    assert [b.kind for b in art.blocks] == ["paragraph"] and "بطل المعارك" in art.text


def test_a_site_given_as_a_url_is_its_host():
    art = marsad.analyze("خبر قصير\n\nافتتحت البلدية حديقة جديدة في الحي الشمالي بمساحة كبيرة أمس.",
                         site="https://www.news.example/local/")
    assert art.source.site == "news.example"
