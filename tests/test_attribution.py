"""Quotes, reported speech, speakers and claims, on sentences written for these tests."""
from __future__ import annotations

import pytest

from marsad.article import Article, Entity, Mention
from marsad.attribution import stage
from marsad.attribution.marks import quoted_spans
from marsad.attribution.speech import find


def article(paragraphs: list[str], names: dict[str, tuple[str, list[str]]] | None = None) -> Article:
    """An Article from paragraphs, with entities built by hand: id -> (type, surface forms)."""
    art = Article()
    art.set_blocks([("paragraph", p) for p in paragraphs])
    for eid, (etype, forms) in (names or {}).items():
        ms = []
        for form in forms:
            i = art.text.find(form)
            while i >= 0:
                ms.append(Mention(form, i, i + len(form)))
                i = art.text.find(form, i + 1)
        art.entities.append(Entity(eid, etype, forms[0], mentions=ms))
    stage.run(art)
    return art


def texts(art: Article) -> list[str]:
    return [q.text for q in art.quotes]


def test_direct_quote_after_colon_with_speaker_entity():
    art = article(['وقال وزير المالية سامي الهاشمي: "سنخفض الضرائب العام المقبل".'],
                  {"e1": ("PER", ["سامي الهاشمي"])})
    (q,) = art.quotes
    assert q.kind == "direct" and q.text == "سنخفض الضرائب العام المقبل"
    assert art.text[q.start:q.end] == q.text
    assert q.speaker == "e1" and q.speaker_text == "وزير المالية سامي الهاشمي" and q.verb == "قال"


@pytest.mark.parametrize("opening,closing", [("«", "»"), ("“", "”"), ('"', '"')])
def test_every_quotation_style(opening, closing):
    art = article([f"وقالت الوزيرة ليلى ناصر: {opening}نحن مستعدون للحوار مع الجميع{closing}."],
                  {"e1": ("PER", ["ليلى ناصر"])})
    assert texts(art) == ["نحن مستعدون للحوار مع الجميع"]
    assert art.quotes[0].speaker == "e1"


def test_circumstance_between_speaker_and_quote_is_not_the_speaker():
    art = article(['وقال المهندس كريم فؤاد، خلال افتتاح المصنع الجديد في المدينة: "سيوفر المصنع ألف وظيفة".'],
                  {"e1": ("PER", ["كريم فؤاد"])})
    (q,) = art.quotes
    assert q.speaker_text == "المهندس كريم فؤاد" and q.speaker == "e1"


def test_quote_spanning_sentences_and_unclosed_quote():
    art = article(['وقال المدرب: "لعبنا جيدا. لكن الحظ لم يحالفنا. سنعود أقوى',
                   "وأضاف أن اللاعبين بذلوا كل ما في وسعهم."])
    assert art.quotes[0].text == "لعبنا جيدا. لكن الحظ لم يحالفنا. سنعود أقوى"
    assert art.quotes[1].kind == "reported" and art.quotes[1].speaker_text == "المدرب"


def test_content_first_then_source():
    art = article(['"الأسعار ستنخفض قريبا"، بحسب خبير الاقتصاد ماجد العلي.'],
                  {"e1": ("PER", ["ماجد العلي"])})
    (q,) = art.quotes
    assert q.text == "الأسعار ستنخفض قريبا" and q.speaker == "e1" and q.verb == "بحسب"


def test_pronoun_drop_continues_previous_speaker():
    art = article(["وأكد رئيس البلدية هشام الراوي أن المشروع سينتهي في الصيف.",
                   'وأضاف: "لن نتأخر يوما واحدا"، مشيرا إلى أن التمويل متوفر بالكامل.'],
                  {"e1": ("PER", ["هشام الراوي"])})
    assert texts(art) == ["المشروع سينتهي في الصيف", "لن نتأخر يوما واحدا", "التمويل متوفر بالكامل"]
    assert [q.speaker for q in art.quotes] == ["e1", "e1", "e1"]
    assert [q.kind for q in art.quotes] == ["reported", "direct", "reported"]


def test_quoted_names_are_not_quotes():
    art = article(['نشرت وكالة "الأنباء الوطنية" تقريرا عن مهرجان "ليالي الصيف" في العاصمة.'])
    assert art.quotes == []


def test_reported_speech_verbs_forms_and_proclitics():
    art = article(["فأعلنت الشركة أن أرباحها تضاعفت هذا العام.",
                   "ويقول السكان إن المياه انقطعت منذ يومين.",
                   "وأوضحت المتحدثة باسم الجامعة أن الدراسة ستستأنف الأحد."],
                  {"e1": ("ORG", ["الشركة"]), "e2": ("ORG", ["الجامعة"])})
    assert texts(art) == ["أرباحها تضاعفت هذا العام", "المياه انقطعت منذ يومين", "الدراسة ستستأنف الأحد"]
    assert [q.verb for q in art.quotes] == ["أعلن", "قال", "أوضح"]
    assert art.quotes[0].speaker == "e1" and art.quotes[0].source_kind == "organisation"
    assert art.quotes[2].speaker == "e2" and art.quotes[2].speaker_text == "المتحدثة باسم الجامعة"


def test_relay_chain_speaker_and_via():
    art = article(["ونقلت وكالة الأنباء المحلية عن مدير الميناء عادل سمير قوله إن السفن ستدخل غدا."],
                  {"e1": ("PER", ["عادل سمير"]), "e2": ("ORG", ["وكالة الأنباء المحلية"])})
    (q,) = art.quotes
    assert q.speaker == "e1" and q.via == "e2" and q.verb == "نقل عن"
    assert q.text == "السفن ستدخل غدا"


def test_speaker_quoting_someone_else():
    art = article(['وقال السفير نبيل حداد: "لقد أكد الملك فهد المنصور حرص بلاده على السلام".'],
                  {"e1": ("PER", ["نبيل حداد"]), "e2": ("PER", ["الملك فهد المنصور"])})
    outer, inner = art.quotes
    assert outer.speaker == "e1" and outer.kind == "direct"
    assert inner.speaker == "e2" and inner.via == "e1" and inner.text == "حرص بلاده على السلام"


def test_source_kinds():
    art = article(["وقالت مصادر مطلعة إن الاتفاق بات قريبا.",
                   "ويرى مراقبون أن الانتخابات ستؤجل.",
                   "وذكرت صحيفة محلية أن الطريق سيغلق.",
                   "ويعتقد أن الحريق بدأ من المطبخ."])
    assert [q.source_kind for q in art.quotes] == ["anonymous", "analysts", "media", "impersonal"]
    assert art.quotes[3].speaker_text is None
    assert art.claims[3].hedge == "يعتقد"


def test_speaker_before_verb():
    art = article(["وكان رئيس الاتحاد سالم عودة قد أعلن أن البطولة ستقام في موعدها."],
                  {"e1": ("PER", ["سالم عودة"])})
    (q,) = art.quotes
    assert q.speaker == "e1" and q.text == "البطولة ستقام في موعدها"


def test_claims_stance_hedge_and_denial_link():
    art = article(["وتزعم المعارضة أن الحكومة قد أخفت نتائج التحقيق، لكن الحكومة تنفي هذه المزاعم."],
                  {"e1": ("ORG", ["المعارضة"]), "e2": ("ORG", ["الحكومة"])})
    c1, c2 = art.claims
    assert c1.by == "e1" and c1.stance == "asserts" and c1.hedge == "زعم"
    assert c1.text == "الحكومة قد أخفت نتائج التحقيق"
    assert c2.by == "e2" and c2.stance == "denies" and c2.about == c1.id
    assert all(c.quote for c in art.claims)


def test_denial_with_object_and_doubt():
    art = article(["ونفى المتحدث باسم الشرطة صحة الأنباء عن اعتقال الصحفي.",
                   "واستبعد الوزير أن ترتفع الأسعار قبل نهاية العام."])
    assert art.claims[0].stance == "denies" and art.quotes[0].speaker_text == "المتحدث باسم الشرطة"
    assert art.claims[1].stance == "doubts" and art.claims[1].text == "ترتفع الأسعار قبل نهاية العام"


def test_offsets_point_into_text_and_json_has_additions():
    art = article(['وقال الطبيب: "الوضع مستقر".', "وأشارت الممرضة إلى أن المريض تناول الدواء."])
    for q in art.quotes:
        assert art.text[q.start:q.end] == q.text
    d = art.to_dict()
    assert set(d["quotes"][0]) >= {"id", "text", "start", "end", "kind", "speaker", "speaker_text", "via", "verb"}
    assert set(d["claims"][0]) >= {"id", "text", "by", "stance", "about", "hedge", "factchecks"}


def test_no_speech_no_quotes_and_empty_article():
    art = article(["افتتحت البلدية حديقة جديدة في الحي الشرقي يوم الجمعة."])
    assert art.quotes == [] and art.claims == []
    empty = Article()
    stage.run(empty)
    assert empty.quotes == [] and empty.claims == []


def test_quoted_spans_pairs_marks():
    t = 'قال: «أولا» ثم "ثانيا" و“ثالثا” ثم "غير مغلق'
    spans = [t[q.start:q.end] for q in quoted_spans(t, 0, len(t))]
    assert spans == ["أولا", "ثانيا", "ثالثا", "غير مغلق"]


def test_find_without_entities_reports_speaker_spans():
    t = "وقال رئيس النادي إن الفريق جاهز للموسم."
    (f,) = find(t)
    assert t[f.speaker[0]:f.speaker[1]] == "رئيس النادي" and t[f.start:f.end] == "الفريق جاهز للموسم"


def test_noun_objects_after_prepositions():
    art = article(["وكشف مدير المطار عن افتتاح صالة جديدة الشهر المقبل.",
                   "وحذر الطبيب من خطورة السهر على صحة الأطفال."])
    assert texts(art) == ["افتتاح صالة جديدة الشهر المقبل", "خطورة السهر على صحة الأطفال"]
    assert art.quotes[0].speaker_text == "مدير المطار" and art.quotes[0].verb == "كشف"


def test_colon_without_quotation_marks_is_direct_speech():
    art = article(["وقال أحد السكان: نريد طريقا آمنا لأطفالنا."])
    (q,) = art.quotes
    assert q.kind == "direct" and q.text == "نريد طريقا آمنا لأطفالنا" and q.speaker_text == "أحد السكان"


def test_according_to_needs_a_source_and_can_relay():
    art = article(["وصل سعر الكيلو إلى عشرين ريالا بحسب النوع.",
                   "وقال الوزير إن المصنع سيفتتح قريبا، وفقا لصحيفة محلية."])
    (q,) = art.quotes
    assert q.speaker_text == "الوزير" and q.via_text == "صحيفة محلية" and q.text == "المصنع سيفتتح قريبا"


def test_that_after_before_or_except_is_no_speech():
    art = article(["وأعلن المتحدث موعد المباراة قبل أن يغادر القاعة مسرعا."])
    assert art.quotes == []


def test_participle_keeps_speaker_and_ignores_recipient():
    art = article(["ورفضت الشركة التعليق، قائلة للصحفيين إن التحقيق مستمر."], {"e1": ("ORG", ["الشركة"])})
    (q,) = art.quotes
    assert q.text == "التحقيق مستمر" and q.speaker == "e1"


def test_article_with_attribution_matches_the_contract_schema():
    import json
    from importlib import resources

    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(resources.files("marsad").joinpath("schema/article.schema.json").read_text("utf-8"))
    art = article(['وقال المدير خالد سعيد: "الموسم سيبدأ في موعده".', "لكن النادي ينفي هذه الأنباء."],
                  {"e1": ("PER", ["خالد سعيد"]), "e2": ("ORG", ["النادي"])})
    jsonschema.validate(json.loads(art.to_json()), schema)
    assert [c.stance for c in art.claims] == ["asserts", "denies"] and art.claims[1].about == "c1"


def test_coordinated_verb_speaks_for_the_sentence_subject():
    art = article(["وقال المحافظ إن الطريق سيفتح غدا.",
                   "واستنكرت النقابة القرار الجديد وقالت إنه يضر بالعمال."],
                  {"e1": ("PER", ["المحافظ"]), "e2": ("ORG", ["النقابة"])})
    assert [q.speaker for q in art.quotes] == ["e1", "e2"]


def test_headline_with_speaker_and_colon():
    art = Article()
    art.set_blocks([("headline", "وزير الإسكان: لن ترتفع الإيجارات هذا العام"), ("headline", "عاجل: حريق في السوق"),
                    ("paragraph", "افتتح الوزير المعرض أمس.")])
    art.entities.append(Entity("e1", "PER", "وزير الإسكان", mentions=[Mention("وزير الإسكان", 0, 12)]))
    stage.run(art)
    (q,) = art.quotes
    assert q.text == "لن ترتفع الإيجارات هذا العام" and q.speaker == "e1" and q.kind == "direct"


def test_recipients_are_not_speakers():
    art = article(["وقال لزملائه إن المباراة صعبة.", "وقال المدرب للصحفيين إن الفريق جاهز."])
    assert [q.speaker_text for q in art.quotes] == [None, "المدرب"]


def test_time_phrases_and_quantifiers_around_the_speaker():
    """«حذرت الأسبوع الماضي من …»: the time is not the speaker; «كثير من المراقبين» is one source."""
    from marsad.attribution.speech import Finder

    text = ("وكانت نقابة المعلمين قد حذرت الأسبوع الماضي من إغلاق المدارس في القرى البعيدة.\n"
            "ويرى كثير من المراقبين أن الإضراب سيستمر حتى نهاية الشهر.")
    found = Finder(text).find()
    speakers = [text[f.speaker[0]:f.speaker[1]] if f.speaker else None for f in found]
    assert speakers == ["نقابة المعلمين", "كثير من المراقبين"]
