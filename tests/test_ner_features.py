"""CRF features: groups switch on what they say, gazetteer matches survive a proclitic."""
import pytest

from marsad.ner.features import GROUPS, Featurizer, Resources, word_key


def small_resources():
    return Resources(
        phrases={("الولايات", "المتحده"): frozenset({"COUNTRY"}), ("طنطا",): frozenset({"CITY"})},
        name_tokens=frozenset({"سامر"}),
        clusters={"طنطا": ("3", "17", "401"), "سامر": ("5", "20", "77")},
        rank={"طنطا": 0, "سامر": 1},
    )


def with_vectors(res: Resources) -> Resources:
    np = pytest.importorskip("numpy", reason="the embed/embin groups need numpy (train extra)")
    res.vector_index = {"طنطا": 0, "سامر": 1}
    res.vectors = np.array([[0.9, -0.1, 0.0, 0.4], [-0.8, 0.5, 0.1, -0.3]], dtype=np.float32)
    return res


def test_word_key_folds_spelling_variants():
    assert word_key("الرئيس\u200f") == word_key("الرييس") == "الرييس"
    assert word_key("إسرائيل") == "اسراييل"


def test_base_group_has_no_rich_or_lexicon_features():
    f = Featurizer(["base"], small_resources()).sentence(["سامر", "في", "طنطا"])
    flat = [x for tok in f for x in tok]
    assert "w=سامر" in f[0] and "+1w=في" in f[0] and "-1w=في" in f[2]
    assert not any(x.startswith(("st=", "c64=", "gz", "gname", "tr=", "+2")) for x in flat)


def test_all_groups_add_their_features():
    f = Featurizer([g for g in GROUPS if g not in ("embed", "embin")], small_resources()).sentence(["وقال", "سامر", "إنه", "زار", "بطنطا"])
    assert "gname" in f[1] and "c1k=77" in f[1]
    assert "tr=PERS" in f[0] and "-1tr=PERS" in f[1]
    rich = Featurizer(["base", "rich"], small_resources()).sentence(["والولايات"])[0]
    assert "pre=وال" in rich and "st=ولايات" in rich
    assert "gzCITY=B" in f[4]  # the gazetteer match ignores the attached preposition
    assert "+2w=زار" in f[1] and "-2w=وقال" in f[2]


def test_multiword_gazetteer_match_is_bio():
    f = Featurizer(["base", "gaz"], small_resources()).sentence(["زار", "والولايات", "المتحدة", "أمس"])
    assert "gzCOUNTRY=B" in f[1] and "gzCOUNTRY=I" in f[2]
    assert not any(x.startswith("gz") for x in f[0] + f[3])


def test_unknown_group_is_refused():
    with pytest.raises(ValueError):
        Featurizer(["base", "bert"])


def test_vector_groups_give_binarised_and_real_valued_features():
    words = ["سامر", "في", "طنطا"]
    binary = Featurizer(["base", "embin"], with_vectors(small_resources())).sentence(words)
    assert "e0-" in binary[0] and "e0+" in binary[2] and "e=none" in binary[1]
    dense = Featurizer(["base", "embed"], with_vectors(small_resources())).sentence(words)
    assert dense[0]["w=سامر"] == 1.0 and dense[0]["e1"] == pytest.approx(0.5)
    assert dense[1]["-1e1"] == pytest.approx(0.5) and dense[1]["+1e0"] == pytest.approx(0.9)
    assert "e0" not in dense[1]


def test_vector_groups_without_vectors_are_refused():
    with pytest.raises(ValueError):
        Featurizer(["base", "embed"], Resources())


def test_cluster_window_lends_every_granularity():
    f = Featurizer(["base", "rich", "clusters", "clwin"], small_resources()).sentence(["سامر", "طنطا"])
    assert "+1c64=3" in f[0] and "-1c1k=77" in f[1]
    g = Featurizer(["base", "rich", "clusters"], small_resources()).sentence(["سامر", "طنطا"])
    assert "+1c256=17" in g[0] and "+1c64=3" not in g[0]
