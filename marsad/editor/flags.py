"""Editor's flags other than spelling: one name spelled several ways, a masthead whose dates
disagree, and a participle that lost its preposition (التصريحات الصادرة [عن] الحكومة)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz.distance import OSA

from ..article import Article, Flag, Mention
from ..entities import kb
from ..entities.keys import sound_key
from ..text.normalize import fold
from ..text.tokenize import tokenize
from . import spelling
from ..text.stopwords import STOPWORDS
from .lexicon import idf, ner_lexicon

# --- variant spellings of one name ---------------------------------------------------------

# Letters that transliterate one foreign sound in several ways (g: ج/غ/ق/ك, t: ت/ط, s: س/ص/ث,
# d: د/ض, z: ز/ذ/ظ), and long vowels that writers add or drop.
_SKELETON = str.maketrans({"غ": "G", "ج": "G", "ق": "G", "ك": "G", "ط": "ت", "ص": "س", "ث": "س",
                           "ض": "د", "ذ": "ز", "ظ": "ز"})
_VOWELS_RE = re.compile("(?<=.)[اويى]")
_CLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")  # longest first


def skeleton(word: str) -> str:
    """Consonant skeleton of a folded word under transliteration: جوتنبرج and غوتنبرغ share one.
    The article stays apart, so اللسان (ال + لسان) never merges with السنان."""
    key = fold(word)
    head = ""
    if key.startswith("ال") and len(key) > 4:
        head, key = "ال", key[2:]
    s = _VOWELS_RE.sub("", key.translate(_SKELETON))
    return head + re.sub(r"(.)\1+", r"\1", s)


_ENDING_RE = re.compile("(?:ون|ين|ان|ات|يه|ي|ه|و)$")  # و: construct plural (صائدو/صائدي)


def _inflected(a: str, b: str) -> bool:
    """Two forms of one word (الحوثيون/الحوثيين, تنظيم/تنظيمي, درويش/درويشا, فلسطين/فلسطينيا):
    grammar, not transliteration."""
    def bases(w: str) -> set[str]:
        k = fold(w)
        k = k[2:] if k.startswith("ال") and len(k) > 4 else k
        out = {k}
        if k.endswith("ا") and len(k) > 3:  # accusative tanwin alif
            out.add(k[:-1])
        out |= {_ENDING_RE.sub("", x) for x in out}
        return out
    return bool(bases(a) & bases(b))


def _transliterated(a: str, b: str) -> bool:
    """Two spellings of one foreign word: not inflections, at most one edit apart once the
    letters of one sound are merged (two in words of eight letters or more: نيوآرك is not
    نيويورك, but غوتنبرغ is جوتنبرج), at least one of them not an ordinary Arabic word, and not
    two established Arabic names (حمد/حمود, سعد/سعود: both gazetteer names the corpus knows well),
    and neither a function word (a name followed by من is not a variant of one followed by the
    colloquial مين)."""
    ka, kb_ = fold(a), fold(b)
    if ka in STOPWORDS or kb_ in STOPWORDS:
        return False
    sa, sb = ka.translate(_SKELETON), kb_.translate(_SKELETON)
    if _inflected(a, b) or OSA.distance(sa, sb) > max(1, min(len(sa), len(sb)) // 4):
        return False
    names, df = ner_lexicon().names, idf().df
    if all(k in names and df.get(k, 0) >= 50 for k in (ka, kb_)):
        return False
    return _foreign(a) or _foreign(b)


def _foreign(word: str) -> bool:
    """Not an ordinary Arabic word: hunspell rejects it (or, without hunspell, the corpus barely
    knows it).  Verb forms such as ويتحمل/وتحمل are ordinary words, not names."""
    d = spelling.dictionary()
    if d is not None:
        return not d.check(word)
    return idf().df.get(fold(word), 0) < 50


def _name_mentions(art: Article) -> list[Mention]:
    """Name mentions that start at a word's start (not a clipped للـ), each span once."""
    seen, out = set(), []
    for m in [m for e in art.entities for m in e.mentions if m.kind == "name"]:
        if m.start > 0 and art.text[m.start - 1].isalpha():
            continue
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            out.append(m)
    return out


def _bare(m: Mention, firsts: set[str], exact: set[str]) -> tuple[str, int]:
    """Mention text without a leading و/ف/ب/ل/ك when another mention starts with the rest:
    after و/ف the rest may be a variant (وغوتنبرغ ~ جوتنبرج); after ب/ل/ك it must be the same word,
    since names begin with those letters too (بارون is not ب + ارون)."""
    words = m.text.split()
    if not words:
        return m.text, m.start
    for c in _CLITICS:
        rest = words[0][len(c):]
        if not words[0].startswith(c) or len(rest) < 2:
            continue
        if c in ("و", "ف") and skeleton(rest) in firsts or fold(rest) in exact:
            return m.text[len(c):], m.start + len(c)
    return m.text, m.start


def _scan(art: Article, keys: list[tuple[str, ...]], firsts: set[str], exact: set[str]
          ) -> dict[tuple[str, ...], list[tuple[str, int]]]:
    """Unlinked spellings of multi-word names in the text: word windows with the same skeleton."""
    words = [t for t in tokenize(art.text) if t.kind == "word"]
    skels = [skeleton(t.text) for t in words]
    heads = []  # each word as the first of a name: (clitic length, skeleton of the rest)
    for t, sk in zip(words, skels):
        cut = _bare(Mention(t.text, t.start, t.end), firsts, exact)[1] - t.start
        heads.append((cut, skeleton(t.text[cut:]) if cut else sk))
    out: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
    for key in keys:
        n = len(key)
        for i in range(len(words) - n + 1):
            if heads[i][1] != key[0] or tuple(skels[i + 1:i + n]) != key[1:]:
                continue
            win = words[i:i + n]
            if any(art.text[a.end:b.start] != " " for a, b in zip(win, win[1:])):
                continue
            start = win[0].start + heads[i][0]
            out[key].append((art.text[start:win[-1].end], start))
    return out


def _df(form: str) -> int:
    """How common the rarest word of a spelling is in the news corpus (tie-break: house usage)."""
    return min(idf().df.get(fold(w), 0) for w in form.split())


def _same_name(a: str, b: str) -> bool:
    """Two spellings of one name: as many words, and every word that differs a transliteration."""
    wa, wb = a.split(), b.split()
    diff = [(x, y) for x, y in zip(wa, wb) if fold(x) != fold(y)]
    return len(wa) == len(wb) and bool(diff) and all(_transliterated(x, y) for x, y in diff)


def _kb_spelling(kb_ids: set[str | None], forms: list[str]) -> str | None:
    """The knowledge base's spelling of a name the article writes several ways: when every
    occurrence is a mention linked to one KB entity (``kb_ids`` holds None for one that is not:
    a currency one letter from a country stays out) and its canonical name is one of the forms,
    or is the same name in another transliteration of every one of them (not a different name,
    such as a country's full name for its short one)."""
    if len(kb_ids) != 1 or None in kb_ids:
        kb_ids = _kb_named(forms)  # the stage may link one spelling as a place, another as its state
    if len(kb_ids) != 1:
        return None
    name = (kb.load().get(next(iter(kb_ids))) or {}).get("name")
    if not name:
        return None
    if any(fold(f) == fold(name) for f in forms):
        return name
    return name if all(_same_name(f, name) for f in forms) else None


def _kb_named(forms: list[str]) -> set[str]:
    """The KB entries whose names (as written, or by sound key) cover every one of the forms."""
    base = kb.load()
    common: set[str] | None = None
    for f in forms:
        ids = {a.kb_id for a in base.exact.get(fold(f), []) + base.by_key.get(sound_key(f), [])
               if a.kind == "name"}
        common = ids if common is None else common & ids
        if not common:
            return set()
    return common or set()


def variant_flags(art: Article) -> list[Flag]:
    """Minority spellings of a name that differ from its main spelling only in transliteration.

    Forms come from the entities' name mentions; for multi-word names the text is also
    scanned for unlinked windows with the same skeleton.  Every differing pair of words must pass
    ``_transliterated`` (one side unknown to hunspell, one edit apart, not inflections, not two
    established Arabic names), so two ordinary words never count as variants.  The main spelling
    is the knowledge base's where the name is linked to it (``_kb_spelling``), else the article's
    most frequent form."""
    mentions = _name_mentions(art)
    linked = {(m.start, m.end): e.kb_id for e in art.entities if e.kb_id for m in e.mentions}
    exact = {fold(m.text.split()[0]) for m in mentions if m.text.split()}
    firsts = {skeleton(w) for w in exact}
    groups: dict[tuple[str, ...], dict[int, str]] = defaultdict(dict)
    kb_ids: dict[tuple[str, ...], set[str | None]] = defaultdict(set)
    for m in mentions:
        text, start = _bare(m, firsts, exact)
        if text.split():
            key = tuple(skeleton(w) for w in text.split())
            groups[key][start] = text
            kb_ids[key].add(linked.get((m.start, m.end)))
    multi = [k for k in groups if len(k) > 1 and len("".join(k)) >= 4]
    for key, found in (_scan(art, multi, firsts, exact) if multi else {}).items():
        for text, start in found:
            if start not in groups[key]:
                groups[key][start] = text
                kb_ids[key].add(None)
    flags = []
    for key, forms in groups.items():
        counts = Counter(fold(t) for t in forms.values())
        if len(counts) < 2:
            continue
        spelled = {fold(t): t for t in forms.values()}
        first = {k: min(s for s, t in forms.items() if fold(t) == k) for k in counts}
        top_key = max(counts, key=lambda k: (counts[k], _df(spelled[k]), -first[k]))
        top = spelled[top_key]
        note = f"also written {top} ({counts[top_key]}x) in this article"
        if canon := _kb_spelling(kb_ids[key], list(spelled.values())):
            top, top_key = canon, fold(canon)
            note = (f"the knowledge base's spelling, also written so ({counts[top_key]}x) in this article"
                    if top_key in counts else "the knowledge base's spelling of this name")
        for start, text in sorted(forms.items()):
            if fold(text) == top_key or not _same_name(text, top):
                continue
            flags.append(Flag(kind="variant_spelling", text=text, start=start, end=start + len(text),
                              suggestion=top, note=note))
    return flags


# --- masthead dates ----------------------------------------------------------------------------

def date_flags(art: Article) -> list[Flag]:
    page = art.dates.page if art.dates else None
    if page is None or page.consistent is not False:
        return []
    text = page.text or " / ".join(x for x in (page.weekday, page.gregorian, page.hijri) if x)
    at = art.text.find(page.text) if page.text else -1
    return [Flag(kind="date_mismatch", text=text, start=at if at >= 0 else None,
                 end=at + len(page.text) if at >= 0 else None,
                 note=page.note or "the page's weekday, Gregorian and Hijri dates do not agree")]


# --- a participle missing its preposition -------------------------------------------------------

# Participles that govern their source or target through a preposition, folded, with the one it
# needs: الصادرة عن, الناجم عن, المنبثقة عن, الواردة من, الموجهة إلى.  Not الناتج or الموجه: they
# are mostly nouns (الناتج المحلي، الموجه التربوي).
PARTICIPLES: dict[str, str] = {
    **{fold(w): "عن" for w in ("الصادر", "الصادرة", "الصادرين", "الناجم", "الناجمة", "الناتجة",
                               "المنبثق", "المنبثقة", "المنبثقين")},
    **{fold(w): "من" for w in ("الوارد", "الواردة", "المنحدر", "المنحدرين", "المنحدرة")},
    **{fold(w): "إلى" for w in ("الموجهة", "الموجهين")},
}
# Nouns that can only be the source or target itself (never an adverb of time such as
# الأسبوع/اليوم, never an adjective): institutions and polities.
AGENT_NOUNS = frozenset(fold(w) for w in (
    "الولايات", "الحكومة", "الحكومات", "الوزارة", "الرئاسة", "الرئيس", "المحكمة", "الأمم",
    "المملكة", "الجمهورية", "الاتحاد", "البيت", "المنظمة", "الجامعة", "الهيئة", "اللجنة",
    "المجلس", "البرلمان", "الكونغرس", "الكونجرس", "الجيش", "الشرطة", "النيابة", "الوكالة",
    "السفارة", "القيادة", "الإدارة", "الأمانة", "المفوضية", "البنك", "الصندوق", "الديوان",
    # and the same heads in construct state (الصادرة وزارة الصحة)
    "وزارة", "هيئة", "مجلس", "محكمة", "لجنة", "منظمة", "جامعة", "حكومة", "رئاسة", "إدارة",
    "مديرية", "أمانة", "وكالة", "سفارة", "مؤسسة", "شركة", "بنك", "مصرف", "جمعية", "نيابة"))


def preposition_flags(art: Article) -> list[Flag]:
    names = {m.start for m in _name_mentions(art)}
    words = [t for t in tokenize(art.text) if t.kind == "word"]
    flags = []
    for a, b in zip(words, words[1:]):
        prep = PARTICIPLES.get(fold(a.text))
        if prep is None or art.text[a.end:b.start] != " ":
            continue
        if fold(b.text) in AGENT_NOUNS or (b.start in names and b.text.startswith("ال")):
            flags.append(Flag(kind="missing_preposition", text=art.text[a.start:b.end], start=a.start,
                              end=b.end, suggestion=f"{a.text} {prep} {b.text}",
                              note=f"«{a.text}» needs «{prep}» before its source or target"))
    return flags
