"""Descriptor anaphora: «الدولة الآسيوية» or «البلدين» pointing back at countries of the article.

A descriptor picks the country mentioned most recently before it whose continent (or group:
Arab, Gulf) fits its adjective; a dual (البلدين، الدولتين) picks the two most recent countries;
a bare «المملكة» the nearest kingdom (by its official name) the article names or whose office
it cites (خادم الحرمين الشريفين → Saudi Arabia).
"""
from __future__ import annotations

from .gazetteer import Word, proclitic_splits

NOUNS = {"الدوله", "البلد", "الجاره", "المملكه", "الجمهوريه"}
DUALS = {"البلدين", "الدولتين", "البلدان", "الدولتان", "الجانبين", "الجانبان"}
# Folded adjective (both genders) → the group it names.
GROUPS = {
    "الاسيويه": "آسيا", "الاسيوي": "آسيا", "الاوروبيه": "أوروبا", "الاوروبي": "أوروبا", "الاوربيه": "أوروبا",
    "الافريقيه": "أفريقيا", "الافريقي": "أفريقيا", "اللاتينيه": "أمريكا", "اللاتيني": "أمريكا",
    "العربيه": "arab", "العربي": "arab", "الخليجيه": "gulf", "الخليجي": "gulf",
}
GULF = {"SAU", "ARE", "KWT", "QAT", "BHR", "OMN"}


def fits(country: dict, group: str) -> bool:
    if group == "kingdom":  # المملكة العربية السعودية، مملكة البحرين، المملكة المتحدة ...
        return any("مملكة" in a or "مملكه" in a for a in country.get("aliases", []))
    if group == "arab":
        return bool(country.get("arab"))
    if group == "gulf":
        return country.get("iso") in GULF
    return country.get("continent") == group


def find(words: list[Word], joins: list[bool]) -> list[tuple[int, int, str | None, bool]]:
    """(start, end, group, dual) for each descriptor; group None for a bare dual."""
    out = []
    for i, w in enumerate(words):
        for prefix, bare in proclitic_splits(w.text):
            start = w.at(len(prefix))
            if bare in DUALS:
                out.append((start, w.end, None, True))
                break
            if bare in NOUNS and joins[i] and i + 1 < len(words) and words[i + 1].text in GROUPS:
                out.append((start, words[i + 1].end, GROUPS[words[i + 1].text], False))
                break
            if bare == "المملكه":  # «المملكة» alone: the kingdom the article is about
                out.append((start, w.end, "kingdom", False))
                break
    return out
