"""Tokens with offsets, and optional clitic splitting that keeps them.

Arabic glues conjunctions (و، ف), prepositions (ب، ل، ك), the article (ال) and future/emphasis
particles to the word after them, and object/possessive pronouns to the word before.  Taggers and
matchers want the stem; offsets must still point into the original text, so a split yields
sub-spans of the word rather than new strings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import fold

# A word: letters (with their combining marks), digits, or a run of one punctuation mark.
TOKEN_RE = re.compile(
    r"(?P<number>[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,٫٬][0-9\u0660-\u0669\u06f0-\u06f9]+)*)"
    r"|(?P<word>[A-Za-z\u00c0-\u024f\u0621-\u065f\u0670-\u06d3\u06fa-\u06ff\u0640]+(?:['’][A-Za-z]+)?)"
    r"|(?P<punct>\.{2,}|…|\S)"
)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    kind: str = "word"  # word | number | punct | proclitic | enclitic

    @property
    def key(self) -> str:
        return fold(self.text)


def tokenize(text: str, clitics: bool = False) -> list[Token]:
    """Split ``text`` into tokens with offsets; with ``clitics=True`` proclitics and the commonest
    enclitics are split off as their own tokens."""
    out: list[Token] = []
    for m in TOKEN_RE.finditer(text):
        tok = Token(m.group(0), m.start(), m.end(), m.lastgroup)
        if clitics and tok.kind == "word":
            out.extend(split_clitics(tok))
        else:
            out.append(tok)
    return out


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text) if t.kind != "punct"]


# Conjunction, then preposition or future particle, then the article: و + ب + ال + كتاب.
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك", "س")
# Third-person and "our" pronoun suffixes, longest first (second person is rare in news and
# "ك" ends too many nouns). Only split when a reasonable stem remains.
_ENCLITICS = ("هما", "هم", "هن", "نا", "ها", "ه")
# Stems shorter than this after a split are not trusted: "ولد" is a word, not و+لد.
_MIN_STEM = 3


def split_clitics(tok: Token) -> list[Token]:
    """Rule-based clitic segmentation: conservative by design (a wrong split hurts more than a
    missed one), splitting only when a stem of at least three letters remains."""
    w, start = tok.text, tok.start
    k = fold(w)
    if len(k) != len(w):  # diacritics: positions would not line up; leave the word whole
        return [tok]
    pre: list[Token] = []
    i = 0
    if len(k) - i > _MIN_STEM + 1 and k[i] in _CONJ and (k[i + 1:].startswith("ال") or k[i + 1] in _PREP):
        pre.append(Token(w[i], start + i, start + i + 1, "proclitic"))
        i += 1
    if len(k) - i > _MIN_STEM + 2 and k[i] in ("ب", "ك", "ل") and k[i + 1:i + 3] == "ال":
        pre.append(Token(w[i], start + i, start + i + 1, "proclitic"))
        i += 1
    elif len(k) - i > _MIN_STEM + 1 and k[i:i + 2] == "لل":
        # لل = ل + (ا)ل: the article's alef is dropped in writing.
        pre.append(Token(w[i], start + i, start + i + 1, "proclitic"))
        i += 1
    if len(k) - i > _MIN_STEM + 1 and k[i:i + 2] == "ال":
        pre.append(Token(w[i:i + 2], start + i, start + i + 2, "proclitic"))
        i += 2
    stem_end = len(w)
    post: list[Token] = []
    if not any(p.text in ("ال", "ل") for p in pre):  # nouns with the article take no pronoun suffix
        for suf in _ENCLITICS:
            # Match the written letters: a folded ة would pass for the pronoun ه, and
            # stems in ا (اتجاه، انتباه) keep their final ه.
            if (w.endswith(suf) and len(w) - i - len(suf) >= _MIN_STEM + 1
                    and not w[:-len(suf)].endswith(("ا", "آ"))):
                stem_end = len(w) - len(suf)
                post.append(Token(w[stem_end:], start + stem_end, tok.end, "enclitic"))
                break
    stem = Token(w[i:stem_end], start + i, start + stem_end, "word")
    return [*pre, stem, *post]
