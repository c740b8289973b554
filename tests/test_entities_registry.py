"""The corpus entity registry (SQLite), its CLI, and the knowledge-base build."""
import importlib.util
import json

import pytest

from marsad.article import Entity, Mention
from marsad.errors import InputError
from marsad.text.normalize import fold
from marsad.entities.registry import Registry
from marsad.entities.resolve import resolve

from .conftest import ROOT, run_cli, shared_path

DOC_A = "قال وزير المالية البرازيلي، رودريغو ألميدا، إن اقتصاد البرازيل ينمو. وأضاف ألميدا أن برازيليا متفائلة."
DOC_B = "التقى رودريجو ألميدا وزير المالية البرازيلي نظيره في الأرجنتين."
DOC_C = "أعلن روبرتو ألميدا مدرب فريق الكرة أن فريقه جاهز."


def ids_by_name(reg, doc, text):
    ents = resolve(text)
    ids = reg.register(doc, ents)
    return {e.name: ids[e.id] for e in ents}


def test_same_person_two_spellings_is_one_entity(tmp_path):
    with Registry(tmp_path / "r.db") as reg:
        a = ids_by_name(reg, "a", DOC_A)
        b = ids_by_name(reg, "b", DOC_B)
        assert a["رودريغو ألميدا"] == b["رودريجو ألميدا"]
        assert a["البرازيل"] == b["البرازيل"] == "country:BRA"
        info = reg.explain(a["رودريغو ألميدا"])
        assert {x["alias"] for x in info["aliases"]} >= {"رودريغو ألميدا", "رودريجو ألميدا"}
        assert info["documents"] == ["a", "b"]


def test_a_shared_surname_is_not_enough(tmp_path):
    with Registry(tmp_path / "r.db") as reg:
        a = ids_by_name(reg, "a", DOC_A)
        c = ids_by_name(reg, "c", DOC_C)
        assert c["روبرتو ألميدا"] != a["رودريغو ألميدا"]


def test_ids_are_stable_across_registries(tmp_path):
    with Registry(tmp_path / "one.db") as r1, Registry(tmp_path / "two.db") as r2:
        assert ids_by_name(r1, "a", DOC_A) == ids_by_name(r2, "a", DOC_A)


def test_merge_unmerge_and_explain(tmp_path):
    with Registry(tmp_path / "r.db") as reg:
        a = ids_by_name(reg, "a", DOC_A)["رودريغو ألميدا"]
        c = ids_by_name(reg, "c", DOC_C)["روبرتو ألميدا"]
        mid = reg.merge(a, c, note="test")
        assert reg.live(c) == a
        info = reg.explain(c)
        assert info["live"] == a and set(info["members"]) == {a, c}
        assert info["documents"] == ["a", "c"]
        assert [m["id"] for m in info["merges"]] == [mid]
        assert c not in {r["id"] for r in reg.list()}
        # the survivor's document count includes what was merged into it
        assert next(r["documents"] for r in reg.list() if r["id"] == a) == 2
        # A new article naming the merged spelling now lands on the survivor.
        assert ids_by_name(reg, "d", DOC_C)["روبرتو ألميدا"] == a
        reg.unmerge(mid)
        assert reg.live(c) == c
        assert reg.explain(a)["merges"][0]["undone_at"]
        with pytest.raises(InputError):
            reg.unmerge(mid)
        with pytest.raises(InputError):
            reg.merge(a, a)
        with pytest.raises(InputError):
            reg.explain("x:nothing")


def _person(reg, doc: str, name: str) -> str:
    """Register one invented person named ``name`` in ``doc``; returns the corpus id given."""
    return reg.register(doc, [Entity(id="e1", type="PER", name=name, mentions=[Mention(name, 0, len(name))])])["e1"]


@pytest.mark.parametrize("undo_first", ["A into B", "B into C"])
def test_chained_merges_undo_in_any_order(tmp_path, undo_first):
    """Merge A into B, then B into C; an article registered meanwhile for A's name belongs to A.
    Unmerging one merge moves exactly the entity it absorbed, with whatever was merged into it."""
    names = {"A": "سالم نجيب", "B": "فهد ضرغام", "C": "وليد مصباح"}
    with Registry(tmp_path / "r.db") as reg:
        ids = {k: _person(reg, f"doc{k}", n) for k, n in names.items()}
        m_ab = reg.merge(ids["B"], ids["A"])
        m_bc = reg.merge(ids["C"], ids["B"])
        assert _person(reg, "later", names["A"]) == ids["C"]  # lands on the survivor while merged

        def state():
            return {k: next(x for x, i in ids.items() if i == reg.live(v)) for k, v in ids.items()}

        def docs(k):
            return reg.explain(ids[k])["documents"]

        if undo_first == "A into B":
            reg.unmerge(m_ab)
            assert state() == {"A": "A", "B": "C", "C": "C"}
            assert docs("A") == ["docA", "later"] and docs("C") == ["docB", "docC"]
        else:
            reg.unmerge(m_bc)
            assert state() == {"A": "B", "B": "B", "C": "C"}  # A stays with B
            assert docs("B") == ["docA", "docB", "later"] and docs("C") == ["docC"]
        reg.unmerge(m_bc if undo_first == "A into B" else m_ab)
        assert state() == {"A": "A", "B": "B", "C": "C"}
        assert docs("A") == ["docA", "later"] and docs("B") == ["docB"] and docs("C") == ["docC"]
        assert {a["alias"] for a in reg.explain(ids["C"])["aliases"]} == {names["C"]}
        assert _person(reg, "after", names["A"]) == ids["A"]


def test_registry_refuses_a_server_url():
    with pytest.raises(InputError):
        Registry("postgresql://localhost/marsad")


def test_cli_add_list_show_merge_unmerge(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("خبر عن البرازيل\n\n" + DOC_A + "\n\n" + DOC_B, encoding="utf-8")
    db = str(tmp_path / "cli.db")
    r = run_cli("entities", "add", str(page), "--db", db, "--no-ner")
    assert r.returncode == 0, r.stderr.decode()
    r = run_cli("entities", "list", "--db", db, "--json")
    rows = json.loads(r.stdout)
    assert "country:BRA" in {x["id"] for x in rows}
    person = next(x["id"] for x in rows if x["type"] == "PER")
    r = run_cli("entities", "show", person, "--db", db)
    assert r.returncode == 0 and "ألميدا" in r.stdout.decode()
    r = run_cli("entities", "merge", "country:BRA", person, "--db", db, "--json")
    mid = json.loads(r.stdout)["merge_id"]
    assert run_cli("entities", "unmerge", str(mid), "--db", db).returncode == 0
    r = run_cli("entities", "show", "nope", "--db", db)
    assert r.returncode == 1 and b"Traceback" not in r.stderr


def _build_module():
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "scripts" / "build_kb.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_nisba_rules():
    b = _build_module()
    assert b.derive_demonym("روسيا") == "روسي"
    assert b.derive_demonym("فرنسا") == "فرنسي"
    assert b.derive_demonym("السعودية") == "سعودي"
    assert b.derive_demonym("مصر") == "مصري"
    assert b.derive_demonym("كوريا الجنوبية") == "كوري جنوبي"
    assert "الكورية الجنوبية" in b.demonym_forms("كوري جنوبي")


def test_kb_build_from_shared_data():
    shared = shared_path("data", "lexicons", "countries_mledoze", "countries.json").parents[3]
    kb = _build_module().build(str(shared))
    prk = kb["entities"]["country:PRK"]
    assert prk["name_en"] == "North Korea" and prk["continent"] == "آسيا"
    assert "الكوري الشمالي" in prk["demonyms"]
    assert kb["entities"]["city:RUS-capital"]["capital_of"] == "RUS"
    assert kb["entities"]["seat:kremlin"]["seat_of"] == "RUS"
    assert fold("فلاديمير") in kb["name_tokens"]
    assert fold("مرضى") not in kb["name_tokens"]  # a noun that news writes with the article


def test_a_compound_given_name_is_not_a_full_name(tmp_path):
    with Registry(tmp_path / "r.db") as reg:
        a = ids_by_name(reg, "a", "قال المتحدث باسم الوزارة عبد الله الراشد إن الخطة جاهزة. وأضاف عبد الله أنها تبدأ غدا.")
        b = ids_by_name(reg, "b", "قال مدير الإدارة عبد الله المنصوري إن العمل مستمر. وأكد عبد الله أن الموعد ثابت.")
        assert a["عبد الله الراشد"] != b["عبد الله المنصوري"]
        # and the lone «الله» of «عبد الله» is never a mention of either man
        assert "الله" not in {x["alias"] for x in reg.explain(a["عبد الله الراشد"])["aliases"]}
