"""Search keys, query parsing and snippets (marsad.corpus.search), without a database."""
import sqlite3

import pytest

from marsad.corpus.search import index_text, key, locate, parse, snippet
from marsad.errors import InputError


@pytest.mark.parametrize("a, b", [
    ("الأمم", "الامم"), ("إعلان", "اعلان"), ("آثار", "اثار"),      # hamza seats
    ("مستشفى", "مستشفي"), ("المتحدة", "المتحده"),                   # alef maksura, teh marbuta
    ("الأُمَمُ", "الامم"), ("الـــمدينة", "المدينه"),                  # diacritics, tatweel
    ("والأمم", "الأمم"), ("بالأمم", "الامم"), ("للأمم", "الأمم"),       # proclitics and the article
    ("للجنة", "لجنة"), ("Beirut", "BEIRUT"), ("٢٠٢٤", "2024"),
])
def test_spelling_variants_share_a_key(a, b):
    assert key(a) == key(b)


@pytest.mark.parametrize("a, b", [("ولد", "لد"), ("لبنان", "بنان"), ("وصل", "فصل")])
def test_short_stems_keep_their_first_letter(a, b):
    assert key(a) != key(b)


def test_index_text_is_one_key_per_word_in_order():
    assert index_text("قالت الأُمَم المتّحدة، للأمم!") == "قالت امم متحده امم"


def test_quoted_phrases_and_words():
    q = parse('الأمم "تحلية مياه البحر" المتحدة')
    assert q.phrases == (("تحليه", "مياه", "بحر"), ("امم",), ("متحده",))
    assert q.fts5() == '"تحليه مياه بحر" "امم" "متحده"'


NASTY = ['"', '""', 'AND', 'OR NOT', '*', 'NEAR(a b)', 'a:b', '^x', '(((', '-x', "'", 'col:"x', '\\', '؟!',
         '"الأمم', 'الأمم AND (', '{a b}', '+', 'NOT']


@pytest.mark.parametrize("text", NASTY)
def test_user_syntax_never_reaches_fts5_as_syntax(text):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    db.execute("INSERT INTO t VALUES (?)", (index_text("قالت الأمم المتحدة and not near"),))
    try:
        q = parse(text)
    except InputError:
        return  # no word at all: said in one line, never sent
    db.execute("SELECT rowid FROM t WHERE t MATCH ?", (q.fts5(),)).fetchall()  # must not raise


@pytest.mark.parametrize("text", ["", "   ", "؟!", '"', "...", "*"])
def test_query_without_words_is_an_input_error(text):
    with pytest.raises(InputError):
        parse(text)


def test_snippet_and_highlights_point_into_the_original_text():
    text = ("مقدمة طويلة لا علاقة لها بالموضوع. " * 6
            + "وقالت الأُمَم المتّحدة في بيانها إن تحلية مياه البحر ضرورة. " + "خاتمة قصيرة. " * 10)
    snip, start, end, marks = snippet(text, parse("الامم المتحده"))
    assert text[start:end] == snip
    assert 0 < start and end < len(text)
    assert [text[s:e] for s, e in marks] == ["الأُمَم", "المتّحدة"]


def test_phrase_is_located_only_in_order():
    text = "مياه البحر وتحلية المياه، ثم تحلية مياه البحر."
    spans = locate(text, parse('"تحلية مياه البحر"'))
    assert [text[s:e] for s, e in spans] == ["تحلية مياه البحر"]
    assert locate(text, parse('"البحر مياه تحلية"')) == []


@pytest.mark.parametrize("text, word", [
    ("كلمة " * 8 + "http://news.example/" + "a/" * 40 + " قصير المؤتمر " + "كلام " * 60, "المؤتمر"),  # a long word
    ("ب" * 100 + " المؤتمر " + "ج" * 300, "المؤتمر"),                                          # no space near
    ("نص\n" * 40 + "المؤتمر" + "\nكلامه" * 80, "المؤتمر"),                                     # lines, no spaces
])
def test_snippet_never_cuts_a_word(text, word):
    snip, start, end, marks = snippet(text, parse(word))
    assert text[start:end] == snip and word in snip
    assert start == 0 or text[start - 1].isspace()
    assert end == len(text) or text[end].isspace()
    assert [text[s:e] for s, e in marks] == [word]


def test_snippet_keeps_a_phrase_longer_than_the_window():
    phrase = " ".join(["كلمة"] * 60)
    text = "بداية النص " + phrase + " نهاية"
    snip, start, end, marks = snippet(text, parse(f'"{phrase}"'))
    assert phrase in snip and [text[s:e] for s, e in marks] == [phrase]


def test_digits_written_against_letters_are_words_of_their_own():
    # "2015م", "1436هـ", "و١٩" as the tokenizer splits them: a search for the number finds them
    assert index_text("عام 2015م الموافق 1436هـ و١٩ شخصا") == "عام 2015 م موافق 1436 ه و 19 شخصا"
    text = "وصل عدد الزوار عام 2015م إلى رقم قياسي"
    assert [text[s:e] for s, e in locate(text, parse("٢٠١٥"))] == ["2015"]
