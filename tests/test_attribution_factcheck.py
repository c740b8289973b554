"""Fact-check matching, the claim-stance model and the `marsad factcheck` command."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.article import Article
from marsad.attribution import factcheck, stage
from marsad.article import Claim
from marsad.attribution.stance import LABELS, pair_features, stance
from marsad.cli import main
from marsad.errors import InputError

VERDICTS = {"false", "misleading", "partly", "true", "altered", "satire", "unverified"}


def test_match_finds_a_reworded_claim_first():
    hits = factcheck.match("الكهرباء انقطعت في أوروبا بأكملها يوم الاثنين", k=3, method="tfidf")
    assert len(hits) == 3
    assert "أوروبا" in hits[0]["claim"] and "الكهربائي" in hits[0]["claim"]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    for h in hits:
        assert set(h) >= {"claim", "verdict", "source", "url", "score", "stance"}
        assert h["verdict"] in VERDICTS and h["url"].startswith("http") and h["stance"] in LABELS


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


def test_article_claims_carry_factchecks_key():
    art = Article()
    art.set_blocks([("paragraph", "وقال الناشط إن التيار الكهربائي انقطع عن جميع أنحاء أوروبا اليوم الإثنين.")])
    stage.run(art)
    (claim,) = art.to_dict()["claims"]
    assert claim["factchecks"] and claim["factchecks"][0]["verdict"] in VERDICTS


def test_cli_json(capsys):
    assert main(["factcheck", "انقطاع الكهرباء في كل لبنان والكويت", "--json", "-k", "2", "--method", "tfidf"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 2 and "لبنان" in hits[0]["claim"]


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
    texts = {" ".join(r["text"].split()) for r in json.loads(src.read_text("utf-8"))}
    assert all(it["claim"] in texts for it in items)
