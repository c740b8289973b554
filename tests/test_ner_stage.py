"""The NER stage on invented sentences, through the real shipped model and lexicons."""
import pytest

from marsad.article import Article, Block
from marsad.ner import stage
from marsad.ner.features import Resources
from marsad.ner.tagger import DATA_DIR, MODEL_NAME
from marsad.text.tokenize import Token

needs_model = pytest.mark.skipif(not (DATA_DIR / MODEL_NAME).exists(), reason="no shipped NER model")


def article(text: str) -> Article:
    art = Article(text=text)
    art.blocks = [Block("paragraph", text, 0, len(text))]
    return art


@pytest.fixture(scope="module")
def res():
    return Resources.load()


def test_proclitic_dropped_only_with_evidence(res):
    assert stage._clitic_length("وبريطانيا", res) == 1
    assert stage._clitic_length("والولايات", res) == 1
    assert stage._clitic_length("بالقاهرة", res) == 1
    for name in ("كريم", "باسم", "وليد", "للأمم"):
        assert stage._clitic_length(name, res) == 0, name


def test_gpe_from_country_and_city_lists(res):
    assert stage._is_gpe(("فرنسا",), res)
    assert stage._is_gpe(("القاهره",), res)
    assert stage._is_gpe(("الولايات", "المتحده"), res)
    assert stage._is_gpe(("بريطانيا",), res) and stage._is_gpe(("امريكا",), res)
    assert not stage._is_gpe(("نهر", "النيل"), res)


def test_mention_offsets_after_clitic_trim(res):
    text = "زار وفرنسا"
    m = stage._mention(text, [Token("وفرنسا", 4, 10)], 0, "LOC", res)
    assert (m.text, m.start, m.end, m.type, m.kind) == ("فرنسا", 5, 10, "GPE", "name")
    text = "زار وَبالقاهرة"  # a diacritic on the conjunction: the cut follows the letters
    m = stage._mention(text, [Token("وَبالقاهرة", 4, len(text))], 0, "LOC", res)
    assert (m.text, m.type) == ("القاهرة", "GPE")


@needs_model
def test_stage_fills_ner_spans_with_offsets_into_text():
    text = ("قال الرئيس الفرنسي إيمانويل ماكرون في باريس إن الحكومة ستدعم الشركات الصغيرة.\n\n"
            "واستقبل وزير الخارجية المصري نظيره الأردني في القاهرة يوم الأحد.")
    art = article(text)
    stage.run(art)
    assert art.ner_spans, "no mention found"
    for m in art.ner_spans:
        assert text[m.start:m.end] == m.text
        assert m.type in {"PER", "LOC", "GPE", "ORG", "MISC"}
    found = {(m.text, m.type) for m in art.ner_spans}
    assert ("القاهرة", "GPE") in found
    assert any(t == "PER" and "ماكرون" in s for s, t in found)


@needs_model
def test_stage_on_empty_article_gives_empty_list():
    art = article("")
    art.blocks = []
    stage.run(art)
    assert art.ner_spans == []
