"""Page metadata from an HTML tree: title, site name, publication date, authors, canonical URL.

Publishers state their metadata in several places of unequal trust.  The order here is the order
of trust: JSON-LD ``NewsArticle`` (written for search engines, usually exact), OpenGraph and
``article:*`` tags, other ``<meta>``/``itemprop``/RDFa date tags, ``<time datetime>``, and only
then what is printed on the page: the ``<h1>``, the ``<title>`` (split into headline and site
name, whichever order the site uses) and a date written in Arabic next to the headline.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

from ..text.calendars import find_dates
from ..text.normalize import light
from . import furniture as F

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
                 "blogposting", "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting", "report"}
PUBLISHED_KEYS = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                  "publish-date", "publish_date", "dc.date.issued", "dc.date", "dcterms.created", "dcterms.issued",
                  "dc:date", "dc.date.created", "sailthru.date", "parsely-pub-date", "citation_publication_date",
                  "date", "article.published", "og:article:published_time", "cxenseparse:recs:publishtime")
MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified", "lastmod")
AUTHOR_KEYS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl", "dcterms.creator",
               "og:article:author", "citation_author")
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»|«|·|/)\s+|\s*\|\s*")
LONE_TATWEEL_RE = re.compile(r"(^|\s)\u0640+(?=\s)")  # «عمّان ـ وكالات»: a tatweel used as a dash
TIME_RE = re.compile(r"(?<![0-9])([012]?[0-9]):([0-5][0-9])(?![0-9])")
OFFSET_RE = re.compile(r"(?:GMT|UTC|غرينتش|جرينتش)\s*([+-])\s*([0-9]{1,2}):?([0-9]{2})?", re.I)
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "head", "title", "meta", "link"}
URL_RE = re.compile(r"^(?:https?:)?//|^www\.")


@dataclass
class PageMeta:
    title: str | None = None
    site_name: str | None = None
    published: str | None = None
    published_from: str | None = None  # which signal gave the date (jsonld, meta, time, page, modified)
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    agency: str | None = None
    dateline: str | None = None
    url: str | None = None
    section: str | None = None
    description: str | None = None
    h1: str | None = None
    page_date_text: str | None = None  # a date line printed above the headline (the masthead's)


def _clean(s) -> str | None:
    if not isinstance(s, str):
        return None
    s = re.sub(r"\s+", " ", light(s)).strip()
    return s if re.search(r"[^\W\d_]", s) else None  # no letters at all: nothing to keep


def _jsonld_objects(tree) -> list[dict]:
    out: list[dict] = []

    def walk(x):
        if isinstance(x, list):
            for y in x:
                walk(y)
        elif isinstance(x, dict):
            out.append(x)
            if "@graph" in x:
                walk(x["@graph"])

    for node in tree.xpath('//script[contains(translate(@type,"LDJSON","ldjson"),"ld+json")]'):
        raw = (node.text or "").strip().rstrip(";")
        if not raw:
            continue
        try:
            walk(json.loads(raw))
        except ValueError:
            try:
                walk(json.loads(re.sub(r"[\x00-\x1f]", " ", raw)))  # raw newlines inside strings
            except ValueError:
                continue
    return out


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    ts = t if isinstance(t, list) else [t]
    return {x.lower() for x in ts if isinstance(x, str)}


def _names(value) -> list[str]:
    """Author/publisher values: a string, an object with ``name``, or a list of either."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        value = value.get("name")
    s = _clean(value)
    if not s or URL_RE.match(s):
        return []
    return [p.strip() for p in re.split(r"\s*(?:;|\s و\s*(?=\S)|,|،)\s*", s) if p.strip()] if len(s) > 40 else [s]


def _meta_tags(tree) -> dict[str, str]:
    """First value of each ``<meta>`` name/property/itemprop, lower-cased keys."""
    out: dict[str, str] = {}
    for m in tree.iter("meta"):
        content = m.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            k = (m.get(attr) or "").strip().lower()
            if k and k not in out:
                out[k] = content.strip()
    return out


def normalize_date(value: str | None) -> str | None:
    """An ISO-ish date string → ISO 8601 (date, or date-time with its offset when given)."""
    if not value or not isinstance(value, str):
        return None
    v = value.strip()
    m = re.match(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?", v)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        day = dt.date(y, mo, d)
    except ValueError:
        return None
    if not 1990 <= y <= dt.date.today().year + 1:
        return None
    if m.group(4) is None:
        return day.isoformat()
    hh, mm, ss = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
    if hh > 23:
        return day.isoformat()
    tz = m.group(7) or ""
    if tz and tz != "Z" and ":" not in tz:
        tz = tz[:3] + ":" + tz[3:]
    return f"{day.isoformat()}T{hh:02d}:{mm:02d}:{ss:02d}{tz}"


YEAR_RE = re.compile(r"(?<![0-9٠-٩])[12١٢][0-9٠-٩]{3}(?![0-9٠-٩])")


def _written_date(text: str) -> str | None:
    """A date written in Arabic (any calendar) with its time and GMT offset when printed beside it."""
    if not YEAR_RE.search(text):
        return None  # cheap test first: no year, no full date
    found = [d for d in find_dates(text) if d.year is not None and d.day is not None]
    found.sort(key=lambda d: d.calendar != "gregorian")  # «... هـ الموافق 15 سبتمبر»: the Gregorian one
    for d in found:
        if d.calendar == "hijri":
            from ..text.calendars import hijri_to_gregorian

            g = hijri_to_gregorian(d.year, d.month, d.day)
            if g is None:
                continue
            iso = g.isoformat()
        else:
            try:
                iso = dt.date(d.year, d.month, d.day).isoformat()
            except ValueError:
                continue
        rest = text[d.end:d.end + 60]
        tm = TIME_RE.search(rest)
        if not tm or int(tm.group(1)) > 23:
            return normalize_date(iso)
        pm = re.search(r"\bم\b|مساء|PM", rest[tm.end():tm.end() + 12], re.I)
        hh = int(tm.group(1)) + (12 if pm and int(tm.group(1)) < 12 else 0)
        stamp = f"{iso}T{hh:02d}:{tm.group(2)}:00"
        om = OFFSET_RE.search(rest)
        if om:
            stamp += f"{om.group(1)}{int(om.group(2)):02d}:{om.group(3) or '00'}"
        return normalize_date(stamp)
    return None


def text_chunks(tree) -> list[tuple[object, str]]:
    """(element, text) for each visible text piece in document order (scripts and styles skipped)."""
    out: list[tuple[object, str]] = []
    body = tree.find(".//body")
    stack = [(body if body is not None else tree, False)]  # a loop, not recursion: pages nest deep
    while stack:
        el, closing = stack.pop()
        if closing:
            if el.tail and el.tail.strip() and el.getparent() is not None:
                out.append((el.getparent(), el.tail.strip()))
            continue
        stack.append((el, True))
        if isinstance(el.tag, str) and el.tag not in SKIP_TAGS:
            if el.text and el.text.strip():
                out.append((el, el.text.strip()))
            stack.extend((child, False) for child in reversed(el))
    return out


def _h1(tree, candidates: list[str]) -> tuple[str | None, object | None]:
    """The headline ``<h1>`` (text, element): the one that matches a known title, else the longest."""
    h1s = [(t, h) for h in tree.iter("h1") if (t := _clean(h.text_content()))]
    keys = [F.key(c) for c in candidates if c]
    for t, h in h1s:
        k = F.key(t)
        if any(k and (k == c or (len(k) > 10 and (k in c or c in k))) for c in keys):
            return t, h
    # One- or two-word h1s are usually the site's logo, unless the page has no other h1.
    real = [(t, h) for t, h in h1s if len(t.split()) >= 3] or (h1s if len(h1s) == 1 else [])
    return max(real, key=lambda x: len(x[0])) if real else (None, None)


def _near(tree, head_el, cond: str, levels: int = 4) -> list:
    """Elements matching ``cond`` nearest the headline: in the blocks around it first, then after
    it, then anywhere — so that a sidebar's dates and writers lose to the article's own."""
    if head_el is not None:
        anc = head_el
        for _ in range(levels):
            anc = anc.getparent()
            if anc is None:
                break
            if found := anc.xpath(f".//*[{cond}]"):
                return found
        if found := head_el.xpath(f"following::*[{cond}]"):
            return found
    return tree.xpath(f"//*[{cond}]")


def split_title(title_tag: str, h1: str | None, site_name: str | None, host: str | None) -> tuple[str, str | None]:
    """``<title>`` → (headline, site name), whichever side of the separator the site puts its name."""
    parts = [p.strip() for p in TITLE_SEPARATORS.split(title_tag) if p and re.search(r"[^\W\d_]", p)]
    if len(parts) < 2:
        return (parts[0] if parts else title_tag), None
    keys = [F.key(p) for p in parts]
    if h1:
        hk = F.key(h1)
        for p, k in zip(parts, keys):
            if k == hk:
                others = [q for q in parts if q is not p]
                return p, min(others, key=len) if others else None
    host_words = set(re.split(r"[.\-]", (host or "").lower())) - {"www", "com", "net", "org", "news", ""}

    def is_site(p: str, k: str) -> bool:
        if site_name and F.key(site_name) in (k, k.replace(" ", "")):
            return True
        flat = k.replace(" ", "").lower()
        return any(w and len(w) > 2 and w in flat for w in host_words) and len(p.split()) <= 4

    sites = [p for p, k in zip(parts, keys) if is_site(p, k)]
    rest = [p for p in parts if p not in sites]
    if sites and rest:
        return max(rest, key=lambda p: len(p.split())), sites[0]
    # No clue: the site name is the short side, the headline the long one.
    by_len = sorted(parts, key=lambda p: len(p.split()))
    if len(by_len[0].split()) <= 4 and len(by_len[-1].split()) >= 2 * len(by_len[0].split()):
        head = by_len[-1] if len(parts) == 2 else " - ".join(p for p in parts if p is not by_len[0])
        return head, by_len[0]
    return title_tag, None


def _date_near_headline(chunks: list[tuple[object, str]], h1: str | None) -> tuple[str | None, str | None]:
    """(published, masthead date line): a written date just after the headline, and one above it."""
    hk = F.key(h1) if h1 else None
    at = None
    if hk:
        at = next((i for i, (_, t) in enumerate(chunks) if F.key(t) == hk), None)
    if at is None:
        return None, None
    published = None
    for _, t in chunks[at + 1:at + 30]:
        if len(t.split()) > 25:
            break  # the body has started; dates further down belong to the story, not to its stamp
        if (d := _written_date(t)) is not None:
            published = d
            break
    masthead = None
    for _, t in chunks[max(0, at - 60):at]:
        if len(t.split()) <= 16 and _written_date(t):
            masthead = t
    return published, masthead


def _byline_near_headline(pm: PageMeta, chunks: list[tuple[object, str]], h1: str | None) -> list[str]:
    """«كتب: …» / «بقلم …» printed between the headline and the body (and «city ـ وكالات» lines)."""
    hk = F.key(h1) if h1 else None
    at = next((i for i, (_, t) in enumerate(chunks) if hk and F.key(t) == hk), None)
    if at is None:
        return []
    authors = []
    for _, t in chunks[at + 1:at + 12]:
        if len(t.split()) > 25:
            break
        k = F.key(light(LONE_TATWEEL_RE.sub(r"\1-", t)))
        if not authors and len(t.split()) <= 8 and F.BYLINE_RE.match(k):
            authors = [strip_byline(t)]
        elif not pm.agency and (m := F.AGENCY_LINE_RE.match(k)) and len(t.split()) <= 5:
            words = re.sub(r"[()\-–—ـ:.]", " ", light(t)).split()
            pm.agency = " ".join(words[-len(m.group("agency").split()):])
            if m.group("city"):
                pm.dateline = " ".join(words[:len(m.group("city").split())])
    return authors


def extract(tree, url: str | None = None, host: str | None = None) -> PageMeta:
    """Read a parsed page's metadata (see the module docstring for the order of trust)."""
    pm = PageMeta()
    metas = _meta_tags(tree)
    objs = _jsonld_objects(tree)
    arts = [o for o in objs if _types(o) & ARTICLE_TYPES] or [o for o in objs if _types(o) & {"webpage"}]
    if len(arts) > 1:  # a page that also describes its related stories: the one matching og:title
        og_key = F.key(metas.get("og:title") or "")
        arts.sort(key=lambda o: (F.key(_clean(o.get("headline")) or "") != og_key, "datePublished" not in o))
    art = arts[0] if arts else {}

    main_entity = art.get("mainEntityOfPage")
    ld_url = art.get("url") or (main_entity.get("@id") if isinstance(main_entity, dict) else main_entity)
    pm.url = (_clean(metas.get("og:url")) or next((c.get("href") for c in tree.xpath('//link[@rel="canonical"]')), None)
              or (ld_url if isinstance(ld_url, str) and ld_url.startswith("http") else None) or url)
    pm.description = _clean(art.get("description")) or _clean(metas.get("og:description")) or _clean(metas.get("description"))
    section = art.get("articleSection")
    pm.section = _clean(section if isinstance(section, str) else None) or _clean(metas.get("article:section"))
    pm.site_name = _site_name(art, objs, metas)
    head_el = _title(pm, tree, art, metas, host)
    chunks = text_chunks(tree)
    if head_el is None and pm.title:  # no <h1>: the element that prints the title
        tk = F.key(pm.title)
        head_el = next((el for el, t in chunks if F.key(t) == tk), None)
    _published(pm, tree, head_el, art, metas, chunks)
    _authors(pm, tree, head_el, art, metas, chunks)
    return pm


def _site_name(art: dict, objs: list[dict], metas: dict[str, str]) -> str | None:
    by_id = {o["@id"]: o for o in objs if isinstance(o.get("@id"), str)}
    publisher = art.get("publisher")
    if isinstance(publisher, dict) and "name" not in publisher and publisher.get("@id") in by_id:
        publisher = by_id[publisher["@id"]]  # {"@id": "#org"}: a reference into the @graph
    publisher = publisher or next((o for o in objs if _types(o) & {"newsmediaorganization", "organization"}), None)
    site = (_names(publisher) or [None])[0] if publisher else None
    return (site or _clean(metas.get("og:site_name")) or _clean(metas.get("application-name"))
            or _clean(metas.get("twitter:site", "").lstrip("@") or None))


def _title(pm: PageMeta, tree, art: dict, metas: dict[str, str], host: str | None):
    """Fill title (and site name from ``<title>`` when nothing else gave it); return the h1 element."""
    ld_title = _clean(art.get("headline")) or _clean(art.get("name") if _types(art) & ARTICLE_TYPES else None)
    og_title = _clean(metas.get("og:title")) or _clean(metas.get("twitter:title"))
    title_el = tree.find(".//title")
    title_tag = _clean(title_el.text_content()) if title_el is not None else None
    pm.h1, head_el = _h1(tree, [ld_title, og_title, title_tag])
    title = ld_title or og_title or pm.h1
    if title_tag:
        tag_head, tag_site = split_title(title_tag, pm.h1 or title, pm.site_name, host)
        title = title or tag_head
        pm.site_name = pm.site_name or tag_site
    if title and pm.site_name:  # "headline - Site" in og:title as well: cut the site name off
        head, site2 = split_title(title, pm.h1, pm.site_name, host)
        if site2 and F.key(site2) == F.key(pm.site_name):
            title = head
    pm.title = title
    return head_el


def _published(pm: PageMeta, tree, head_el, art: dict, metas: dict[str, str], chunks) -> None:
    cands = [("jsonld", art.get("datePublished") or art.get("dateCreated"))]
    cands += [("meta", metas.get(k)) for k in PUBLISHED_KEYS]
    for el in _near(tree, head_el, '@itemprop="datePublished" or @property="dc:date" or @property="dc:created" '
                    'or @property="article:published_time" or @property="datePublished"')[:3]:
        cands.append(("meta", el.get("content") or el.get("datetime")))
    for el in _near(tree, head_el, "self::time[@datetime]")[:3]:
        cands.append(("time", el.get("datetime")))
    for src, v in cands:
        if (d := normalize_date(v if isinstance(v, str) else None)) is not None:
            pm.published, pm.published_from = d, src
            break
    modified = art.get("dateModified")
    pm.modified = normalize_date(modified if isinstance(modified, str) else None) or next(
        (d for k in MODIFIED_KEYS if (d := normalize_date(metas.get(k)))), None)
    written, pm.page_date_text = _date_near_headline(chunks, pm.h1 or pm.title)
    if pm.published is None and written:
        pm.published, pm.published_from = written, "page"
    if pm.published is None and pm.modified:
        pm.published, pm.published_from = pm.modified, "modified"


def _authors(pm: PageMeta, tree, head_el, art: dict, metas: dict[str, str], chunks) -> None:
    """Writers from JSON-LD, meta tags, a printed byline, or an author element; agencies apart."""
    authors = _names(art.get("author"))
    for k in AUTHOR_KEYS:
        if authors:
            break
        authors = _names(metas.get(k))
    printed = _byline_near_headline(pm, chunks, pm.h1 or pm.title)
    authors = authors or printed
    if not authors:
        for el in _near(tree, head_el, '@rel="author" or @itemprop="author" or contains(@class,"byline") or '
                        'contains(@class,"author") or contains(@class,"writer")')[:5]:
            t = _clean(el.text_content())
            if t and len(t.split()) <= 6:
                authors = [strip_byline(t)]
                break
    site_key = F.key(pm.site_name or "")
    for a in authors:
        if F.AGENCY_LINE_RE.match(F.key(a)):
            pm.agency = pm.agency or a  # JSON-LD "author": {"name": "وكالات"}: a credit, not a writer
    pm.authors = [a for a in dict.fromkeys(authors)
                  if a and F.key(a) != site_key and not F.AGENCY_LINE_RE.match(F.key(a))]


BYLINE_PREFIX_RE = re.compile(r"^\s*(?:كتبت|كتب|بقلم|إعداد|اعداد|حوار|ترجمة|متابعة|تقرير|تحرير|مراسلة|مراسل|by)\s*[:：\-–]?\s*", re.I)


def strip_byline(text: str) -> str:
    """«كتبت: هالة يوسف» → «هالة يوسف»."""
    return BYLINE_PREFIX_RE.sub("", text).strip(" :-–")
