"""Titles and roles: «نائب وزير الخارجية الروسي»، «المتحدث باسم الكرملين»، «مدير قسم ...».

A title is a head noun (رئيس، وزير، زعيم، المتحدث باسم ...) with its complement (the ministry,
the organisation) and an optional nationality (a demonym or a country after it, or the seat of
government that stands for one).  The person who holds it is the name right after it
(«المتحدث باسم الكرملين X»، «وزير الدفاع ...، X،») or right before it («X نائب وزير الخارجية
الروسي»).  A title with no name beside it is a mention of whoever holds it in the article.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..text.normalize import fold
from .gazetteer import Match, Word
from .kb import KB

# Folded head nouns (without the article) → how the role is written.
HEADS = {
    "رئيس": "رئيس", "رئيسه": "رئيسة", "زعيم": "زعيم", "زعيمه": "زعيمة", "ملك": "ملك", "ملكه": "ملكة",
    "امير": "أمير", "سلطان": "سلطان", "وزير": "وزير", "وزيره": "وزيرة", "سفير": "سفير", "سفيره": "سفيرة",
    "مستشار": "مستشار", "مستشاره": "مستشارة", "قائد": "قائد", "مدير": "مدير", "مديره": "مديرة",
    "محافظ": "محافظ", "حاكم": "حاكم", "مبعوث": "مبعوث", "مندوب": "مندوب", "عمده": "عمدة",
    "نائب": "نائب", "نائبه": "نائبة", "مساعد": "مساعد", "مساعده": "مساعدة", "متحدث": "المتحدث",
    "متحدثه": "المتحدثة", "ناطق": "الناطق", "امين": "أمين", "مرشد": "المرشد", "ولي": "ولي",
    "مدرب": "مدرب", "مشرف": "المشرف", "ملحق": "الملحق", "قاضي": "قاضي", "مفتي": "مفتي", "عضو": "عضو",
    "سكرتير": "سكرتير", "محافظه": "محافظة",
}
HEADS = {fold(k): v for k, v in HEADS.items()}
CONNECTORS = {fold(w) for w in ("بن", "ابن", "بنت", "آل", "عبد", "أبو", "أبي", "أم")}
LEADING_CONNECTORS = {fold(w) for w in ("عبد", "أبو", "أم")}
AMBIGUOUS_NAMES = {fold("علي")}
HONORIFICS = {fold(w) for w in ("الدكتور", "د", "المهندس", "الشيخ", "السيد", "السيدة", "الأستاذ", "الأستاذة",
                                 "سمو", "معالي", "فخامة", "سماحة", "الفريق", "اللواء", "العميد", "العقيد",
                                 "المشير", "الجنرال", "النجم", "اللاعب", "المدرب", "الفنان", "الفنانة")}
ORDINALS = {"الاول", "الثاني", "الثالث"}
# Article words that end a title's field rather than extend it.
FIXED_STOP = {"الذي", "التي", "الذين", "اليوم", "الان", "الاسبوع", "الشهر", "العام", "الماضي", "الحالي"}
TIME_WORDS = {fold(w) for w in ("الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
                                 "الماضي", "المقبل", "القادم", "الحالي", "الجاري", "صباح", "مساء")}
HONORIFIC_PHRASES = [tuple(fold(p).split()) for p in (
    "آية الله", "صاحب السمو الملكي", "صاحب السمو", "صاحبة السمو", "صاحب المعالي", "صاحب الفخامة",
    "حجة الإسلام")] + [(h,) for h in HONORIFICS]
HONORIFIC_PHRASES.sort(key=len, reverse=True)
# Heads that rank a person among a state's leaders: a nickname (سيد الكرملين) resolves to them.
LEADERS = {"رئيس", "رئيسة", "زعيم", "زعيمة", "ملك", "ملكة", "أمير", "سلطان", "المرشد"}
LEADER_KEYS = {k for k, v in HEADS.items() if v in LEADERS}
# Second words that make one title with the head (رئيس الوزراء، ولي العهد، الأمين العام).
FIXED = {"الوزراء", "الحكومه", "الجمهوريه", "الدوله", "العهد", "العام", "الاعلي", "الاركان"}
DEPUTY = {fold(w) for w in ("نائب", "نائبه", "مساعد", "مساعده")}
SPOKES = {"متحدث", "متحدثه", "ناطق"}
# Nouns that open an organisation's name in a title's complement (مدير قسم ...، رئيس مجلس ...).
ORG_NOUNS = {"قسم", "اداره", "مجلس", "هيئه", "جهاز", "شركه", "مكتب", "وكاله", "مؤسسه", "لجنه", "حزب",
             "بنك", "صندوق", "جامعه", "مركز", "منظمه", "اتحاد", "دائره", "مصلحه", "وزاره", "مجموعه",
             "برنامج", "حركه", "جبهه", "نادي", "غرفه", "محكمه", "بعثه", "قوات", "جيش", "فريق", "منتخب",
             "مستشفي", "كليه", "معهد", "مصرف", "هيئه", "امانه", "بلديه", "اكاديميه", "مجمع", "صحيفه",
             "استخبارات", "مخابرات", "اركان", "شرطه", "امن", "حرس"}
ORG_NOUNS = {fold(w) for w in ORG_NOUNS}
# Function words and speech verbs that end a name.
STOP = {fold(w) for w in (
    "في فى من إلى الى عن مع أن إن أنه إنه الذي التي الذين قد لقد كان كانت قال قالت خلال بعد قبل "
    "حيث كما هذا هذه ذلك تلك هو هي هم أكد أكدت أعلن أعلنت أوضح أضاف أشار لدى بين حول ضد عبر منذ "
    "حتى أو ثم لكن بل لا لم لن ما ماذا وقال وأكد يوم اليوم أمس غدا عام سنة شهر الشهر الأسبوع").split()}


@dataclass
class Title:
    start: int
    end: int
    role: str  # readable head and complement: "نائب وزير الخارجية", "المتحدث باسم الكرملين"
    country: str | None  # ISO code of the nationality
    leader: bool  # a head of state/government title (or a nickname for one)
    first_word: int
    last_word: int  # index of the title's last word
    coordinated: bool = False  # written with a proclitic (والرئيس): never an apposition to the name before


def _bare(word: str) -> tuple[str, str]:
    """(prefix, head) of a folded word: proclitics و/ف/ب/ل and the article removed."""
    for pre in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"):
        if not word.startswith(pre):
            continue
        rest = word[len(pre):]
        if pre.endswith("ل") and rest.startswith("ل"):
            rest = "ا" + rest  # لل = ل + ال with the alef dropped
        if rest.startswith("ال") and rest[2:] in HEADS:
            return pre, rest[2:]
        if rest in HEADS:
            return pre, rest
    return "", ""


def find_titles(text: str, words: list[Word], joins: list[bool], matches: dict[int, Match], kb: KB) -> list[Title]:
    """Every title in the text, left to right, not overlapping."""
    out: list[Title] = []
    i = 0
    while i < len(words):
        t = fixed_title_at(words, joins, matches, kb, i) or _title_at(text, words, joins, matches, kb, i)
        if t:
            out.append(t)
            i = t.last_word + 1
        else:
            i += 1
    return out


def fixed_title_at(words: list[Word], joins: list[bool], matches: dict[int, Match], kb: KB, i: int) -> Title | None:
    """«سيد الكرملين»، «ساكن البيت الأبيض» (a nickname on a seat of government) or a fixed title
    phrase from the knowledge base («خادم الحرمين الشريفين»): offices that name a head of state."""
    w = words[i].text
    for pre in ("", "و", "ل", "ب"):
        if not w.startswith(pre):
            continue
        bare = w[len(pre):]
        if bare in kb.nicknames and joins[i]:
            m = matches.get(i + 1)
            seat = kb.get(m.alias.kb_id) if m else None
            if m and seat and seat.get("seat_of") and seat.get("head"):
                return Title(words[i].at(len(pre)), m.end, "رئيس", seat["seat_of"], True, i, i + m.n_words, bool(pre))
        for phrase, office in kb.titles.items():
            n = len(phrase)
            if (bare == phrase[0] and i + n <= len(words) and all(joins[i:i + n - 1])
                    and tuple(x.text for x in words[i + 1:i + n]) == phrase[1:]):
                return Title(words[i].at(len(pre)), words[i + n - 1].end, office["role"], office["country"],
                             office["leader"], i, i + n - 1, bool(pre))
    return None


def _title_at(text, words, joins, matches, kb, i) -> Title | None:
    pre, head = _bare(words[i].text)
    if not head or i in matches:
        return None
    if i + 1 < len(words) and joins[i] and words[i + 1].text in CONNECTORS:
        return None  # مساعد بن محمد: a name, not a title
    start = words[i].at(len(pre))
    parts = [_display(words[i], pre)]
    j = i  # last word of the title so far
    leader = HEADS[head] in LEADERS
    if head in DEPUTY and joins[j] and j + 1 < len(words):
        k = j + 1
        ordinal = words[k].text in ORDINALS and joins[k] and k + 1 < len(words)
        sub = _title_at(text, words, joins, matches, kb, k + 1 if ordinal else k)
        if sub:
            role = f"{parts[0]} {sub.role}"
            if ordinal:  # النائب الثاني لرئيس مجلس الوزراء
                of = "ل" + sub.role[1:] if sub.role.startswith("ال") else "ل" + sub.role
                role = f"ال{parts[0]} {text[words[k].start:words[k].end]} {of}"
            return Title(start, sub.end, role, sub.country, False, i, sub.last_word, bool(pre))
    org_country = None
    if head == fold("ولي") and j + 2 < len(words) and all(joins[j:j + 2]) \
            and (words[j + 1].text, words[j + 2].text) == ("ولي", "العهد"):
        return Title(start, words[j + 2].end, "ولي ولي العهد", None, False, i, j + 2, bool(pre))
    if head in SPOKES:
        k = j + 1
        if k < len(words) and words[k].text in ("الرسمي", "الرسميه") and joins[j]:
            k += 1
        if k < len(words) and words[k].text == "باسم" and joins[k - 1] and k + 1 < len(words):
            m = matches.get(k + 1)
            if m:
                e = kb.get(m.alias.kb_id) or {}
                org_country = e.get("seat_of") or e.get("iso") or e.get("country")
                parts = [f"{HEADS[head]} باسم {text[m.start:m.end]}"]
                j = k + m.n_words
            elif joins[k]:
                parts = [f"{HEADS[head]} باسم {text[words[k + 1].start:words[k + 1].end]}"]
                j = k + 1
        elif k > j + 1:  # المتحدث الرسمي (لأمانة ...): the complement is read as a tail
            parts = [f"{HEADS[head]} الرسمي"]
            j = k - 1
        if j == i:
            return None
    elif j + 1 < len(words) and joins[j] and words[j + 1].text in FIXED:
        j += 1
        parts.append(text[words[j].start:words[j].end])
        leader = leader or words[j].text in ("الوزراء", "الحكومه", "الجمهوريه", "الاعلي")
    elif head in ("وزير", "وزيره") and j + 1 < len(words) and joins[j]:
        nxt = words[j + 1].text
        if nxt.startswith("ال") and j + 1 not in matches:
            # وزير الدفاع، وزير الثقافة والإعلام، وزير الموارد المائية والري
            while j + 1 < len(words) and joins[j] and j + 1 not in matches and len(parts) < 5 \
                    and _field_word(words[j + 1].text) and (len(parts) == 1 or words[j + 1].text not in FIXED):
                j += 1
                parts.append(text[words[j].start:words[j].end])
        elif nxt.endswith(("ته", "تها")) and not kb.is_name_token(nxt):  # وزير خارجيته
            j += 1
            parts.append("ال" + nxt[:nxt.rindex("ت")] + "ة")
    elif head not in LEADER_KEYS or head == fold("رئيس"):
        k = j + 1
        if k < len(words) and joins[j] and (words[k].text in ORG_NOUNS or _bare_org(words[k].text)):
            while k < len(words) and k - j <= 4 and k not in matches and words[k].text not in HONORIFICS \
                    and not _bare(words[k].text)[1] and (words[k].text in ORG_NOUNS or words[k].text.startswith("ال") or words[k - 1].text in ORG_NOUNS
                    or _bare_org(words[k].text)):
                parts.append(text[words[k].start:words[k].end])
                if not joins[k]:
                    k += 1
                    break
                k += 1
            j = k - 1
            leader = False
        elif k < len(words) and joins[j] and k in matches and matches[k].alias.kb_id.startswith(("org:", "seat:")):
            m = matches[k]
            parts.append(text[m.start:m.end])
            j = k + m.n_words - 1
            leader = False
        elif k < len(words) and joins[j] and (ft := fixed_title_at(words, joins, matches, kb, k)):
            parts.append(text[ft.start:ft.end])  # سفير «خادم الحرمين الشريفين»
            org_country = ft.country
            j = ft.last_word
            leader = False
        elif head not in LEADER_KEYS and head not in DEPUTY:
            # مدير الإمداد والتموين، المشرف العام: the field the office covers.
            while k < len(words) and k - j <= 3 and joins[k - 1] and k not in matches and _field_word(words[k].text):
                parts.append(text[words[k].start:words[k].end])
                k += 1
            j = k - 1
    country = org_country
    end = words[j].end
    if j + 1 < len(words) and joins[j] and (m := matches.get(j + 1)) and not m.prefix:
        e = kb.get(m.alias.kb_id) or {}
        iso = e.get("iso") or e.get("seat_of")
        if iso and (m.alias.kind == "demonym" or e.get("iso") or e.get("seat_of")):
            country = iso
            j += m.n_words
            end = m.end
    if len(parts) == 1 and country is None and head not in LEADER_KEYS and not words[i].text[len(pre):].startswith("ال"):
        return None  # a bare indefinite noun (وزير، مدير) is not a title worth a mention
    return Title(start, end, " ".join(parts), country, leader and len(parts) <= 2, i, j, bool(pre))


def _field_word(w: str) -> bool:
    return (w.startswith(("ال", "وال")) and len(w) > 3 and w not in HONORIFICS and not _bare(w)[1]
            and w not in FIXED_STOP)


def complement_end(words: list[Word], joins: list[bool], j: int, matches: dict[int, Match], kb: KB) -> int:
    """Index of the last word of a prepositional complement after word ``j`` (المتحدث الرسمي
    «لأمانة الطائف»، المشرف العام «على المركز»، سفير ... «لدى المملكة»), or ``j`` if none."""
    k = j + 1
    if k >= len(words) or not joins[j]:
        return j
    w = words[k].text
    nxt = words[k + 1].text if k + 1 < len(words) else ""
    opens = (w in ("لدي", "عن") or (w in ("في", "فى") and k + 1 in matches) or _prep_word(w, k, matches)
             or (w == "علي" and (kb.is_common(nxt) or k + 1 in matches)))  # «على المركز», not «علي الكناني»
    if not opens:
        return j
    end = k
    k += 1 if w in ("لدي", "علي", "عن", "في", "فى") else 0
    if k != end:
        if k >= len(words) or not joins[end]:
            return j
        end = k
    k = end + 1
    while k < len(words) and k - j <= 9 and joins[k - 1]:
        m = matches.get(k)
        if m:
            k += m.n_words
            end = k - 1
            continue
        after_place = any(words[k - 1].text.endswith(p) for p in _PLACE_NOUNS)  # بمنطقة «تبوك»
        if not (_field_word(words[k].text) or words[k].text in ORG_NOUNS or _prep_word(words[k].text, k, matches)
                or (after_place and words[k].text.isalpha() and words[k].text not in STOP)):
            break
        end = k
        k += 1
    return end


_PLACE_NOUNS = {fold(w) for w in ("منطقة", "محافظة", "مدينة", "ولاية", "إقليم")}


def _prep_word(w: str, k: int, matches: dict[int, Match]) -> bool:
    """لأمانة، بالمركز، لهيئة، بمنطقة: a preposition glued to the next link of a complement."""
    return w[:1] in ("ل", "ب") and w != "باسم" and (
        w[1:].startswith("ال") or w[1:] in ORG_NOUNS or w[1:] in _PLACE_NOUNS or w.startswith("لل") or k in matches)


def _bare_org(word: str) -> bool:
    return word.startswith("ال") and word[2:] in ORG_NOUNS


def _display(word: Word, prefix: str) -> str:
    """The head as a role is written: indefinite (رئيس، وزير) except the fixed definite heads."""
    bare = word.text[len(prefix):]
    bare = bare[2:] if bare.startswith("ال") else bare
    return HEADS.get(bare, bare)


def name_after(words: list[Word], joins: list[bool], text: str, j: int, matches: dict[int, Match], kb: KB) -> tuple[int, int] | None:
    """Word span (first, last) of a personal name right after word ``j`` (a comma or honorifics
    such as الشيخ، آية الله، الدكتور may come between)."""
    j = complement_end(words, joins, j, matches, kb)
    k = j + 1
    if k >= len(words):
        return None
    gap = text[words[j].end:words[k].start].strip()
    if gap not in ("", "،", ","):
        return None
    while (h := honorific_at(words, joins, k)) is not None:
        k = h + 1
    if k >= len(words):
        return None
    run = _name_run(words, joins, k, 1, matches, kb)
    w = words[k].text
    if not run and w in DEPUTY and k + 1 < len(words) and joins[k] and name_like(words[k + 1].text, kb, first=False) \
            and not _bare(words[k + 1].text)[1]:
        rest = _name_run(words, joins, k + 1, 1, matches, kb, continuing=True)
        if rest:
            return k, rest[1]  # مساعد is a first name too
    if not run and k + 1 < len(words) and joins[k] and len(w) <= 3 and w.isalpha() and w not in STOP \
            and not w.startswith("ال") and not _bare(w)[1] and w not in ORG_NOUNS:
        # A short first name that is also a common word (جو، نور) before a known name word.
        rest = _name_run(words, joins, k + 1, 1, matches, kb, continuing=True)
        if rest:
            return k, rest[1]
    return run


def bare_name_at(words: list[Word], joins: list[bool], i: int, matches: dict[int, Match], kb: KB,
                 first: str) -> tuple[int, int] | None:
    """A name with no title beside it, read strictly: from word ``i`` (``first`` once a
    conjunction is peeled), known name words and connectors only, closed by at most one known
    family name with the article (محمد مرسي، سالم بن خليفة الغفلي)."""
    if first.startswith("ال") or _bare(first)[1]:
        return None
    k, last, names, connector = i + 1, None, 1, False
    while k < len(words) and joins[k - 1] and k - i < 6 and k not in matches:
        w = words[k].text
        if w in CONNECTORS:
            connector = True
            k += 1
            continue
        if kb.is_name_token(w) and not w.startswith("ال") and w not in AMBIGUOUS_NAMES:
            names += 1
        elif w.startswith("ال") and not _bare(w)[1] and (kb.is_name_token(w) or (
                connector and not kb.is_common(w) and w not in STOP)):
            last = k  # a family name closes it: a known one, or any after بن (سالم بن خليفة الغفلي)
            break
        else:
            break
        last = k
        k += 1
    while last is not None and words[last].text in CONNECTORS:
        last -= 1
    if last is None or last == i:
        return None
    if names < 2 and not words[last].text.startswith("ال"):
        return None
    return i, last


def name_before(words: list[Word], joins: list[bool], i: int, matches: dict[int, Match], kb: KB,
                text: str = "") -> tuple[int, int] | None:
    """A name right before a title («X نائب وزير الخارجية»), or before a comma for a name of two
    words or more («X Y، وزير الاقتصاد»)."""
    if i == 0:
        return None
    comma = not joins[i - 1]
    if comma and text[words[i - 1].end:words[i].start].strip() not in ("،", ","):
        return None
    span = _name_run(words, joins, i - 1, -1, matches, kb)
    if not span:
        return None
    first, last = span
    if comma and last - first < 1:
        return None
    # Backwards a name must look like one: a known name token among at most four words.
    if not any(kb.is_name_token(words[x].text) for x in range(first, last + 1)):
        return None
    return span


def honorific_at(words: list[Word], joins: list[bool], i: int) -> int | None:
    """Last word of an honorific that announces a name without giving a role (الدكتور، الشيخ،
    آية الله، صاحب السمو الملكي), or None."""
    w = words[i].text
    for pre in ("", "و", "ل", "ب"):
        if not w.startswith(pre):
            continue
        bare = w[len(pre):]
        for phrase in HONORIFIC_PHRASES:
            n = len(phrase)
            if bare == phrase[0] and i + n <= len(words) and all(joins[i:i + n]) \
                    and tuple(x.text for x in words[i + 1:i + n]) == phrase[1:]:
                return i + n - 1
    return None


def _name_run(words, joins, k, step, matches, kb, continuing=False) -> tuple[int, int] | None:
    """The longest run of name words from ``k`` going ``step`` (+1 forward, -1 backward).
    Connectors (بن، آل، عبد، أبو) carry it on to the next word whatever that is (عبد العزيز،
    آل ثاني), and a family name with the article may close a name that has one (بن أحمد الجبير)."""
    run: list[int] = []
    while 0 <= k < len(words) and len(run) < 7:
        w = words[k].text
        prev = words[run[-1]].text if run else None
        inside = any(m.first_word < k < m.first_word + m.n_words or m.first_word == k for m in _near(matches, k))
        nxt = words[k + 1].text if k + 1 < len(words) and joins[k] else ""
        if w in CONNECTORS and (run or w in LEADING_CONNECTORS or continuing):
            ok = True
        elif step > 0 and prev in CONNECTORS:
            ok = w.isalpha() and w not in STOP and not _bare(w)[1]
        elif step < 0 and run and w in CONNECTORS:
            ok = True
        elif w in AMBIGUOUS_NAMES:  # علي is also «على» once folded: a name only before a name
            ok = step > 0 and bool(nxt) and ((not nxt.startswith("ال") and name_like(nxt, kb, first=False))
                                             or _family(nxt, kb))
        elif _bare(w)[1] and nxt in CONNECTORS:  # مساعد بن محمد
            ok = True
        else:
            ok = not inside and (name_like(w, kb, first=not (run or continuing))
                                 or (_family(w, kb) and (step < 0 and not run or step > 0 and bool(run))))
        if not ok:
            break
        run.append(k)
        if step > 0 and (not joins[k] or (w.startswith("ال") and prev not in CONNECTORS and w not in CONNECTORS)):
            break  # a family name with the article closes the name (خالد الفيصل)
        if step < 0 and (k == 0 or not joins[k - 1]):
            break
        k += step
    while run and words[run[-1]].text in CONNECTORS and step > 0:
        run.pop()
    while run and step < 0 and words[run[-1]].text in CONNECTORS - LEADING_CONNECTORS:
        run.pop()
    if step < 0 and run and _family(words[run[0]].text, kb) and len(run) < 2:
        return None
    if not run:
        return None
    if not any(kb.is_name_token(words[x].text) for x in run) and len(run) < 2 and not continuing:
        return None
    return min(run), max(run)


def _near(matches: dict[int, Match], k: int) -> list[Match]:
    return [m for i in range(max(0, k - 4), k + 1) if (m := matches.get(i))]


def _family(w: str, kb: KB) -> bool:
    """A family name with the article (الجبير، الفيصل، الشهري): any article word but a title,
    a time word or a function word; only read where a name is expected."""
    return (w.startswith("ال") and len(w) > 4 and not _bare(w)[1] and w not in STOP and w not in FIXED_STOP
            and w not in TIME_WORDS and w not in ORG_NOUNS and w[2:] not in ORG_NOUNS)


def name_like(w: str, kb: KB, first: bool = True) -> bool:
    """Could this folded word be part of a personal name?"""
    if w in STOP or not w.isalpha() or len(w) < 2 or _bare(w)[1] or w in ORG_NOUNS:
        return False
    if kb.is_name_token(w):
        return True
    if w.startswith(("ال", "بال", "وال", "فال", "كال", "لل")) or kb.is_common(w):
        return False
    if w.startswith(("سي", "ست", "سن")) and len(w) >= 5:  # future verbs: سيرأس، ستعقد
        return False
    if w.startswith("و"):  # وانغ is a name; ومناقشة is و + a word
        rest = w[1:]
        return not first and not rest.startswith("ال") and not kb.is_common(rest) and not kb.is_name_token(rest)
    return not first or len(w) >= 3
