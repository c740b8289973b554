"""Spelling flags (hunspell-ar through pyenchant, wordfreq as a prior), and the graceful skip
when they are missing.  Fixtures are invented sentences."""
from __future__ import annotations

import subprocess
import sys

import pytest

from marsad.article import Article, Entity, Mention
from marsad.editor import spelling
from marsad.text.stage import run as text_run

needs_dictionary = pytest.mark.skipif(
    not spelling.available(),
    reason="hunspell-ar/libenchant (apt-get install hunspell-ar libenchant-2-2) or pyenchant/wordfreq "
           "(pip install 'marsad[spell]') not installed")


def article(*paragraphs: str) -> Article:
    art = Article()
    art.set_blocks([("paragraph", p) for p in paragraphs])
    text_run(art)
    return art


@needs_dictionary
def test_doubled_letter_in_a_common_word_is_caught_with_the_fix():
    art = article("قالت منظمة الإغاثة إن المساعدات الإنسانيية وصلت إلى المدينة الساحلية صباح الأحد.")
    out = spelling.check(art)
    assert [(f.kind, f.text, f.suggestion) for f in out] == [("spelling", "الإنسانيية", "الإنسانية")]
    assert art.text[out[0].start:out[0].end] == "الإنسانيية"


@needs_dictionary
def test_swapped_letters_are_caught():
    art = article("وأعلنت الوزارة أن المشروع سيوفر فرص عمل للشباب في المحافظات الجنوبية خلال العام المقبل، "
                  "وأن التمويل جاء من الحكموة المركزية.")
    assert [(f.text, f.suggestion) for f in spelling.check(art)] == [("الحكموة", "الحكومة")]


@needs_dictionary
def test_transliterated_names_are_not_flagged():
    art = article("وقال المتحدث تشانغ ووكسين إن شركة كوانتوفيكس ستفتتح مصنعا في مدينة زيلينوغراد "
                  "بحضور المهندس ماتياس بريلوفسكي.")
    assert spelling.check(art) == []


@needs_dictionary
def test_words_inside_entity_mentions_are_exempt():
    art = article("وصل الوفد برئاسة الإنسانيية إلى المطار.")
    at = art.text.index("الإنسانيية")
    art.entities.append(Entity(id="e1", type="PER", name="الإنسانيية",
                               mentions=[Mention("الإنسانيية", at, at + len("الإنسانيية"))]))
    assert spelling.check(art) == []


@needs_dictionary
def test_hamza_and_alef_maksura_conventions_are_not_typos():
    art = article("وقال الرئيس إن الاصلاح الاقتصادى مستمر فى كل المحافظات، وان الحكومة ستعلن خطتها قريبا.")
    assert spelling.check(art) == []


def test_check_is_skipped_without_enchant():
    """With pyenchant unimportable the stage still runs, raising no spelling flags."""
    code = (
        "import sys; sys.modules['enchant'] = None\n"
        "import marsad\n"
        "from marsad.editor import spelling\n"
        "art = marsad.analyze('عنوان الخبر\\n\\nقالت المنظمة إن المساعدات الإنسانيية وصلت إلى المدينة اليوم.',\n"
        "                     stages=['text', 'editor'])\n"
        "assert not spelling.available()\n"
        "assert not [f for f in art.flags if f.kind == 'spelling']\n"
        "assert art.summary\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
