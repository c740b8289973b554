"""RSS/Atom feeds and sitemaps: parsed, fetched from a real local server, new items only on a re-run."""
from __future__ import annotations

import json
import os

import pytest

from marsad.article import Article
from marsad.cli import main
from marsad.errors import InputError
from marsad.fetch import iter_url, sniff_kind
from marsad.fetch.feeds import parse_feed
from marsad.fetch.sitemaps import parse_sitemap
from tests.fixtures.local_web import LocalWeb, Routes

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures", "html")
FAST = {"delay": 0, "retries": 0, "stages": []}  # reading only: later stages have their own tests


def page(name: str) -> tuple[int, dict, bytes]:
    with open(os.path.join(FIXTURES, name), "rb") as fh:
        return 200, {"Content-Type": "text/html; charset=utf-8"}, fh.read()


def rss(base: str, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>خبر رقم {i} عن الطقس والطرق</title><link>{base}{p}</link>"
        f"<pubDate>Tue, 23 Jan 2024 0{i}:40:00 +0200</pubDate></item>" for i, p in enumerate(paths))
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار محلية</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode()


def xml(body: bytes, ctype: str = "application/rss+xml") -> tuple[int, dict, bytes]:
    return 200, {"Content-Type": ctype}, body


PAGES = {"/n/1": page("amp-rain.html"), "/n/2": page("drupal-water.html")}


def test_feed_url_yields_its_pages_and_reports_a_bad_item(tmp_path):
    state = str(tmp_path / "seen.json")
    with LocalWeb(Routes(PAGES)) as web:
        web.routes["/feed.xml"] = xml(rss(web.base, ["/n/1", "/gone", "/n/2"]))
        first = list(iter_url(web.url("/feed.xml"), allow_private=True, state=state, **FAST))
        second = list(iter_url(web.url("/feed.xml"), allow_private=True, state=state, **FAST))
    arts = [x for x in first if isinstance(x, Article)]
    errs = [x for x in first if isinstance(x, InputError)]
    assert [a.source.url for a in arts] == [web.url("/n/1"), web.url("/n/2")]
    assert len(errs) == 1 and "HTTP 404" in str(errs[0])
    # The re-run: the two read pages are not yielded again; the failed one is tried again.
    assert not any(isinstance(x, Article) for x in second)
    assert len(second) == 1 and "HTTP 404" in str(second[0])
    assert set(json.load(open(state))["seen"]) == {web.url("/n/1"), web.url("/n/2")}


def test_feed_date_is_a_fallback_for_pages_without_one(tmp_path):
    bare = (b"<html><body><h1>\xd8\xae\xd8\xa8\xd8\xb1</h1>" +
            ("<p>" + "كلمات عربية في فقرة طويلة من نص الخبر المكتوب للاختبار " * 4 + "</p>").encode() * 3 + b"</body></html>")
    with LocalWeb(Routes({"/p": (200, {"Content-Type": "text/html; charset=utf-8"}, bare)})) as web:
        web.routes["/f"] = xml(rss(web.base, ["/p"]))
        (art,) = list(iter_url(web.url("/f"), allow_private=True, state=str(tmp_path / "s.json"), **FAST))
    assert isinstance(art, Article), art
    assert art.dates.published == "2024-01-22T22:40:00Z"  # 00:40 at +02:00


def test_atom_feed_with_full_content_needs_no_page_fetch(tmp_path):
    para = "<p>" + "أعلنت اللجنة المنظمة أن المهرجان سيقام في الساحة الكبرى وسط المدينة لمدة أسبوع كامل " * 3 + "</p>"
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>ثقافة</title><id>urn:x</id><updated>2024-04-02T10:00:00Z</updated>
<entry><title>المهرجان يعود إلى الساحة الكبرى</title><link href="LINK"/><id>urn:1</id>
<published>2024-04-02T08:00:00+03:00</published><content type="html"><![CDATA[{para * 2}]]></content></entry></feed>"""
    with LocalWeb(Routes({})) as web:
        web.routes["/atom"] = xml(atom.replace("LINK", web.url("/story/9")).encode(), "application/atom+xml")
        (art,) = list(iter_url(web.url("/atom"), allow_private=True, state=str(tmp_path / "s.json"), **FAST))
        assert "/story/9" not in web.hits
    assert isinstance(art, Article), art
    assert art.headline == "المهرجان يعود إلى الساحة الكبرى"
    assert art.source.url == web.url("/story/9")
    assert art.dates.published == "2024-04-02T05:00:00Z"


def test_sitemap_index_to_news_sitemap_to_pages(tmp_path):
    with LocalWeb(Routes(PAGES)) as web:
        news = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{web.url('/n/2')}</loc><news:news><news:publication_date>2024-06-18</news:publication_date>
<news:title>محطة تحلية</news:title></news:news></url></urlset>"""
        index = f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{web.url('/sm-news.xml')}</loc></sitemap><sitemap><loc>{web.url('/sm-missing.xml')}</loc></sitemap></sitemapindex>"""
        web.routes["/sm-news.xml"] = xml(news.encode(), "application/xml")
        web.routes["/sitemap.xml"] = xml(index.encode(), "application/xml")
        items = list(iter_url(web.url("/sitemap.xml"), allow_private=True, state=str(tmp_path / "s.json"), **FAST))
    arts = [x for x in items if isinstance(x, Article)]
    errs = [x for x in items if isinstance(x, InputError)]
    assert [a.source.url for a in arts] == [web.url("/n/2")]
    assert len(errs) == 1 and "sm-missing.xml" in str(errs[0])


def test_cli_streams_jsonl_for_a_feed(tmp_path, capsys):
    with LocalWeb(Routes(PAGES)) as web:
        web.routes["/feed"] = xml(rss(web.base, ["/n/1", "/broken", "/n/2"]))
        rc = main(["analyze", web.url("/feed"), "--json", "--allow-private", "--state", str(tmp_path / "s.json")])
    out, err = capsys.readouterr()
    lines = out.strip().split("\n")
    assert rc == 0 and len(lines) == 2
    assert all(json.loads(line)["schema"] == "marsad.article/1" for line in lines)
    assert err.count("\n") == 1 and "/broken: HTTP 404" in err


def test_local_feed_file_fetches_its_items(tmp_path, capsys):
    with LocalWeb(Routes(PAGES)) as web:
        path = tmp_path / "saved.rss"
        path.write_bytes(rss(web.base, ["/n/2"]))
        rc = main(["analyze", str(path), "--json", "--allow-private", "--state", str(tmp_path / "s.json")])
        out = capsys.readouterr().out.strip().split("\n")
        assert rc == 0 and len(out) == 1
        assert json.loads(out[0])["source"]["url"] == web.url("/n/2")
        # read again: nothing new is not an error
        rc = main(["analyze", str(path), "--json", "--allow-private", "--state", str(tmp_path / "s.json")])
    out, err = capsys.readouterr()
    assert rc == 0 and out == "" and "nothing new" in err


def test_a_damaged_feed_is_reported_and_its_items_still_read(tmp_path, capsys):
    with LocalWeb(Routes(PAGES)) as web:
        path = tmp_path / "cut.rss"
        path.write_bytes(rss(web.base, ["/n/1"]).rsplit(b"</channel>", 1)[0])  # cut off before its end
        rc = main(["analyze", str(path), "--json", "--allow-private", "--state", str(tmp_path / "s.json")])
    out, err = capsys.readouterr()
    assert rc == 0 and len(out.strip().split("\n")) == 1
    assert "damaged feed" in err


def test_a_feed_that_is_not_xml(tmp_path, capsys):
    path = tmp_path / "broken.rss"
    path.write_text("هذا ليس ملف تغذية بل نص عادي", encoding="utf-8")
    rc = main(["analyze", str(path), "--json", "--state", str(tmp_path / "s.json")])
    err = capsys.readouterr().err
    assert rc == 1 and "not an RSS or Atom feed" in err and err.count("\n") == 1


def test_feed_dates_in_arabic_are_read():
    data = ("<rss version='2.0'><channel><title>ت</title><item><title>خبر</title><link>https://example.org/a</link>"
            "<pubDate>الثلاثاء 5 مارس 2024</pubDate></item></channel></rss>").encode()
    (item,) = parse_feed(data, "feed")
    assert item.title == "خبر" and item.published == "2024-03-05"


def test_sitemap_that_is_not_xml():
    with pytest.raises(InputError, match="not a valid XML sitemap"):
        parse_sitemap(b"<urlset><url><loc>x</loc></url", "sm.xml")


def test_sniffing_what_a_response_holds():
    assert sniff_kind("text/xml", b'<?xml version="1.0"?><rss version="2.0">') == "feed"
    assert sniff_kind("", b"<feed xmlns='http://www.w3.org/2005/Atom'>") == "feed"
    assert sniff_kind("application/xml", b"<?xml version='1.0'?>\n<sitemapindex>") == "sitemap"
    assert sniff_kind("text/html", b"<!doctype html><html><body><p>rss feed</p>") == "page"


def test_state_defaults_to_the_user_cache(tmp_path, monkeypatch):
    from marsad.fetch.state import SeenState, default_path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_path() == str(tmp_path / "marsad" / "seen.json")
    st = SeenState()
    st.mark("https://example.org/a")
    st.save()
    assert not SeenState().is_new("https://example.org/a")


def test_a_damaged_state_file_is_one_line(tmp_path):
    from marsad.fetch.state import SeenState

    bad = tmp_path / "seen.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read the state file"):
        SeenState(str(bad))


def test_gzipped_sitemap_file(tmp_path):
    import gzip

    with LocalWeb(Routes(PAGES)) as web:
        sm = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              f"<url><loc>{web.url('/n/1')}</loc><lastmod>2024-01-23</lastmod></url></urlset>").encode()
        web.routes["/sitemap.xml.gz"] = (200, {"Content-Type": "application/x-gzip"}, gzip.compress(sm))
        items = list(iter_url(web.url("/sitemap.xml.gz"), allow_private=True, state=str(tmp_path / "s.json"), **FAST))
    assert [a.source.url for a in items if isinstance(a, Article)] == [web.url("/n/1")]


def test_a_url_that_is_not_a_page():
    with LocalWeb(Routes({"/doc.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 ...")})) as web:
        (err,) = list(iter_url(web.url("/doc.pdf"), allow_private=True, **FAST))
    assert isinstance(err, InputError) and "not a web page (application/pdf)" in str(err)
