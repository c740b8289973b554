"""Text features shared by fact-check retrieval and the stance model (folded, no dependencies)."""
from __future__ import annotations

import re

from ..text.normalize import fold

WORD_RE = re.compile(r"[\u0621-\u064aa-z0-9]+")
# Particles that flip or weaken a headline (لم، لن، لا، ليس، غير، عدم، نفي): stance evidence.
NEGATIONS = {"لا", "لم", "لن", "ليس", "ليست", "غير", "عدم", "نفي", "ينفي", "تنفي", "نفت", "دون", "بلا", "لسنا",
             "ما", "كذب", "تكذب", "زايف", "شايعه", "شايعات", "ينفون", "يرفض", "ترفض", "رفض", "فشل", "تفشل", "يفشل"}
_PROCLITICS = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل")


def words(text: str) -> list[str]:
    return WORD_RE.findall(fold(text))


def stem(w: str) -> str:
    """A light stem: the proclitics (و، ف، ب، ل، ال) off, for words long enough to keep a root."""
    for p in _PROCLITICS:
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p):]
    return w


def char_grams(text: str, lo: int = 3, hi: int = 5) -> dict[str, int]:
    """Character n-grams of each padded word (like scikit-learn's ``char_wb``), counted."""
    out: dict[str, int] = {}
    for w in words(text):
        w = f" {stem(w)} "
        for n in range(lo, hi + 1):
            for i in range(len(w) - n + 1):
                g = w[i:i + n]
                out[g] = out.get(g, 0) + 1
    return out
