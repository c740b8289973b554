"""HTML pages → Article, on top of trafilatura's main-text extraction.

trafilatura finds the article body; its output (one block per line) is then read like a page
dump so that headline, subheadings, captions and furniture are told apart the same way for both.
Metadata (title, date, author, site name) comes from trafilatura's metadata layer.
"""
from __future__ import annotations

import trafilatura
from trafilatura.metadata import extract_metadata

from ..article import Article
from .dump import read_dump


def read_html(html: str, art: Article, title: str | None = None) -> Article:
    body = trafilatura.extract(html, url=art.source.url, include_comments=False, include_tables=False,
                               favor_precision=True, deduplicate=False) or ""
    meta = extract_metadata(html, default_url=art.source.url)
    title = title or (meta.title if meta else None)
    if meta:
        art.source.publisher = art.source.publisher or meta.sitename
        art.source.site = art.source.site or meta.hostname
        if meta.author:
            art.byline.authors = [a.strip() for a in meta.author.split(";") if a.strip()]
        if meta.date:
            art.dates.published = meta.date
    text = (title + "\n" + body) if title and title not in body[:len(title) + 50] else body
    return read_dump(text, art, title=title)
