"""Mentions of one document resolved to entities.

Sources of mentions, in order: titles and honorifics and the names beside them (roles.py),
knowledge-base names (gazetteer.py: countries, capitals and seats of government — the last two
as metonyms of their state — demonyms, organisations, places), the tagger's spans
(``art.ner_spans``) where those found nothing, full names the name lexicon knows, organisations by
head noun (orgs.py), then bare surnames of people already named in full, and descriptors
(الدولة الآسيوية، البلدين، المملكة).  People cluster
by the sound keys of their name words (a surname joins the one full name that contains it);
places and organisations by knowledge-base id, else by sound key.  A title with no name beside it
goes to the person who holds that role in the article.
"""
from __future__ import annotations

import bisect

import re
from dataclasses import dataclass, field, replace

from ..article import Entity, Mention
from ..text.normalize import fold
from . import descriptors, orgs, roles
from .gazetteer import Match, Word, _lookup, find, proclitic_splits, words_of
from .kb import KB, load
from .keys import similar, sound_key, word_key

_LOCATIVE = {fold(w) for w in ("في", "فى", "إلى", "داخل", "العاصمة", "عاصمة", "بالعاصمة")} | {
    fold(p + w) for p in ("", "ب", "ل", "و", "وب") for w in ("مدينة", "منطقة", "محافظة", "إمارة", "ولاية")}


@dataclass
class _Ent:
    type: str
    name: str = ""
    kb_id: str | None = None
    name_en: str | None = None
    keys: list[str] = field(default_factory=list)  # persons: sound keys of the name words
    roles: list[tuple[str, str | None, bool]] = field(default_factory=list)  # (role, iso, leader)
    mentions: list[Mention] = field(default_factory=list)
    doc: "_Doc | None" = field(default=None, repr=False)  # the document that indexes its mentions

    def add(self, text: str, start: int, end: int, kind: str, type_: str | None = None) -> None:
        if not any(m.start == start and m.end == end for m in self.mentions):
            m = Mention(text[start:end], start, end, kind, type_)
            self.mentions.append(m)
            if self.doc is not None:
                self.doc.index(m)


class _Doc:
    def __init__(self, text: str, kb: KB):
        self.text, self.kb = text, kb
        self.ents: list[_Ent] = []
        self.by_kb: dict[str, _Ent] = {}
        # Every mention by start offset, so that an overlap check costs a bisection, not a scan.
        self._starts: list[int] = []
        self._spans: list[tuple[int, int, str]] = []
        self._longest = 0

    def adopt(self, ent: _Ent) -> _Ent:
        """Make ``ent`` one of the document's entities, its mentions indexed from now on."""
        ent.doc = self
        self.ents.append(ent)
        for m in ent.mentions:
            self.index(m)
        return ent

    def index(self, m: Mention) -> None:
        i = bisect.bisect_right(self._starts, m.start)
        self._starts.insert(i, m.start)
        self._spans.insert(i, (m.start, m.end, m.kind))
        self._longest = max(self._longest, m.end - m.start)

    def reindex(self) -> None:
        """After mentions were dropped from entities."""
        self._spans = sorted((m.start, m.end, m.kind) for e in self.ents for m in e.mentions)
        self._starts = [sp[0] for sp in self._spans]

    def taken(self, start: int, end: int, kinds=("name",)) -> bool:
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return any(self._spans[i][1] > start and self._spans[i][2] in kinds for i in range(lo, hi))

    def kb_entity(self, kb_id: str) -> _Ent:
        if kb_id not in self.by_kb:
            e = self.kb.get(kb_id) or {}
            ent = _Ent(type=e.get("type", "LOC"), name=e.get("name", ""), kb_id=kb_id, name_en=e.get("name_en"))
            self.by_kb[kb_id] = self.adopt(ent)
        return self.by_kb[kb_id]

    def person(self, start: int, end: int, type_: str | None = None) -> _Ent:
        """The person a name belongs to.  Names agree when one's words are the other's (by sound
        key) and, for two full names, they start with the same given name: «محمد بن سلمان» is
        not «سلمان بن عبد العزيز» though all his words are in the longer name."""
        keys = _name_keys(self.text[start:end])
        best = None
        for p in self.ents:
            if p.type != "PER" or not p.keys:
                continue
            short, long_ = sorted((keys, p.keys), key=len)
            if not set(short) <= set(long_):
                continue
            if len(short) > 1 and short[0] != long_[0]:
                continue
            if best is None or len(set(keys) & set(p.keys)) > len(set(keys) & set(best.keys)):
                best = p
        if best is None:
            best = self.adopt(_Ent(type="PER", name=self.text[start:end], keys=keys))
        elif len(keys) > len(best.keys):
            best.keys, best.name = keys, self.text[start:end]
        best.add(self.text, start, end, "name", type_)
        return best


def _name_keys(name: str) -> list[str]:
    """Sound keys of a name's words, without the connectors (بن، آل، عبد) that every name shares."""
    words = [w for w in fold(name).split() if w not in roles.CONNECTORS]
    keys = [k for k in (word_key(w) for w in words) if k]
    return keys or [sound_key(name)]


def resolve(text: str, ner_spans: list[Mention] | None = None, kb: KB | None = None) -> list[Entity]:
    """The entities of one text (ids e1, e2 ... in order of first mention); [] when none."""
    kb = kb or load()
    words, joins = words_of(text)
    matches = _disambiguate(text, find(text, kb, words, joins), kb)
    by_word = {m.first_word: m for m in matches}
    doc = _Doc(text, kb)
    pending: list[roles.Title] = []

    for i in range(len(words)):
        h = roles.honorific_at(words, joins, i)
        if h is not None:
            span = roles.name_after(words, joins, text, h, by_word, kb)
            if span:
                doc.person(words[span[0]].start, words[span[1]].end)
    titles = roles.find_titles(text, words, joins, by_word, kb)
    # A seat of government inside a nickname (سيد الكرملين) is part of a person's mention.
    nick_spans = [(t.start, t.end) for t in titles if t.leader and t.role == "رئيس" and t.country
                  and (m := by_word.get(t.first_word + 1)) and m.alias.kb_id.startswith("seat:")]
    last: tuple[roles.Title, _Ent] | None = None
    for t in titles:
        span = (roles.name_after(words, joins, text, t.last_word, by_word, kb)
                or (None if t.coordinated else roles.name_before(words, joins, t.first_word, by_word, kb, text)))
        if span:
            p = doc.person(words[span[0]].start, words[span[1]].end)
            _add_role(p, t)
            p.add(text, t.start, t.end, "title")
            # Stacked titles (خادم الحرمين الشريفين الملك X): the one before is his too.
            prev = pending[-1] if pending else None
            if prev and _adjacent(prev, t, words, joins, by_word, kb) and span[0] > t.last_word:
                pending.pop()
                _add_role(p, prev)
                p.add(text, prev.start, prev.end, "title")
            last = (t, p)
        elif last and _adjacent(last[0], t, words, joins, by_word, kb):
            # ... X ولي العهد نائب رئيس مجلس الوزراء وزير الداخلية: a string of offices after a name.
            _add_role(last[1], t)
            last[1].add(text, t.start, t.end, "title")
            last = (t, last[1])
        else:
            pending.append(t)
            last = None

    for m in matches:
        if doc.taken(m.start, m.end) or any(a <= m.start and m.end <= b for a, b in nick_spans):
            continue
        _add_kb_match(doc, m, words, kb)
    word_ends = [w.end for w in words]  # words are in text order: find a span's words by bisection
    for s in ner_spans or []:  # the tagger fills in what rules and the KB did not find
        if not any(a <= s.start and s.end <= b for a, b in nick_spans):
            _add_ner(doc, s, words, kb, word_ends)
    _bare_names(doc, words, joins, by_word)

    _add_orgs(doc, words, joins, by_word, titles)
    for t in sorted(pending, key=lambda t: t.start):
        _resolve_title(doc, t)
    _surnames(doc, words, joins)
    _descriptors(doc, words, joins, kb, titles)
    return _entities(doc, kb)


def _adjacent(a: roles.Title, b: roles.Title, words: list[Word], joins: list[bool], by_word: dict, kb: KB) -> bool:
    """Title ``b`` follows title ``a`` directly (or after a's prepositional complement)."""
    end = roles.complement_end(words, joins, a.last_word, by_word, kb)
    return end == b.first_word - 1 and joins[end]


def _bare_names(doc: _Doc, words: list[Word], joins: list[bool], by_word: dict) -> None:
    """Full names with no title beside them (محاكمة محمد مرسي): two or more words in a row that
    the name lexicon knows as name words (or a known name and a family name: سعود العريفي)."""
    kb, i = doc.kb, 0
    while i < len(words):
        w = words[i].text
        first = w[1:] if w.startswith("و") and not kb.is_name_token(w) else w
        if not kb.is_name_token(first) or first in roles.AMBIGUOUS_NAMES or i in by_word or not joins[i]:
            i += 1
            continue
        span = roles.bare_name_at(words, joins, i, by_word, kb, first)
        if span and span[1] > span[0]:
            names = [x for x in range(span[0], span[1] + 1) if kb.is_name_token(words[x].text)]
            if len(names) >= 2 or words[span[1]].text.startswith("ال"):
                start = words[i].at(len(w) - len(first))
                if not doc.taken(start, words[span[1]].end, ("name", "title", "metonym")):
                    doc.person(start, words[span[1]].end)
                i = span[1] + 1
                continue
        i += 1


def _add_role(p: _Ent, t: roles.Title) -> None:
    role = (t.role, t.country, t.leader)
    if role not in p.roles:
        p.roles.append(role)


def _add_kb_match(doc: _Doc, m: Match, words: list[Word], kb: KB) -> None:
    e = kb.get(m.alias.kb_id) or {}
    text = doc.text
    if e.get("seat_of"):
        country = kb.country(e["seat_of"])
        if country:
            doc.kb_entity(country).add(text, m.start, m.end, "metonym")
            return
    if e.get("capital_of") and not _locative(m, words):
        country = kb.country(e["capital_of"])
        if country:
            doc.kb_entity(country).add(text, m.start, m.end, "metonym")
            return
    kind = "descriptor" if m.alias.kind == "demonym" else "name"
    doc.kb_entity(m.alias.kb_id).add(text, m.start, m.end, kind)


def _disambiguate(text: str, matches: list[Match], kb: KB) -> list[Match]:
    """A name a country shares with another country's city (عمان: Oman, and Amman in Jordan) goes
    to the city when the text writes the city's shadda (عمّان), or names the city's country and
    nothing else of the first country (no «العماني», «مسقط»)."""
    named: dict[str, set[str]] = {}
    for m in matches:
        named.setdefault(m.alias.kb_id, set()).add(fold(m.alias.text))
    out = []
    for m in matches:
        here = fold(m.alias.text)
        for c in kb.exact.get(here, ()):
            city = kb.get(c.kb_id) or {}
            own = kb.get(m.alias.kb_id) or {}
            if not c.kb_id.startswith("city:") or not own.get("iso") or city.get("country") in (None, own["iso"]):
                continue
            shadda = "\u0651" in text[m.start:m.end]
            its_country = kb.country(city["country"]) in named
            other_cues = bool(named.get(m.alias.kb_id, set()) - {here})
            if shadda or (its_country and not other_cues):
                m = replace(m, alias=c)
                break
        out.append(m)
    return out


def _locative(m: Match, words: list[Word]) -> bool:
    """A capital used as a place (في موسكو، بموسكو، العاصمة موسكو), not as its state."""
    if "ب" in m.prefix:
        return True
    return m.first_word > 0 and words[m.first_word - 1].text in _LOCATIVE


def _add_ner(doc: _Doc, s: Mention, words: list[Word], kb: KB, word_ends: list[int]) -> None:
    """A tagger span that no rule or KB name has covered: a person (trimmed of trailing words
    that cannot end a name), or a place/organisation linked to the KB when its text is there."""
    if s.end <= s.start or doc.taken(s.start, s.end, ("name", "metonym", "descriptor", "title")):
        return
    i = bisect.bisect_right(word_ends, s.start)
    span_words = []
    while i < len(words) and words[i].start < s.end:
        span_words.append(words[i])
        i += 1
    if not span_words:
        return
    if (s.type or "").upper().startswith("PER"):
        while len(span_words) > 1 and not _may_end_name(span_words[-1].text, kb):
            span_words.pop()  # «كارتر لخادم»: the tagger ran on into the next phrase
        doc.person(max(s.start, span_words[0].start), span_words[-1].end, s.type)
        return
    first_word = span_words[0]
    inside = first_word.text[max(0, len(first_word.text) - (first_word.end - s.start)):] \
        if first_word.start < s.start else first_word.text
    rest = [w.text for w in span_words[1:]]
    for exact in (True, False):
        for prefix, first in proclitic_splits(inside):
            alias = _lookup(first, rest, kb, exact)
            if alias:
                start = first_word.at(len(first_word.text) - len(inside) + len(prefix))
                m = Match(start, s.end, alias, exact, words.index(first_word), len(span_words), prefix)
                _add_kb_match(doc, m, words, kb)
                return
    key = sound_key(doc.text[s.start:s.end])
    type_ = {"LOC": "LOC", "GPE": "GPE", "ORG": "ORG"}.get((s.type or "").upper(), "MISC")
    for e in doc.ents:
        if e.kb_id is None and e.type == type_ and e.keys == [key]:
            e.add(doc.text, s.start, s.end, "name", s.type)
            return
    ent = _Ent(type=type_, name=doc.text[s.start:s.end], keys=[key])
    ent.add(doc.text, s.start, s.end, "name", s.type)
    doc.adopt(ent)


def _may_end_name(w: str, kb: KB) -> bool:
    """Not a preposition-led word (لخادم، بالمركز) nor a function word: one that may close a name."""
    if kb.is_name_token(w):
        return True
    if w in roles.STOP or roles.HEADS.get(w) or (w[:1] in ("ل", "ب") and (kb.is_common(w[1:]) or w[1:].startswith("ال"))):
        return False
    return not kb.is_common(w)


def _add_orgs(doc: _Doc, words: list[Word], joins: list[bool], by_word: dict, titles: list[roles.Title]) -> None:
    """Organisation and facility names found by their head noun, with their bracketed acronyms."""
    text, kb = doc.text, doc.kb
    for start, end, type_, acronyms in orgs.find(text, words, joins, by_word, kb, lambda w: roles.name_like(w, kb)):
        if any(t.start <= start < t.end for t in titles):
            continue  # رئيس «مجلس الوزراء»: part of a title
        if any(m.start < end and start < m.end and (e.type == "PER" or (m.start, m.end) == (start, end))
               for e in doc.ents for m in e.mentions):
            continue
        key = sound_key(text[start:end])
        ent = next((e for e in doc.ents if e.kb_id is None and e.type == type_ and e.keys == [key]), None)
        if ent is None:
            ent = _Ent(type=type_, name=text[start:end], keys=[key])
            doc.adopt(ent)
        ent.add(text, start, end, "name")
        for a_start, a_end in acronyms:
            acronym = text[a_start:a_end]
            ent.add(text, a_start, a_end, "name")
            for m in re.finditer(rf"(?<![A-Za-z]){re.escape(acronym)}(?![A-Za-z])", text[a_end:]):
                ent.add(text, a_end + m.start(), a_end + m.end(), "name")


def _resolve_title(doc: _Doc, t: roles.Title) -> None:
    people = [e for e in doc.ents if e.type == "PER" and e.keys]
    holders = [p for p in people if any(r == t.role and c == t.country for r, c, _ in p.roles)]
    if not holders and t.leader and t.country:
        holders = [p for p in people if any(c == t.country and lead for _, c, lead in p.roles)]
    if len(holders) == 1:
        holders[0].add(doc.text, t.start, t.end, "title")
        return
    if t.country is None and " " not in t.role:
        return  # a bare «الرئيس» nobody in the article holds: too vague to count
    for e in doc.ents:  # the same unnamed office mentioned again
        if e.type == "PER" and not e.keys and e.roles and e.roles[0][:2] == (t.role, t.country):
            e.add(doc.text, t.start, t.end, "title")
            return
    e = _Ent(type="PER", name=doc.text[t.start:t.end], roles=[(t.role, t.country, t.leader)])
    e.add(doc.text, t.start, t.end, "title")
    doc.adopt(e)


def _surnames(doc: _Doc, words: list[Word], joins: list[bool]) -> None:
    """A lone name word (ألميدا، لكارتر) of exactly one person named in full elsewhere."""
    people = [e for e in doc.ents if e.type == "PER" and len(e.keys) >= 2]
    tokens = {id(p): _standalone(p.name) for p in people}
    kb = doc.kb
    i = 0
    while i < len(words):
        owner, run_end, start = None, i, None
        j = i
        while j < len(words):
            hit = None
            splits = proclitic_splits(words[j].text) if j == i else [("", words[j].text)]
            for prefix, w in splits:
                inner = j > i and w in roles.CONNECTORS  # بن، عبد inside a repeated full name
                if not inner and (len(w) < 3 or (kb.is_common(w) and not kb.is_name_token(w)) or w in roles.STOP
                                  or w in roles.CONNECTORS):
                    continue
                # A run starts on a word that stands alone in the name (not الله of عبد الله).
                cands = [p for p in people if w in (tokens[id(p)][1] if j > i else tokens[id(p)][0])]
                if not cands and len(w) >= 4:
                    cands = [p for p in people if word_key(w) in p.keys and _token_like(w, p.name)]
                if len(cands) == 1 and (owner is None or cands[0] is owner):
                    hit = (cands[0], prefix)
                    break
            if not hit:
                break
            owner = hit[0]
            if j == i:
                start = words[j].at(len(hit[1]))
            run_end = j
            if not joins[j]:
                break
            j += 1
        if owner and not doc.taken(start, words[run_end].end, ("name", "title", "metonym", "descriptor")):
            owner.add(doc.text, start, words[run_end].end, "name")
            i = run_end + 1
        else:
            i += 1


def _standalone(name: str) -> tuple[set[str], set[str]]:
    """(words that may stand for the person alone, all the name's words): a connector and the
    word right after it (عبد الله، بن نايف) never stand alone."""
    toks = fold(name).split()
    alone = {t for n, t in enumerate(toks) if t not in roles.CONNECTORS and (n == 0 or toks[n - 1] not in roles.CONNECTORS)}
    return alone, set(toks)


def _token_like(w: str, name: str) -> bool:
    """Another spelling of one of the name's words (غوردون / جوردون), not just a similar word."""
    return any(word_key(t) == word_key(w) and similar(t, w, 0.85) for t in fold(name).split())


def _descriptors(doc: _Doc, words: list[Word], joins: list[bool], kb: KB, titles: list[roles.Title]) -> None:
    countries = [e for e in doc.ents if e.kb_id and e.kb_id.startswith("country:")]
    for start, end, group, dual in descriptors.find(words, joins):
        if doc.taken(start, end, ("name", "title", "metonym")):
            continue
        if group == "kingdom":
            _kingdom(doc, start, end, countries, titles)
            continue
        before = sorted(((max(m.start for m in c.mentions if m.start < start), c) for c in countries
                         if any(m.start < start for m in c.mentions)), key=lambda x: -x[0])
        if dual:
            for _, c in before[:2] if len(before) >= 2 else []:
                c.add(doc.text, start, end, "descriptor")
            continue
        fit = [c for _, c in before if descriptors.fits(kb.get(c.kb_id) or {}, group)]
        if fit:
            fit[0].add(doc.text, start, end, "descriptor")
            for e in doc.ents:  # «الآسيوية» in «الدولة الآسيوية» is not a mention of Asia
                e.mentions = [m for m in e.mentions if not (start <= m.start and m.end <= end and (m.start, m.end) != (start, end))]
            doc.reindex()


def _kingdom(doc: _Doc, start: int, end: int, countries: list[_Ent], titles: list[roles.Title]) -> None:
    """«المملكة» alone: the nearest kingdom named before it (else after it), counting the
    countries of titles (ملك، خادم الحرمين الشريفين) as naming theirs."""
    kb = doc.kb
    seen = [(m.start, c.kb_id) for c in countries for m in c.mentions if m.kind in ("name", "descriptor", "metonym")]
    seen += [(t.start, kb.country(t.country)) for t in titles if t.country and kb.country(t.country)]
    kingdoms = [(pos, kid) for pos, kid in seen if descriptors.fits(kb.get(kid) or {}, "kingdom") and pos != start]
    before = [x for x in kingdoms if x[0] < start]
    pick = max(before) if before else min(kingdoms, default=None)
    if pick:
        doc.kb_entity(pick[1]).add(doc.text, start, end, "descriptor")


def _entities(doc: _Doc, kb: KB) -> list[Entity]:
    out = []
    for e in doc.ents:
        if not e.mentions:
            continue
        e.mentions.sort(key=lambda m: (m.start, m.end))
        if e.type == "PER" and e.keys:
            names = [m.text for m in e.mentions if m.kind == "name"]
            e.name = max(names, key=lambda n: (len(n.split()), len(n))) if names else e.name
            e.name_en = _english(e.name, kb)
        roles_txt = []
        specific = {r for r, iso, _ in e.roles if iso}
        for role, iso, _ in e.roles:
            if not iso and role in specific:
                continue  # «الرئيس» says less than «الرئيس الروسي»
            country = kb.get(kb.country(iso)) if iso else None
            txt = f"{role} — {country['name']}" if country else role
            if txt not in roles_txt:
                roles_txt.append(txt)
        out.append(Entity(id="", type=e.type, name=e.name, name_en=e.name_en, kb_id=e.kb_id,
                          roles=roles_txt, mentions=e.mentions))
    out.sort(key=lambda e: e.mentions[0].start)
    for n, e in enumerate(out, 1):
        e.id = f"e{n}"
    return out


def _english(name: str, kb: KB) -> str | None:
    parts = [kb.translit.get(w) for w in fold(name).split()]
    return " ".join(p.title() for p in parts) if parts and all(parts) else None
