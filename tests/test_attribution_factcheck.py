"""Fact-check matching, the claim-stance model and the `marsad factcheck` command."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.article import Article
from marsad.attribution import factcheck, stage
from marsad.article import Claim
from marsad.attribution.stance import pair_features, stance
from marsad.cli import main
from marsad.errors import InputError

VERDICTS = {"false", "misleading", "partly", "true", "altered", "satire", "unverified"}


def test_match_finds_a_reworded_claim_first():
    hits = factcheck.match("الكهرباء انقطعت في أوروبا بأكملها يوم الاثنين", k=3, method="tfidf")
    assert len(hits) == 3
    assert "أوروبا" in hits[0]["title"] and "الكهرباء" in hits[0]["title"]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    for h in hits:
        assert set(h) >= {"title", "verdict", "source", "url", "score", "date"}
        assert h["verdict"] in VERDICTS and h["url"].startswith("http")


def test_index_ships_no_claim_text():
    """The checked claims belong to the fact-checkers: only hashed n-grams and review metadata ship."""
    items = factcheck._index()["items"]
    assert items and all(set(it) <= {"grams", "verdict", "rating", "source", "url", "date", "title"} for it in items)
    assert factcheck.hashed_grams("انقطاع الكهرباء") == factcheck.hashed_grams("انقطاع الكهرباء")
    # the title is read from the review URL, which ships anyway
    assert all(it.get("title") in (None, factcheck.review_title(it["url"])) for it in items)


@pytest.mark.parametrize("url, title", [
    ("https://fc.example/check/2025/01/%D9%85%D8%AB%D8%A7%D9%84-%D9%88%D8%A7%D8%AD%D8%AF-%D8%AB%D8%A7%D9%84%D8%AB",
     "مثال واحد ثالث"),
    ("https://fc.example/reviews/no-the-river-did-not-run-dry/", "no the river did not run dry"),
    ("https://fc.example/desk/77/Old_photo_of_a_flooded_square", "Old photo of a flooded square"),
    ("https://fc.example/CityCouncil-WaterTariff-2025Budget", "City Council Water Tariff 2025 Budget"),
    ("https://fc.example/news/%D8%B5%D9%88%D8%B1%D8%A9-%D9%82%D8%AF%D9%8A%D9%85%D8%A9-%D9%84%D9%85%D8%B7%D8%B1-%D9%88",
     "صورة قديمة لمطر"),  # a slug cut off mid-phrase loses its dangling letter
    ("https://fc.example/%D8%B5%D9%88%D8%B1%D8%A9-%D9%82%D8%AF%D9%8A%D9%85%D8%A9-%D9%84%D9%85%D8%B7%D8%B1%D8%8C-%D9%88-2/",
     "صورة قديمة لمطر"),  # ... and the «-2» of a duplicate slug
    # section names, ids and file names are not titles
    ("https://fc.example/topics/2341", None),
    ("https://fc.example/checks/118.html", None),
    ("https://fc.example/public/checks/", None),
    ("https://fc.example/998877/", None),
    ("https://fc.example/doc.wire.example.31QZ7K2", None),
    ("https://fc.example/fact-checks/2024/05/a1b2c3d4e5", None),
    ("https://fc.example/", None),
    (None, None),
])
def test_review_title_is_a_headline_or_nothing(url, title):
    assert factcheck.review_title(url) == title


def test_a_review_without_a_title_is_shown_by_site_and_date():
    hit = {"title": None, "source": "fc.example", "url": "https://fc.example/topics/1", "date": "2025-01-02"}
    assert factcheck.display_title(hit) == "fc.example 2025-01-02"
    assert factcheck.display_title({**hit, "title": "no the river did not run dry"}) == "no the river did not run dry"


def test_match_rejects_bad_input():
    with pytest.raises(InputError):
        factcheck.match("   ")
    with pytest.raises(InputError):
        factcheck.match("نص عادي", k=0)


def test_stance_model_reads_contradictions():
    assert stance("ارتفاع أسعار النفط في الأسواق العالمية", "انخفاض أسعار النفط في الأسواق العالمية")[0] == "disagree"
    assert stance("الجيش يسيطر على المدينة بعد معارك عنيفة", "الجيش لم يسيطر على المدينة")[0] == "disagree"
    assert stance("فوز الفريق في المباراة النهائية", "هطول أمطار غزيرة على العاصمة")[0] == "other"
    assert pair_features("أ ب", "ب ج") == pair_features("أ ب", "ب ج")


def test_attach_keeps_only_close_matches():
    near = Claim(id="c1", text="انقطاع التيار الكهربائي عن جميع أنحاء أوروبا اليوم الإثنين")
    far = Claim(id="c2", text="افتتحت البلدية حديقة عامة جديدة للأطفال في الحي")
    factcheck.attach([near, far])
    assert near.factchecks and near.factchecks[0]["score"] >= factcheck.ATTACH_MIN_SCORE
    assert far.factchecks == []


def test_attach_skips_a_claim_quoted_in_another_language():
    foreign = Claim(id="c1", text="The restaurant Blue Harbour Kitchen opens in London next week")
    factcheck.attach([foreign])  # the index is Arabic: no match, and no error for the article
    assert foreign.factchecks == []


def test_article_claims_carry_factchecks_key():
    art = Article()
    art.set_blocks([("paragraph", "وقال الناشط إن التيار الكهربائي انقطع عن جميع أنحاء أوروبا اليوم الإثنين.")])
    stage.run(art)
    (claim,) = art.to_dict()["claims"]
    assert claim["factchecks"] and claim["factchecks"][0]["verdict"] in VERDICTS


def test_cli_json(capsys):
    assert main(["factcheck", "انقطاع الكهرباء في كل لبنان والكويت", "--json", "-k", "2", "--method", "tfidf"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 2 and "lebanese" in hits[0]["title"]


def test_cli_text_and_empty_input(capsys):
    assert main(["factcheck", "انقطاع الكهرباء في كل لبنان والكويت", "-k", "1", "--method", "tfidf"]) == 0
    assert capsys.readouterr().out.startswith("1. [")
    assert main(["factcheck", "  "]) == 1
    assert "marsad:" in capsys.readouterr().err


def test_shipped_index_matches_its_source():
    src = Path(__file__).resolve().parents[2] / "shared" / "data" / "claims" / "factchecks" / "claim_reviews.json"
    if not src.exists():
        pytest.skip("../shared/data/claims/factchecks is not present")
    items = factcheck._index()["items"]
    urls = {rev.get("url") for r in json.loads(src.read_text("utf-8")) for rev in r.get("claimReview") or []}
    assert all(it["url"] in urls for it in items)


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "claims"


def test_related_articles_agree_disagree_and_unrelated():
    import marsad

    arts = {p.stem: marsad.analyze(p.read_bytes(), path=str(p), stages=["text"]) for p in sorted(FIXTURES.glob("*.txt"))}
    found = factcheck.related("الحكومة سترفع أسعار الوقود الشهر المقبل", list(arts.values()))
    by_path = {Path(r["article"]).stem: r for r in found}
    assert set(by_path) == {"fuel-rise", "fuel-denial"}  # the theatre story is unrelated
    assert by_path["fuel-rise"]["stance"] == "agree" and by_path["fuel-denial"]["stance"] == "disagree"
    assert found[0]["article"].endswith("fuel-rise.txt")  # the closest first


def test_cli_against_a_folder(capsys):
    assert main(["factcheck", "الحكومة سترفع أسعار الوقود الشهر المقبل", "--json", "-k", "1",
                 "--method", "tfidf", "--against", str(FIXTURES)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["factchecks"]) == 1
    assert [a["stance"] for a in out["articles"]] == ["agree", "disagree"]


def test_a_near_copy_with_the_same_negations_agrees():
    import marsad

    art = marsad.analyze("افتتاح مستشفى في الشمال\nوزير الصحة يفتتح مستشفى جديدا في مدينة الشمال بحضور عدد من المسؤولين.",
                         path="near.txt", stages=["text"])
    (hit,) = factcheck.related("وزير الصحة افتتح مستشفى جديدا في مدينة الشمال", [art])
    assert hit["stance"] == "agree"
