"""`marsad eval ner` / `marsad train ner` on small files written here, and their error paths."""
import json

import pytest

from marsad.cli import main
from marsad.errors import InputError
from marsad.ner import conll
from marsad.ner.tagger import DATA_DIR, MODEL_NAME

GOLD = """زار O
وزير O
الخارجية O
سامر B-PERS
الحلبي I-PERS
مدينة O
القاهرة B-LOC
. O
وقالت O
شركة B-ORG
النور I-ORG
للطاقة I-ORG
إن O
أرباحها O
ارتفعت O

وصل O
الفريق O
إلى O
عمان B-LOC
"""

needs_model = pytest.mark.skipif(not (DATA_DIR / MODEL_NAME).exists(), reason="no shipped NER model")


def test_parse_sentences_end_on_dot_and_blank_line():
    sents = conll.parse(GOLD.splitlines(True))
    assert [len(w) for w, _ in sents] == [8, 7, 4]
    assert sents[0][1][3:5] == ["B-PERS", "I-PERS"]


def test_parse_rejects_unknown_tag():
    with pytest.raises(InputError, match="x.txt:2"):
        conll.parse(["سامر B-PERS\n", "سامر B-PER\n"], "x.txt")


def test_split_dev_takes_the_last_tenth():
    sents = [([str(i)], ["O"]) for i in range(20)]
    train, dev = conll.split_dev(sents)
    assert [w[0] for w, _ in dev] == ["18", "19"] and len(train) == 18


def test_eval_missing_file_is_one_line_exit_1(tmp_path, capsys):
    assert main(["eval", "ner", str(tmp_path / "nope.txt"), "--json"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope.txt" in err


def test_eval_malformed_file_is_one_line_exit_1(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text("كلمة B-PERSON\n", encoding="utf-8")
    assert main(["eval", "ner", str(bad)]) == 1
    assert capsys.readouterr().err.count("\n") == 1


@needs_model
def test_eval_json_contract(tmp_path, capsys):
    f = tmp_path / "gold.txt"
    f.write_text(GOLD, encoding="utf-8")
    assert main(["eval", "ner", str(f), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    for key in ("f1", "precision", "recall", "per_type", "tokens_per_second"):
        assert key in out
    assert 0.0 <= out["f1"] <= 1.0
    for s in out["per_type"].values():
        assert set(s) == {"precision", "recall", "f1", "support"}
    assert out["per_type"]["LOC"]["support"] == 2


def test_train_and_eval_are_groups(capsys):
    with pytest.raises(SystemExit) as e:
        main(["train"])
    assert e.value.code == 2
    with pytest.raises(SystemExit):
        main(["eval", "ner", "--help"])
    assert "--model" in capsys.readouterr().out


def test_train_on_a_tiny_file_writes_a_model_that_eval_reads(tmp_path, capsys):
    f = tmp_path / "gold.txt"
    f.write_text(GOLD * 3, encoding="utf-8")
    out = tmp_path / "model"
    assert main(["train", "ner", "--data", str(f), "--out", str(out)]) == 0
    assert (out / MODEL_NAME).exists() and (out / "model.json").exists()
    capsys.readouterr()
    assert main(["eval", "ner", str(f), "--json", "--model", str(out / MODEL_NAME)]) == 0
    assert json.loads(capsys.readouterr().out)["per_type"]["PERS"]["support"] == 3


def test_command_groups_are_shared_with_other_parts():
    import argparse

    from marsad.ner.cli import group, register

    parser = argparse.ArgumentParser(prog="marsad")
    sub = parser.add_subparsers(dest="command", required=True)
    register(sub)
    other = group(sub, "train").add_parser("spell")  # another part's `marsad train spell`
    other.set_defaults(func="spell")
    assert group(sub, "train") is group(sub, "train")
    assert parser.parse_args(["train", "spell"]).func == "spell"
    assert parser.parse_args(["train", "ner"]).func.__name__ == "cmd_train"


def test_a_bare_full_stop_line_ends_a_sentence():
    from marsad.ner.conll import parse

    sents = parse(["زار B-PERS", "عمان B-LOC", ".", "", "وصل O", ". O"])
    assert [toks for toks, _ in sents] == [["زار", "عمان"], ["وصل", "."]]
