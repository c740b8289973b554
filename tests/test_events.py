"""PLOVER event coding: triggers and their inflections, actor/target/location/time, modality.

Every sentence here is invented for the test; entities and time expressions are built by hand so
that the coder is tested on its own, whatever the entity and time stages do.
"""
import json
import re
import sys

import pytest

from marsad.article import Article, Entity, Mention, Quote, Timex
from marsad.events import stage
from marsad.events.plover import code_article, events_table
from marsad.events.triggers import lexicon
from marsad.pipeline import STAGES
from marsad.text import stage as text_stage

from .conftest import ROOT, shared_path


def make(text: str, entities=(), timex=(), quotes=()) -> Article:
    """An article over ``text`` with the text layer run and hand-built entities/timex/quotes.

    ``entities``: (id, type, name, [mention strings], roles) — every occurrence of a mention
    string becomes a mention.  ``timex``: (id, text) — the first occurrence.  ``quotes``: texts.
    """
    art = Article()
    art.set_blocks([("paragraph", text)])
    text_stage.run(art)
    for eid, etype, name, mentions, roles in entities:
        ms = [Mention(m.group(0), m.start(), m.end()) for s in mentions for m in re.finditer(re.escape(s), art.text)]
        art.entities.append(Entity(id=eid, type=etype, name=name, roles=list(roles), mentions=ms))
    for tid, s in timex:
        i = art.text.index(s)
        art.timex.append(Timex(id=tid, text=s, start=i, end=i + len(s)))
    for n, s in enumerate(quotes, 1):
        i = art.text.index(s)
        art.quotes.append(Quote(id=f"q{n}", text=s, start=i, end=i + len(s), kind="reported"))
    stage.run(art)
    return art


def only(art: Article, etype: str | None = None):
    evs = [e for e in art.events if etype is None or e.type == etype]
    assert len(evs) == 1, [(e.type, e.trigger.text, e.modality) for e in art.events]
    return evs[0]


# --- triggers: one lexicon entry matches its inflected shapes, and not look-alike words -------

@pytest.mark.parametrize("word, etype", [
    ("زيارة", "CONSULT"), ("وزيارته", "CONSULT"), ("بزيارتين", "CONSULT"), ("زيارات", "CONSULT"),
    ("وزاروا", "CONSULT"), ("ستزور", "CONSULT"), ("يلتقون", "CONSULT"), ("التقت", "CONSULT"),
    ("الهجمات", "ASSAULT"), ("هجوماً", "ASSAULT"), ("وقصفت", "ASSAULT"), ("احتجاجاً", "PROTEST"),
    ("للمساعدات", "AID"), ("اعتقلت", "COERCE"), ("تحذيرات", "THREATEN"), ("يدعون", "REQUEST"),
    ("العقوبات", "SANCTION"), ("اتفقوا", "AGREE"), ("بالإفراج", "RETREAT"), ("ونددت", "ACCUSE"),
])
def test_trigger_inflections(word, etype):
    a = lexicon().analyse(word)
    assert a is not None and a.entry.type == etype


@pytest.mark.parametrize("word", ["وزارة", "فجرا", "هنا", "طالب", "قال", "الطالب", "ابن", "زراعة"])
def test_lookalikes_are_not_triggers(word):
    assert lexicon().analyse(word) is None


def test_function_words_are_never_triggers():
    from marsad.events.triggers import lexicon

    assert lexicon().analyse("هناك") is None  # "there", not هنأ + ك
    assert lexicon().analyse("هنأه").entry.type == "SUPPORT"


def test_verb_readings_keep_tense():
    a = lexicon().analyse("سيلتقي")
    assert a.verb and a.future and a.imperfect
    b = lexicon().analyse("هجومه")
    assert not b.verb and b.possessed


def test_phrase_trigger_spans_its_words():
    art = make("وأعلن الطرفان وقف إطلاق النار في المدينة بعد أسبوع من المعارك.")
    ev = only(art, "RETREAT")
    assert ev.trigger.text == "وقف إطلاق النار"
    assert art.text[ev.trigger.start:ev.trigger.end] == ev.trigger.text


# --- actor, target, location, time ------------------------------------------------------------

def test_verb_subject_object():
    art = make("زار ناصر القرشي القاهرة يوم الأحد الماضي.",
               entities=[("e1", "PER", "ناصر القرشي", ["ناصر القرشي"], []), ("e2", "GPE", "القاهرة", ["القاهرة"], [])],
               timex=[("t1", "يوم الأحد الماضي")])
    ev = only(art)
    assert (ev.type, ev.actor, ev.target, ev.time, ev.modality) == ("CONSULT", "e1", "e2", "t1", "happened")
    assert ev.cameo == "042" and ev.sentence == 0



def test_name_right_before_the_verb_is_its_subject():
    """SVO: the noun just before a bare verb acts; the noun after it is the target."""
    ents = [("e1", "PER", "سالم العتيبي", ["سالم العتيبي"], []), ("e2", "PER", "جواد الخطيب", ["جواد الخطيب"], [])]
    ev = only(make("وأوضح البيان أن سالم العتيبي استقبل جواد الخطيب في الرياض.", entities=ents), "CONSULT")
    assert (ev.actor, ev.target) == ("e1", "e2")


def test_conjoined_verb_keeps_the_first_verbs_subject():
    """استقبل A B ويبحث معه: B sits right before the second verb but is not its subject."""
    ents = [("e1", "PER", "سالم العتيبي", ["سالم العتيبي"], []), ("e2", "PER", "جواد الخطيب", ["جواد الخطيب"], [])]
    art = make("التقى سالم العتيبي جواد الخطيب ويتباحث معه في ملف المياه.", entities=ents)
    assert {(e.actor, e.target) for e in art.events} == {("e1", "e2"), ("e1", None)}

def test_verbal_noun_genitive_actor_and_prepositional_target():
    art = make("وتأتي زيارة سعاد الفيلالي إلى نواكشوط في إطار التنسيق بين البلدين.",
               entities=[("e1", "PER", "سعاد الفيلالي", ["سعاد الفيلالي"], []), ("e2", "GPE", "نواكشوط", ["نواكشوط"], [])])
    ev = only(art, "CONSULT")
    assert (ev.actor, ev.target) == ("e1", "e2")


def test_subject_first_and_location():
    art = make("وكانت الطائرات الحربية قصفت مواقع المسلحين في إدلب فجر الخميس.",
               entities=[("e1", "GPE", "إدلب", ["إدلب"], [])], timex=[("t1", "فجر الخميس")])
    ev = only(art, "ASSAULT")
    assert (ev.location, ev.time) == ("e1", "t1")


def test_spokesman_acts_for_the_state():
    art = make("حذر خالد الزعبي أرض الصومال من أي خطوة أحادية على الحدود.",
               entities=[("e1", "PER", "خالد الزعبي", ["خالد الزعبي"], ["المتحدث باسم وزارة الخارجية في جيبوتي"]),
                         ("e2", "GPE", "جيبوتي", ["جيبوتي"], []),
                         ("e3", "GPE", "أرض الصومال", ["أرض الصومال"], [])])
    ev = only(art, "THREATEN")
    assert (ev.actor, ev.target) == ("e2", "e3")


# --- modality -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, etype, modality", [
    ("من المقرر أن يلتقي وزير الدفاع نظيره الإيطالي في روما.", "AGREE", "planned"),
    ("ستزور وزيرة الخارجية النمساوية بيروت الأسبوع المقبل.", "AGREE", "planned"),
    ("قد تفرض الحكومة عقوبات على الشركات المخالفة.", "SANCTION", "possible"),
    ("وربما تعقد الأطراف اجتماعا جديدا في جنيف.", "CONSULT", "possible"),
    ("لم يلتق الوزير نظيره الكويتي خلال القمة.", "CONSULT", "denied"),
    ("ونفت وزارة الدفاع تزويد الميليشيا بالأسلحة.", "AID", "denied"),
    ("وطالبت النقابة بالإفراج عن العمال المعتقلين.", "RETREAT", "demanded"),
    ("وقال مصدر أمني إن الجيش قصف مواقع المسلحين.", "ASSAULT", "reported"),
    ("وفرضت الحكومة حظر التجول في المدينة.", "COERCE", "happened"),
    ("ويعد الاجتماع الذي سينعقد في الدوحة الأهم هذا العام.", "AGREE", "planned"),
    ("ومن المتوقع أن يلتقي الرئيسان خلال الصيف.", "AGREE", "planned"),
    ("وقال البيان إن المتهمين سيتم التحقيق معهم.", "ACCUSE", "planned"),
    ("وأعلنت الشرطة اعتقال ثلاثة مشتبهين.", "COERCE", "reported"),
    ("وإذا انتهكت الشركة العقد فستدفع غرامة.", "REJECT", "possible"),
])
def test_modality(text, etype, modality):
    ev = only(make(text), etype)
    assert ev.modality == modality


def test_demand_verb_is_the_modality_not_a_second_event():
    art = make("ودعا البرلمان إلى فرض عقوبات على الشركة.")
    assert [e.type for e in art.events] == ["SANCTION"]
    assert art.events[0].modality == "demanded"


def test_quote_span_makes_an_event_reported():
    text = "وأضاف أن قوات الأمن اعتقلت عشرين شخصا في الضاحية."
    art = make(text, quotes=["قوات الأمن اعتقلت عشرين شخصا في الضاحية"])
    assert only(art, "COERCE").modality == "reported"


# --- precision guards -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "الدعم مهم لنمو الاقتصاد في السنوات المقبلة.",  # weak trigger, no actor, no governing verb
    "ويقع الاتفاق في أربعين صفحة.",  # a document named, not an agreement made
    "وقال المدير إن الموسم كان ناجحا.",  # a speech verb is not an event
    "وصدر بيان عن وزارة الزراعة أمس.",
])
def test_no_event(text):
    assert make(text).events == []


def test_name_with_event_word_is_not_an_event():
    art = make("واجتمع مجلس التعاون في الرياض.", entities=[("e1", "GPE", "الرياض", ["الرياض"], [])])
    assert [e.type for e in art.events] == ["CONSULT"]


def test_definite_mention_of_a_coded_event_is_not_a_second_event():
    art = make("عقد الوزيران اجتماعا مطولا أمس. وتناول الاجتماع ملف المياه.")
    assert [e.type for e in art.events] == ["CONSULT"]


def test_governed_weak_trigger_is_coded():
    art = make("وشنت الطائرات هجوما على القرية.")
    assert only(art).type == "ASSAULT"


# --- outputs --------------------------------------------------------------------------------

def test_events_table_rows_and_json_round_trip():
    art = make("زار ناصر القرشي القاهرة.",
               entities=[("e1", "PER", "ناصر القرشي", ["ناصر القرشي"], []), ("e2", "GPE", "القاهرة", ["القاهرة"], [])])
    art.source.url = "https://example.org/a"
    rows = events_table(art)
    assert rows[0]["actor_name"] == "ناصر القرشي" and rows[0]["target_name"] == "القاهرة"
    assert rows[0]["type"] == "CONSULT" and rows[0]["url"] == "https://example.org/a"
    back = Article.from_dict(json.loads(art.to_json()))
    assert back.events == art.events


def test_empty_article_has_no_events():
    art = Article()
    stage.run(art)
    assert art.events == [] and code_article(art) == []


def test_stage_order_in_pipeline():
    names = [n for n, _ in STAGES]
    assert "events" in names
    for before in ("text", "entities", "attribution", "timex"):
        if before in names:
            assert names.index(before) < names.index("events")


# --- shared data: the lexicon's sources and the dev gold ------------------------------------

def test_derived_entries_still_derive_from_the_dictionary():
    shared_path("data", "events", "UniversalPetrarch_arabic", "dictionaries", "CAMEO.ar.0.5.txt")
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_events
    from up_dictionary import load_cameo_plover, parse
    ev = ROOT.parent / "shared" / "data" / "events"
    table = load_cameo_plover(str(ev / "PLOVER_CAMEO_codebooks" / "CAMEO2PLOVER-2021.txt"))
    blocks = parse(str(ev / "UniversalPetrarch_arabic" / "dictionaries" / "CAMEO.ar.0.5.txt"))
    derived = {e["form"] for e in build_events.derived_entries(blocks, table)}
    assert build_events.REVIEWED_KEEP <= derived
    shipped = {(e["form"], e["type"]) for e in json.loads((ROOT / "marsad/data/events/lexicon.json").read_text())["triggers"]}
    assert ("ذبح", "ASSAULT") in shipped and len(table) > 200


def test_gold_dev_beats_the_dictionary_coder():
    shared_path("data", "events", "UniversalPetrarch_arabic", "gold_dev")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import events_bench as eb
    gold = eb.load_gold_dev(str(ROOT.parent / "shared"))[::4]
    arts = []
    for g in gold:
        a = Article()
        a.set_blocks([("paragraph", g["text"])])
        text_stage.run(a)
        arts.append(a)
    ours = eb.score_gold_dev(gold, arts, eb.marsad_events)
    naive = eb.score_gold_dev(gold, arts, eb.NaiveCoder(str(ROOT.parent / "shared")).code)
    assert ours["type_recall"] > 0.75
    assert ours["type_recall"] > naive["type_recall"] + 0.3
