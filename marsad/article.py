"""The document model: one Article that every pipeline stage enriches in turn.

Like spaCy's ``Doc``, the Article owns the clean ``text`` and every layer points into it with
Python string offsets (``start``/``end``).  Layers are plain dataclasses so stages stay small and
the JSON form (``to_dict``) is exactly the contract's article object (``marsad.article/1``).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any

SCHEMA = "marsad.article/1"

BLOCK_KINDS = ("headline", "subheading", "paragraph")


@dataclass
class Source:
    id: str | None = None  # the caller's own id (JSONL input), kept through to the corpus
    path: str | None = None
    url: str | None = None
    site: str | None = None
    publisher: str | None = None
    format: str | None = None  # "dump" | "html" | "jsonl"; how the page reached us
    fetched: str | None = None  # crawl/record date (WARC, HTTP) when known


@dataclass
class Block:
    kind: str  # headline | subheading | paragraph
    text: str
    start: int = 0
    end: int = 0


@dataclass
class Masthead:
    editor_in_chief: str | None = None
    breaking: bool = False


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    agency: str | None = None


@dataclass
class PageDate:
    """A date printed on the page (masthead), read in both calendars and cross-checked."""

    gregorian: str | None = None
    hijri: str | None = None
    weekday: str | None = None
    consistent: bool | None = None
    text: str | None = None
    note: str | None = None


@dataclass
class Dates:
    page: PageDate | None = None
    published: str | None = None
    content_period: dict | None = None


@dataclass
class Mention:
    text: str
    start: int
    end: int
    kind: str = "name"  # name | title | metonym | descriptor | pronoun
    type: str | None = None  # NER type of the span, when it came from the tagger


@dataclass
class Entity:
    id: str
    type: str
    name: str
    name_en: str | None = None
    kb_id: str | None = None
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class Quote:
    id: str
    text: str
    start: int
    end: int
    kind: str = "direct"  # direct | reported
    speaker: str | None = None
    speaker_text: str | None = None
    via: str | None = None
    verb: str | None = None
    # person | organisation | media | anonymous | analysts | reports | impersonal
    source_kind: str | None = None
    via_text: str | None = None  # the relaying source's words, when no entity matches it


@dataclass
class Claim:
    id: str
    text: str
    by: str | None = None
    stance: str = "asserts"  # asserts | denies | doubts
    about: str | None = None
    hedge: str | None = None
    quote: str | None = None  # id of the quote the claim was read from
    by_text: str | None = None
    factchecks: list[dict] = field(default_factory=list)  # closest fact-checked claims, best first


@dataclass
class Event:
    id: str
    type: str
    actor: str | None = None
    target: str | None = None
    location: str | None = None
    time: str | None = None
    modality: str = "happened"
    trigger: Span | None = None
    sentence: int | None = None
    cameo: str | None = None  # the CAMEO code behind the PLOVER type, where one maps


@dataclass
class Timex:
    id: str
    text: str
    start: int
    end: int
    value: str | None = None
    calendar: str = "gregorian"
    certainty: str = "exact"


@dataclass
class Flag:
    kind: str
    text: str
    start: int | None = None
    end: int | None = None
    suggestion: str | None = None
    note: str | None = None


@dataclass
class Article:
    """A page on its way to a record.  ``raw`` and ``lines`` are working state, not output."""

    source: Source = field(default_factory=Source)
    headline: str | None = None
    subheadings: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    text: str = ""
    blocks: list[Block] = field(default_factory=list)
    chrome: list[str] = field(default_factory=list)
    masthead: Masthead = field(default_factory=Masthead)
    byline: Byline = field(default_factory=Byline)
    dates: Dates = field(default_factory=Dates)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    timex: list[Timex] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    corpus: dict | None = None
    # Working state shared between stages; never serialised.
    sentences: list[Span] = field(default_factory=list, repr=False)
    tokens: list[Any] = field(default_factory=list, repr=False)
    ner_spans: list[Mention] = field(default_factory=list, repr=False)

    _PRIVATE = ("sentences", "tokens", "ner_spans")

    def set_blocks(self, blocks: list[tuple[str, str]]) -> None:
        """Lay out (kind, text) blocks into ``text`` with blank lines between, recording offsets."""
        parts, out, pos = [], [], 0
        for kind, body in blocks:
            if parts:
                pos += 2
            out.append(Block(kind=kind, text=body, start=pos, end=pos + len(body)))
            parts.append(body)
            pos += len(body)
        self.text = "\n\n".join(parts)
        self.blocks = out
        self.headline = next((b.text for b in out if b.kind == "headline"), self.headline)
        self.subheadings = [b.text for b in out if b.kind == "subheading"]

    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "paragraph"]

    def block_at(self, offset: int) -> Block | None:
        return next((b for b in self.blocks if b.start <= offset < b.end), None)

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self) -> dict:
        d = {"schema": SCHEMA}
        for f in fields(self):
            if f.name in self._PRIVATE or f.name.startswith("_"):
                continue
            if f.name == "corpus" and self.corpus is None:
                continue
            d[f.name] = _plain(getattr(self, f.name))
        return d

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict) -> "Article":
        """Rebuild an Article from its JSON form (corpus rows, JSONL exports)."""
        a = cls()
        a.source = Source(**_known(Source, d.get("source") or {}))
        for name in ("headline", "text", "corpus"):
            setattr(a, name, d.get(name))
        a.text = a.text or ""
        for name in ("subheadings", "captions", "chrome", "summary", "keywords"):
            setattr(a, name, list(d.get(name) or []))
        a.blocks = [Block(**_known(Block, b)) for b in d.get("blocks") or []]
        a.masthead = Masthead(**_known(Masthead, d.get("masthead") or {}))
        a.byline = Byline(**_known(Byline, d.get("byline") or {}))
        dd = d.get("dates") or {}
        page = dd.get("page")
        a.dates = Dates(page=PageDate(**_known(PageDate, page)) if page else None,
                        published=dd.get("published"), content_period=dd.get("content_period"))
        a.entities = [Entity(**{**_known(Entity, e), "mentions": [Mention(**_known(Mention, m)) for m in e.get("mentions") or []]})
                      for e in d.get("entities") or []]
        a.quotes = [Quote(**_known(Quote, q)) for q in d.get("quotes") or []]
        a.claims = [Claim(**_known(Claim, c)) for c in d.get("claims") or []]
        a.events = [Event(**{**_known(Event, e), "trigger": Span(**e["trigger"]) if e.get("trigger") else None})
                    for e in d.get("events") or []]
        a.timex = [Timex(**_known(Timex, t)) for t in d.get("timex") or []]
        a.flags = [Flag(**_known(Flag, f)) for f in d.get("flags") or []]
        return a


def _known(cls, d: dict) -> dict:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in d.items() if k in names}


def _plain(value):
    if is_dataclass(value):
        return asdict(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
