"""Two Arabic normalisers.

``light`` keeps text readable (what the article's ``text`` is made of): presentation forms
unfolded, tatweel, bidi and zero-width controls dropped, whitespace tidied.  ``fold`` is a search
key: it also erases the spelling choices Arabic writers make differently for the same word
(hamza seats, alef maksura, teh marbuta, diacritics, digit scripts), so that أمريكا/امريكا or
٢٠٢٤/2024 compare equal.  ``fold`` keeps length-independent offsets only through ``fold_map``.
"""
from __future__ import annotations

import re
import unicodedata

TATWEEL = "\u0640"
# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks.
DIACRITICS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
# Bidi embeddings/overrides/isolates, marks, zero-width chars, BOM, soft hyphen.
CONTROLS_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]")
PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]+")
SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه",
    "ک": "ك", "ی": "ي", "ي": "ي", "ۀ": "ه", "ە": "ه", "ڪ": "ك",
    "گ": "ك", "ڤ": "ف", "پ": "ب", "چ": "ج",
}
_FOLD_TABLE = {ord(k): v for k, v in _FOLD.items()}
_FOLD_TABLE.update(_DIGITS)


def _unfold_presentation(m: re.Match) -> str:
    return unicodedata.normalize("NFKC", m.group(0))


def light(text: str) -> str:
    """Readable normal form: NFC, presentation forms unfolded, controls/tatweel gone, spaces tidied."""
    text = unicodedata.normalize("NFC", text)
    text = PRESENTATION_RE.sub(_unfold_presentation, text)
    text = CONTROLS_RE.sub("", text).replace(TATWEEL, "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = SPACES_RE.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def fold(text: str) -> str:
    """Search key: `light` plus no diacritics, one alef, ى→ي, ة→ه, hamza seats, ASCII digits, lower case."""
    return fold_letters(text).lower()


def fold_letters(text: str) -> str:
    """``fold`` without lower-casing: safe on regex sources (keeps \\S, \\W) written in plain Arabic."""
    text = PRESENTATION_RE.sub(_unfold_presentation, text)
    text = CONTROLS_RE.sub("", text).replace(TATWEEL, "")
    text = DIACRITICS_RE.sub("", text)
    return text.translate(_FOLD_TABLE)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """``fold`` character by character, with the index in ``text`` that each output char came from.

    Lets a search over folded text report offsets into the original (used by gazetteer and
    pattern matchers that must not lose their place).
    """
    out, idx = [], []
    for i, ch in enumerate(text):
        if ch == TATWEEL or CONTROLS_RE.match(ch) or DIACRITICS_RE.match(ch):
            continue
        if PRESENTATION_RE.match(ch):
            ch = unicodedata.normalize("NFKC", ch)
        for c in ch.translate(_FOLD_TABLE).lower():
            out.append(c)
            idx.append(i)
    return "".join(out), idx


def ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII, nothing else touched (same length)."""
    return text.translate(_DIGITS)


ARABIC_LETTER_RE = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
LETTER_RE = re.compile(r"[^\W\d_]")


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic script: tells an Arabic page from a foreign one."""
    letters = len(LETTER_RE.findall(text))
    return len(ARABIC_LETTER_RE.findall(text)) / letters if letters else 0.0
