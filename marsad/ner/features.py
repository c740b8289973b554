"""CRF features for one sentence of word tokens (ANERcorp tokenisation: clitics left attached).

Feature groups, switched on by name so that training can measure each one (the ablation):

- ``base``: the folded word and its 1–3 letter prefixes/suffixes, digits, the words at ±1.
- ``rich``: clitic split (marsad.text.tokenize.split_clitics: proclitics, stem, enclitic), stem
  affixes, the raw spelling, shape and length, and a ±2 window of words and stems.
- ``gaz``: longest-match gazetteer spans (places, countries, cities, organisations, people) in
  BIO form, and membership of each word/stem in a list of personal-name tokens.
- ``clusters``: word2vec k-means clusters at three granularities (own word), the middle one
  for the ±2 window.
- ``triggers``: words that announce a type (وزير، جامعة، مدينة ...) on the word and at -1/-2.
- ``autolex``: like ``gaz``, over names the tagger itself found often, with one type, in
  unlabelled news (scripts/build_ner_autolex.py).
- ``clwin``: the coarse and fine clusters in the ±2 window too (``clusters`` lends only the middle).
- ``embed``: the word's word2vec vector as real-valued features (scripts/build_ner_vectors.py),
  own word and ±1.
- ``embin``: the same vectors binarised per dimension (Guo et al. 2014): ``e3+`` where a
  dimension is at or above the mean of its positive values, ``e3-`` at or below the mean of its
  negatives.

Everything that depends on the word alone is computed once per word form and cached: window
features then only prefix the neighbours' cached lists, which keeps tagging fast.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..text.normalize import fold
from ..text.tokenize import Token, split_clitics

GROUPS = ("base", "rich", "gaz", "clusters", "triggers", "autolex", "embed", "embin", "clwin")
EMBED_SCALE = 1.0
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "ner"
MAX_GAZ_TOKENS = 6
_CACHE_LIMIT = 200_000
# Neighbour offsets; a word's lent features are stored once per offset, already prefixed.
_OFFSETS = ("-1", "+1", "-2", "+2")


def word_key(word: str) -> str:
    """The lookup form of a word: folded spelling (fold drops RLM marks, diacritics, tatweel)."""
    return fold(word).strip() or word


# Types and the words that announce them, folded.  A trigger either opens the name
# (جامعة القاهرة، وزارة الخارجية) or stands just before it (الرئيس ...، مدينة ...).
TRIGGERS: dict[str, tuple[str, ...]] = {
    "PERS": ("الرئيس", "رئيس", "وزير", "الوزير", "الملك", "الامير", "امير", "الشيخ", "السيد",
             "السيده", "الدكتور", "د", "المتحدث", "الناطق", "الجنرال", "العقيد", "اللواء",
             "العميد", "المستشار", "الزعيم", "القائد", "المدرب", "اللاعب", "النائب", "السفير",
             "المبعوث", "الامين", "المدير", "الفنان", "الكاتب", "الشاعر", "الروائي", "الرئيسه",
             "الوزيره", "الاستاذ", "المهندس", "القاضي", "الامام", "البابا", "ولي", "نائب",
             "قال", "وقال", "اكد", "واكد", "اضاف", "واضاف", "صرح", "اوضح", "واوضح", "ابن", "بن",
             "ابو", "ام", "عبد", "الرئيسي", "ملك", "زعيم", "رئيسه", "وزيره", "مستشار"),
    "ORG": ("وكاله", "جامعه", "حزب", "شركه", "منظمه", "مجلس", "وزاره", "اتحاد", "بنك", "مصرف",
            "جمعيه", "حركه", "هيئه", "صحيفه", "مؤسسه", "مؤسسه", "جبهه", "نادي", "فريق", "منتخب",
            "محكمه", "مركز", "معهد", "لجنه", "البنك", "الحزب", "حزب", "جيش", "قوات", "الجيش",
            "مجموعه", "تنظيم", "رابطه", "نقابه", "اكاديميه", "اذاعه", "قناه", "تلفزيون", "مجله",
            "برلمان", "البرلمان", "الامم", "منظمات", "وكالات", "كتائب", "الكونغرس", "كليه",
            "مستشفى", "صندوق", "بورصه", "سوق", "مكتب", "ديوان", "امانه", "سفاره", "السفاره"),
    "LOC": ("مدينه", "عاصمه", "العاصمه", "ولايه", "محافظه", "منطقه", "جزيره", "جزر", "بلده",
            "قريه", "اقليم", "اقليمي", "نهر", "جبل", "جبال", "بحر", "خليج", "مخيم", "شمال",
            "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "ضاحيه", "حي",
            "بلدات", "مدن", "دوله", "دول", "بلاد", "ميناء", "مطار", "قطاع", "الضفه", "صحراء",
            "في", "من", "الى", "الي", "الي", "بين", "مقاطعه", "ريف", "وادي", "شارع", "ساحه"),
    "MISC": ("جائزه", "بطوله", "كاس", "دوري", "مهرجان", "مؤتمر", "اتفاقيه", "اتفاق", "معاهده",
             "عمليه", "كتاب", "فيلم", "روايه", "مسلسل", "برنامج", "مسابقه", "اولمبياد", "دوره",
             "قمه", "مباراه", "اغنيه", "مشروع", "قانون", "قرار", "الحرب", "حرب", "ثوره"),
}
_TRIGGER_OF: dict[str, str] = {}
for _t, _ws in TRIGGERS.items():
    for _w in _ws:
        _TRIGGER_OF.setdefault(word_key(_w), _t)


@dataclass
class Resources:
    """Lexicons the features look up: gazetteer phrases, name tokens, word clusters."""

    phrases: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    auto_phrases: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    name_tokens: frozenset[str] = frozenset()
    clusters: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)
    vector_index: dict[str, int] = field(default_factory=dict)
    vectors: Any = None  # numpy array (words × dims), only for the embed/embin ablation groups

    @classmethod
    def load(cls, data_dir: str | Path = DATA_DIR) -> "Resources":
        d = Path(data_dir)
        res = cls()
        names: set[str] = set()
        res.phrases = _read_phrases(d / "gazetteer.tsv", names)
        res.auto_phrases = _read_phrases(d / "autolex.tsv", names)
        res.name_tokens = frozenset(names)
        cl = d / "clusters.tsv"
        if cl.exists():
            for i, line in enumerate(cl.read_text(encoding="utf-8").splitlines()):
                w, a, b, c = line.split("\t")
                res.clusters[w] = (a, b, c)
                res.rank[w] = i
        vec = d / "vectors.npz"
        if vec.exists():
            import numpy as np  # not a core dependency: only the unshipped vector groups need it

            with np.load(vec) as z:
                words = z["words"].tobytes().decode("utf-8").split("\n")
                res.vectors = z["vectors"].astype(np.float32) / 127.0
            res.vector_index = {w: i for i, w in enumerate(words)}
        return res


def _read_phrases(path: Path, names: set[str]) -> dict[tuple[str, ...], frozenset[str]]:
    """`phrase<TAB>TYPE` lines as phrase tuple → types; NAME entries go to ``names``."""
    phrases: dict[tuple[str, ...], set[str]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            phrase, typ = line.split("\t")
            if typ == "NAME":
                names.add(phrase)
            else:
                phrases.setdefault(tuple(phrase.split(" ")), set()).add(typ)
    return {k: frozenset(v) for k, v in phrases.items()}


# (own features, neighbour features by offset, folded key, lookup forms, real-valued features
# by offset ("" = own)) of one word form.
_WordInfo = tuple[list[str], dict[str, list[str]], str, tuple[str, ...], dict[str, dict[str, float]]]


class Featurizer:
    """Turns a sentence (list of word strings) into crfsuite feature lists."""

    def __init__(self, groups: tuple[str, ...] | list[str], resources: Resources | None = None):
        unknown = set(groups) - set(GROUPS)
        if unknown:
            raise ValueError(f"unknown feature groups: {sorted(unknown)}")
        self.groups = frozenset(groups)
        self.res = resources or Resources()
        self.window = 2 if "rich" in self.groups else 1
        self._cache: dict[str, _WordInfo] = {}
        self.dense = "embed" in self.groups
        if "embed" in self.groups or "embin" in self.groups:
            if self.res.vectors is None:
                raise ValueError("the embed/embin groups need marsad/data/ner/vectors.npz "
                                 "(scripts/build_ner_vectors.py; not shipped)")
            import numpy as np

            self._np = np
            v = self.res.vectors
            pos = np.where(v > 0, v, 0).sum(0) / np.maximum((v > 0).sum(0), 1)
            neg = np.where(v < 0, v, 0).sum(0) / np.maximum((v < 0).sum(0), 1)
            self._thresholds = (pos, neg)

    # -- per word form (cached) -------------------------------------------------------------
    def _word(self, w: str) -> _WordInfo:
        """(own features, features lent to neighbours by offset, key, lookup forms) of a word form."""
        hit = self._cache.get(w)
        if hit is not None:
            return hit
        g = self.groups
        k = word_key(w)
        own = ["b", "w=" + k]
        for n in (1, 2, 3):
            if len(k) > n:
                own.append(f"p{n}={k[:n]}")
                own.append(f"s{n}={k[-n:]}")
        if k.isdigit():
            own.append("num")
        elif not any(c.isalnum() for c in k):
            own.append("punct")
        lend = ["w=" + k]
        stem = k
        if "rich" in g:
            parts = split_clitics(Token(k, 0, len(k)))
            stem = next((p.text for p in parts if p.kind == "word"), k)
            pre = "".join(p.text for p in parts if p.kind == "proclitic")
            post = "".join(p.text for p in parts if p.kind == "enclitic")
            own += ["st=" + stem, "pre=" + pre, "post=" + post, "sh=" + _shape(w),
                    "len=" + str(min(len(k), 8))]
            for n in (2, 3, 4):
                if len(stem) > n:
                    own.append(f"sp{n}={stem[:n]}")
                    own.append(f"ss{n}={stem[-n:]}")
            clean = w.replace("\u200f", "")
            if clean != k:
                own.append("r=" + clean)
            lend.append("st=" + stem)
        if "clusters" in g:
            c = self.res.clusters.get(k) or self.res.clusters.get(stem)
            if c:
                own += ["c64=" + c[0], "c256=" + c[1], "c1k=" + c[2]]
                lend.append("c256=" + c[1])
                if "clwin" in g:
                    lend += ["c64=" + c[0], "c1k=" + c[2]]
            else:
                own.append("c=none")
        if "triggers" in g:
            t = _TRIGGER_OF.get(k) or _TRIGGER_OF.get(stem)
            if t:
                own.append("tr=" + t)
                lend.append("tr=" + t)
        forms = _forms(k, stem)
        if "gaz" in g and any(f in self.res.name_tokens for f in forms):
            own.append("gname")
            lend.append("gname")
        dense: dict[str, dict[str, float]] = {}
        if "embed" in g or "embin" in g:
            idx = self.res.vector_index.get(k)
            if idx is None:
                idx = self.res.vector_index.get(stem)
            if idx is None:
                own.append("e=none")
            else:
                v = self.res.vectors[idx]
                if "embin" in g:
                    pos, neg = self._thresholds
                    nz = self._np.flatnonzero
                    own += [f"e{j}+" for j in nz((v > 0) & (v >= pos))]
                    own += [f"e{j}-" for j in nz((v < 0) & (v <= neg))]
                if "embed" in g:
                    vals = (v * EMBED_SCALE).tolist()
                    for d in ("", "-1", "+1"):
                        dense[d] = {f"{d}e{j}": x for j, x in enumerate(vals)}
        out = (own, {d: [d + x for x in lend] for d in _OFFSETS}, k, forms, dense)
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache[w] = out
        return out

    # -- per sentence -----------------------------------------------------------------------
    def sentence(self, words: list[str]) -> list[list[str]]:
        info = [self._word(w) for w in words]
        n = len(words)
        feats = [list(x[0]) for x in info]
        for i in range(n):
            f = feats[i]
            for d in range(1, self.window + 1):
                if i - d >= 0:
                    f.extend(info[i - d][1][_OFFSETS[2 * d - 2]])
                else:
                    f.append(f"-{d}BOS")
                if i + d < n:
                    f.extend(info[i + d][1][_OFFSETS[2 * d - 1]])
                else:
                    f.append(f"+{d}EOS")
        if "rich" in self.groups:
            for i in range(1, n):
                feats[i].append(f"bg={info[i - 1][2]}|{info[i][2]}")
        lexicons = [self.res.phrases] if "gaz" in self.groups else []
        if "autolex" in self.groups:
            lexicons.append(self.res.auto_phrases)
        for phrases in lexicons:
            for i, tag in enumerate(self._gazetteer_tags(info, phrases)):
                if tag:
                    feats[i].extend(tag)
                    if i + 1 < n:
                        feats[i + 1].extend("-1" + t for t in tag)
                    if i > 0:
                        feats[i - 1].extend("+1" + t for t in tag)
        if self.dense:
            return self._with_dense(info, feats)
        return feats

    @staticmethod
    def _with_dense(info, feats: list[list[str]]) -> list[dict[str, float]]:
        """Feature dicts: the string features at 1.0 plus the vectors of the word and its ±1."""
        n = len(info)
        out = []
        for i, f in enumerate(feats):
            d = dict.fromkeys(f, 1.0)
            d.update(info[i][4].get("", {}))
            if i > 0:
                d.update(info[i - 1][4].get("-1", {}))
            if i + 1 < n:
                d.update(info[i + 1][4].get("+1", {}))
            out.append(d)
        return out

    def _gazetteer_tags(self, info, phrases) -> list[list[str]]:
        """BIO gazetteer features from a greedy longest match; a name may carry a proclitic
        (و، ب، ل...) on its first word, so the first word is tried in each of its forms."""
        n = len(info)
        tags: list[list[str]] = [[] for _ in range(n)]
        if not phrases:
            return tags
        i = 0
        while i < n:
            found = None
            for L in range(min(MAX_GAZ_TOKENS, n - i), 0, -1):
                rest = tuple(x[2] for x in info[i + 1:i + L])
                for first in info[i][3]:
                    types = phrases.get((first, *rest))
                    if types:
                        found = (L, types)
                        break
                if found:
                    break
            if not found:
                i += 1
                continue
            L, types = found
            for t in sorted(types):  # sets iterate in a per-process order
                tags[i].append(f"gz{t}=B")
                for j in range(i + 1, i + L):
                    tags[j].append(f"gz{t}=I")
            i += L
        return tags


def _forms(k: str, stem: str) -> tuple[str, ...]:
    """The word, its stem and its proclitic-stripped readings, for dictionary lookups only
    (a dictionary hit is evidence enough; the tokenizer's split stays conservative)."""
    forms = [k]
    if stem != k:
        forms.append(stem)
    if len(k) > 3 and k[0] in "وفبلك":
        if k.startswith("لل"):
            forms.append("ال" + k[2:])
        forms.append(k[1:])
        if len(k) > 4 and k[0] in "وف" and k[1] in "بلك":
            forms.append(k[2:])
    return tuple(dict.fromkeys(forms))


def _shape(w: str) -> str:
    out = []
    for c in w:
        if "\u0621" <= c <= "\u06ff":
            s = "a"
        elif c.isdigit():
            s = "d"
        elif c.isalpha():
            s = "l"
        elif c in "\u200f\u200e":
            continue
        else:
            s = c
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)[:6]
