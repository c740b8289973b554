"""HTML pages → Article: trafilatura finds the main text, Marsad fixes what it gets wrong on Arabic sites.

1. ``metadata.extract`` reads title, site name, date and authors in order of trust (JSON-LD,
   OpenGraph/``article:*``, other meta tags, then what the page prints, Arabic dates included).
2. Before extraction the page's captions (``figcaption`` and caption classes) are noted: they
   are the article's captions, and lines repeating them are kept out of the body.
3. trafilatura's structured body (``head``, ``p`` with ``lb`` and bold ``hi``) becomes lines; each
   line is a headline copy, byline (كتب: / بقلم / حوار:), agency line (ـ وكالات), date stamp,
   label, "اقرأ أيضا" label and the links under it, caption, disclaimer, subheading (a heading,
   or a line that is all bold) or paragraph — with the dump reader's furniture vocabulary.
"""
from __future__ import annotations

import re

import trafilatura

from ..article import Article
from ..errors import InputError
from ..text.calendars import find_dates, read_page_date
from ..text.normalize import light
from . import furniture as F
from . import metadata

CAPTION_XPATH = '//figcaption | //*[contains(@class, "caption") and not(self::body) and not(self::html)]'
SUBHEAD_MAX_WORDS = 25
# Page furniture trafilatura drops without a word: menus, banners, sidebars, footers (a header or
# footer inside the article or main element is the article's own: its headline, its byline).
CHROME_XPATH = ('//nav | //aside | //*[@role="navigation" or @role="banner" or @role="complementary"'
                ' or @role="contentinfo"] | //header[not(ancestor::article) and not(ancestor::main)]'
                ' | //footer[not(ancestor::article) and not(ancestor::main)]')
CHROME_TEXT_XPATH = ".//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]"
CHROME_MAX_CHARS = 500


def read_html(html: str, art: Article, title: str | None = None) -> Article:
    """Fill ``art`` (blocks, captions, chrome, byline, dates, source) from one HTML page."""
    tree = trafilatura.load_html(html)
    if tree is None:
        raise InputError("cannot parse the HTML page")
    meta = metadata.extract(tree, url=art.source.url, host=art.source.site)
    captions = _captions(tree)
    page_chrome = _page_chrome(tree)

    body = _main_text(tree, art.source.url)
    lines = _lines(body) if body is not None else []
    if not any(len(t.split()) >= 5 for t, _ in lines):
        raise InputError("no article text found in the HTML page")

    headline = light(title or meta.title or "") or None
    _classify(art, lines, headline, captions)
    for c in captions:  # trafilatura drops figure captions; the page's own are the article's
        if c not in art.captions:
            art.captions.append(c)
    kept = F.key(art.text)
    for c in page_chrome:
        if c not in art.chrome and F.key(c) not in kept:
            art.chrome.append(c)

    art.source.url = art.source.url or meta.url
    if not art.source.site and art.source.url:
        from . import site_of

        art.source.site = site_of(art.source.url)
    art.source.publisher = art.source.publisher or meta.site_name
    art.byline.agency = art.byline.agency or meta.agency
    art.byline.dateline = art.byline.dateline or meta.dateline
    for a in meta.authors:
        if F.key(a) not in {F.key(x) for x in art.byline.authors}:
            art.byline.authors.append(a)
    art.dates.published = art.dates.published or meta.published or _htmldate(tree, art.source.url)
    if meta.page_date_text and art.dates.page is None:
        art.dates.page = read_page_date(meta.page_date_text)
    return art


def _main_text(tree, url: str | None):
    """trafilatura's body (precision first, recall when that finds nothing)."""
    for opts in ({"favor_precision": True}, {"favor_recall": True}):
        doc = trafilatura.bare_extraction(tree, url=url, include_comments=False, include_tables=False,
                                          include_images=False, include_formatting=True, deduplicate=False,
                                          with_metadata=False, **opts)
        body = getattr(doc, "body", None) if doc is not None else None
        if body is not None and len("".join(body.itertext()).split()) >= 10:
            return body
    return None


def _htmldate(tree, url: str | None) -> str | None:
    """Last resort for the date: htmldate over the page's markup and URL (no guessing from sidebars)."""
    from htmldate import find_date

    try:
        return metadata.normalize_date(find_date(tree, url=url, original_date=True, extensive_search=False))
    except (ValueError, TypeError):
        return None


def _text(s: str) -> str:
    return light(metadata.LONE_TATWEEL_RE.sub(r"\1-", s)).replace("\n", " ").strip()


def _captions(tree) -> list[str]:
    out = []
    for el in tree.xpath(CAPTION_XPATH):
        t = _text(el.text_content())
        if t and len(t.split()) <= 60 and t not in out:
            out.append(t)
    return out


def _page_chrome(tree) -> list[str]:
    """The text of each menu, banner, sidebar and footer, outermost only, its pieces joined by ·."""
    out = []
    found = tree.xpath(CHROME_XPATH)
    matched = set(found)
    for el in found:
        if any(a in matched for a in el.iterancestors()):
            continue
        pieces = [t for t in (_text(x) for x in el.xpath(CHROME_TEXT_XPATH)) if t]
        text = " · ".join(dict.fromkeys(pieces))[:CHROME_MAX_CHARS]
        if text and text not in out:
            out.append(text)
    return out


def _lines(body) -> list[tuple[str, str]]:
    """trafilatura's body → (text, hint) lines; hint is "head", "bold" (a line all in bold) or "p"."""
    out: list[tuple[str, str]] = []

    def flush(parts: list[tuple[str, bool]], hint: str) -> None:
        text = _text("".join(p for p, _ in parts))
        if not text:
            return
        if hint == "p" and all(b for p, b in parts if p.strip()):
            hint = "bold"
        out.append((text, hint))

    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("table", "graphic", "code", "comments"):
            continue
        if tag == "head":
            flush([("".join(el.itertext()), True)], "head")
            continue
        parts: list[tuple[str, bool]] = []

        def walk(node, bold: bool) -> None:
            nonlocal parts
            if node.tag == "lb":
                flush(parts, "p")
                parts = []
            else:
                b = bold or (node.tag == "hi" and "b" in (node.get("rend") or ""))
                if node.tag in ("item", "quote", "p") and node is not el:
                    flush(parts, "p")
                    parts = []
                if node.text:
                    parts.append((node.text, b))
                for child in node:
                    walk(child, b)
            if node is not el and node.tail:
                parts.append((node.tail, bold))

        walk(el, False)
        flush(parts, "p")
    return out


def _is_date_line(text: str) -> bool:
    if len(text.split()) > 16:
        return False
    ds = find_dates(text)
    if not ds:
        return False
    rest = text
    for d in reversed(ds):
        rest = rest[:d.start] + " " + rest[d.end:]
    words = [w for w in F.key(rest).split() if not re.fullmatch(r"[0-9:]+", w) and w not in F.DATE_FILLER]
    return len(words) <= 2


def _classify(art: Article, lines: list[tuple[str, str]], headline: str | None, captions: list[str]) -> None:
    head_key = F.key(headline) if headline else None
    cap_keys = {F.key(c) for c in captions}
    blocks: list[tuple[str, str]] = []
    in_related = body_started = False
    for n, (text, hint) in enumerate(lines):
        k = F.key(text)
        words = len(text.split())
        if not k:
            continue
        if head_key is None and not blocks and hint == "head":
            head_key, headline = k, text
            continue
        if head_key and (k == head_key or (not body_started and words >= 3 and (
                k in head_key or (head_key in k and words <= len(head_key.split()) + 3)))):
            continue  # the headline again (trafilatura keeps the h1), maybe with a label around it
        if k in cap_keys or (F.CAPTION_RE.search(k) and words <= 15):
            if text not in art.captions:
                art.captions.append(text)
            continue
        if F.RELATED_RE.match(k) and words <= 20:
            art.chrome.append(text)
            in_related = F.RELATED_RE.match(k) is not None and words <= 6
            continue
        if in_related and words <= 20 and hint != "head" and not text.endswith((".", "؟", "!")):
            art.chrome.append(text)
            continue
        in_related = False
        if (m := F.BYLINE_RE.match(k)) and words <= 8 and (not body_started or n >= len(lines) - 2):
            art.byline.authors.append(metadata.strip_byline(text) or m.group("name"))
            continue
        if (am := F.AGENCY_LINE_RE.match(k)) and words <= 5:
            art.byline.agency = art.byline.agency or _original(text, am.group("agency"))
            if am.group("city"):
                art.byline.dateline = art.byline.dateline or _original(text, am.group("city"), first=True)
            continue
        if _is_date_line(text):
            art.chrome.append(text)
            continue
        if words <= 12 and (F.LABEL_RE.match(k) or F.FURNITURE_RE.match(k) or F.STAFF_RE.match(k) or F.BREAKING_RE.match(k)):
            art.chrome.append(text)
            continue
        if (hint == "head" and words <= SUBHEAD_MAX_WORDS) or (hint == "bold" and words <= 20 and not text.endswith(".")):
            blocks.append(("subheading", text))
        else:
            blocks.append(("paragraph", text))
            body_started = True
    # Disclaimers, comment policies and furniture at the tail.
    while blocks and (F.DISCLAIMER_RE.search(F.key(blocks[-1][1])) or blocks[-1][0] == "subheading"
                      or (len(blocks[-1][1].split()) <= 12 and F.FURNITURE_RE.match(F.key(blocks[-1][1])))):
        art.chrome.append(blocks.pop()[1])
    if headline:
        blocks.insert(0, ("headline", headline))
    art.set_blocks(blocks)
    from .dump import _dateline

    _dateline(art)


def _original(text: str, folded: str, first: bool = False) -> str:
    """The words of ``text`` that ``folded`` (a folded key) stands for, as written."""
    n = len(folded.split())
    words = re.sub(r"[():\-–—.]", " ", text).split()
    return " ".join(words[:n] if first else words[-n:])
