"""Reading page dumps: the text a browser's "select all, copy" or a scraper leaves behind.

Each line is classified as chrome, headline, subheading, paragraph, caption, byline or dateline
from signals that hold across sites rather than from any one site's strings:

- shape: word count, sentence punctuation, how the line ends;
- position: furniture above the headline and below the last paragraph, the headline just above
  the lead, a subheading between paragraphs;
- repetition: a caption printed twice (image alt text + caption), a menu line repeated on the
  page, a line repeated across many pages of one site (``learn_site_chrome``);
- vocabulary: the labels every Arabic CMS prints (``furniture.py``) and the publisher's own name,
  learned from its "follow us" or copyright line;
- dates: a masthead date line read in both calendars.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..article import Article
from ..text.calendars import find_dates, read_page_date
from ..text.normalize import fold, light
from . import furniture as F

END_PUNCT = (".", "!", "؟", "?", ":", "…")
CLOSERS = "\"'”’»)]} "
TITLE_MIN_WORDS = 4
LIST_RUN = 3
EDITOR_KEY = F.key("رئيس التحرير")
PARA_MIN_WORDS = 12


@dataclass
class Line:
    i: int
    text: str
    key: str  # folded, punctuation removed: for comparing lines
    folded: str  # folded with punctuation kept: for patterns that need (), :, -
    words: int
    kind: str | None = None  # chrome | headline | subheading | paragraph | caption | byline
    why: str = ""

    @property
    def ends_sentence(self) -> bool:
        t = self.text.rstrip(CLOSERS)  # «...» or "..." closing a line is not a sentence end by itself
        return t.endswith(END_PUNCT) and not t.endswith("..")

    def paragraph_like(self) -> bool:
        """Body-shaped: long, or a short sentence closed by a full stop or split by commas (a short
        question or exclamation is more often a headline)."""
        if self.words >= PARA_MIN_WORDS:
            return True
        closed = self.ends_sentence and not self.text.rstrip(CLOSERS).endswith(("?", "؟", "!"))
        return self.words >= 5 and (closed or "،" in self.text)

    def title_like(self, short_ok: bool = False) -> bool:
        """Headline-shaped: a few words, not closed by a full stop (questions and exclamations are
        fine); with ``short_ok``, fewer than TITLE_MIN_WORDS too."""
        t = self.text.rstrip(CLOSERS)
        if t.endswith((".", ":", "،")) and not t.endswith(".."):
            return False
        return (TITLE_MIN_WORDS if not short_ok else 1) <= self.words <= 30


def _date_line(line: Line) -> tuple[bool, bool]:
    """(is a line that is only a date, is it a 'published on' stamp)."""
    if line.words > 16:
        return False, False
    ds = find_dates(line.text)
    if not ds:
        return False, False
    rest = line.text
    for d in reversed(ds):
        rest = rest[:d.start] + " " + rest[d.end:]
    rest_words = [w for w in F.key(rest).split() if not re.fullmatch(r"[0-9:]+", w) and w not in F.DATE_FILLER]
    return len(rest_words) <= 1, bool(F.PUBLISHED_RE.match(line.key))


def learn_site_chrome(pages: Iterable[str], min_share: float = 0.5, min_pages: int = 3) -> set[str]:
    """Line keys printed on at least ``min_share`` of a site's pages: that site's furniture."""
    counts: Counter[str] = Counter()
    n = 0
    for page in pages:
        n += 1
        counts.update({F.key(ln) for ln in page.split("\n") if ln.strip()})
    if n < min_pages:
        return set()
    return {k for k, c in counts.items() if k and c >= max(min_pages, min_share * n)}


def read_dump(text: str, art: Article | None = None, site_chrome: set[str] | None = None,
              title: str | None = None) -> Article:
    """Classify the lines of a page dump and lay the article out into ``art``."""
    art = art or Article()
    art.source.format = art.source.format or "dump"
    text = DASH_TATWEEL_RE.sub("-", text)  # «عمّان ـ وكالات»: a lone tatweel is a dash, not a stretch
    lines = [Line(i, t, F.key(t), fold(t), len(t.split())) for i, t in enumerate(light(text).split("\n")) if t.strip()]
    site_chrome = site_chrome or set()
    counts = Counter(ln.key for ln in lines)
    publishers = {p for ln in lines if (p := F.publisher_from(ln.key))}
    if art.source.publisher:
        publishers.add(F.key(art.source.publisher))
    elif publishers:
        art.source.publisher = _written_publisher(lines, publishers)

    # 1. Lines that are furniture wherever they stand.
    prev_key = None
    for n, ln in enumerate(lines):
        if ln.key == prev_key and n and lines[n - 1].kind in (None, "caption"):
            ln.kind, ln.why = "dup", "caption"  # the second copy of a doubled caption
            lines[n - 1].kind = "caption"
        elif ln.key in site_chrome:
            ln.kind, ln.why = "chrome", "site"
        elif F.BREAKING_RE.match(ln.key):
            ln.kind, ln.why = "chrome", "breaking"
            art.masthead.breaking = True
        elif F.LABEL_RE.match(ln.key):
            ln.kind, ln.why = "chrome", "label"
        elif F.META_RE.match(ln.key) or F.is_menu(ln.text):
            ln.kind, ln.why = "chrome", "meta"
        elif (m := F.STAFF_RE.match(ln.key)) is not None:
            ln.kind, ln.why = "chrome", "staff"
            name = m.group("name").strip()
            written = _original_name(ln.text, name) if name else None
            nxt = lines[n + 1] if n + 1 < len(lines) else None
            if not name and nxt and nxt.words <= 5 and not F.STAFF_RE.match(nxt.key) and not find_dates(nxt.text):
                nxt.kind, nxt.why = "chrome", "staff-name"
                written = nxt.text
            if written and ln.key.startswith(EDITOR_KEY) and not art.masthead.editor_in_chief:
                art.masthead.editor_in_chief = written
        elif (ln.key in publishers or F.FURNITURE_RE.match(ln.key) or F.publisher_from(ln.key)
              or (ln.words <= F.CTA_MAX_WORDS and F.CTA_RE.match(ln.key) and not ln.ends_sentence)):
            ln.kind, ln.why = "chrome", "furniture"
        elif F.CAPTION_RE.search(ln.folded) and ln.words <= 15:
            ln.kind, ln.why = "caption", "marker"
        elif (bm := F.BYLINE_RE.match(ln.folded)) and ln.words <= 8:
            ln.kind = "byline"
            art.byline.authors.append(_original_name(ln.text, bm.group("name")))
        elif ln.words <= 4 and F.DATELINE_LINE_RE.match(ln.folded):
            ln.kind = "byline"
            parts = re.split(r"\s*[-–—]+\s*", ln.text, maxsplit=1)
            city, agency = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
            art.byline.dateline = art.byline.dateline or city
            art.byline.agency = art.byline.agency or agency or None
        elif F.DISCLAIMER_RE.search(ln.key) and ln.words <= 30:
            ln.kind, ln.why = "chrome", "disclaimer"
        else:
            only_date, stamp = _date_line(ln)
            if only_date:
                ln.kind, ln.why = "chrome", "published" if stamp else "date"
        prev_key = ln.key

    # 2. The body: paragraphs by shape, the headline just above the first paragraph.
    for ln in lines:
        if ln.kind is None and ln.paragraph_like():
            ln.kind = "paragraph"
    first_para = next((n for n, ln in enumerate(lines) if ln.kind == "paragraph"), None)
    if first_para is None:
        return _layout(art, lines, title)
    head = _find_headline(lines, first_para, title)
    top = head if head is not None else first_para
    for ln in lines[:top]:
        if ln.kind in (None, "paragraph", "caption"):
            ln.kind, ln.why = "chrome", "header"

    # 3. Between headline and the last paragraph: subheadings, bylines, repeated/related lines.
    paras = [n for n, ln in enumerate(lines) if ln.kind == "paragraph"]
    if not paras:  # the only paragraph-like line was the headline (a title over a name or a caption)
        return _layout(art, lines, title)
    last_para = paras[-1]
    in_related = False
    for n in range(top + 1, len(lines)):
        ln = lines[n]
        if ln.kind == "chrome" and F.RELATED_RE.match(ln.key):
            in_related = True
            continue
        if ln.kind == "paragraph":
            in_related = False
            continue
        if ln.kind is not None:
            continue
        if n > last_para:
            ln.kind, ln.why = "chrome", "footer"
        elif in_related:
            ln.kind, ln.why = "chrome", "related"
        elif counts[ln.key] > 1 and ln.key != lines[top].key:
            ln.kind, ln.why = "chrome", "repeated"
        elif 1 <= ln.words <= 20 and not ln.ends_sentence:
            ln.kind = "subheading"
        else:
            ln.kind = "paragraph"
    return _layout(art, lines, title)


def _written_publisher(lines: list[Line], keys: set[str]) -> str:
    """The publisher's name as the page writes it: its standalone promo line, else its key."""
    key = min(keys, key=len)
    return next((ln.text for ln in lines if ln.key == key), key)


def _original_name(original: str, folded_name: str) -> str:
    """The name as written: the last ``len(folded_name.split())`` words of the original line."""
    n = len(folded_name.split())
    words = re.sub(r"[:：\-–]", " ", original).split()
    return " ".join(words[-n:]) if n else ""


def _find_headline(lines: list[Line], first_para: int, title: str | None) -> int | None:
    """The headline: the title-like line leading into the first paragraph (captions, bylines and
    date stamps may sit in between), or the line matching a known title."""
    if title:
        tkey = F.key(title)
        for n, ln in enumerate(lines[:first_para + 1]):
            if ln.key == tkey or (tkey and (tkey in ln.key or ln.key in tkey) and ln.words >= 3):
                ln.kind = "headline"
                return n
    run: list[int] = []  # title-like lines above the lead, nearest first
    for n in range(first_para - 1, -1, -1):
        ln = lines[n]
        if ln.kind in ("caption", "dup", "byline") or (ln.kind == "chrome" and ln.why in ("published", "date", "meta")):
            continue
        if ln.kind is None and ln.title_like(short_ok=(ln.i == 0 and not run)):
            run.append(n)  # a very short headline only when it opens the page and nothing else fits
            continue
        break
    # Two title-like lines: headline and deck.  A longer run is a list (ticker, most-read box)
    # ending in the headline.
    head = run[-1] if run else None
    if len(run) >= LIST_RUN:
        head = run[0]
        for n in run[1:]:
            lines[n].kind, lines[n].why = "chrome", "list"
    if head is None:
        # No title-like line above: the first body line is the headline if it reads like one
        # (no closing period, short, no clause commas) and more body follows.
        ln = lines[first_para]
        later = any(x.kind == "paragraph" for x in lines[first_para + 1:])
        if later and ln.title_like() and (ln.words <= 20 or "،" not in ln.text):
            head = first_para
        else:
            return None
    lines[head].kind = "headline"
    for ln in lines[head + 1:first_para]:
        if ln.kind is None:
            ln.kind = "subheading"  # a deck / standfirst under the headline
    return head


def _layout(art: Article, lines: list[Line], title: str | None) -> Article:
    blocks: list[tuple[str, str]] = []
    seen_head = False
    for ln in lines:
        kind = ln.kind
        if kind == "headline" and not seen_head:
            seen_head = True
            blocks.append(("headline", ln.text))
        elif kind in ("paragraph", "subheading"):
            blocks.append((kind, ln.text))
        elif kind == "caption":
            if ln.text not in art.captions:
                art.captions.append(ln.text)
        elif kind == "byline":
            pass
        elif kind == "chrome" or kind is None:
            art.chrome.append(ln.text)
            if ln.why in ("date", "published"):
                pd = read_page_date(ln.text)
                if pd is None:
                    continue
                if ln.why == "published" or seen_head:
                    art.dates.published = art.dates.published or _with_time(pd.gregorian, ln.folded)
                if ln.why == "date" and art.dates.page is None:
                    art.dates.page = pd
    if not seen_head and title:
        blocks.insert(0, ("headline", light(title)))
    # A subheading must introduce something: drop trailing ones into chrome.
    while blocks and blocks[-1][0] == "subheading":
        art.chrome.append(blocks.pop()[1])
    art.set_blocks(blocks)
    _dateline(art)
    return art


DASH_TATWEEL_RE = re.compile(r"(?<!\S)\u0640+(?!\S)")
TIME_RE = re.compile(r"\b(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})\s*(?P<ampm>ص|م|صباحا|مساء|am|pm)?")


def _with_time(day: str | None, folded: str) -> str | None:
    """«2023-11-14» + «09:30 م» on the same stamp → «2023-11-14T21:30» (local time, zone unknown)."""
    m = TIME_RE.search(folded)
    if not day or not m:
        return day
    h, mi = int(m.group("h")), int(m.group("m"))
    if m.group("ampm") in ("م", "مساء", "pm") and h < 12:
        h += 12
    elif m.group("ampm") in ("ص", "صباحا", "am") and h == 12:
        h = 0
    return f"{day}T{h:02d}:{mi:02d}" if h < 24 and mi < 60 else day


DATELINE_RE = re.compile(r"^(?P<city>[\u0600-\u06ff]+(?: [\u0600-\u06ff]+)?)\s*(?:،\s*[\u0600-\u06ff ]+)?\s*(?:\((?P<agency>[^)]{1,30})\))?\s*[-–—]{1,2}\s+")


def _dateline(art: Article) -> None:
    """«القاهرة - » / «دمشق، سوريا (CNN) --» opening the lead: the dateline and agency."""
    paras = art.paragraphs()
    if not paras:
        return
    m = DATELINE_RE.match(paras[0].text)
    if m and len(m.group("city").split()) <= 2:
        art.byline.dateline = m.group("city")
        if m.group("agency"):
            art.byline.agency = m.group("agency").strip()
    lead_key = F.key(paras[0].text[:80])
    am = F.AGENCY_RE.search(lead_key[:40])
    if am and not art.byline.agency:
        art.byline.agency = am.group("agency")
