"""PLOVER event coding from the Arabic sentence: who did what to whom, where, when, and how surely.

For every trigger (see ``triggers``) in a sentence the coder finds its participants among the
article's entity mentions (then NER spans, then agent nouns such as الشرطة or المتظاهرون), reads
the actor and target off Arabic word order — verb-subject-object (هاجم الجيش المدينة), subject
first (الجيش هاجم), a verbal noun with its genitive actor (زيارة الرئيس) and a prepositional target
(على، ضد، إلى، مع) — and the modality off the words that govern it: نفى or لم (denied), طالب or
دعا (demanded), سوف، سـ، من المقرر (planned), قد + imperfect، ربما، يدرس (possible), and a
reported-speech frame (reported).  Weak triggers (دعم، هجوم، اتفاق...) are coded only with a
local actor/target or under a governing verb (شن هجوما، فرض عقوبات): over-coding is the known
failure of dictionary coders.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..article import Article, Entity, Event, Span
from ..text.normalize import fold
from ..text.tokenize import Token
from .triggers import Lexicon, Match, lexicon, word_tokens

PLACE_TYPES = {"GPE", "LOC"}
# Prepositions (folded) that mark a target, a place, or the agent of a passive noun.
TARGET_PREPS = {"علي", "ضد", "الي", "ل", "مع", "بحق", "تجاه", "نحو", "لدي"}
PLACE_PREPS = {"في", "ب", "داخل", "قرب", "بالقرب", "شمال", "جنوب", "شرق", "غرب", "وسط"}
AGENT_PREPS = {"قبل"}  # من قبل X: by X
CLAUSE_MARKS = set("،,؛;:()«»\"“”")
# Verbs whose object is an event noun: شن هجوما، عقد اجتماعا، فرض عقوبات — a governing structure.
SUPPORT_VERBS = {"شن", "نفذ", "اجري", "عقد", "فرض", "قدم", "نظم", "وقع", "ابرم", "اطلق", "وجه",
                 "تلقي", "بدا", "واصل", "استانف", "جدد", "اعلن", "ارسل", "منح", "رفع", "قاد", "خاض",
                 "تبني", "تعرض", "بحث", "ناقش", "اقر", "مدد", "صعد", "توصل", "اتفق", "تبادل",
                 "خرق", "انتهك", "شدد", "وسع", "خفف", "الغي", "علق", "اعاد", "كثف", "جري", "تم", "يتم"}
RELATIVES = {"الذي", "التي", "الذين", "اللذين", "اللتين"}
CONDITIONAL = {"اذا", "لو", "حال", "لولا", "متي"}
# Words that make an event noun part of a name: مجلس التعاون، منظمة التحرير.
NAME_HEADS = {"مجلس", "منظمه", "هييه", "لجنه", "وزاره", "جمعيه", "حركه", "مركز", "صندوق", "اداره",
              "جبهه", "اتحاد", "حزب", "تحالف", "مكتب", "برنامج", "يوم", "عيد", "ساحه", "شارع"}

NEGATIONS = {"لم", "لن", "لا", "ما", "ليس", "ليست", "عدم", "دون", "بدون", "غير"}
DENY = {"نفي", "نفت", "ينفي", "تنفي", "نفوا", "ينفون", "نفيا", "انكر", "انكرت", "ينكر", "تنكر",
        "كذب", "كذبت", "تكذيب", "نافيا", "نافيه", "دحض", "دحضت", "ينفي", "نفيه"}
DEMAND = {"طالب", "طالبت", "يطالب", "تطالب", "طالبوا", "يطالبون", "مطالبا", "مطالبين", "مطالبه",
          "مطالبات", "دعا", "دعت", "يدعو", "تدعو", "دعوا", "يدعون", "داعيا", "دعوه", "دعوات", "حث",
          "حثت", "يحث", "تحث", "ناشد", "ناشدت", "يناشد", "تناشد", "مناشده", "طلب", "طلبت",
          "يطلب", "تطلب", "تطالبان", "يطالبان"}
PLAN_BEFORE = {"سوف", "المقرر", "مقرر", "مقررا", "يعتزم", "تعتزم", "اعتزام", "يعتزمون", "المزمع",
               "مزمع", "المنتظر", "يستعد", "تستعد", "استعداد", "يخطط", "تخطط", "خطه", "يرتقب",
               "ينوي", "تنوي", "نيه", "يتوقع", "تعتزمان", "يعتزمان", "منتظر", "متوقع", "تخطيط",
               "يهدف", "تهدف", "يرمي", "يسعي", "تسعي"}
PLAN_AFTER = {"المرتقب", "المرتقبه", "مرتقب", "مرتقبه", "المقبل", "المقبله", "القادم", "القادمه",
              "المزمع", "المزمعه", "المقرره", "المقرر", "المنتظره", "المنتظر", "المرتقبين"}
POSSIBLE = {"ربما", "يحتمل", "المحتمل", "محتمل", "محتمله", "احتمال", "امكانيه", "امكان", "يدرس",
            "تدرس", "يدرسون", "دراسه", "يبحث", "تبحث", "يبحثان", "تبحثان", "امكانيات", "ممكن",
            "الممكن", "يمكن", "احتمالات"}
POSSIBLE_AFTER = {"قيد"}
SPEECH = {"قال", "قالت", "يقول", "تقول", "اكد", "اكدت", "يؤكد", "تؤكد", "ذكر", "ذكرت", "يذكر",
          "افاد", "افادت", "اعلن", "اعلنت", "صرح", "صرحت", "اوضح", "اوضحت", "اشار", "اشارت",
          "زعم", "زعمت", "يزعم", "ادعي", "ادعت", "نقل", "نقلت", "كشف", "كشفت", "اضاف", "اضافت",
          "وفقا", "حسب", "بحسب", "نقلا", "تقارير", "مصادر", "مصدر", "اعتبر", "اعتبرت", "راي",
          "رات", "يري", "تري", "مضيفا", "مضيفه", "موضحا", "مشيرا", "مؤكدا", "مؤكده", "معتبرا",
          "اتهم", "اتهمت", "يتهم", "تتهم"}
COMPLEMENTIZERS = {"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها"}
# Words right before an event noun that make it someone's report: أعلنوا مقتل، الاتهامات بقصف.
REPORT_NEAR = SPEECH | {"اعلنوا", "اتهامات", "الاتهامات", "اتهام", "الاتهام", "انباء"}
SPOKES = ("متحدث", "ناطق", "spokes", "سفير", "مندوب", "ممثل")
# PLOVER: cooperative acts reported as future intentions are coded AGREE (manual, AGREE section).
FUTURE_AGREE = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033"}


@dataclass
class Participant:
    """A candidate actor/target/location in a sentence: an entity mention, an NER span or an agent noun."""

    start: int
    end: int
    text: str
    first: int  # first token index in the sentence
    last: int
    entity: str | None = None
    etype: str | None = None
    prep: str | None = None  # folded preposition in front of it, if any


@dataclass
class Coded:
    """One coded event with the spans behind its fields (the benchmark scores these)."""

    match: Match
    type: str
    cameo: str
    modality: str
    sentence: int
    actor: Participant | None = None
    target: Participant | None = None
    location: Participant | None = None
    time: str | None = None


def code_article(art: Article, lex: Lexicon | None = None) -> list[Coded]:
    lex = lex or lexicon()
    out: list[Coded] = []
    spans = _reported_spans(art)
    seen: set[str] = set()  # entry forms coded so far: a later definite mention is the same event
    for si, sent in enumerate(art.sentences):
        toks = word_tokens(art.text, sent.start, sent.end)
        if not toks:
            continue
        parts = _participants(art, sent, toks, lex)
        matches = lex.find(art.text, toks)
        governed = _governed(matches, toks)
        for m in matches:
            if m.token in governed:
                continue  # a demand/denial verb that governs another trigger is its modality, not an event
            if m.analysis.definite and not m.analysis.verb and m.entry.form in seen:
                continue  # الاجتماع after اجتماع: a reference back, not a new event
            c = _code(art, si, sent, toks, m, parts, spans)
            if c is not None:
                out.append(c)
                seen.add(m.entry.form)
    return out


def _code(art: Article, si: int, sent: Span, toks: list[Token], m: Match, parts: list[Participant],
          reported: list[tuple[int, int]]) -> Coded | None:
    keys = [fold(t.text) for t in toks]
    i = m.token
    if not m.analysis.verb and i > 0 and _bare(keys[i - 1]) in NAME_HEADS:
        return None
    if any(p.start <= m.start and m.end <= p.end and p.etype != "AGENT" for p in parts):
        return None  # the trigger word is inside a name (مركز الملك ... للإغاثة)
    actor, target, local = _arguments(m, toks, keys, parts)
    governed = _support_verb(keys, i)
    if m.entry.strength == "d" and not governed:
        return None  # الاتفاق، العقوبات named as a thing, not done
    if m.entry.strength == "w" and not (local or governed or m.analysis.possessed):
        return None
    modality = _modality(keys, i, m, toks, reported)
    etype, cameo = m.entry.type, m.entry.cameo
    if modality == "planned" and etype in FUTURE_AGREE:
        etype, cameo = "AGREE", FUTURE_AGREE[etype]
    used = {id(actor), id(target)}
    location = _location(parts, i, used)
    return Coded(match=m, type=etype, cameo=cameo, modality=modality, sentence=si, actor=actor,
                 target=target, location=location, time=_time(art, sent, m))


def _bare(k: str) -> str:
    for p in ("وال", "ال", "و"):
        if k.startswith(p) and len(k) - len(p) >= 3:
            return k[len(p):]
    return k


def _participants(art: Article, sent: Span, toks: list[Token], lex: Lexicon) -> list[Participant]:
    raw: list[Participant] = []
    for e in art.entities:
        for mn in e.mentions:
            if sent.start <= mn.start and mn.end <= sent.end:
                raw.append(Participant(mn.start, mn.end, mn.text, 0, 0, entity=e.id, etype=e.type))
    for mn in art.ner_spans:
        if sent.start <= mn.start and mn.end <= sent.end and not any(
                p.start < mn.end and mn.start < p.end for p in raw):
            raw.append(Participant(mn.start, mn.end, mn.text, 0, 0, etype=mn.type))
    run: list[Token] = []
    for t in toks + [None]:
        if t is not None and t.kind == "word" and lex.is_agent(t.text) and not any(
                p.start < t.end and t.start < p.end for p in raw):
            run.append(t)
            continue
        if run:
            raw.append(Participant(run[0].start, run[-1].end, art.text[run[0].start:run[-1].end], 0, 0, etype="AGENT"))
            run = []
    out = []
    for p in sorted(raw, key=lambda p: p.start):
        idx = [k for k, t in enumerate(toks) if t.start < p.end and p.start < t.end]
        if not idx:
            continue
        p.first, p.last = idx[0], idx[-1]
        p.prep = _prep(art.text, toks, p)
        out.append(p)
    return out


def _prep(text: str, toks: list[Token], p: Participant) -> str | None:
    tok = toks[p.first]
    if p.start > tok.start:  # a clitic preposition glued to the mention: لتونس، ببغداد
        lead = fold(text[tok.start:p.start]).lstrip("وف")
        if lead in ("ل", "ب", "لل"):
            return "ل" if lead.startswith("ل") else "ب"
    k = fold(tok.text)
    # The mention itself starts with the clitic: بالعراق، للحكومة (but not لبنان، ليبيا).
    if p.start == tok.start and len(k) > 4 and (k.startswith(("بال", "لل"))):
        return k[0]
    if p.first > 0:
        prev = fold(toks[p.first - 1].text)
        prev = prev[1:] if prev.startswith("و") and len(prev) > 2 else prev
        if prev in TARGET_PREPS | PLACE_PREPS | AGENT_PREPS:
            return prev
    return None


def _clause(toks: list[Token], i: int) -> tuple[int, int]:
    lo = i
    while lo > 0 and toks[lo - 1].text not in CLAUSE_MARKS:
        lo -= 1
    hi = i
    while hi + 1 < len(toks) and toks[hi + 1].text not in CLAUSE_MARKS:
        hi += 1
    return lo, hi


def _arguments(m: Match, toks: list[Token], keys: list[str], parts: list[Participant]):
    """(actor, target, local): local is True when an argument sits next to the trigger."""
    i = m.token
    lo, hi = _clause(toks, i)
    own = [p for p in parts if p.first <= i <= p.last]
    if own:  # the trigger names its own actors: المتظاهرون، المحتجين
        after = [p for p in parts if i < p.first <= min(hi, i + 8) and p.prep in TARGET_PREPS]
        return own[0], (after[0] if after else None), True
    after = [p for p in parts if i < p.first <= min(hi, i + 8)]
    before = [p for p in parts if lo <= p.last < i]
    actor = target = None
    local = False
    if m.analysis.verb:
        fronted = [p for p in before if p.prep is None and p.last == i - 1]
        if fronted and not _conjoined(toks[i].text):  # SVO: بوتين سيستقبل ماكرون
            actor, local = fronted[-1], True
        elif after and after[0].prep is None and after[0].first <= i + 3:
            actor = after.pop(0)
            local = True
        else:
            subj = [p for p in before if p.prep is None]
            if subj and _conjoined(toks[i].text):  # استقبل A B ويبحث: B, right after A, is an object
                subj = [p for p in subj if not any(q.prep is None and q.last == p.first - 1 for q in before)] or subj
            if subj:
                actor, local = subj[-1], True
            else:  # subject before a clause break: أعلنت الحكومة، أمس، أنها سترسل ...
                head = [p for p in parts if p.last < i and p.prep is None]
                actor = head[0] if head else None
        for p in after:
            if p.prep is None or p.prep in TARGET_PREPS:
                if p.etype in PLACE_TYPES and p.prep not in (None, "الي", "علي", "ضد", "ل", "مع"):
                    continue
                target, local = p, True
                break
    else:
        gen = [p for p in after if p.first <= i + 2 and p.prep is None]
        by = [p for p in after if p.prep in AGENT_PREPS]
        if gen:
            actor = gen[0]
            local = True
        elif by:
            actor, local = by[0], True
        else:
            subj = [p for p in before if p.prep is None]
            if subj and _support_verb(keys, i):
                actor = subj[-1]
                local = True
        for p in after:
            if p is not actor and p.prep in TARGET_PREPS and p.first <= i + 6:
                target, local = p, True
                break
    return actor, target, local


def _conjoined(word: str) -> bool:
    """The trigger verb carries و/ف (وصل is a verb, but ويبحث is و + يبحث): a second verb of the
    sentence, whose subject is the first verb's, not the noun just before it (استقبل الرئيس الوزير
    ويبحث معه)."""
    return fold(word)[:1] in ("و", "ف") and lexicon().analyse(word[1:]) is not None


def _support_verb(keys: list[str], i: int) -> bool:
    """An event noun governed by a light verb near it: شنت ... هجوما، فرضت عقوبات، الهجوم نفذ."""
    for k in keys[max(0, i - 8):i] + keys[i + 1:i + 5]:
        for stem in _verb_keys(k):
            if stem in SUPPORT_VERBS:
                return True
    return False


def _verb_keys(k: str):
    k = k[1:] if k[:1] in ("و", "ف") and len(k) > 3 else k
    for obj in ("", "ها", "ه", "هم"):  # شنها، فرضوه
        if obj and not (k.endswith(obj) and len(k) - len(obj) >= 3):
            continue
        w = k[:len(k) - len(obj)] if obj else k
        yield w
        for suf in ("ت", "وا", "ا", "ن", "و"):
            if w.endswith(suf):
                yield w[:-len(suf)]
    if k[:1] in ("ي", "ت", "س") and len(k) > 3:
        body = k[2:] if k[0] == "س" else k[1:]
        yield body
        for suf in ("ون", "ان", "ين"):
            if body.endswith(suf):
                yield body[:-len(suf)]


def _governed(matches: list[Match], toks: list[Token]) -> set[int]:
    """Tokens of demand verbs (طالب، دعا) that govern another trigger after them in the clause."""
    out = set()
    for m in matches:
        if m.entry.type == "REQUEST":
            _, hi = _clause(toks, m.token)
            if any(o.token > m.token and o.token <= min(hi, m.token + 6) for o in matches if o is not m):
                out.add(m.token)
    return out


def _modality(keys: list[str], i: int, m: Match, toks: list[Token], reported: list[tuple[int, int]]) -> str:
    """The first of denied, demanded, possible, planned, reported that the words around ``i`` mark."""
    _, hi = _clause(toks, i)
    near = [_strip_conj(k) for k in keys[max(0, i - 2):i]]
    window = [_base(k) for k in keys[max(0, i - 8):i]]
    if (near and near[-1] in NEGATIONS) or any(k in DENY for k in window):
        return "denied"
    if any(k in DEMAND for k in window[-6:]):
        return "demanded"
    impf_after_qad = any(keys[j] == "قد" and j + 1 < len(keys) and keys[j + 1][:1] in "يتنا"
                         for j in range(max(0, i - 4), i))
    if impf_after_qad or any(k in POSSIBLE for k in window[-5:]) or any(
            k in POSSIBLE_AFTER for k in keys[i + 1:i + 3]) or any(k in CONDITIONAL for k in window[-4:]):
        return "possible"
    # سيجري محادثات، سيتم التحقيق: a future light verb governs the event noun; اجتماع ... الذي
    # سينعقد: a future verb in the relative clause after it.
    future_gov = any(k.startswith(("سي", "ست", "سن")) and len(k) >= 4 and _is_support(k[1:]) for k in window[-3:])
    after = [_strip_conj(k) for k in keys[i + 1:min(hi + 1, i + 9)]]
    future_rel = any(a in RELATIVES and b.startswith(("سي", "ست", "سن")) and len(b) >= 5
                     for a, b in zip(after, after[1:]))
    if (m.analysis.future or "سوف" in window[-3:] or future_gov or future_rel
            or any(k in PLAN_BEFORE for k in window) or any(k in PLAN_AFTER for k in after)):
        return "planned"
    if any(s <= m.start < e for s, e in reported):
        return "reported"
    if not m.analysis.verb and any(_strip_conj(k) in REPORT_NEAR for k in keys[max(0, i - 3):i]):
        return "reported"  # أعلنوا مقتل ...، الاتهامات بقصف ...
    for j in range(0, i):
        k = _strip_conj(keys[j])
        if _base(keys[j]) in ("وفقا", "حسب", "نقلا"):
            return "reported"
        if k in SPEECH and any(_strip_conj(c) in COMPLEMENTIZERS or toks[jj].text in (":", "«", '"', "“")
                               for jj, c in enumerate(keys[j + 1:min(i, j + 9)], j + 1)):
            return "reported"  # قال X إن ...، أكد أن ...، قال: «...»
    return "happened"


def _is_support(k: str) -> bool:
    return any(s in SUPPORT_VERBS for s in _verb_keys(k))


def _strip_conj(k: str) -> str:
    return k[1:] if k[:1] in ("و", "ف") and len(k) > 3 else k


def _base(k: str) -> str:
    """A folded word without conjunction, preposition and article: وللمطالبة -> مطالبه."""
    k = _strip_conj(k)
    for p in ("بال", "لل", "ال", "ب", "ل"):
        if k.startswith(p) and len(k) - len(p) >= 3:
            return k[len(p):]
    return k


def _location(parts: list[Participant], i: int, used: set[int]) -> Participant | None:
    places = [p for p in parts if p.etype in PLACE_TYPES and id(p) not in used and p.prep in PLACE_PREPS]
    return min(places, key=lambda p: abs(p.first - i)) if places else None


def _time(art: Article, sent: Span, m: Match) -> str | None:
    inside = [t for t in art.timex if sent.start <= t.start and t.end <= sent.end]
    if not inside:
        return None
    return min(inside, key=lambda t: abs(t.start - m.start)).id


def _reported_spans(art: Article) -> list[tuple[int, int]]:
    """Offsets of quoted/reported material: quotes, and claims located in the text.  A span stops
    at the first blank line: reported speech does not run on into the next paragraph."""
    spans = [(q.start, q.end) for q in art.quotes if q.end > q.start]
    for c in art.claims:
        if c.text:
            pos = art.text.find(c.text)
            if pos >= 0:
                spans.append((pos, pos + len(c.text)))
    out = []
    for s, e in spans:
        cut = art.text.find("\n\n", s, e)
        out.append((s, cut if cut >= 0 else e))
    return out


def acting_for(art: Article, entity: Entity | None) -> Entity | None:
    """A spokesman, envoy or representative acts for the state or body they speak for."""
    if entity is None or entity.type != "PER":
        return entity
    for role in entity.roles:
        if not any(w in role.lower() for w in SPOKES):
            continue
        for other in art.entities:
            if other.id == entity.id or other.type not in ("GPE", "ORG"):
                continue
            names = {other.id, other.name, *(mn.text for mn in other.mentions)}
            if any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", role) for n in names if n):
                return other
    return entity


def to_events(art: Article, coded: list[Coded]) -> list[Event]:
    out = []
    for n, c in enumerate(coded, 1):
        actor = acting_for(art, art.entity(c.actor.entity)) if c.actor and c.actor.entity else None
        target = art.entity(c.target.entity) if c.target and c.target.entity else None
        out.append(Event(id=f"v{n}", type=c.type, actor=actor.id if actor else None,
                         target=target.id if target else None,
                         location=c.location.entity if c.location else None, time=c.time,
                         modality=c.modality, trigger=Span(c.match.text, c.match.start, c.match.end),
                         sentence=c.sentence, cameo=c.cameo))
    return out


def events_table(article: Article) -> list[dict]:
    """Flat rows, one per event, for ``marsad export --format events`` and Parquet event tables."""
    rows = []
    for ev in article.events:
        actor, target, loc = (article.entity(x) for x in (ev.actor, ev.target, ev.location))
        timex = next((t for t in article.timex if t.id == ev.time), None)
        rows.append({
            "article_id": article.source.id or (article.corpus or {}).get("id"),
            "url": article.source.url,
            "site": article.source.site,
            "published": article.dates.published,
            "event_id": ev.id,
            "type": ev.type,
            "cameo": ev.cameo,
            "modality": ev.modality,
            "actor": ev.actor,
            "actor_name": actor.name if actor else None,
            "target": ev.target,
            "target_name": target.name if target else None,
            "location": ev.location,
            "location_name": loc.name if loc else None,
            "time": ev.time,
            "time_value": timex.value if timex else None,
            "trigger": ev.trigger.text if ev.trigger else None,
            "start": ev.trigger.start if ev.trigger else None,
            "end": ev.trigger.end if ev.trigger else None,
            "sentence": ev.sentence,
        })
    return rows
