"""What the HTML pages show, worked out from article objects (plain data for the templates).

Highlighted text is handed to the templates as *segments* (a piece of text, and where it links
or how it is marked), never as markup: the templates escape every piece, so a headline or a
name holding ``<script>`` is shown as text.  Entities are per article (``e1``, ``e2`` ...); across
the corpus one is named by its KB id when it has one, else by its canonical name, and looked up
with the store's own entity key (spelling folded), the same key ``marsad search --entity`` uses.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import quote

from ..corpus.store import Store, entity_key, lookup_keys
from ..text.calendars import to_hijri
from .charts import Mark, parse_period

HIJRI_MONTHS = ("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان",
                "رمضان", "شوال", "ذو القعدة", "ذو الحجة")
GREGORIAN_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
                    "نوفمبر", "ديسمبر")
MODALITY_AR = {"happened": "وقع", "planned": "مخطط", "possible": "محتمل", "denied": "منفي", "demanded": "مطلوب",
               "reported": "منقول"}
STANCE_AR = {"asserts": "يؤكد", "denies": "ينفي", "doubts": "يشكك"}
MAX_ENTITY_ARTICLES = 200  # an entity page lists (and reads the names in) the newest this many articles
MAX_LISTED = 100_000  # ... and charts at most this many
MAX_TIMELINE_ROWS = 40


@dataclass
class Segment:
    """A run of text; ``href`` makes it a link, ``cls`` marks it (entity type, timex, search hit)."""

    text: str
    href: str | None = None
    cls: str | None = None
    title: str | None = None


def entity_ref(entity: dict) -> str:
    """How an entity is named across the corpus (and in its page's URL)."""
    return entity.get("kb_id") or entity.get("name") or ""


def entity_href(entity: dict) -> str:
    return "/entities/" + quote(entity_ref(entity), safe="")


def segments(text: str, start: int, end: int, spans: list[tuple[int, int, Segment]]) -> list[Segment]:
    """text[start:end] cut at the given spans (offsets into ``text``); overlapping spans are dropped."""
    out, pos = [], start
    for s, e, seg in sorted(spans, key=lambda t: (t[0], -t[1])):
        if s < pos or e > end or s >= e:
            continue
        if s > pos:
            out.append(Segment(text[pos:s]))
        out.append(Segment(text[s:e], seg.href, seg.cls, seg.title))
        pos = e
    if pos < end:
        out.append(Segment(text[pos:end]))
    return out


def article_blocks(art: dict) -> list[dict]:
    """Each block of the clean text as segments: entity mentions link to their page, timex marked."""
    text = art.get("text") or ""
    spans: list[tuple[int, int, Segment]] = []
    for e in art.get("entities") or []:
        href = entity_href(e)
        for m in e.get("mentions") or []:
            spans.append((m["start"], m["end"], Segment("", href, f"ent ent-{e.get('type', 'MISC')}",
                                                        f"{e.get('name')} ({e.get('type')})")))
    taken = [(s, e) for s, e, _ in spans]
    for t in art.get("timex") or []:
        if not any(s < t["end"] and t["start"] < e for s, e in taken):
            spans.append((t["start"], t["end"], Segment("", None, "timex", t.get("value") or "")))
    blocks = art.get("blocks") or [{"kind": "paragraph", "start": 0, "end": len(text)}]
    return [{"kind": b["kind"], "segments": segments(text, b["start"], b["end"], spans)}
            for b in blocks if b.get("kind") != "headline"]


def hit_segments(hit: dict) -> list[Segment]:
    """A search hit's snippet with the matched words marked."""
    snip, base = hit["snippet"], hit.get("snippet_start", 0)
    spans = [(s - base, e - base, Segment("", None, "hit")) for s, e in hit.get("highlights") or []]
    return segments(snip, 0, len(snip), spans)


def both_calendars(value: str | None) -> str | None:
    """``2024-04-30`` → «30 أبريل 2024 م — 21 شوال 1445 هـ» (Umm al-Qura); None when not a date."""
    day = _day(value)
    if day is None:
        return None
    g = f"{day.day} {GREGORIAN_MONTHS[day.month - 1]} {day.year} م"
    h = to_hijri(day)
    return g if h is None else f"{g} — {h.day} {HIJRI_MONTHS[h.month - 1]} {h.year} هـ"


def _day(value: str | None) -> dt.date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def published_day(art: dict) -> dt.date | None:
    """The day the corpus files the article under: published, else the date printed on the page."""
    dates = art.get("dates") or {}
    page = dates.get("page") or {}
    return _day(dates.get("published")) or _day(page.get("gregorian"))


def timeline_marks(art: dict) -> list[Mark]:
    """The article's dated time expressions (with the events anchored to them) and its own date."""
    names = {e["id"]: e.get("name") for e in art.get("entities") or []}
    by_time: dict[str, list[str]] = {}
    for v in art.get("events") or []:
        if v.get("time"):
            who = names.get(v.get("actor")) or names.get(v.get("target")) or ""
            by_time.setdefault(v["time"], []).append(
                " ".join(x for x in (v.get("type"), who, f"({MODALITY_AR.get(v.get('modality'), v.get('modality'))})") if x))
    marks: dict[tuple, Mark] = {}
    for t in art.get("timex") or []:
        period = parse_period(t.get("value"))
        if period is None:
            continue
        notes = by_time.get(t["id"], [])
        k = (period, t["text"])
        if k in marks:
            marks[k].note = "، ".join(filter(None, [marks[k].note, *notes]))
            continue
        marks[k] = Mark(t["text"], period[0], period[1], "event" if notes else "timex", "، ".join(notes))
    out = list(marks.values())
    if len(out) > MAX_TIMELINE_ROWS:  # a long page: the expressions events hang on first, then the earliest
        out.sort(key=lambda m: (m.kind != "event", m.start))
        out = out[:MAX_TIMELINE_ROWS]
    out.sort(key=lambda m: (m.start, m.end))
    day = published_day(art)
    if day and out:  # the article's own date, as a reference line, only when there is something to place
        out.append(Mark("تاريخ النشر", day, day, "published"))
    return out


def entity_index(art: dict) -> dict[str, dict]:
    return {e["id"]: e for e in art.get("entities") or []}


def entity_keys(e: dict) -> set[str]:
    """The keys the store files an entity under (see ``SQLiteStore._add_entities``)."""
    names = {e.get("name"), e.get("kb_id"), e.get("name_en")}
    names |= {m.get("text") for m in e.get("mentions") or [] if m.get("kind") == "name"}
    return {entity_key(x) for x in names if x and x.strip()}


@dataclass
class EntityView:
    ref: str
    names: dict[str, int] = field(default_factory=dict)  # spelling → mentions
    types: dict[str, int] = field(default_factory=dict)
    kb_id: str | None = None
    name_en: str | None = None
    roles: list[str] = field(default_factory=list)
    articles: list[dict] = field(default_factory=list)  # {id, headline, site, published, mentions}
    days: list[dt.date] = field(default_factory=list)  # published day of every article naming it
    total: int = 0

    @property
    def name(self) -> str:
        return max(self.names, key=self.names.get) if self.names else self.ref

    @property
    def type(self) -> str | None:
        return max(self.types, key=self.types.get) if self.types else None

    def to_dict(self) -> dict:
        return {"ref": self.ref, "name": self.name, "type": self.type, "kb_id": self.kb_id, "name_en": self.name_en,
                "names": self.names, "roles": self.roles, "total": self.total, "articles": self.articles}


def entity_view(store: Store, ref: str) -> EntityView | None:
    """The entity REF (KB id, name or a spelling): every article naming it (dates, for the chart),
    and names, spellings and roles read from the newest MAX_ENTITY_ARTICLES of them."""
    if not entity_key(ref):
        return None
    rows = store.listing(entity=ref, limit=MAX_LISTED)
    if not rows:
        return None
    ks = set(lookup_keys(ref))
    view = EntityView(ref, total=len(rows), days=[d for d in (_day(r["published"]) for r in rows) if d])
    for row in rows[:MAX_ENTITY_ARTICLES]:
        art = store.get(row["id"])
        found = [e for e in (art or {}).get("entities") or [] if ks & entity_keys(e)]
        mentions = 0
        for e in found:
            for m in e.get("mentions") or []:
                if m.get("kind") == "name":
                    view.names[m["text"]] = view.names.get(m["text"], 0) + 1
                mentions += 1
            view.names.setdefault(e.get("name") or ref, 0)
            view.types[e.get("type")] = view.types.get(e.get("type"), 0) + 1
            view.kb_id = view.kb_id or e.get("kb_id")
            view.name_en = view.name_en or e.get("name_en")
            view.roles += [r for r in e.get("roles") or [] if r not in view.roles]
        view.articles.append({**row, "mentions": mentions})
    return view
