"""Spreading an article's names to their untagged mentions."""
from marsad.ner.consistency import names, propagate


def test_name_spreads_to_untagged_mentions_and_proclitic_forms():
    sents = [["التقى", "سامر", "الحلبي", "بالوفد"], ["وقال", "الحلبي", "إن"], ["ورحب", "والحلبي"]]
    tags = [["O", "B-PERS", "I-PERS", "O"], ["O", "O", "O"], ["O", "O"]]
    out = propagate(sents, tags)
    assert out[0] == tags[0]
    assert out[1] == ["O", "B-PERS", "O"]  # the person's last name alone
    assert out[2] == ["O", "B-PERS"]  # behind the conjunction


def test_majority_type_wins_and_tagged_tokens_are_kept():
    sents = [["زار", "طنطا"], ["في", "طنطا"], ["نادي", "طنطا"], ["طنطا", "جميلة"]]
    tags = [["O", "B-LOC"], ["O", "B-LOC"], ["B-ORG", "I-ORG"], ["O", "O"]]
    out = propagate(sents, tags)
    assert out[2] == ["B-ORG", "I-ORG"]
    assert out[3] == ["B-LOC", "O"]
    assert names(sents, tags)[("طنطا",)] == "LOC"


def test_short_names_do_not_spread():
    sents = [["قال", "بن"], ["بن", "قال"]]
    tags = [["O", "B-PERS"], ["O", "O"]]
    assert propagate(sents, tags)[1] == ["O", "O"]
