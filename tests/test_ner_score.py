"""The conlleval-style scorer against cases counted by hand."""
import pytest

from marsad.ner.score import entities, score


def test_entities_bio_and_stray_inside_tags():
    tags = ["B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG", "B-MISC"]
    assert entities(tags) == [(0, 2, "PERS"), (3, 5, "LOC"), (5, 6, "LOC"), (6, 7, "ORG"), (7, 8, "MISC")]


def test_entities_type_change_inside_span_splits_it():
    assert entities(["B-ORG", "I-ORG", "I-LOC"]) == [(0, 2, "ORG"), (2, 3, "LOC")]
    assert entities(["O", "O"]) == []
    assert entities(["B-LOC"]) == [(0, 1, "LOC")]


def test_score_hand_counted():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "I-ORG", "O", "B-LOC"]]
    pred = [["B-PERS", "I-PERS", "O", "B-ORG"], ["B-ORG", "O", "O", "B-LOC"]]
    # gold: PERS(0-2), LOC(3), ORG(0-2), LOC(3) = 4; pred: PERS(0-2), ORG(3), ORG(0-1), LOC(3) = 4
    # exact matches: PERS, LOC (sentence 2) -> tp 2; P = R = F1 = 0.5
    s = score(gold, pred)
    assert (s["precision"], s["recall"], s["f1"]) == (0.5, 0.5, 0.5)
    assert s["per_type"]["PERS"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert s["per_type"]["LOC"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert s["per_type"]["ORG"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}


def test_score_precision_and_recall_differ():
    gold = [["B-LOC", "O", "B-PERS", "I-PERS", "O", "B-ORG"]]
    pred = [["B-LOC", "O", "B-PERS", "I-PERS", "O", "O"]]
    s = score(gold, pred)
    assert s["precision"] == 1.0
    assert s["recall"] == round(2 / 3, 4)
    assert s["f1"] == 0.8


def test_score_no_entities_is_zero_not_error():
    s = score([["O", "O"]], [["O", "O"]])
    assert s["f1"] == 0.0 and s["per_type"] == {}


def test_score_rejects_misaligned_input():
    with pytest.raises(ValueError):
        score([["O", "O"]], [["O"]])
