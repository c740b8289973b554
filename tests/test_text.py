from marsad.text.normalize import arabic_ratio, ascii_digits, fold, fold_with_map, light
from marsad.text.sentences import split
from marsad.text.tokenize import tokenize


def test_fold_erases_spelling_choices():
    assert fold("أمريكا") == fold("امريكا") == fold("آمريكا")
    assert fold("مستشفى") == fold("مستشفي")
    assert fold("مدرسة") == fold("مدرسه")
    assert fold("مَدْرَسَةٌ") == fold("مدرسة")
    assert fold("سـلام") == "سلام"
    assert fold("مسؤول") == fold("مسوول")
    assert fold("٢٠٢٤") == "2024" == fold("۲۰۲۴")
    assert fold("\ufefb") == "لا"  # presentation-form lam-alef
    assert fold("\u200fنص\u202c") == "نص"  # bidi controls
    assert fold("کتاب") == fold("كتاب")  # Persian kaf


def test_light_keeps_text_readable():
    s = "  مدرسةٌ   جديدة\u200f  "
    out = light(s)
    assert out == "مدرسةٌ جديدة"  # diacritics and teh marbuta kept
    assert light("سـلام") == "سلام"
    assert light("a\r\nb") == "a\nb"


def test_fold_with_map_points_back():
    text = "قالَ الوزيرُ"
    folded, idx = fold_with_map(text)
    assert folded == "قال الوزير"
    i = folded.index("الوزير")
    assert text[idx[i]:idx[i + len("الوزير") - 1] + 1].startswith("الوزير")


def test_digits_and_ratio():
    assert ascii_digits("عام ١٩٩٠") == "عام 1990"
    assert arabic_ratio("hello world") == 0.0
    assert arabic_ratio("مرحبا") == 1.0


def test_tokens_keep_offsets():
    text = "وقال المتحدث: إن 3.5 مليون، شاركوا."
    toks = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert [t.text for t in toks if t.kind == "number"] == ["3.5"]
    assert toks[-1].text == "." and toks[-1].kind == "punct"


def test_clitic_split_is_offset_preserving_and_conservative():
    text = "وبالمدينة كتابهم ولد"
    toks = tokenize(text, clitics=True)
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert [t.text for t in toks] == ["و", "ب", "ال", "مدينة", "كتاب", "هم", "ولد"]
    # teh marbuta is not the pronoun ه, and words in اه keep their ه
    assert [t.text for t in tokenize("مواجهة اتجاه", clitics=True)] == ["مواجهة", "اتجاه"]


def test_sentences_handle_quotes_numbers_and_abbreviations():
    text = 'قال الوزير: "سنبدأ غدا. ولن نتراجع". وأضاف أن النمو بلغ 3.5 في المئة! هل ينجح؟ التقى د. أحمد بالوفد'
    sents = [s.text for s in split(text)]
    assert sents == ['قال الوزير: "سنبدأ غدا.', 'ولن نتراجع".', "وأضاف أن النمو بلغ 3.5 في المئة!",
                     "هل ينجح؟", "التقى د. أحمد بالوفد"]
    for s in split(text):
        assert text[s.start:s.end] == s.text



def test_sentences_end_at_a_mark_glued_to_the_next_word():
    text = "وصل الوفد إلى المدينة.وبدأ الاجتماع فورا ثم انتهى .وغادر الجميع؟لا أحد يعرف. زار د.سامي موقع example.org وقرأ 2.5 صفحة"
    assert [s.text for s in split(text)] == [
        "وصل الوفد إلى المدينة.", "وبدأ الاجتماع فورا ثم انتهى .", "وغادر الجميع؟", "لا أحد يعرف.",
        "زار د.سامي موقع example.org وقرأ 2.5 صفحة"]

def test_sentences_every_quote_style_and_lines():
    text = "قال «نحن هنا.» ثم غادر\nسطر ثان بلا نقطة\nقالت “انتهى الأمر.” وصمتت"
    sents = [s.text for s in split(text)]
    assert sents == ["قال «نحن هنا.»", "ثم غادر", "سطر ثان بلا نقطة", "قالت “انتهى الأمر.”", "وصمتت"]
