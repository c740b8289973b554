"""The attribution stage: quotes and reported speech → ``art.quotes``; each one a claim → ``art.claims``.

Speaker spans found in the text are mapped onto ``art.entities`` (the entity whose mention
overlaps the span, a person first); the span's words are always kept in ``speaker_text``.
Statements with no speaker of their own (وأضاف، مضيفا، a paragraph that opens with a quote)
inherit the previous statement's speaker.
"""
from __future__ import annotations

import re

from ..article import Article, Claim, Quote
from ..text.normalize import fold
from . import lexicon as lx
from .speech import Finder, Found

_TYPE_RANK = {"PER": 0, "ORG": 1, "GPE": 2, "LOC": 3}


def run(art: Article) -> None:
    if not art.text:
        art.quotes, art.claims = [], []
        return
    blocks = [(b.start, b.end) for b in art.blocks] or None
    sentences = [(s.start, s.end) for s in art.sentences] or None
    mentions = _mentions(art)
    finder = Finder(art.text, blocks, sentences, [(m[0], m[1], m[3]) for m in mentions])
    found = finder.find()
    for b in art.blocks:  # «X: …» headlines quote X
        if b.kind in ("headline", "subheading") and not any(b.start <= f.start < b.end for f in found):
            if (h := finder.headline(b.start, b.end)) is not None:
                found.append(h)
    found.sort(key=lambda f: (f.start, f.end))
    art.quotes = _quotes(art.text, found, mentions, finder)
    art.claims = claims_from_quotes(art.quotes, found)
    _attach_factchecks(art.claims)


def _mentions(art: Article) -> list[tuple[int, int, str, str]]:
    return sorted((m.start, m.end, e.id, e.type) for e in art.entities for m in e.mentions)


def entity_for(span: tuple[int, int] | None, mentions: list[tuple[int, int, str, str]]) -> str | None:
    """The entity a speaker span names: overlapping mentions, a person first, then the earliest."""
    if span is None:
        return None
    s, e = span
    # A place inside a longer phrase is an adjective (وسائل إعلام روسية), not the speaker; a place
    # that opens the phrase is a metonym for its government (باريس، قصر الإليزيه).
    hits = [m for m in mentions if m[0] < e and s < m[1] and (m[3] not in ("GPE", "LOC") or m[0] <= s + 1)]
    if not hits:
        return None
    return min(hits, key=lambda m: (_TYPE_RANK.get(m[3], 4), m[0]))[2]


def source_kind(speaker_text: str | None, entity_type: str | None) -> str | None:
    if not speaker_text:
        return None
    key = fold(speaker_text)
    if entity_type == "PER" and not lx.SOURCE_KINDS[0][1].search(key):
        return "person"
    for kind, pattern in lx.SOURCE_KINDS:
        if pattern.search(key):
            return kind
    return {"ORG": "organisation", "GPE": "organisation", "LOC": "organisation"}.get(entity_type or "", "person")


def _quotes(text: str, found: list[Found], mentions, finder: Finder) -> list[Quote]:
    out: list[Quote] = []
    types = {m[2]: m[3] for m in mentions}
    made: dict[int, Quote] = {}
    last: Quote | None = None
    last_found: Found | None = None
    for f in found:
        q = Quote(id=f"q{len(out) + 1}", text=text[f.start:f.end], start=f.start, end=f.end,
                            kind=f.kind, verb=f.verb)
        outer = made.get(id(_enclosing(f, found)))
        if f.speaker:
            q.speaker_text = text[f.speaker[0]:f.speaker[1]]
            q.speaker = entity_for(f.speaker, mentions)
            q.source_kind = source_kind(q.speaker_text, types.get(q.speaker))
        elif f.impersonal:
            q.source_kind = "impersonal"
        elif ((f.participle or f.inherit) and not _same_sentence(last_found, f, finder)
              and (subj := _clause_person(f, mentions, finder))):
            # «دافع X عن …، قائلا إن»، «استنكرت X … وقالت إن»: a speaker-less verb in the middle of a
            # sentence speaks for the one the sentence is about
            q.speaker, q.speaker_text = subj[2], text[subj[0]:subj[1]]
            q.source_kind = source_kind(q.speaker_text, subj[3])
        elif f.inherit and last is not None:
            q.speaker, q.speaker_text, q.source_kind = last.speaker, last.speaker_text, last.source_kind
        if f.via:
            q.via_text = text[f.via[0]:f.via[1]]
            q.via = entity_for(f.via, mentions)
        elif outer is not None and f.speaker:  # a speaker quoting someone else relays them
            q.via, q.via_text = outer.speaker, outer.speaker_text
        made[id(f)] = q
        out.append(q)
        if q.speaker_text and outer is None:
            last, last_found = q, f
    return out


def _same_sentence(a: Found | None, b: Found, finder: Finder) -> bool:
    if a is None or a.cue is None or b.cue is None:
        return False
    return finder.sentence_of(a.cue[0]) == finder.sentence_of(b.cue[0])


def _clause_person(f: Found, mentions, finder: Finder):
    """The first person or organisation named in the sentence before a participle cue, if any."""
    if f.cue is None:
        return None
    ss, _ = finder.sentence_of(f.cue[0])
    return next((m for m in mentions if m[3] in ("PER", "ORG") and ss <= m[0] and m[1] <= f.cue[0]), None)


def _enclosing(f: Found, found: list[Found]) -> Found | None:
    return next((g for g in found if g is not f and g.kind == "direct" and g.start <= f.start and f.end <= g.end
                 and (g.start, g.end) != (f.start, f.end)), None)


def claims_from_quotes(quotes: list[Quote], found: list[Found]) -> list[Claim]:
    """Each statement is a claim; a denial or doubt is linked to the claim it answers."""
    claims: list[Claim] = []
    for q, f in zip(quotes, found):
        hedge = f.hedge or ("يعتقد" if f.impersonal else None)
        if hedge is None:
            m = lx.HEDGE_RE.search(fold(q.text))
            hedge = m.group(1) if m else None
        c = Claim(id=f"c{len(claims) + 1}", text=q.text, by=q.speaker, stance=f.stance, hedge=hedge,
                            quote=q.id, by_text=q.speaker_text)
        if c.stance in ("denies", "doubts"):
            c.about = _answered(c, claims)
        claims.append(c)
    return claims


def _answered(c: Claim, earlier: list[Claim]) -> str | None:
    """The earlier claim a denial answers: named by an anaphor (هذه المزاعم), or the one it repeats."""
    others = [e for e in earlier if e.stance == "asserts" and (e.by_text or "") != (c.by_text or "")] or \
        [e for e in earlier if e.stance == "asserts"]
    if not others:
        return None
    key = fold(c.text)
    if lx.DENIAL_ANAPHOR_RE.search(key) and len(key.split()) <= 6:
        return others[-1].id
    grams = _grams(key)
    best, score = None, 0.0
    for e in others:
        g = _grams(fold(e.text))
        s = len(grams & g) / max(1, min(len(grams), len(g)))
        if s > score:
            best, score = e.id, s
    return best if score >= 0.3 else None


def _grams(s: str, n: int = 3) -> set[str]:
    s = re.sub(r"\s+", " ", s)
    return {s[i:i + n] for i in range(len(s) - n + 1)}


def _attach_factchecks(claims: list[Claim]) -> None:
    from .factcheck import attach

    attach(claims)
