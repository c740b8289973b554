"""XML sitemaps: plain and Google News ``urlset``s, and sitemap indexes that list other sitemaps."""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..errors import InputError
from ..read.metadata import normalize_date

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)


@dataclass
class Entry:
    url: str
    lastmod: str | None = None
    title: str | None = None  # news:title
    published: str | None = None  # news:publication_date


def _first(el, name: str) -> str | None:
    found = el.xpath(f".//*[local-name()='{name}']")
    return found[0].text.strip() if found and found[0].text and found[0].text.strip() else None


def parse_sitemap(data: bytes, where: str) -> tuple[str, list[Entry]]:
    """("urlset" | "index", entries); InputError when the file is not a sitemap."""
    try:
        root = etree.fromstring(data.lstrip(), parser=_PARSER)
    except etree.XMLSyntaxError as e:
        raise InputError(f"{where}: not a valid XML sitemap ({e.msg})") from None
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise InputError(f"{where}: not a sitemap (root element <{kind}>)")
    child = "url" if kind == "urlset" else "sitemap"
    entries = []
    for el in root.xpath(f"./*[local-name()='{child}']"):
        loc = _first(el, "loc")
        if not loc:
            continue
        entries.append(Entry(url=loc, lastmod=normalize_date(_first(el, "lastmod")), title=_first(el, "title"),
                             published=normalize_date(_first(el, "publication_date"))))
    return ("urlset" if kind == "urlset" else "index"), entries
