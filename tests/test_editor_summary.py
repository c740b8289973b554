"""The summary's learned scorer: shipped weights, ranking, word budget (invented sentences)."""
from __future__ import annotations

import json

from marsad.editor.summary import COEF, FEATURES, WEIGHTS_PATH, features, select

SENTS = [
    "أعلنت وزارة الصحة افتتاح مستشفى جديد للأطفال في المدينة يضم مئتي سرير.",
    "وقال وزير الصحة إن المستشفى الجديد سيخدم الأطفال في المدينة والقرى المجاورة.",
    "وكان الجو غائما.",
    "ويضم مستشفى الأطفال الجديد أقساما للطوارئ والجراحة والعناية المركزة.",
    "وشهد الملعب البلدي مباراة ودية بين فريقين من الهواة انتهت بالتعادل.",
]


def test_shipped_weights_cover_every_feature():
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert set(data["coef"]) == set(FEATURES) == set(COEF)
    # News puts the essentials first, and central sentences matter: both must pull upwards.
    assert COEF["position"] > 0 and COEF["textrank"] > 0 and COEF["headline"] > 0


def test_scorer_prefers_central_sentences_to_asides():
    rows, _ = features(SENTS)
    score = [sum(COEF[f] * r[f] for f in FEATURES) for r in rows]
    assert score[3] > score[4]  # same distance from the top, on topic vs off topic
    assert select(SENTS, k=2) == [0, 1]


def test_word_budget_stops_once_reached_and_keeps_article_order():
    picked = select(SENTS, k=None, words=15)
    assert picked == sorted(picked)
    sizes = [len(s.split()) for s in SENTS]
    total = sum(sizes[i] for i in picked)
    assert total >= 15
    assert any(total - sizes[i] < 15 for i in picked)  # the budget was met by the last one added
