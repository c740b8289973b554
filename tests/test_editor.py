"""Editor stage: summary, keywords, ROUGE, and the flags that need no spelling dictionary.

Fixtures are invented sentences; entity and date layers are built by hand so these tests do not
depend on the NER/entity/time stages."""
from __future__ import annotations

import pytest

import marsad
from marsad.article import Article, Entity, Flag, Mention, PageDate
from marsad.editor import flags
from marsad.editor.keywords import keywords
from marsad.editor.lexicon import stem
from marsad.text.stopwords import STOPWORDS
from marsad.editor.rouge import rouge_multi, rouge_n, rouge_tokens
from marsad.editor.stage import run
from marsad.editor.summary import select, summarize
from marsad.text.normalize import fold
from marsad.text.stage import run as text_run

STORY = [
    ("headline", "البرلمان يقر قانون حماية البيئة البحرية"),
    ("paragraph", "أقر البرلمان مساء الأحد قانونا جديدا لحماية البيئة البحرية بعد نقاش استمر ثلاثة أسابيع. "
                  "ويفرض القانون غرامات كبيرة على السفن التي تلقي النفايات في البحر."),
    ("paragraph", "وقال رئيس لجنة البيئة إن القانون سيحمي الشعاب المرجانية والأسماك من التلوث. "
                  "وأضاف أن البيئة البحرية تعرضت لأضرار كبيرة خلال السنوات الماضية."),
    ("paragraph", "وكان الطقس معتدلا في العاصمة يوم التصويت. "
                  "ورحبت جمعيات الصيادين بقانون حماية البيئة البحرية وطالبت بتطبيقه سريعا على السفن."),
]


def article(blocks=STORY) -> Article:
    art = Article()
    art.set_blocks(blocks)
    text_run(art)
    return art


def add_entity(art: Article, eid: str, typ: str, name: str, surfaces: list[str]) -> None:
    mentions, pos = [], 0
    for s in surfaces:
        at = art.text.index(s, pos)
        mentions.append(Mention(s, at, at + len(s)))
        pos = at + len(s)
    art.entities.append(Entity(id=eid, type=typ, name=name, mentions=mentions))


# --- ROUGE ---------------------------------------------------------------------------------

def test_rouge_folds_and_stems():
    assert rouge_tokens("والمحادثات، المحادثات") == [stem(fold("المحادثات"))] * 2
    s = rouge_n(rouge_tokens("أقر البرلمان القانون"), rouge_tokens("أقر البرلمان قانونا جديدا"), 1)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(2 / 4)
    assert s.f == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_rouge_bigrams_and_references_averaged():
    cand = rouge_tokens("السفن تلقي النفايات")
    refs = [rouge_tokens("السفن تلقي النفايات"), rouge_tokens("النفايات تلقي السفن")]
    assert rouge_n(cand, refs[0], 2).f == 1.0
    assert rouge_n(cand, refs[1], 2).f == 0.0
    assert rouge_multi(cand, refs, 2).f == pytest.approx(0.5)


# --- summary -------------------------------------------------------------------------------

def test_summary_is_article_sentences_in_order():
    art = article()
    picked = summarize(art, k=3)
    assert len(picked) == 3
    starts = [s.start for s in picked]
    assert starts == sorted(starts)
    for s in picked:
        assert art.text[s.start:s.end] == s.text
        assert art.block_at(s.start).kind == "paragraph"
    # The weather aside shares nothing with the headline or the rest: never picked.
    assert all("الطقس" not in s.text for s in picked)


def test_summary_skips_a_repeated_sentence():
    sents = ["أقر البرلمان قانونا جديدا لحماية البيئة البحرية من التلوث.",
             "أقر البرلمان قانونا جديدا لحماية البيئة البحرية من التلوث.",
             "وتفرض الحكومة غرامات على السفن التي تلقي النفايات في البحر."]
    assert select(sents, k=2) == [0, 2]


def test_summary_of_an_empty_article_is_empty():
    art = article([("headline", "عنوان فقط")])
    assert summarize(art) == []


# --- keywords ------------------------------------------------------------------------------

def test_keywords_keep_phrases_whole_and_drop_stopwords():
    art = article([
        ("headline", "جنوب أفريقيا تستضيف قمة المناخ الجديدة"),
        ("paragraph", "تستضيف جنوب أفريقيا قمة المناخ في الشهر المقبل، وقالت الأمم المتحدة إن الوفود "
                      "ستناقش خفض الانبعاثات. وتأمل جنوب أفريقيا أن تخرج القمة باتفاق ملزم للدول الصناعية."),
    ])
    kws = keywords(art)
    assert "جنوب أفريقيا" in kws
    assert "أفريقيا" not in kws and "جنوب" not in kws
    for k in kws:
        assert all(fold(w) not in STOPWORDS for w in k.split())
        assert all(ch.isalpha() or ch == " " for ch in k), k


def test_keywords_strip_clitics_and_skip_verbs_and_misspelt_words():
    art = article([
        ("headline", "زيارة رسمية إلى فرنسا"),
        ("paragraph", "وصل الوفد لفرنسا صباح اليوم في زيارة رسمية. ويحاول الوفد في فرنسا توقيع اتفاق "
                      "للطاقة. ويحاول الجانبان إنهاء الاتفاق قبل نهاية الزيارة، وأكدت فرنسا أن الاتفاقيية "
                      "جاهزة، فيما وصفت الصحف الاتفاقيية بأنها تاريخية."),
    ])
    kws = keywords(art)
    assert "فرنسا" in kws and "لفرنسا" not in kws
    assert not any(k.startswith("يحاول") or k.startswith("ويحاول") for k in kws)
    assert "الاتفاقيية" in kws  # repeated, so a candidate ...
    assert "الاتفاقيية" not in keywords(art, misspelled={fold("الاتفاقيية")})  # ... unless flagged


def test_keywords_skip_words_too_common_to_name_a_topic():
    art = article([
        ("headline", "المركز يكرم الجميع في حفل التخرج"),
        ("paragraph", "كرم المركز الجميع في حفل التخرج السنوي، وشكر مدير المركز الجميع على جهودهم. "
                      "وحضر حفل التخرج أولياء الأمور في جدة، وأكد المركز أن حفل التخرج سيتكرر في جدة كل عام."),
    ])
    kws = keywords(art)
    assert "المركز" not in kws and "الجميع" not in kws
    assert "جدة" in kws  # a place is a topic however common


def test_keywords_use_entities():
    art = article()
    add_entity(art, "e1", "ORG", "لجنة البيئة", ["لجنة البيئة"])
    assert "لجنة البيئة" in keywords(art)


# --- variant spellings, dates, prepositions --------------------------------------------------

def test_variant_spelling_of_a_transliterated_name():
    art = article([("paragraph", "زار الوفد غوتنبرغ فالدهايم أمس، وقال مسؤول في غوتنبرغ فالدهايم إن "
                                 "المحادثات كانت مثمرة. وغادر الوفد جوتنبرج فالدهايم مساء اليوم.")])
    add_entity(art, "e1", "GPE", "غوتنبرغ فالدهايم",
               ["غوتنبرغ فالدهايم", "غوتنبرغ فالدهايم", "جوتنبرج فالدهايم"])
    out = flags.variant_flags(art)
    assert len(out) == 1
    f = out[0]
    assert f.kind == "variant_spelling" and f.suggestion == "غوتنبرغ فالدهايم"
    assert art.text[f.start:f.end] == "جوتنبرج فالدهايم"


def test_variant_spelling_finds_an_unlinked_form_and_ignores_inflection():
    art = article([("paragraph", "قال تشانغ ويمينغ إن الحوثيون رفضوا. وأكد تشانغ ويمينغ أن الحوثيين "
                                 "انسحبوا، بينما قال تشانج ويمينج إن الأمر انتهى.")])
    add_entity(art, "e1", "PER", "تشانغ ويمينغ", ["تشانغ ويمينغ", "تشانغ ويمينغ"])
    add_entity(art, "e2", "ORG", "الحوثيون", ["الحوثيون", "الحوثيين"])
    out = flags.variant_flags(art)
    assert [(art.text[f.start:f.end], f.suggestion) for f in out] == [("تشانج ويمينج", "تشانغ ويمينغ")]


def test_a_colloquial_function_word_is_not_half_of_a_variant():
    art = article([("paragraph", "وصل سامر من المطار وسأل عن سامر مين الذي اتصل. وقال إن سامر من الأسرة نفسها.")])
    add_entity(art, "e1", "PER", "سامر", ["سامر", "سامر", "سامر"])
    art.entities[0].mentions += [m for m in _mentions(art, "سامر مين") + _mentions(art, "سامر من")]
    assert flags.variant_flags(art) == []


def _mentions(art: Article, text: str) -> list[Mention]:
    i = art.text.index(text)
    return [Mention(text, i, i + len(text), kind="name")]


def _kb_name(kb_id: str) -> str:
    from marsad.entities import kb

    return kb.load().get(kb_id)["name"]


def test_variant_spelling_suggests_the_knowledge_base_spelling_when_the_article_uses_it():
    art = article([("paragraph", "افتتح المهرجان دورته في تورنتو مساء الجمعة. وقالت إدارته إن فنادق تورنتو "
                                 "امتلأت بالزوار. ويستمر المهرجان في تورونتو عشرة أيام.")])
    add_entity(art, "e1", "GPE", "تورونتو", ["تورنتو", "تورنتو", "تورونتو"])
    art.entities[0].kb_id = "city:toronto"
    assert _kb_name("city:toronto") == "تورونتو"
    out = flags.variant_flags(art)
    assert [(art.text[f.start:f.end], f.suggestion) for f in out] == [("تورنتو", "تورونتو")] * 2
    # Linked to two entries (a place and its state), or not linked: the KB's names still decide.
    art.entities = []
    add_entity(art, "e1", "GPE", "تورنتو", ["تورنتو", "تورنتو"])
    add_entity(art, "e2", "GPE", "تورونتو", ["تورونتو"])
    art.entities[1].kb_id = "city:toronto"
    assert [f.suggestion for f in flags.variant_flags(art)] == ["تورونتو"] * 2


def test_variant_spelling_of_a_name_the_kb_lacks_suggests_the_commonest_form():
    art = article([("paragraph", "وقع العقد مع شركة فيلدغراوس أمس. وقال مدير فيلدغراوس إن العمل يبدأ قريبا. "
                                 "وتملك فيلدجراوس مصانع في ثلاث دول.")])
    add_entity(art, "e1", "ORG", "فيلدغراوس", ["فيلدغراوس", "فيلدغراوس", "فيلدجراوس"])
    assert [(art.text[f.start:f.end], f.suggestion) for f in flags.variant_flags(art)] == [("فيلدجراوس", "فيلدغراوس")]


def test_variant_spelling_suggests_the_knowledge_base_spelling_of_the_same_name():
    art = article([("paragraph", "وصل الوفد إلى كالينينغراد صباحا. وقال مسؤول في كالينينغراد إن اللقاء "
                                 "مثمر. وغادر الوفد كالينينجراد مساء.")])
    add_entity(art, "e1", "GPE", "كالينينغراد", ["كالينينغراد", "كالينينغراد", "كالينينجراد"])
    art.entities[0].kb_id = "city:kaliningrad"
    canon = _kb_name("city:kaliningrad")
    assert canon not in art.text  # not used here, but another transliteration of the same name
    out = flags.variant_flags(art)
    assert len(out) == 3 and {f.suggestion for f in out} == {canon}


def test_two_ordinary_words_are_not_variants():
    art = article([("paragraph", "التقى كمال الدين مع كامل الدين في المدينة.")])
    add_entity(art, "e1", "PER", "كمال الدين", ["كمال الدين"])
    add_entity(art, "e2", "PER", "كامل الدين", ["كامل الدين"])
    assert flags.variant_flags(art) == []


def test_two_places_or_two_arabic_names_one_vowel_apart_are_not_variants():
    art = article([("paragraph", "سافر الوفد من نيويورك إلى نيوآرك، والتقى سعد بن خالد مع سعود بن خالد.")])
    add_entity(art, "e1", "GPE", "نيويورك", ["نيويورك"])
    add_entity(art, "e2", "GPE", "نيوآرك", ["نيوآرك"])
    add_entity(art, "e3", "PER", "سعد بن خالد", ["سعد بن خالد"])
    add_entity(art, "e4", "PER", "سعود بن خالد", ["سعود بن خالد"])
    assert flags.variant_flags(art) == []


def test_case_endings_and_names_starting_with_a_preposition_letter_are_not_variants():
    art = article([("paragraph", "قرأ الطلاب شعر درويش، ورأى الناقد درويشا شاعرا كبيرا. وقال بارون إن "
                                 "إيران لم ترد.")])
    add_entity(art, "e1", "PER", "درويش", ["درويش", "درويشا"])
    add_entity(art, "e2", "PER", "بارون", ["بارون"])
    add_entity(art, "e3", "GPE", "إيران", ["إيران"])
    assert flags.variant_flags(art) == []


def test_date_mismatch_only_when_inconsistent():
    art = article()
    art.dates.page = PageDate(gregorian="2024-05-01", hijri="1445-10-21", weekday="Tuesday",
                              consistent=False, text="الثلاثاء 1 مايو 2024")
    out = flags.date_flags(art)
    assert len(out) == 1 and out[0].kind == "date_mismatch" and out[0].start is None
    art.dates.page.consistent = True
    assert flags.date_flags(art) == []
    art.dates.page = None
    assert flags.date_flags(art) == []


def test_missing_preposition_after_a_participle():
    art = article([("paragraph", "رفض الوزير التصريحات الصادرة الحكومة السابقة. وقرأ البيانات الصادرة عن "
                                 "الوزارة والتقارير الصادرة اليوم والرسالة الموجهة البرلمان.")])
    out = flags.preposition_flags(art)
    assert [(f.text, f.suggestion) for f in out] == [
        ("الصادرة الحكومة", "الصادرة عن الحكومة"), ("الموجهة البرلمان", "الموجهة إلى البرلمان")]
    for f in out:
        assert art.text[f.start:f.end] == f.text


def test_preposition_before_a_named_entity():
    art = article([("paragraph", "وصلت الشحنات الواردة الصين إلى الميناء، والقرارات الصادرة الأسبوع الماضي.")])
    add_entity(art, "e1", "GPE", "الصين", ["الصين"])
    assert [f.suggestion for f in flags.preposition_flags(art)] == ["الواردة من الصين"]


# --- the stage -----------------------------------------------------------------------------

def test_stage_fills_summary_keywords_and_keeps_other_flags():
    art = article()
    art.flags.append(Flag(kind="stale", text="x"))
    run(art)
    assert art.summary and all(isinstance(s, str) and s in art.text for s in art.summary)
    assert art.keywords
    assert art.flags[0].kind == "stale"
    d = art.to_dict()
    assert isinstance(d["summary"], list) and isinstance(d["keywords"], list)


def test_stage_is_last_in_the_pipeline():
    from marsad.pipeline import STAGES
    assert STAGES[-1] == ("editor", "marsad.editor.stage:run")


def test_pipeline_runs_the_editor_on_an_invented_page():
    art = marsad.analyze("البرلمان يقر قانون حماية البيئة البحرية\n\n" + STORY[1][1] + "\n\n" + STORY[2][1],
                         stages=["text", "editor"])
    assert art.summary and art.keywords
    for f in art.flags:
        if f.start is not None:
            assert 0 <= f.start < f.end <= len(art.text)
