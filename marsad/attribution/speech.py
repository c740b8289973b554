"""Find who said what in a text: direct quotes, reported speech and their speaker spans.

Works on the folded text (so spelling variants match) and reports offsets into the original.
The grammar is the one Arabic news uses:

* verb, speaker, then content: «قال X إن …», «وقال X، خلال …: "…"», «نقلت وكالة Y عن X قوله إن …»
* a noun object instead of an أن-clause: «أكد X ضرورة …», «كشف X عن …», «نفى X صحة …»
* speaker before the verb: «وكان X قد أعلن أن …», «لكن Y تنفي هذه المزاعم», «X الذي قال إن …»
* content first: «"…"، قال X», «… ، وفقا لـ X»
* no speaker at all: «وأضاف أن …», «مضيفا: "…"» continue the previous speaker; «ويعتقد أن …» is
  impersonal.
* headlines: «الوزير: لن نرفع الأسعار» (``Finder.headline``, for headline blocks only).

Quoted spans of one to three words that no speech cue introduces (وكالة "X", scare quotes) are
names, not quotes.  Entity mentions, when given, help split a speaker from a noun object.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..text.normalize import DIACRITICS_RE, fold, fold_with_map
from ..text.sentences import split
from . import lexicon as lx
from .marks import Quoted, quoted_spans

MAX_SPEAKER_WORDS = 30
# After a comma, these open a new clause, never more of a speaker phrase.
_NEW_CLAUSE_RE = re.compile(r"\s*(?:الا|لكن|ولكن|بل|حيث|بينما|فيما)(?![\w])")
# «لـ»، «لوكالة»، «لصحيفة»: the one spoken to, which ends a speaker phrase.
_RECIPIENT_RE = re.compile(r"^(?:ل(?:وكاله|صحيفه|قناه|موقع|مجله|اذاعه|تلفزيون|شبكه|وسايل)?|لل\w+|"
                           r"ل(?!اعب)\w{2,}(?:ه|ها|هم|هما))$")
END_PUNCT = ".!?؟"
QUOTE_CHARS = '"«“”„'
CONNECTORS = {"و", "ف", "كان", "وكان", "قد", "وقد", "كما", "ثم", "فيما", "بينما", "حيث", "لكن", "ولكن", "الا",
              "غير", "ان", "اذ", "بل", "فقد", "لقد", "وكانت", "كانت", "فكان", "فكانت"}
RELATIVES = {"الذي", "التي", "الذين", "اللذان", "اللتان", "والذي", "والتي", "والذين"}
PREPOSITIONS = {"عن", "في", "من", "علي", "الي", "مع", "حول", "بشان", "خلال", "فيما", "وفيما", "بعد", "قبل", "عند",
                "لدي", "ازاء", "تجاه", "وعن", "وفي", "ومن", "وحول", "وعلي", "وعند", "وبشان", "وخلال", "وردا", "ردا"}
# Verbs that follow a quote they attribute («"…"، قال X»).
AFTER_QUOTE = {"قال", "أضاف", "تابع", "أردف", "استطرد", "أوضح", "ذكر", "بحسب", "وفقا لـ", "على حد قول", "نقلا عن"}


@dataclass
class Found:
    """One attributed statement, with spans into the original text."""

    kind: str  # direct | reported
    start: int
    end: int
    verb: str | None = None
    stance: str = "asserts"
    hedge: str | None = None
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    via: tuple[int, int] | None = None
    inherit: bool = False  # the speaker is the previous statement's (وأضاف، مضيفا)
    impersonal: bool = False  # ويعتقد أن …: nobody in particular
    participle: bool = False  # cued by مضيفا، مشيرا: its speaker is the clause's subject


@dataclass
class _Word:
    text: str  # folded
    start: int  # offsets into the original
    end: int


class Finder:
    """One pass over one text.  ``find`` returns the statements in text order."""

    def __init__(self, text: str, blocks: list[tuple[int, int]] | None = None,
                 sentences: list[tuple[int, int]] | None = None,
                 mentions: list[tuple] | None = None):
        self.text = text
        self.folded, self.idx = fold_with_map(text)
        self.pos = [0] * (len(text) + 1)  # original index -> first folded index at or after it
        j = len(self.idx)
        for i in range(len(text), -1, -1):
            while j > 0 and self.idx[j - 1] >= i:
                j -= 1
            self.pos[i] = j
        self.blocks = blocks or [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        if sentences is None:
            sentences = [(s.start, s.end) for b in self.blocks for s in split(text, b[0], b[1])]
        self.sentences = sorted(sentences)
        self._sentence_starts = [s for s, _ in self.sentences]
        mentions = sorted(mentions or [], reverse=True)
        self.mention_starts = {m[0]: m[1] for m in mentions}
        self.mentions = [(m[0], m[1], m[2] if len(m) > 2 else None) for m in mentions]
        self.persons = sorted((m[0], m[1]) for m in self.mentions if m[2] == "PER")
        self._names: list[Quoted] = []
        self._opens: set[int] = set()

    # -- small helpers ------------------------------------------------------------------------
    def f(self, s: int, e: int) -> str:
        """Folded text of the original range [s, e)."""
        return self.folded[self.pos[s]:self.pos[e]]

    def orig(self, fs: int, fe: int) -> tuple[int, int]:
        """Original span of the folded range [fs, fe), with the end carried over trailing diacritics."""
        e = self.idx[fe - 1] + 1
        while e < len(self.text) and DIACRITICS_RE.match(self.text[e]):
            e += 1
        return self.idx[fs], e

    def words(self, s: int, e: int) -> list[_Word]:
        fs = self.pos[s]
        return [_Word(m.group(0), *self.orig(fs + m.start(), fs + m.end()))
                for m in lx.WORD_RE.finditer(self.folded[fs:self.pos[e]])]

    def sentence_of(self, i: int) -> tuple[int, int]:
        k = bisect.bisect_right(self._sentence_starts, i) - 1
        if k >= 0 and i < self.sentences[k][1]:
            return self.sentences[k]
        return i, i

    def trim(self, s: int, e: int) -> tuple[int, int]:
        t = self.text
        while s < e and (t[s].isspace() or t[s] in "،,:؛;-–—" or DIACRITICS_RE.match(t[s])):
            s += 1
        while e > s and (t[e - 1].isspace() or t[e - 1] in "،,:؛;-–—."):
            e -= 1
        return s, e

    # -- the passes ---------------------------------------------------------------------------
    def find(self) -> list[Found]:
        out: list[Found] = []
        for bs, be in self.blocks:
            out.extend(self._block(bs, be))
        out.sort(key=lambda x: (x.start, x.end))
        return out

    def _block(self, bs: int, be: int) -> list[Found]:
        quotes = quoted_spans(self.text, bs, be)
        self._names = [q for q in quotes if self._is_name(q, bs)]
        real = [q for q in quotes if q not in self._names]
        self._opens = {q.open for q in real}
        cues = self._cues(bs, be)
        found: list[Found] = []
        used_cues: set[int] = set()
        used_quotes: set[int] = set()
        # 1. Direct quotes introduced by a cue before them, or followed by one.
        for qi, q in enumerate(real):
            got = self._quote_before(q, cues, real, bs) or self._quote_after(q, cues, bs, be)
            if got is None:
                continue
            fnd, ci = got
            found.append(fnd)
            used_quotes.add(qi)
            used_cues.add(ci)
        # 2. Reported speech and source phrases.
        for ci, cue in enumerate(cues):
            if ci in used_cues:
                continue
            fnd = self._reported(cue, real, be)
            if fnd is not None:
                found.append(fnd)
        found = self._relays(found)
        # 3. Quotes with no cue: a paragraph opening with a quote continues the last speaker.
        covered = [(x.start, x.end) for x in found]
        for qi, q in enumerate(real):
            if qi in used_quotes or any(s <= q.start < e for s, e in covered):
                continue
            if len(self.words(q.start, q.end)) >= 4 and not self.f(bs, q.open).strip():
                found.append(Found("direct", *self._content(q), inherit=True))
        return found

    def headline(self, bs: int, be: int) -> Found | None:
        """«الوزير: لن نرفع الأسعار» — a headline that gives a speaker, a colon and their words."""
        k = self.text.find(":", bs, be)
        if k < 0:
            return None
        ws = self.words(bs, k)
        r = next((i for i, w in enumerate(ws) if i and w.text == "ل"), None)
        if r is not None:  # «مسؤول لـ"الصحيفة": …»: the one spoken to is not the speaker
            ws = ws[:r]
        s, e = self.trim(k + 1, be)
        if not ws or len(ws) > 4 or len(self.words(s, e)) < 2 or re.search(r"[.،,؛؟!]", self.text[bs:ws[-1].end]):
            return None
        if any(w.text in lx.HEADLINE_LABELS or lx.VERB_RE.fullmatch(w.text) for w in ws):
            return None
        spk = self.trim(ws[0].start, ws[-1].end)  # from the first word: «"الخمعلي": …» keeps no mark
        types = {t for ms, me, t in self.mentions if ms < spk[1] and spk[0] < me}
        if types & {"PER", "ORG"}:
            pass
        elif types or (len(ws) > 1 and not lx.SOURCE_HEAD_RE.match(ws[0].text)):
            return None  # «لبنان: …»، «حادثة الطائرة: …»: a topic label, not a speaker
        if self.text[s] in QUOTE_CHARS and self.text[e - 1] in QUOTE_CHARS + "»”":
            s, e = s + 1, e - 1
        return Found("direct", s, e, speaker=spk)

    def _relays(self, found: list[Found]) -> list[Found]:
        """«وحسب موقع X، أضاف Y أنه …» / «… قال Y إن …، وفقا لصحيفة X»: the source phrase relays Y's
        statement (X becomes its ``via``) rather than making a statement of its own."""
        out = []
        for f in found:
            if f.verb in lx.ACCORDING_LEMMAS and f.kind == "reported":
                inner = next((g for g in found if g is not f and g.cue and g.verb not in lx.ACCORDING_LEMMAS
                              and (f.start <= g.cue[0] < f.end or g.start <= f.cue[0] <= g.end + 2)), None)
                if inner is not None:
                    if inner.via is None:
                        inner.via = f.speaker
                    continue
            out.append(f)
        return out

    def _is_name(self, q: Quoted, bs: int) -> bool:
        """A short quoted span not introduced as speech: a name (وكالة "X") or a scare quote."""
        n = len(self.words(q.start, q.end))
        if not q.closed or n > 5:
            return False
        before = self.f(max(bs, q.open - 40), q.open).rstrip()
        if lx.NAME_BEFORE_RE.search(before):
            return True
        if n > 3:
            return False
        after = self.f(q.close + 1, min(len(self.text), q.close + 30))
        if lx.VERB_RE.match(after.lstrip(" ،,-")) or lx.ACCORDING_RE.match(after.lstrip(" ،,-")):
            return False  # «"…"، قال X»
        if re.match(r"\s*[\w]", after):
            return True  # the quoted words run on into the sentence: a name or a term
        return not (before.endswith(":") or lx.COMP_RE.search(before[-8:] or " "))

    def _cues(self, bs: int, be: int) -> list[dict]:
        fs, fe = self.pos[bs], self.pos[be]
        cues = []
        for m in lx.ACCORDING_RE.finditer(self.folded, fs, fe):
            s, e = self.orig(m.start(), m.end())
            cues.append({"s": s, "e": e, "verb": None, "according": True, "form": m.group(0)})
        for m in lx.VERB_RE.finditer(self.folded, fs, fe):
            s, e = self.orig(m.start(), m.end())
            if any(c["s"] <= s < c["e"] + 12 and c["form"].endswith("ما") for c in cues if c["according"]):
                continue  # حسبما ذكرت X: the verb belongs to the source phrase
            form = m.group(1)
            cues.append({"s": s, "e": e, "verb": lx.VERBS[form], "according": False, "form": form,
                         "participle": bool(lx.PARTICIPLE_RE.match(form)) and form not in lx.IMPERSONAL})
        cues.sort(key=lambda c: c["s"])
        return cues

    # -- speaker phrases ----------------------------------------------------------------------
    def _scan(self, s: int, limit: int) -> tuple[str, int, int]:
        """Words after a cue up to what stops a speaker phrase.

        Returns (stop kind, stop start, stop end); kind is colon|quote|comp|verb|end|long."""
        names = [(q.open, q.close + 1) for q in self._names]
        i, n, prev = s, 0, ""
        while i < limit:
            ch = self.text[i]
            if any(a <= i < b for a, b in names):
                i += 1
                continue
            if ch == ":":
                return "colon", i, i + 1
            if i in self._opens:
                return "quote", i, i
            if ch in END_PUNCT and (i + 1 >= len(self.text) or not self.text[i + 1].isalnum()
                                    or lx.VERB_RE.match(self.folded, self.pos[i + 1])):
                return "end", i, i
            if ch in "،,؛" and _NEW_CLAUSE_RE.match(self.folded, self.pos[i] + 1):
                return "end", i, i  # «…، إلا أن»: a new clause, not a longer speaker phrase
            if ch.isalnum() and (i == 0 or not self.text[i - 1].isalnum()):
                n += 1
                if n > MAX_SPEAKER_WORDS:
                    return "long", i, i
                m = lx.COMP_RE.match(self.folded, self.pos[i])
                if m and prev not in lx.NOT_COMP_BEFORE:
                    return "comp", i, self.orig(m.start(), m.end())[1]
                v = lx.VERB_RE.match(self.folded, self.pos[i])
                if v and v.group(1) not in lx.COMP_ONLY:
                    return "verb", i, i
                w = lx.WORD_RE.match(self.folded, self.pos[i])
                prev = w.group(0) if w else ""
            i += 1
        return "end", limit, limit

    def _speaker_span(self, s: int, e: int, relay: bool = False) -> tuple[tuple | None, tuple | None]:
        """The speaker inside [s, e) (after the verb), cut before circumstances; and the relay."""
        s, e = self.trim(s, e)
        if s >= e:
            return None, None
        via = None
        if relay:
            ws = self.words(s, e)
            k = next((i for i, w in enumerate(ws) if w.text == "عن"), None)
            if k is None or k == 0:
                return None, None
            via = self.trim(s, ws[k - 1].end)
            s = ws[k].end
            q = lx.QAWL_RE.search(self.f(s, e))
            if q:
                e = self.orig(self.pos[s] + q.start(), self.pos[s] + q.end())[0]
        parts = re.split(r"([،,؛])", self.text[s:e])
        out_e, pos, first = s, s, True
        for part in parts:
            if part in "،,؛" and part:
                pos += len(part)
                continue
            ws = self.words(pos, pos + len(part))
            # «كثير من المراقبين»، «عدد من المسؤولين»: من after a quantifier belongs to the speaker
            cut = next((i for i, w in enumerate(ws) if _circumstance(w.text)
                        and not (w.text == "من" and i and ws[i - 1].text in QUANTIFIERS)), None)
            if first:
                if cut == 0:
                    break
                out_e = ws[cut - 1].end if cut else pos + len(part)
                first = False
                if cut:
                    break
            else:  # an apposition after a comma: a short name, not a circumstance
                if cut is not None or not ws or len(ws) > 5:
                    break
                out_e = pos + len(part)
            pos += len(part)
        sp = self._extend_to_person(self.trim(s, out_e), e)
        words = self.words(*sp)
        if not words or all(w.text in lx.PRONOUN_WORDS for w in words):
            return None, via
        return sp, via

    def _extend_to_person(self, sp: tuple[int, int], limit: int) -> tuple[int, int]:
        """«مدير الشراكة في جامعة … عبد الله الصقعبي»: a title cut at «في» still ends with the name."""
        if any(ps < sp[1] and sp[0] < pe for ps, pe in self.persons):
            return sp
        for ps, pe in reversed(self.persons):  # the last name in reach: titles come first
            if sp[1] <= ps and pe <= limit and len(self.words(sp[1], ps)) <= 6 \
                    and not re.search(r"[،,:؛.]", self.text[sp[1]:ps]):
                return sp[0], pe
        return sp

    def _speaker_before(self, cue_s: int) -> tuple[int, int] | None:
        """Subject before the verb: «وكان X قد أعلن أن»، «لكن Y تنفي»، «X الذي قال إن»."""
        ss, _ = self.sentence_of(cue_s)
        if self.folded[self.pos[cue_s]] in "وف" and self.text[ss:cue_s].rstrip()[-1:] in "،,»\"”":
            return None  # «…، وأشار إلى أن»: a verb joined to the previous clause keeps its subject
        ws = self.words(ss, cue_s)
        if ws and ws[-1].text in RELATIVES:  # X الذي قال: the antecedent, a few words back
            head = []
            for w in reversed(ws[:-1]):
                if w.text in PREPOSITIONS or len(head) == 4 or (head and self.text[w.end:w.end + 1] in "،,"):
                    break
                head.insert(0, w)
            return self.trim(head[0].start, head[-1].end) if head else None
        if any(lx.VERB_RE.fullmatch(w.text) or lx.COMP_RE.fullmatch(w.text) for w in ws):
            last = max(i for i, w in enumerate(ws) if lx.VERB_RE.fullmatch(w.text) or lx.COMP_RE.fullmatch(w.text))
            ws = ws[last + 1:]
        text_before = self.text[ss:cue_s]
        for sep in ("لكن", "بينما", "فيما", "في حين"):
            k = text_before.rfind(sep)
            if k >= 0 and len(self.words(ss + k, cue_s)) <= 6:
                ws = self.words(ss + k + len(sep), cue_s)
                break
        while ws and ws[0].text in CONNECTORS:
            ws = ws[1:]
        rel = next((i for i, w in enumerate(ws) if w.text in RELATIVES), None)
        if rel:  # «لاعب الوسط الذي ينافس في … أكد»: the head before the relative clause
            ws = ws[:rel]
        while ws and ws[-1].text in ("قد", "فقد", "لقد"):
            ws = ws[:-1]
        if not ws or len(ws) > 10 or ws[0].text in lx.PRONOUN_WORDS or ws[0].text in PREPOSITIONS:
            return None
        if lx.COMP_RE.fullmatch(ws[0].text) or ws[0].text in lx.CIRCUMSTANCE:
            return None
        return self.trim(ws[0].start, ws[-1].end)

    # -- direct quotes ------------------------------------------------------------------------
    def _content(self, q: Quoted) -> tuple[int, int]:
        s, e = q.start, q.end
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return s, e

    def _quote_before(self, q: Quoted, cues: list[dict], real: list[Quoted], bs: int):
        prev_end = max([r.close + 1 for r in real if r.close < q.open] + [bs])
        for ci in range(len(cues) - 1, -1, -1):
            c = cues[ci]
            if c["e"] > q.open:
                continue
            if c["s"] < prev_end or q.open - c["e"] > 240:
                return None
            kind, ks, ke = self._scan(c["e"], q.open + 1)
            if c["form"] in lx.COMP_ONLY and self.words(c["e"], ks):
                return None
            if kind == "verb" and ks < q.open:
                continue  # a nearer cue comes first in the loop; this one governs something else
            if kind not in ("quote", "colon", "comp"):
                return None
            if _object_index(self.words(c["e"], ks)) is not None:
                return None  # «أكد حرص بلاده على "…"»: the quote is inside a noun object
            if kind in ("comp", "colon") and self.f(ke, q.open).strip():
                return None  # أن … "…": the quote sits inside reported content
            if kind == "comp" and q.closed and not self._ends_clause(q.close + 1):
                return None  # أن "X" يفعل …: the quoted words are only the subject
            return self._make(c, "direct", *self._content(q), spk_end=ks), ci
        return None

    def _ends_clause(self, i: int) -> bool:
        rest = self.f(i, min(len(self.text), i + 40)).lstrip()
        return not rest or rest[0] in ".،,؛:!?؟)" + QUOTE_CHARS or bool(lx.VERB_RE.match(rest))

    def _quote_after(self, q: Quoted, cues: list[dict], bs: int, be: int):
        if not q.closed:
            return None
        before = self.text[bs:q.open].rstrip()
        if before and before[-1] not in ".:!?؟" + QUOTE_CHARS:
            return None  # «"…"، قال X» opens its sentence
        after = q.close + 1
        for ci, c in enumerate(cues):
            if c["s"] < after or self.f(after, c["s"]).strip(" ،,.-") != "":
                continue
            lemma = c["verb"].lemma if c["verb"] else _according_lemma(c["form"])
            if lemma not in AFTER_QUOTE:
                return None
            _, ks, _ = self._scan(c["e"], be)
            end = self._clause_end(c["e"], be, ks)
            fnd = self._make(c, "direct", *self._content(q), spk_end=end, allow_before=False)
            return (fnd, ci) if fnd.speaker or fnd.inherit else None
        return None

    def _clause_end(self, s: int, be: int, limit: int) -> int:
        m = re.search(r"[،,.؛!?؟]", self.text[s:be])
        end = s + m.start() if m else be
        return min(end, limit) if limit > s else end

    # -- reported speech ----------------------------------------------------------------------
    def _reported(self, c: dict, real: list[Quoted], be: int) -> Found | None:
        ss, se = self.sentence_of(c["s"])
        se = max(se, c["e"])
        inside = next((q for q in real if q.start <= c["s"] < q.end), None)
        if inside is not None:  # a cue inside a quote reports only within it
            ss, se = max(ss, inside.start), min(se, inside.end) if inside.end > c["e"] else se
        fnd = self._reported_in(c, ss, se, real, be)
        if fnd is not None and inside is not None and fnd.inherit:
            return None  # «أعتقد أن …» inside a quote: the speaker's own words, already quoted
        if fnd is not None:
            fnd.participle = bool(c.get("participle"))
        return fnd

    def _reported_in(self, c: dict, ss: int, se: int, real: list[Quoted], be: int) -> Found | None:
        if c["according"]:
            return self._according(c, ss, se)
        kind, ks, ke = self._scan(c["e"], se)
        verb: lx.Verb = c["verb"]
        region = self.words(c["e"], ks)
        if c["form"] in lx.COMP_ONLY and (region or kind not in ("comp", "colon")):
            return None
        obj = _object_index(region)
        prep = lx.OBJECT_PREPOSITIONS.get(verb.lemma)
        k = next((i for i, w in enumerate(region[:10]) if w.text == prep), None) if prep else None
        if k is not None and (obj is None or k < obj):
            obj = None  # «حذر من خطورة … على صحة»: the preposition's object comes first
        if verb.lemma in lx.OBJECT_VERBS and obj is not None:
            # «أكد X ضرورة أن …» / «أكد X التزام …»: the object noun opens the content.
            spk = self.trim(c["e"], region[obj - 1].end) if obj else None
            return self._object(c, region[obj].start, se, spk)
        if kind == "colon":
            s, e = self.trim(ke, be)
            if len(self.words(s, e)) < 3:
                return None
            return self._make(c, "direct", s, e, spk_end=ks)
        if kind == "comp":
            s = ke
            e = self._reported_end(s, se)
            for q in real:  # a quote that runs past the sentence end carries the content with it
                if s <= q.open < e and q.close > e:
                    e = q.close + 1 if q.closed else q.close
            s, e = self.trim(s, e)
            if e - s < 3:
                return None
            if s in self._opens:
                return None  # introduced a direct quote, which pass 1 took
            return self._make(c, "reported", s, e, spk_end=ks)
        if verb.lemma in lx.OBJECT_VERBS:
            return self._noun_object(c, region, ss, se)
        return None

    def _object(self, c: dict, s: int, se: int, spk) -> Found:
        e = self._reported_end(s, se)
        s, e = self.trim(s, e)
        if spk is None:  # «وأكد حرص …»: the speaker is before the verb, or the previous one
            return self._make(c, "reported", s, e, spk_end=c["e"])
        return self._make(c, "reported", s, e, spk_span=spk)

    def _noun_object(self, c: dict, region: list[_Word], ss: int, se: int) -> Found | None:
        """«نفى X صحة الأنباء»، «كشف X عن …»، «لكن Y تنفي هذه المزاعم»، «أكد X ضرورة …»."""
        verb: lx.Verb = c["verb"]
        prep = lx.OBJECT_PREPOSITIONS.get(verb.lemma)
        k = next((i for i, w in enumerate(region[:10]) if w.text == prep), None) if prep else None
        if k is not None and k + 1 < len(region):  # «كشف X عن …»، «حذر من …»، «أكد X على …»
            # «حذرت الأسبوع الماضي من …»: a time phrase between verb and object is not a speaker
            spk = self.trim(c["e"], region[k - 1].end) if k and not _circumstance(region[0].text) else None
            return self._object(c, region[k + 1].start, se, spk)
        if prep == "عن":
            return None
        if region and region[0].start in self.mention_starts:  # «أكد X [object]» with X a known entity
            m_end = self.mention_starts[region[0].start]
            rest = [w for w in region if w.start >= m_end]
            if len(rest) >= 2:
                return self._object(c, rest[0].start, se, (region[0].start, m_end))
        if verb.stance != "denies":
            return None
        before = self._speaker_before(c["s"])
        if before:
            e = self._reported_end(c["e"], se)
            s, e = self.trim(c["e"], e)
            return self._make(c, "reported", s, e, spk_span=before) if s < e else None
        k = next((i for i, w in enumerate(region) if lx.DENIAL_ANAPHOR_RE.fullmatch(w.text)
                  or w.text in ("هذه", "تلك", "وجود", "اي", "ما", "قيام", "تورط")), None)
        if k is None:
            return None
        spk = self.trim(c["e"], region[k - 1].end) if k else None
        return self._object(c, region[k].start, se, spk)

    def _reported_end(self, s: int, se: int) -> int:
        """Content runs to the sentence end, or to where a new attribution clause starts:
        «، مضيفا أن»، «لكن Y تنفي»، «، داعيا …»، «، بحسب X», a glued «.وقال»."""
        seg = self.f(s, se)
        fs = self.pos[s]
        for m in re.finditer(r"[،,؛.]\s*|\s(?:لكن|ولكن|بينما|فيما|حيث|اذ)\s+|\s(?=\S)", seg):
            rest = seg[m.end():m.end() + 60]
            sep = m.group(0).strip()
            v = lx.VERB_RE.match(rest)
            v = v if v and v.group(1) not in lx.COMP_ONLY else None
            speech_participle = bool(v and lx.PARTICIPLE_RE.match(v.group(1)) and v.group(1) not in lx.IMPERSONAL)
            if sep == "":  # inside a clause only a speech participle (مشيرا، لافتا) or وقال starts a new one
                cut = speech_participle or bool(lx.CLAUSE_PARTICIPLES.match(rest)) or bool(
                    v and v.group(0) != v.group(1) and v.group(0)[0] == "و")
            elif sep in "،,؛.":
                words = rest.split()
                led = bool(words) and words[0] in ("كما", "ثم", "وكما")  # «، كما ذكر أن»
                if led:
                    v = lx.VERB_RE.match(" ".join(words[1:]))
                conj = bool(words) and words[0] in ("لكن", "ولكن", "بينما", "فيما") and any(
                    lx.VERB_RE.fullmatch(w) for w in words[1:5])
                # A bare verb after a comma usually ends an SVO subject (X، أكد …): not a new clause.
                cut = bool(v and (speech_participle or led or v.group(0) != v.group(1) or sep == ".")) or conj \
                    or bool(lx.CLAUSE_PARTICIPLES.match(rest) or lx.ACCORDING_RE.match(rest))
            else:
                cut = any(lx.VERB_RE.fullmatch(w) for w in rest.split()[:4])
            if cut:
                return self.orig(fs + m.start(), fs + m.start() + 1)[0]
        return se

    def _according(self, c: dict, ss: int, se: int) -> Found | None:
        start = c["e"]
        if c["form"].endswith("ما"):  # حسبما نقلت X: skip the verb
            ws = self.words(c["e"], se)
            start = ws[0].end if len(ws) > 1 else start
        kind, ks, ke = self._scan(start, se)
        spk_end = self._clause_end(start, se, ks)
        spk, _ = self._speaker_span(start, spk_end)
        if spk is None or not self._is_source(spk):
            return None  # «بحسب النوع»، «حسب المواصفات»: not a source
        lead = [w for w in self.words(ss, c["s"]) if w.text not in CONNECTORS]
        if not lead:  # «وبحسب X، فإن …»: content after the source
            rest = self.f(spk_end, se)
            m = re.match(r"[\s،,:]*(?:(?:ف|ب)?ان(?:ه|ها)?\s)?\s*", rest)
            s = self.orig(self.pos[spk_end] + m.end(), self.pos[spk_end] + m.end() + 1)[0] \
                if m and m.end() < len(rest) else spk_end
            s, e = self.trim(s, self._reported_end(s, se))
        else:  # «…، بحسب X»: content before it
            s, e = self.trim(lead[0].start, c["s"])
        if e - s < 3:
            return None
        return Found("reported", s, e, verb=_according_lemma(c["form"]), cue=(c["s"], c["e"]), speaker=spk)

    def _is_source(self, span: tuple[int, int]) -> bool:
        """A phrase after بحسب that names a source: a known entity, or a source/title noun."""
        if any(s < span[1] and span[0] < e for s, e in self.mention_starts.items()):
            return True
        return bool(lx.SOURCE_HEAD_RE.match(self.f(*span)))

    # -- assembling ----------------------------------------------------------------------------
    def _make(self, c: dict, kind: str, s: int, e: int, spk_end: int | None = None,
              spk_span=None, allow_before: bool = True) -> Found:
        verb: lx.Verb | None = c["verb"]
        lemma = verb.lemma if verb else _according_lemma(c["form"])
        fnd = Found(kind, s, e, verb=lemma, cue=(c["s"], c["e"]),
                    stance=verb.stance if verb else "asserts", hedge=verb.hedge if verb else None)
        if spk_span is not None:
            fnd.speaker = spk_span
            return fnd
        via = None
        if c["according"]:
            spk, _ = self._speaker_span(c["e"], spk_end)
        elif c.get("participle") and lemma not in lx.RELAY:
            spk = None  # «مضيفا لـX أن»، «قائلين لرويترز إن»: a participle never names its speaker
        else:
            spk, via = self._speaker_span(c["e"], spk_end, relay=lemma in lx.RELAY)
            if lemma in lx.RELAY and spk is None:
                fnd.inherit = True
        fnd.speaker, fnd.via = spk, via
        if spk is None and verb is not None:
            if c["form"] in lx.IMPERSONAL and not self.words(c["e"], spk_end or c["e"]):
                fnd.impersonal = True
            elif c.get("participle") or not allow_before:
                fnd.inherit = True
            else:
                fnd.speaker = self._speaker_before(c["s"])
                fnd.inherit = fnd.speaker is None
        return fnd


def _object_index(region: list[_Word]) -> int | None:
    """Where a noun object (ضرورة، حرص …) starts in a speaker region; not inside a relative clause."""
    for i, w in enumerate(region):
        if w.text in RELATIVES:
            return None
        if w.text in lx.OBJECT_NOUNS:
            return i
    return None


QUANTIFIERS = {fold(w) for w in ("كثير", "الكثير", "عدد", "بعض", "معظم", "أغلب", "غالبية", "عشرات", "مئات",
                                 "آلاف", "جملة", "مجموعة", "أحد", "إحدى")}


def _circumstance(word: str) -> bool:
    return word in lx.CIRCUMSTANCE or bool(_RECIPIENT_RE.match(word))


def _according_lemma(form: str) -> str:
    f = form[1:] if form[:1] in "وف" and not form.startswith("وفق") else form
    for prefix, lemma in (("حسب", "بحسب"), ("بحسب", "بحسب"), ("وفق", "وفقا لـ"), ("طبقا", "طبقا لـ"),
                          ("نقلا", "نقلا عن"), ("استنادا", "استنادا إلى"), ("جاء", "جاء في"), ("ورد", "ورد في")):
        if f.startswith(prefix):
            return lemma
    return "على حد قول"


def find(text: str, blocks: list[tuple[int, int]] | None = None,
         sentences: list[tuple[int, int]] | None = None,
         mentions: list[tuple[int, int]] | None = None) -> list[Found]:
    """All attributed statements of ``text``, in order (speakers as spans, not yet entities)."""
    return Finder(text, blocks, sentences, mentions).find()
