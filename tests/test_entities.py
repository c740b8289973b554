"""Entities stage: keys, gazetteer matching, titles and roles, clustering, descriptors.

All sentences are invented for these tests."""
from marsad.article import Article, Mention
from marsad.entities import gazetteer
from marsad.entities.kb import load
from marsad.entities.keys import similar, sound_key
from marsad.entities.resolve import resolve
from marsad.entities.stage import run


def by_name(entities, name):
    return next(e for e in entities if e.name == name)


def entity_of(entities, text):
    """The entity that has a mention with exactly this text."""
    hits = [e for e in entities for m in e.mentions if m.text == text]
    assert hits, f"no mention {text!r}"
    return hits[0]


def test_sound_key_joins_transliteration_variants():
    assert sound_key("بيونج يونج") == sound_key("بيونغ يانغ")
    assert sound_key("أمريكا") == sound_key("أميركا")
    assert sound_key("شويغو") == sound_key("شويجو")
    assert similar("بيونج يانج", "بيونغ يانغ")
    assert sound_key("روسيا") != sound_key("تونس")


def test_gazetteer_peels_proclitics_and_keeps_offsets():
    text = "وصل الوفد لروسيا ثم بالولايات المتحدة وزار بيونج يانج."
    found = {text[m.start:m.end]: m.alias.kb_id for m in gazetteer.find(text, load())}
    assert found["روسيا"] == "country:RUS"
    assert found["الولايات المتحدة"] == "country:USA"
    assert found["بيونج يانج"] == "city:PRK-capital"


def test_gazetteer_does_not_match_common_words_by_sound():
    text = "تعزيز القطار المقرر للخارج"
    assert gazetteer.find(text, load()) == []


TEXT = (
    "لقاء مرتقب بين سيد الإليزيه والزعيم الصيني\n\n"
    "قال المتحدث باسم البيت الأبيض جون هارلو إن واشنطن تراقب المحادثات. "
    "وأضاف هارلو أن أمريكا والصين تختلفان. "
    "ونقلت وكالات عن مارك دوبوا نائب وزير الخارجية الفرنسي قوله إن باريس تدعم الحوار، "
    "وسيلتقي الرئيس الفرنسي جان لوران بالرئيس الصيني لي تشانغ في بكين. "
    "وكان وزير الدفاع الصيني، تشن هاو، قد أعلن أن بكين لن تتراجع، فيما تقول الدولة الآسيوية إنها تريد السلام. "
    "وأكد وزير الدفاع الصيني أن العلاقات بين البلدين جيدة."
)


def test_titles_give_people_and_roles():
    ents = resolve(TEXT)
    harlow = entity_of(ents, "جون هارلو")
    assert harlow.type == "PER"
    assert "المتحدث باسم البيت الأبيض — الولايات المتحدة" in harlow.roles
    assert any(m.text == "هارلو" and m.kind == "name" for m in harlow.mentions)
    dubois = entity_of(ents, "مارك دوبوا")
    assert dubois.roles == ["نائب وزير الخارجية — فرنسا"]
    chen = entity_of(ents, "تشن هاو")
    assert "وزير الدفاع — الصين" in chen.roles
    # The bare title later in the text is the same man.
    assert sum(m.kind == "title" and m.text == "وزير الدفاع الصيني" for m in chen.mentions) == 2


def test_nicknames_and_leader_titles_resolve_to_the_holder():
    ents = resolve(TEXT)
    laurent = entity_of(ents, "جان لوران")
    assert "سيد الإليزيه" in [m.text for m in laurent.mentions]
    li = entity_of(ents, "لي تشانغ")
    assert "الزعيم الصيني" in [m.text for m in li.mentions]
    assert "رئيس — الصين" in li.roles


def test_metonyms_demonyms_and_descriptors_point_at_the_state():
    ents = resolve(TEXT)
    usa = entity_of(ents, "واشنطن")
    assert usa.kb_id == "country:USA" and usa.name_en == "United States"
    kinds = {m.text: m.kind for m in usa.mentions}
    assert kinds["واشنطن"] == "metonym" and kinds["البيت الأبيض"] == "metonym" and kinds["أمريكا"] == "name"
    china = entity_of(ents, "الدولة الآسيوية")
    assert china.kb_id == "country:CHN"
    assert {m.kind for m in china.mentions if m.text == "بكين"} <= {"metonym", "name"}
    assert any(m.text == "الصيني" and m.kind == "descriptor" for m in china.mentions)
    france = entity_of(ents, "باريس")
    assert france.kb_id == "country:FRA"
    # «في بكين» is the city as a place, not the state.
    city = [e for e in ents if e.kb_id == "city:CHN-capital"]
    assert city and city[0].mentions[0].text == "بكين"


def test_dual_descriptor_points_at_two_countries():
    ents = resolve("اجتمع وزير خارجية مصر مع نظيره الأردني، وبحث البلدان التعاون.")
    holders = [e.kb_id for e in ents if any(m.text == "البلدان" for m in e.mentions)]
    assert sorted(holders) == ["country:EGY", "country:JOR"]


def test_ids_follow_first_mention_and_offsets_point_into_text():
    ents = resolve(TEXT)
    assert [e.id for e in ents] == [f"e{i}" for i in range(1, len(ents) + 1)]
    firsts = [e.mentions[0].start for e in ents]
    assert firsts == sorted(firsts)
    for e in ents:
        for m in e.mentions:
            assert TEXT[m.start:m.end] == m.text


def test_tagger_spans_join_clusters():
    text = "التقى كارلوس منديز ممثلي شركة الواحة للتجارة. وقال منديز إن شركة الواحة للتجارة ستوسع أعمالها."
    def span(s, type_, after=0):
        i = text.index(s, after)
        return Mention(s, i, i + len(s), type=type_)

    spans = [span("كارلوس منديز", "PER"), span("شركة الواحة للتجارة", "ORG"),
             span("منديز", "PER", 20), span("شركة الواحة للتجارة", "ORG", 50)]
    ents = resolve(text, spans)
    mendez = entity_of(ents, "كارلوس منديز")
    assert [m.text for m in mendez.mentions] == ["كارلوس منديز", "منديز"]
    org = entity_of(ents, "شركة الواحة للتجارة")
    assert org.type == "ORG" and len(org.mentions) == 2 and org.kb_id is None


def test_stage_on_empty_and_plain_text():
    art = Article(text="")
    run(art)
    assert art.entities == []
    art = Article(text="كان الجو جميلا اليوم.")
    run(art)
    assert art.entities == []


def test_stage_runs_in_the_pipeline():
    import marsad

    art = marsad.analyze("عنوان عن تركيا\n\nأعلنت أنقرة أن الرئيس التركي سيزور مصر.", stages=["text", "entities"])
    d = art.to_dict()
    turkey = next(e for e in d["entities"] if e["kb_id"] == "country:TUR")
    assert {m["kind"] for m in turkey["mentions"]} >= {"name", "metonym", "descriptor"}


def test_arabic_names_with_connectors_and_stacked_offices():
    text = ("استقبل خادم الحرمين الشريفين الملك فهد بن سعود آل نايف وزير الزراعة الدكتور سالم بن علي العتيبي. "
            "وحضر الأمير ماجد بن خالد ولي العهد نائب رئيس مجلس الوزراء، والأمير ماجد بن فهد.")
    ents = resolve(text)
    king = entity_of(ents, "فهد بن سعود آل نايف")
    assert {"خادم الحرمين الشريفين", "الملك"} <= {m.text for m in king.mentions}
    assert "ملك — السعودية" in king.roles
    minister = entity_of(ents, "سالم بن علي العتيبي")
    assert "وزير الزراعة" in minister.roles
    crown = entity_of(ents, "ماجد بن خالد")
    assert {"ولي العهد", "نائب رئيس مجلس الوزراء"} <= {m.text for m in crown.mentions}
    # Two princes called Majed are two people: full names must agree on more than one word.
    other = entity_of(ents, "ماجد بن فهد")
    assert other is not crown


def test_title_with_a_prepositional_tail_and_honorific():
    text = "وقال المتحدث الرسمي لهيئة الطيران المدني بمنطقة تبوك الأستاذ رامي الشهري إن الرحلات مستمرة."
    ents = resolve(text)
    rami = entity_of(ents, "رامي الشهري")
    assert "المتحدث الرسمي" in [m.text for m in rami.mentions]


def test_organisations_by_head_noun_and_acronym():
    text = "أعلنت وزارة الصناعة والتجارة أن بنك الاستثمار الوطني (NIB) رفع رأسماله، وقال محلل إن NIB سيتوسع."
    ents = resolve(text)
    ministry = entity_of(ents, "وزارة الصناعة والتجارة")
    assert ministry.type == "ORG"
    bank = entity_of(ents, "بنك الاستثمار الوطني")
    assert [m.text for m in bank.mentions] == ["بنك الاستثمار الوطني", "NIB", "NIB"]


def test_ali_is_a_name_only_before_a_name():
    ents = resolve("وصرح المتحدث باسم الحزب علي الكناني بأن الحزب سيشارك. وقال الكناني إنهم حصلوا على وعود.")
    ali = entity_of(ents, "علي الكناني")
    assert [m.text for m in ali.mentions if m.kind == "name"] == ["علي الكناني", "الكناني"]
    assert not any(m.text.startswith("على") for e in ents for m in e.mentions)


def test_reference_page_end_to_end():
    """The reference page: variants, titles, metonyms and descriptors resolved together."""
    import marsad

    from .conftest import SAMPLE, shared_path

    shared_path("samples", SAMPLE.name)
    art = marsad.analyze(SAMPLE.read_text(encoding="utf-8"), stages=["text", "entities"])
    ents = art.entities
    putin = entity_of(ents, "فلاديمير بوتين")
    assert {"سيد الكرملين", "الرئيس الروسي", "بوتين"} <= {m.text for m in putin.mentions}
    kim = entity_of(ents, "كيم جونج أون")
    assert {"زعيم كوريا الشمالية", "الزعيم الكوري الشمالي", "كيم"} <= {m.text for m in kim.mentions}
    prk = entity_of(ents, "الدولة الآسيوية")
    assert prk.kb_id == "country:PRK"
    assert {m.text for m in prk.mentions if m.kind == "metonym"} >= {"بيونج يانج", "بيونغ يانغ"}
    usa = entity_of(ents, "البيت الأبيض")
    assert usa.kb_id == "country:USA" and {"أمريكا", "واشنطن", "أميركية"} <= {m.text for m in usa.mentions}
    assert entity_of(ents, "أندريه رودنكو").roles == ["نائب وزير الخارجية — روسيا"]
    assert "المتحدث باسم الكرملين — روسيا" in entity_of(ents, "ديمتري بيسكوف").roles
    minister = entity_of(ents, "كانج سون نام")
    assert sum(m.kind == "title" for m in minister.mentions) == 2


def test_bare_kingdom_goes_to_the_kingdom_the_article_names():
    ents = resolve("زار وزير خارجية البحرين القاهرة، وأكد أن المملكة تدعم مصر.")
    assert entity_of(ents, "المملكة").kb_id == "country:BHR"
    ents = resolve("استقبل خادم الحرمين الشريفين الوفد، وأكد الوفد أن المملكة شريك أساسي.")
    assert entity_of(ents, "المملكة").kb_id == "country:SAU"
    assert not any(m.text == "المملكة" for e in resolve("أكد الوزير أن المملكة شريك.") for m in e.mentions)


def test_a_tagger_span_inside_a_nickname_stays_the_persons():
    text = "لقاء سيد الإليزيه مع الوفد، وقال الرئيس الفرنسي بيار مارتان إن فرنسا مستعدة."
    i = text.index("الإليزيه")
    ents = resolve(text, [Mention("الإليزيه", i, i + len("الإليزيه"), type="LOC")])
    france = entity_of(ents, "فرنسا")
    assert "الإليزيه" not in [m.text for m in france.mentions]
    assert "سيد الإليزيه" in [m.text for m in entity_of(ents, "بيار مارتان").mentions]


def test_a_name_shared_by_a_country_and_another_countrys_capital():
    """عمان is Oman and Amman: the article's other places decide, and so does a written shadda."""
    jordan = resolve("استقبل العاهل الأردني في عمان وفدا من رجال الأعمال، وأكد دعم الأردن للاستثمار.")
    oman = resolve("وصل الوزير العماني إلى مسقط، وقالت سلطنة عمان إن الزيارة ناجحة.")
    shadda = resolve("افتتح معرض الكتاب في عمّان أمس.")
    assert any(e.kb_id == "city:JOR-capital" for e in jordan) and not any(e.kb_id == "country:OMN" for e in jordan)
    assert any(e.kb_id == "country:OMN" for e in oman) and not any(e.kb_id == "city:JOR-capital" for e in oman)
    assert any(e.kb_id == "city:JOR-capital" for e in shadda)
