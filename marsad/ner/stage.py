"""The NER stage: tag each sentence of the article and fill ``art.ner_spans``.

ANERcorp, which the model learnt from, keeps clitics on their word (وبريطانيا is one token,
tagged B-LOC), so the model sees marsad's plain word tokens, not clitic-split ones.  A mention
then drops a leading conjunction or preposition (و، ف، ب، ل، ك) when the rest is itself the
known word, so that وبريطانيا yields the mention بريطانيا.  LOC becomes GPE where the shipped
gazetteer lists the name as a country or a city (and so does a PERS span that is exactly one).
Sentences are tagged one by one, then ``consistency.propagate`` spreads each name to its other
mentions in the article.
"""
from __future__ import annotations

from collections.abc import Set as AbstractSet

from ..article import Article, Mention
from ..text.normalize import fold_with_map
from ..text.tokenize import Token, tokenize
from .consistency import names, propagate
from .features import Resources, word_key
from .score import entities
from .tagger import default

TYPE_MAP = {"PERS": "PER", "ORG": "ORG", "MISC": "MISC", "LOC": "LOC"}
_PROCLITICS = ("و", "ف", "ب", "ل", "ك")
_CURATED_GPE = frozenset({"COUNTRY", "CITY"})
_GPE_TYPES = _CURATED_GPE | {"PLACE"}
# Press short names of countries that CLDR and mledoze only list in their official form.
_SHORT_COUNTRIES = frozenset(word_key(w) for w in ("بريطانيا", "أميركا", "إنجلترا", "إنكلترا"))


def run(art: Article) -> None:
    tagger = default()
    spans = art.sentences or art.blocks
    toks = [tokenize(art.text[s.start:s.end]) for s in spans]
    words = [[t.text for t in ts] for ts in toks]
    tags = propagate(words, [tagger.tag(w) for w in words])
    doc_words = {name[0] for name in names(words, tags) if len(name) == 1}
    out: list[Mention] = []
    for span, ts, tg in zip(spans, toks, tags):
        for i, j, typ in entities(tg):
            m = _mention(art.text, ts[i:j], span.start, typ, tagger.resources, doc_words)
            if m:
                out.append(m)
    art.ner_spans = out


def _mention(text: str, toks: list[Token], base: int, typ: str, res: Resources,
             doc_words: AbstractSet[str] = frozenset()) -> Mention | None:
    start, end = base + toks[0].start, base + toks[-1].end
    first = toks[0].text
    if first[:1] in _PROCLITICS and first[1:] in doc_words:
        start += 1
    else:
        cut = _clitic_length(first, res)  # in folded letters: map back past any diacritics
        if cut:
            start += fold_with_map(first)[1][cut]
    words = [word_key(t.text) for t in toks]
    words[0] = word_key(text[start:base + toks[0].end])
    kind = TYPE_MAP.get(typ, "MISC")
    # A span that is exactly a CLDR/mledoze country or city is a place even when the model read
    # it as a person (foreign city names look like foreign personal names).  ANERGazet's
    # places do not count there: its multi-word names were split into words such as عمر.
    if (kind == "LOC" and _is_gpe(tuple(words), res, _GPE_TYPES)) or (
            kind == "PER" and _is_gpe(tuple(words), res, _CURATED_GPE)):
        kind = "GPE"
    if start >= end:
        return None
    return Mention(text[start:end], start, end, kind="name", type=kind)


def _clitic_length(word: str, res: Resources) -> int:
    """How many leading letters of a name's first word are a conjunction/preposition.

    Names themselves begin with these letters (كريم، باسم، فيصل), so a cut needs evidence: the
    rest is a listed place/organisation, or carries the article and is a known word; after و
    alone, the rest being a more frequent word than the whole is enough."""
    k = word_key(word)
    if len(k) < 4 or k[0] not in _PROCLITICS or k.startswith("لل"):
        return 0

    def listed(rest: str) -> bool:
        return (rest,) in res.phrases or (rest.startswith("ال") and rest in res.rank)

    if k[0] in "وف" and k[1] in "بلك" and len(k) > 5 and listed(k[2:]):
        return 2
    rest = k[1:]
    if listed(rest):
        return 1
    if k[0] == "و" and rest in res.rank and res.rank[rest] < res.rank.get(k, len(res.rank)):
        return 1
    return 0


def _is_gpe(words: tuple[str, ...], res: Resources, types: frozenset[str] = _GPE_TYPES) -> bool:
    variants = [words]
    if words[0].startswith("ال") and len(words[0]) > 3:
        variants.append((words[0][2:], *words[1:]))
    else:
        variants.append(("ال" + words[0], *words[1:]))
    if len(words) == 1 and any(v[0] in _SHORT_COUNTRIES for v in variants):
        return True
    return any(res.phrases.get(v, frozenset()) & types for v in variants)
