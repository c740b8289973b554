"""Organisation names by their head noun: «وزارة المالية»، «بنك التنمية الصيني»، «شركة X».

An indefinite head (وزارة، جامعة، بنك، حزب ...) in construct with one to five words that carry the
article, a conjunction + article (التصدير والاستيراد), or are names (شركة X، جامعة برمنجهام)
is read as an organisation's name.  An acronym in brackets right after it «(EXIM)» is an alias,
and so are its later bare uses.  This is a fallback for pages the tagger misses; knowledge-base
organisations are matched by the gazetteer first.
"""
from __future__ import annotations

import re

from ..text.normalize import fold
from .gazetteer import Match, Word, proclitic_splits
from .kb import KB

HEADS = {fold(w) for w in (
    "وزارة", "جامعة", "هيئة", "شركة", "بنك", "حزب", "صحيفة", "وكالة", "مؤسسة", "منظمة", "مركز", "مستشفى",
    "حركة", "جمعية", "مصرف", "صندوق", "اتحاد", "نادي", "معهد", "كلية", "محكمة", "مجموعة", "جبهة", "تنظيم",
    "مجلس", "مطار", "ميناء", "قصر", "سد", "قناة", "أمانة")} - {fold("تنظيم")}
# Heads that name places rather than bodies.
PLACES = {fold(w) for w in ("مطار", "ميناء", "قصر", "سد", "قناة")}
_STOP = {fold(w) for w in ("الذي", "التي", "الذين", "اليوم", "الآن", "العام", "الماضي", "الحالي", "الأسبوع", "أمس",
                           "الحاكم", "المعارض", "الجديد", "السابق", "الأسبق", "الحالية", "الجديدة")}
ACRONYM_RE = re.compile(r"\s*[(«]\s*([A-Z][A-Za-z]{1,9})\s*[)»]")


def find(text: str, words: list[Word], joins: list[bool], matches: dict[int, Match], kb: KB,
         is_name_like) -> list[tuple[int, int, str, list[tuple[int, int]]]]:
    """(start, end, type, acronym spans) for each organisation or facility name."""
    out = []
    i = 0
    while i < len(words):
        hit = None
        for prefix, bare in proclitic_splits(words[i].text):
            if bare in HEADS:
                hit = (prefix, bare)
                break
        if not hit or i in matches or not joins[i] or i + 1 >= len(words):
            i += 1
            continue
        k = i + 1
        while k < len(words) and k - i <= 5:
            w = words[k].text
            m = matches.get(k)
            if m and m.prefix:
                break  # قصر السلام «بجدة»: a place after a preposition is not in the name
            if m:
                k += m.n_words  # جامعة برمنجهام، بنك التنمية الصيني
            elif w.startswith("وال") and hit[1] in PLACES:
                break  # مطار عدن «والميناء»: a second place, not part of the name
            elif (w.startswith("ال") or w.startswith("وال")) and len(w) > 3 and w not in _STOP:
                k += 1
            elif k == i + 1 and is_name_like(w):
                k += 1
            else:
                break
            if not joins[k - 1]:
                break
        if k == i + 1:
            i += 1
            continue
        start, end = words[i].at(len(hit[0])), words[k - 1].end
        acronyms = []
        am = ACRONYM_RE.match(text, end)
        if am:
            acronyms.append((am.start(1), am.end(1)))
        out.append((start, end, "LOC" if hit[1] in PLACES else "ORG", acronyms))
        i = k
    return out
