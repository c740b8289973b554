"""Event trigger words: an inflection-aware lookup in the shipped PLOVER trigger lexicon.

Arabic writes one trigger in many shapes — زيارة، الزيارة، وزيارته، زيارات، بزيارتين for the noun,
زار، زارت، وزاروا، يزور، ستزور، يزورون for the verb.  Rather than listing every shape, a word is
folded and peeled of the clitics and inflectional affixes its part of speech allows, and each
remaining stem is looked up.  Verb entries keep the perfect and the imperfect stems apart because
the vowel moves (زار/يزور); noun entries keep broken plurals as their own forms (هجوم/هجمات).
Fixed phrases (وقف إطلاق النار) are matched on the folded text with offsets mapped back.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..text.normalize import fold, fold_with_map
from ..text.stopwords import STOPWORDS
from ..text.tokenize import Token, tokenize

CONJ = ("", "و", "ف")
NOUN_PREP = ("", "ب", "ل", "ك")
PRONOUNS = ("", "ه", "ها", "هم", "هما", "هن", "نا", "كم", "ك", "ي")
OBJ_PRONOUNS = ("", "ه", "ها", "هم", "هما", "هن", "نا", "كم", "ك", "ني")
PERF_SUFFIX = ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم", "و")
IMPF_SUFFIX = ("", "ون", "ان", "ين", "وا", "ن", "ا")
IMPF_PERSON = ("ي", "ت", "ن", "ا")
WEAK_FINAL_SUFFIX = ("ت", "وا", "ون", "تا", "ان")
MIN_STEM = 3


@dataclass(frozen=True)
class Entry:
    """One lexicon form: ``kind`` n (noun), pv/iv (perfect/imperfect verb stem) or phrase."""

    form: str
    kind: str
    type: str
    cameo: str
    strength: str  # "s": codes alone; "w": needs an argument or a governing verb; "d": a governing verb
    next: tuple[str, ...] = ()
    bare: bool = True  # False: the unaffixed perfect is too ambiguous to count
    source: str = "curated"


@dataclass(frozen=True)
class Analysis:
    """How a word matched: its entry, whether it was a verb, and what its affixes told."""

    entry: Entry
    verb: bool
    future: bool = False  # سـ on an imperfect
    imperfect: bool = False
    definite: bool = False
    possessed: bool = False  # a pronoun suffix names its actor: هجومه، زيارتها


@dataclass(frozen=True)
class Match:
    analysis: Analysis
    start: int
    end: int
    text: str
    token: int  # index of the (first) word token in the sentence's token list

    @property
    def entry(self) -> Entry:
        return self.analysis.entry


def noun_stems(w: str):
    """(stem, definite, possessed) for a folded word read as a noun."""
    for c in CONJ:
        if not w.startswith(c):
            continue
        a = w[len(c):]
        heads = [(a, False)]
        for p in NOUN_PREP:
            if p and a.startswith(p):
                heads.append((a[len(p):], False))
        more = []
        for h, _ in heads:
            if h.startswith("ال"):
                more.append((h[2:], True))
        if a.startswith("لل"):
            more.append((a[2:], True))
        for h, definite in heads + more:
            yield from _noun_suffixes(h, definite)


def _noun_suffixes(h: str, definite: bool):
    yield h, definite, False
    if h.endswith("ا"):  # tanwin al-fath written with alef: هجوما
        yield h[:-1], definite, False
    if h.endswith("ات"):
        yield h[:-2] + "ه", definite, False
        yield h[:-2], definite, False
    for dual in ("ان", "ين", "تان", "تين"):
        if h.endswith(dual):
            s = h[:-len(dual)]
            yield (s + "ه" if dual.startswith("ت") else s), definite, False
    if not definite:
        for suf in PRONOUNS[1:]:
            if h.endswith(suf):
                s = h[:-len(suf)]
                yield s, definite, True
                if s.endswith("ت"):
                    yield s[:-1] + "ه", definite, True
                if s.endswith("ات"):
                    yield s[:-2] + "ه", definite, True


def verb_stems(w: str):
    """(stem, kind, future, affixed) tuples for a folded word read as a verb."""
    for c in CONJ:
        if not w.startswith(c):
            continue
        a = w[len(c):]
        for body, kind, future in _verb_prefixes(a):
            suffixes = PERF_SUFFIX if kind == "pv" else IMPF_SUFFIX
            for s1 in suffixes:
                for s2 in OBJ_PRONOUNS:
                    suf = s1 + s2
                    if suf and not body.endswith(suf):
                        continue
                    stem = body[:len(body) - len(suf)] if suf else body
                    yield stem, kind, future, bool(suf or c)
                    # Weak-final verbs lose their last letter before a suffix (التقت، يدعون) and
                    # in the jussive after لم (لم يلتق).
                    if s1 in WEAK_FINAL_SUFFIX or (kind == "iv" and not suf and len(stem) >= 3):
                        yield stem + "ي", kind, future, True
                        yield stem + ("ا" if kind == "pv" else "و"), kind, future, True


def _verb_prefixes(a: str):
    yield a, "pv", False
    for lead, future in (("", False), ("س", True), ("ل", False)):
        if lead and not a.startswith(lead):
            continue
        b = a[len(lead):]
        if b[:1] in IMPF_PERSON:
            yield b[1:], "iv", future


class Lexicon:
    """The trigger lexicon with its CAMEO table and agent nouns, indexed for lookup."""

    def __init__(self, data: dict):
        self.cameo: dict[str, dict] = data["cameo"]
        self.agents: frozenset[str] = frozenset(data.get("agents", []))
        self.words: dict[tuple[str, str], Entry] = {}
        self.phrases: list[tuple[re.Pattern, Entry]] = []
        for d in data["triggers"]:
            e = Entry(form=d["form"], kind=d["kind"], type=d["type"], cameo=d["cameo"],
                      strength=d["strength"], next=tuple(d.get("next") or ()),
                      bare=d.get("bare", True), source=d.get("source", "curated"))
            if e.kind == "phrase":
                self.phrases.append((_phrase_re(e.form), e))
            else:
                self.words.setdefault((e.form, e.kind), e)

    def analyse(self, word: str) -> Analysis | None:
        """The best reading of one word as a trigger: the longest stem wins, nouns before verbs."""
        w = fold(word)
        if len(w) < MIN_STEM or w in STOPWORDS:
            return None
        best: tuple[int, Analysis] | None = None
        for stem, definite, possessed in noun_stems(w):
            e = self.words.get((stem, "n"))
            if e and len(stem) >= MIN_STEM and (best is None or len(stem) > best[0]):
                best = (len(stem), Analysis(e, verb=False, definite=definite, possessed=possessed))
        # A written ة ends nouns only: وزارة is never و+زار+ه.
        for stem, kind, future, affixed in ([] if word.endswith("ة") else verb_stems(w)):
            e = self.words.get((stem, kind))
            if not e or len(stem) < MIN_STEM or (kind == "pv" and not e.bare and not affixed):
                continue
            if best is None or len(stem) > best[0]:
                best = (len(stem), Analysis(e, verb=True, future=future, imperfect=kind == "iv"))
        return best[1] if best else None

    def is_agent(self, word: str) -> bool:
        for stem, *_ in noun_stems(fold(word)):
            if stem in self.agents or (stem.endswith(("ون", "ين")) and stem[:-2] in self.agents):
                return True
        return False

    def find(self, text: str, tokens: list[Token]) -> list[Match]:
        """Trigger matches among ``tokens`` (word tokens of one sentence of ``text``), phrases first."""
        out: list[Match] = []
        taken: set[int] = set()
        if tokens:
            lo, hi = tokens[0].start, tokens[-1].end
            key, idx = fold_with_map(text[lo:hi])
            for rx, e in self.phrases:
                for m in rx.finditer(key):
                    s, t = lo + idx[m.start()], lo + idx[m.end() - 1] + 1
                    ti = [i for i, tok in enumerate(tokens) if tok.start < t and tok.end > s]
                    if not ti or taken.intersection(ti):
                        continue
                    s, t = tokens[ti[0]].start, tokens[ti[-1]].end
                    taken.update(ti)
                    definite = fold(text[s:t]).lstrip("وفبلك").startswith("ال")
                    out.append(Match(Analysis(e, verb=False, definite=definite), s, t, text[s:t], ti[0]))
        for i, tok in enumerate(tokens):
            if i in taken or tok.kind != "word":
                continue
            a = self.analyse(tok.text)
            if a is None:
                continue
            if a.entry.next and not _next_ok(a.entry.next, tokens, i):
                continue
            out.append(Match(a, tok.start, tok.end, tok.text, i))
        return sorted(out, key=lambda m: m.start)


def _next_ok(prefixes: tuple[str, ...], tokens: list[Token], i: int) -> bool:
    """One of the next three words starts with one of ``prefixes`` (طالب بـ، أطلقت 5 صواريخ)."""
    following = [t for t in tokens[i + 1:i + 6] if t.kind != "punct"][:3]
    for t in following:
        k = fold(t.text)
        if k.startswith(prefixes) or (k.startswith("و") and k[1:].startswith(prefixes)):
            return True
    return False


def _phrase_re(form: str) -> re.Pattern:
    parts = []
    for w in form.split():
        if w.startswith("ال"):
            parts.append(f"(?:[وف]?[بلك]?{w}|[وف]?لل{w[2:]})")
        else:
            parts.append(f"[وف]?[بلك]?(?:ال)?{w}(?:ا|ات|ه|ها|هم)?")
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)")


def word_tokens(text: str, start: int, end: int) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    return [Token(t.text, t.start + start, t.end + start, t.kind) for t in tokenize(text[start:end])]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    with resources.files("marsad.data").joinpath("events/lexicon.json").open(encoding="utf-8") as f:
        return Lexicon(json.load(f))
