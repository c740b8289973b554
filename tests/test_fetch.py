"""The safe fetcher and `marsad analyze URL`, against a real http.server on 127.0.0.1."""
from __future__ import annotations

import json
import os

import brotli
import pytest

from tests.fixtures.local_web import LocalWeb, Routes, redirect, slow
from marsad.cli import main
from marsad.errors import InputError
from marsad.fetch import iter_url
from marsad.fetch.http import Fetcher, _pin

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures", "html")
FAST = {"delay": 0, "retries": 0, "stages": []}  # reading only: later stages have their own tests


def page(name: str) -> bytes:
    with open(os.path.join(FIXTURES, name), "rb") as fh:
        return fh.read()


def html_route(name: str, **headers) -> tuple[int, dict, bytes]:
    return 200, {"Content-Type": "text/html; charset=utf-8", **headers}, page(name)


def one(source: str, **opts):
    items = list(iter_url(source, **{**FAST, **opts}))
    assert len(items) == 1
    return items[0]


def test_page_url_gives_one_article_with_its_url_and_fetch_time():
    with LocalWeb(Routes({"/news/1": html_route("wordpress-library.html")})) as web:
        art = one(web.url("/news/1"), allow_private=True)
    assert not isinstance(art, InputError), art
    assert art.headline == "افتتاح مكتبة عامة جديدة في حي الورود بعد عامين من العمل"
    assert art.source.url == web.url("/news/1")
    assert art.source.fetched and art.source.fetched.endswith("Z")
    assert art.byline.authors == ["سامر الخطيب"]


def test_private_address_refused_without_the_option_before_any_request():
    with LocalWeb(Routes({"/news/1": html_route("wordpress-library.html")})) as web:
        err = one(web.url("/news/1"))
        assert isinstance(err, InputError)
        assert "private or local address" in str(err) and "--allow-private" in str(err)
        assert web.hits == []


@pytest.mark.parametrize("url", ["http://localhost/", "http://10.1.2.3/", "http://169.254.169.254/latest/",
                                 "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/"])
def test_every_private_kind_is_refused(url):
    with pytest.raises(InputError, match="private or local"):
        Fetcher().check_url(url)


def test_other_schemes_refused():
    with pytest.raises(InputError, match="only http and https"):
        Fetcher(allow_private=True).check_url("file:///etc/passwd")


def test_cli_prints_the_article_object(capsys):
    with LocalWeb(Routes({"/a": html_route("amp-rain.html")})) as web:
        rc = main(["analyze", web.url("/a"), "--json", "--allow-private"])
    assert rc == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["source"]["url"] == web.url("/a")
    assert obj["byline"]["agency"] == "وكالات"


def test_cli_refuses_private_in_one_line(capsys):
    with LocalWeb(Routes({"/a": html_route("amp-rain.html")})) as web:
        rc = main(["analyze", web.url("/a"), "--json"])
    err = capsys.readouterr().err
    assert rc == 1 and err.count("\n") == 1 and "private" in err and "Traceback" not in err


@pytest.mark.parametrize("status,text", [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")])
def test_http_errors_are_one_line(status, text):
    with LocalWeb(Routes({"/x": (status, {"Content-Type": "text/html"}, b"<html>oops</html>")})) as web:
        err = one(web.url("/x"), allow_private=True)
    assert isinstance(err, InputError) and text in str(err)


def test_redirects_are_followed_hop_by_hop():
    routes = Routes({"/old": redirect("/older", 301), "/older": redirect("/new"), "/new": html_route("drupal-water.html")})
    with LocalWeb(routes) as web:
        art = one(web.url("/old"), allow_private=True)
        assert web.hits == ["/robots.txt", "/old", "/older", "/new"]
    assert not isinstance(art, InputError), art
    assert art.source.url == web.url("/new")


def test_redirect_loop_is_reported():
    with LocalWeb(Routes({"/a": redirect("/b"), "/b": redirect("/a")})) as web:
        err = one(web.url("/a"), allow_private=True)
    assert isinstance(err, InputError) and "redirect loop" in str(err)


def test_too_many_redirects():
    routes = Routes({f"/r{i}": redirect(f"/r{i + 1}") for i in range(10)})
    with LocalWeb(routes) as web:
        err = one(web.url("/r0"), allow_private=True)
    assert isinstance(err, InputError) and "too many redirects" in str(err)


def test_redirect_to_another_scheme_is_checked_at_that_hop():
    with LocalWeb(Routes({"/a": redirect("file:///etc/passwd")})) as web:
        err = one(web.url("/a"), allow_private=True)
    assert isinstance(err, InputError) and "only http and https" in str(err)


def test_redirect_to_a_private_address_is_checked_at_that_hop():
    # Only the first host is trusted (allow_hosts); the redirect's target, another name for a
    # loopback address, is resolved and refused at its own hop.
    with LocalWeb(Routes({"/a": redirect("/b"), "/b": html_route("amp-rain.html")})) as web:
        port = web.server.server_address[1]
        web.routes["/a"] = redirect(f"http://localhost:{port}/b")
        f = Fetcher(allow_private=False, allow_hosts={"127.0.0.1"}, delay=0, retries=0, robots=False)
        with pytest.raises(InputError, match="private or local"):
            f.get(web.url("/a"))
        assert web.hits == ["/a"]


def test_timeout_is_one_line():
    with LocalWeb(Routes({"/slow": slow(3)})) as web:
        err = one(web.url("/slow"), allow_private=True, timeout=0.3)
    assert isinstance(err, InputError) and "timed out" in str(err)


def test_retry_after_a_503():
    calls = []

    def flaky(h):
        calls.append(1)
        body = page("jsonld-clinic.html")
        h.send_response(503 if len(calls) == 1 else 200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    with LocalWeb(Routes({"/f": flaky})) as web:
        art = one(web.url("/f"), allow_private=True, retries=2)
    assert not isinstance(art, InputError), art
    assert len(calls) == 2


def test_a_30_mb_page_is_refused_from_its_header():
    big = b"<html><body><p>" + b"x" * (30 * 2**20) + b"</p></body></html>"
    with LocalWeb(Routes({"/big": (200, {"Content-Type": "text/html"}, big)})) as web:
        err = one(web.url("/big"), allow_private=True)
    assert isinstance(err, InputError) and "over the 20 MB limit" in str(err)


def test_size_cap_while_streaming():
    def chunked(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        try:
            for _ in range(50):
                h.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>")
        except (BrokenPipeError, ConnectionResetError):
            pass

    with LocalWeb(Routes({"/s": chunked})) as web:
        err = one(web.url("/s"), allow_private=True, max_bytes=100_000)
    assert isinstance(err, InputError) and "over the" in str(err)


def test_gzip_and_brotli_bodies_are_decoded():
    raw = page("drupal-water.html")
    routes = Routes({"/gz": (200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}, raw),
                     "/br": (200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "br"}, brotli.compress(raw))})
    with LocalWeb(routes) as web:
        for path in ("/gz", "/br"):
            art = one(web.url(path), allow_private=True)
            assert not isinstance(art, InputError), art
            assert art.headline.startswith("محطة تحلية صغيرة")


def test_robots_txt_is_obeyed():
    routes = Routes({"/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"),
                     "/private/p": html_route("amp-rain.html")})
    with LocalWeb(routes) as web:
        err = one(web.url("/private/p"), allow_private=True)
        assert "/private/p" not in web.hits
    assert isinstance(err, InputError) and "robots.txt" in str(err)


def page_recording(header: str, seen: list):
    """A route serving a page and recording one request header of each hit."""
    def handler(h):
        seen.append(h.headers.get(header))
        body = page("amp-rain.html")
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
    return handler


def test_user_agent_names_marsad():
    seen = []
    with LocalWeb(Routes({"/ua": page_recording("User-Agent", seen)})) as web:
        one(web.url("/ua"), allow_private=True)
    assert seen and seen[0].startswith("Marsad/")


def test_windows_1256_page_declared_by_the_server():
    with LocalWeb(Routes({"/c": (200, {"Content-Type": "text/html; charset=windows-1256"}, page("cp1256-coding.html"))})) as web:
        art = one(web.url("/c"), allow_private=True)
    assert not isinstance(art, InputError), art
    assert art.headline == "جامعة الشمال تطلق برنامجا لتعليم البرمجة لطلاب الثانوية"


def test_a_page_that_is_all_script():
    body = b"<html><head><script>" + b"var a = 1;" * 500 + b"</script></head><body><script>go()</script></body></html>"
    with LocalWeb(Routes({"/js": (200, {"Content-Type": "text/html"}, body)})) as web:
        err = one(web.url("/js"), allow_private=True)
    assert isinstance(err, InputError) and "no article text" in str(err)


def test_a_pinned_request_goes_to_the_checked_address_under_the_sites_name():
    # check_url returns the address it checked; the request is sent there, not to a second DNS
    # answer, while the site still sees its own name in the Host header.
    seen = []
    with LocalWeb(Routes({"/p": page_recording("Host", seen)})) as web:
        port = web.server.server_address[1]
        with Fetcher(allow_private=True, delay=0, retries=0, robots=False) as f:
            status, _, body = f._request(f"http://news.example:{port}/p", 10**6, 0, pinned="127.0.0.1")
    assert status == 200 and body.startswith(b"<!doctype html>")
    assert seen == [f"news.example:{port}"]


def test_pinned_urls_keep_port_path_and_tls_name():
    assert _pin("https://news.example:8443/a/b?c=1", "203.0.113.5") == (
        "https://203.0.113.5:8443/a/b?c=1", {"Host": "news.example:8443", "Connection": "close"},
        {"sni_hostname": "news.example"})
    assert _pin("http://news.example/x", "2001:db8::1") == ("http://[2001:db8::1]/x", {"Host": "news.example"}, {})
