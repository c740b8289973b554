"""`marsad serve` as a user meets it: a real server process over a real SQLite corpus, over HTTP.

The corpus is filled with `marsad ingest` from three small pages written for these tests (a
desalination-plant opening, a rain story, and a page whose headline and text carry HTML/script
injection attempts).  Nothing here stands in for the analysis pipeline, the store or the server.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time

import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("fastapi", reason="the 'web' extra is not installed (pip install -e '.[web]')")

from marsad.web import charts  # noqa: E402

from .conftest import ROOT, run_cli  # noqa: E402
from tests.fixtures.local_web import LocalWeb, Routes  # noqa: E402

TOKEN = "test-token-7f3a"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'

DESAL = """<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>افتتاح محطة تحلية جديدة في ينبع</title>
<meta property="article:published_time" content="2021-03-14T09:00:00Z"></head>
<body><article><h1>افتتاح محطة تحلية جديدة في ينبع</h1>
<p>ينبع - افتتح وزير البيئة والمياه والزراعة عبد الرحمن الفضلي يوم الأحد 14 مارس 2021 محطة جديدة لتحلية مياه البحر في مدينة ينبع، بطاقة إنتاجية تبلغ نصف مليون متر مكعب يوميا.</p>
<p>وقال الفضلي في كلمته خلال الحفل: "المحطة ستخدم أكثر من مليون نسمة في منطقة المدينة المنورة". وأضاف أن العمل في المرحلة الثانية من المشروع سيبدأ في يناير 2022.</p>
<p>وأوضحت المؤسسة العامة لتحلية المياه المالحة أن المشروع استغرق ثلاث سنوات، وأن تكلفته بلغت نحو ملياري ريال. ونفى متحدث باسم المؤسسة وجود أي تأخير في التسليم.</p>
<p>ومن المقرر أن يزور الفضلي محافظة جدة الأسبوع المقبل لتفقد مشاريع المياه هناك، وسط توقعات بزيادة الطلب على المياه خلال صيف 2021.</p>
</article></body></html>
"""

RAIN = """<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>أمطار غزيرة على جدة والمدينة المنورة</title>
<meta property="article:published_time" content="2021-11-24T18:30:00Z"></head>
<body><article><h1>أمطار غزيرة على جدة والمدينة المنورة</h1>
<p>جدة - شهدت محافظة جدة والمدينة المنورة يوم الأربعاء 24 نوفمبر 2021 أمطارا غزيرة أدت إلى تعليق الدراسة في عدد من المدارس.</p>
<p>وقال المتحدث الرسمي للدفاع المدني في منطقة مكة المكرمة إن الفرق الميدانية تعاملت مع أكثر من مئتي بلاغ خلال الساعات الماضية، داعيا السكان إلى البقاء في منازلهم.</p>
<p>وأعلن المركز الوطني للأرصاد استمرار الحالة المطرية حتى يوم الجمعة 26 نوفمبر 2021، مع رياح نشطة على السواحل الغربية.</p>
<p>وأكد وزير البيئة والمياه والزراعة عبد الرحمن الفضلي أن شبكات تصريف السيول في جدة عملت بكفاءة هذا العام.</p>
</article></body></html>
"""

HOSTILE = (f"تحذير {SCRIPT} من السيول في تبوك\n\n"
           f"قال مدير الدفاع المدني في تبوك سالم العنزي إن {IMG} الفرق جاهزة لمواجهة السيول المتوقعة "
           "يوم الخميس 3 فبراير 2022 في المنطقة.\n\n"
           "وأضاف العنزي أن السكان مطالبون بالابتعاد عن مجاري الأودية حتى انتهاء الحالة المطرية.\n")


def write_pages(folder) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "desal.html").write_text(DESAL, encoding="utf-8")
    (folder / "rain.html").write_text(RAIN, encoding="utf-8")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")


def build_corpus(tmp) -> str:
    """A SQLite corpus filled by `marsad ingest` from the pages above; returns its path."""
    pages, db = tmp / "pages", tmp / "corpus.db"
    write_pages(pages)
    proc = run_cli("ingest", str(pages), "--site", "coast-news.example", "--db", str(db))
    assert proc.returncode == 0, proc.stderr.decode()
    assert "3 new" in proc.stdout.decode()
    return str(db)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(db: str, log, token: str | None = None, *extra: str):
    """`marsad serve` in a subprocess on a free port; yields its base URL, stops it afterwards."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "MARSAD_TOKEN"}
    if token:
        env["MARSAD_TOKEN"] = token
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--db", db, "--port", str(port), *extra],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"marsad serve did not start (exit {proc.poll()})") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def server(corpus, tmp_path_factory):
    """A server with writes enabled (token from MARSAD_TOKEN); yields (base URL, log path)."""
    log_path = tmp_path_factory.mktemp("weblog") / "server.log"
    with open(log_path, "wb") as log, serve(corpus, log, TOKEN) as base:
        yield base, log_path


@pytest.fixture(scope="module")
def base(server):
    return server[0]


@pytest.fixture(scope="module")
def readonly(corpus, tmp_path_factory):
    """The same corpus served without a token, and with --allow-private."""
    with open(tmp_path_factory.mktemp("weblog") / "ro.log", "wb") as log, \
            serve(corpus, log, None, "--allow-private") as url:
        yield url


def get(base, path, **params):
    return httpx.get(base + path, params=params, timeout=60)


def post(base, path, body=None, token=None, content=None, **kw):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if content is None:
        content = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return httpx.post(base + path, content=content, headers={"Content-Type": "application/json", **headers},
                      timeout=120, **kw)


def one_line_error(r, status):
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err and "\n" not in err and "Traceback" not in err
    return err


def hit_headlines(hits):
    return [h["headline"] for h in hits]


# -- API: reading ---------------------------------------------------------------------------------
def test_search_api_is_what_marsad_search_json_prints(base, corpus):
    r = get(base, "/api/search", q="الفضلي")
    assert r.status_code == 200
    hits = r.json()
    proc = run_cli("search", "الفضلي", "--db", corpus, "--json")
    assert proc.returncode == 0
    assert hits == json.loads(proc.stdout)
    assert sorted(hit_headlines(hits)) == ["أمطار غزيرة على جدة والمدينة المنورة", "افتتاح محطة تحلية جديدة في ينبع"]
    for h in hits:
        assert {"id", "headline", "site", "published", "score", "snippet"} <= set(h)
        assert "الفضلي" in h["snippet"]


def test_search_filters_like_the_cli(base):
    assert hit_headlines(get(base, "/api/search", q="الفضلي", since="2021-06-01").json()) == \
        ["أمطار غزيرة على جدة والمدينة المنورة"]
    assert hit_headlines(get(base, "/api/search", q="الفضلي", until="2021-06-01").json()) == \
        ["افتتاح محطة تحلية جديدة في ينبع"]
    assert get(base, "/api/search", q="الفضلي", site="elsewhere.example").json() == []
    assert len(get(base, "/api/search", q="الفضلي", site="coast-news.example").json()) == 2
    # the entity filter takes any spelling: the desalination story names the city of Yanbu
    assert hit_headlines(get(base, "/api/search", q="محطة", entity="ينبع").json()) == ["افتتاح محطة تحلية جديدة في ينبع"]


def test_search_pages_in_the_api_and_the_html(base, monkeypatch):
    both = get(base, "/api/search", q="الفضلي").json()
    assert [get(base, "/api/search", q="الفضلي", limit=1, offset=k).json()[0]["id"] for k in (0, 1)] == \
        [h["id"] for h in both]
    assert get(base, "/api/search", q="الفضلي", offset=-1).status_code == 422
    from marsad.web import app as web_app

    first = get(base, "/", q="الفضلي").text
    assert "النتائج 1–2" in first and 'rel="next"' not in first  # all on one page
    second = get(base, "/", q="الفضلي", offset=1).text
    assert "النتائج 2–2" in second and 'rel="prev"' in second and "offset=0" in second
    assert web_app.PAGE >= 2


def test_search_bad_input_is_one_line_4xx(base):
    assert "q" in one_line_error(get(base, "/api/search"), 422)
    one_line_error(get(base, "/api/search", q="؟!"), 422)
    assert "YYYY-MM-DD" in one_line_error(get(base, "/api/search", q="جدة", since="last week"), 422)
    one_line_error(get(base, "/api/search", q="جدة", limit="0"), 422)
    one_line_error(get(base, "/api/search", q="جدة " * 200), 422)
    assert get(base, "/", q="جدة " * 200).status_code == 400


def test_article_api_gives_the_article_object_with_corpus(base):
    hit = get(base, "/api/search", q="تحلية").json()[0]
    art = get(base, f"/api/articles/{hit['id']}").json()
    assert art["schema"] == "marsad.article/1"
    assert art["corpus"]["id"] == hit["id"] and art["corpus"]["version"] == 1
    assert art["headline"] == "افتتاح محطة تحلية جديدة في ينبع"
    assert any(e["name"] == "عبد الرحمن الفضلي" for e in art["entities"])
    assert "unknown-id" in one_line_error(get(base, "/api/articles/unknown-id"), 404)


def test_entity_api_lists_the_articles_naming_it(base):
    ent = get(base, "/api/entities/عبد الرحمن الفضلي").json()
    assert ent["type"] == "PER"
    assert len(ent["articles"]) == 2
    assert "الفضلي" in ent["names"]  # the short spelling the stories use after the first mention
    one_line_error(get(base, "/api/entities/لا أحد بهذا الاسم"), 404)
    people = get(base, "/api/entities", type="PER").json()
    assert {"name": "عبد الرحمن الفضلي", "type": "PER", "kb_id": None, "articles": 2,
            "ref": "عبد الرحمن الفضلي"} in people
    assert all(e["type"] == "PER" for e in people)
    assert get(base, "/api/entities", type="per").json() == people  # the type in any case
    one_line_error(get(base, "/api/entities", type="PERSON"), 422)  # not a silent empty list


# -- API: analysis and writes --------------------------------------------------------------------
def test_analyze_text_returns_an_article_and_stores_nothing(base):
    text = ("وصول أول شحنة من التمور إلى ميناء الدمام\n\n"
            "أعلنت هيئة الموانئ وصول أول شحنة من التمور المعدة للتصدير إلى ميناء الدمام صباح اليوم، "
            "على أن تغادر السفينة نحو ماليزيا خلال يومين.")
    r = post(base, "/api/analyze", {"text": text})
    assert r.status_code == 200, r.text
    art = r.json()
    assert art["schema"] == "marsad.article/1" and "corpus" not in art
    assert art["headline"].startswith("وصول أول شحنة")
    assert get(base, "/api/search", q="التمور").json() == []


def test_analyze_html(base):
    r = post(base, "/api/analyze", {"html": RAIN.replace("جدة - ", "الطائف - "), "url": "https://coast.example/r"})
    assert r.status_code == 200, r.text
    art = r.json()
    assert art["headline"] == "أمطار غزيرة على جدة والمدينة المنورة"
    assert art["source"]["url"] == "https://coast.example/r"
    assert "الطائف" in art["text"]


def test_analyze_url_to_loopback_is_refused_by_default(base):
    err = one_line_error(post(base, "/api/analyze", {"url": base + "/"}), 422)
    assert "private or local address" in err


def test_analyze_url_goes_through_the_fetcher(base, readonly):
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            '<item><title>a</title><link>http://x.example/a</link></item></channel></rss>').encode()
    routes = Routes({"/desal": (200, {"Content-Type": "text/html; charset=utf-8"}, DESAL.encode()),
                     "/feed": (200, {"Content-Type": "application/rss+xml"}, feed)})
    with LocalWeb(routes) as web:
        assert "private or local" in one_line_error(post(base, "/api/analyze", {"url": web.base + "/desal"}), 422)
        assert web.hits == []  # refused before any request was made
        r = post(readonly, "/api/analyze", {"url": web.base + "/desal"})  # this one runs with --allow-private
        assert r.status_code == 200, r.text
        assert r.json()["headline"] == "افتتاح محطة تحلية جديدة في ينبع"
        assert r.json()["source"]["url"] == web.base + "/desal"
        assert "not a page" in one_line_error(post(readonly, "/api/analyze", {"url": web.base + "/feed"}), 422)
        one_line_error(post(readonly, "/api/analyze", {"url": web.base + "/missing"}), 422)


def test_malformed_bodies_are_422(base):
    one_line_error(post(base, "/api/analyze", content=b"{not json"), 422)
    one_line_error(post(base, "/api/analyze", content=b"[1, 2]"), 422)
    one_line_error(post(base, "/api/analyze", {"text": 5}), 422)
    one_line_error(post(base, "/api/analyze", {"title": "بلا نص"}), 422)
    one_line_error(post(base, "/api/analyze", {"url": "file:///etc/passwd"}), 422)


def test_oversized_body_is_413(base):
    big = json.dumps({"text": "ا" * (3 * 1024 * 1024)}).encode()  # 6 MB of UTF-8
    one_line_error(post(base, "/api/analyze", content=big), 413)

    def chunks():  # no Content-Length: the limit holds while streaming too
        for _ in range(7):
            yield b" " * (1024 * 1024)

    one_line_error(post(base, "/api/analyze", content=chunks()), 413)


def test_ingest_without_token_configured_is_403(readonly):
    err = one_line_error(post(readonly, "/api/ingest", {"text": HOSTILE}, token=TOKEN), 403)
    assert "--token" in err and "MARSAD_TOKEN" in err


def test_ingest_needs_the_right_token(base):
    r = post(base, "/api/ingest", {"text": HOSTILE})
    one_line_error(r, 401)
    assert r.headers["www-authenticate"] == "Bearer"
    one_line_error(post(base, "/api/ingest", {"text": HOSTILE}, token="wrong"), 401)


def test_ingest_with_token_stores_and_is_searchable(base):
    page = ("قافلة إغاثة سعودية تصل إلى اليمن\n\n"
            "وصلت قافلة إغاثة تحمل مواد غذائية وأدوية إلى محافظة مأرب اليمنية، "
            "بحسب ما أعلن مركز الملك سلمان للإغاثة والأعمال الإنسانية يوم الثلاثاء 8 مارس 2022.")
    body = {"text": page, "url": "https://coast-news.example/relief", "published": "2022-03-08"}
    r = post(base, "/api/ingest", body, token=TOKEN)
    assert r.status_code == 201, r.text
    stored = r.json()
    assert stored["status"] == "new" and stored["url"] == body["url"]
    hits = get(base, "/api/search", q="قافلة إغاثة").json()
    assert [h["id"] for h in hits] == [stored["id"]]
    again = post(base, "/api/ingest", body, token=TOKEN)
    assert again.status_code == 200 and again.json()["status"] == "already stored"
    changed = {**body, "text": page.replace("أدوية", "أدوية وخياما") + "\nوستصل قافلة ثانية الأسبوع المقبل."}
    r = post(base, "/api/ingest", changed, token=TOKEN)
    assert r.status_code == 200 and r.json()["status"] == "updated", r.text
    (old,) = get(base, f"/api/articles/{stored['id']}/versions").json()
    assert old["version"] == 1 and "قافلة ثانية" not in old["text"] and old["headline"].startswith("قافلة")
    html = get(base, f"/articles/{stored['id']}").text
    assert "النسخ السابقة" in html and "النسخة 1" in html
    assert get(base, "/api/articles/no-such-id/versions").status_code == 404


# -- pages for people -----------------------------------------------------------------------------
def test_pages_carry_the_security_headers(base):
    for path in ("/", "/api/search?q=جدة", "/docs", "/static/style.css", "/no/such/page"):
        h = get(base, path).headers
        assert "default-src 'self'" in h["content-security-policy"]
        assert "'unsafe-inline'" not in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "no-referrer"


def test_front_page_counts_and_recent_articles(base):
    r = get(base, "/")
    assert r.status_code == 200
    assert '<html lang="ar" dir="rtl">' in r.text
    assert "افتتاح محطة تحلية جديدة في ينبع" in r.text
    assert "<script" not in r.text.lower()


def test_search_page_marks_the_hits(base):
    r = get(base, "/", q="تحلية")
    assert r.status_code == 200
    assert "<mark>تحلية</mark>" in r.text or "<mark>لتحلية</mark>" in r.text
    assert 'href="/articles/' in r.text
    bad = get(base, "/", q="جدة", since="not-a-date")
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text


def test_article_page_shows_layers_timeline_and_entity_links(base):
    hit = get(base, "/api/search", q="تحلية").json()[0]
    r = get(base, f"/articles/{hit['id']}")
    assert r.status_code == 200
    page = r.text
    assert '<html lang="ar" dir="rtl">' in page
    assert "<svg" in page and 'class="chart"' in page  # the timeline picture
    assert "يناير 2022" in page  # a time expression placed on it
    assert "14 مارس 2021 م — 1 شعبان 1442 هـ" in page  # the published date in both calendars
    assert 'class="ent ent-PER"' in page and "/entities/" in page
    assert "ستخدم أكثر من مليون نسمة" in page  # the quote


def test_entity_page_has_names_articles_and_chart(base):
    hit = get(base, "/api/search", q="تحلية").json()[0]
    art = get(base, f"/api/articles/{hit['id']}").json()
    person = next(e for e in art["entities"] if e["name"] == "عبد الرحمن الفضلي")
    r = get(base, "/entities/" + (person["kb_id"] or person["name"]))
    assert r.status_code == 200
    assert 'class="bar"' in r.text and "<svg" in r.text
    assert r.text.count('href="/articles/') == 2
    assert get(base, "/entities/لا أحد بهذا الاسم").status_code == 404


def test_hostile_text_is_escaped_on_every_page(base):
    hits = get(base, "/api/search", q="تبوك").json()
    assert len(hits) == 1 and SCRIPT in hits[0]["headline"]
    art = get(base, f"/api/articles/{hits[0]['id']}").json()
    ent = next(e for e in art["entities"] if e["mentions"])
    for path, params in ((f"/articles/{hits[0]['id']}", {}), ("/", {"q": "تبوك"}), ("/", {}),
                         ("/entities/" + (ent["kb_id"] or ent["name"]), {})):
        r = get(base, path, **params)
        assert r.status_code == 200, path
        assert "<script" not in r.text.lower() and "<img" not in r.text.lower(), path
        assert "onerror=alert(2)>" not in r.text, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text, path
        assert "script-src 'self'" in r.headers["content-security-policy"]
    article = get(base, f"/articles/{hits[0]['id']}").text
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in article


def test_docs_render_offline_and_openapi_lists_the_contract(base):
    spec = get(base, "/openapi.json").json()
    for path in ("/api/search", "/api/articles/{article_id}", "/api/analyze", "/api/ingest"):
        assert path in spec["paths"]
    docs = get(base, "/docs")
    assert docs.status_code == 200
    assert "cdn." not in docs.text and "<script" not in docs.text
    assert "/api/ingest" in docs.text and "Bearer" in docs.text


# -- the command ----------------------------------------------------------------------------------
def test_serve_refuses_a_missing_corpus_in_one_line(tmp_path):
    proc = run_cli("serve", "--db", str(tmp_path / "none.db"), "--port", "1")
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert err.startswith("marsad: no corpus at") and err.count("\n") == 1
    assert run_cli("serve", "--port", "http").returncode == 2


def test_server_log_has_no_traceback(server):
    _, log_path = server
    assert "Traceback" not in log_path.read_text(errors="replace")


# -- the pictures ---------------------------------------------------------------------------------
def test_timex_values_become_periods():
    import datetime as dt

    d = dt.date
    assert charts.parse_period("2023-09-10/2023-09-13") == (d(2023, 9, 10), d(2023, 9, 13))
    assert charts.parse_period("2024-02") == (d(2024, 2, 1), d(2024, 2, 29))
    assert charts.parse_period("2021") == (d(2021, 1, 1), d(2021, 12, 31))
    assert charts.parse_period("2021-03-14T09:00:00") == (d(2021, 3, 14), d(2021, 3, 14))
    assert charts.parse_period("2021-W11") == (d(2021, 3, 15), d(2021, 3, 21))
    assert charts.parse_period("2021-WI") == (d(2021, 12, 1), d(2022, 2, 28))
    for value in ("P4Y", "PRESENT_REF", "2023-13", "2023-02-30", "2021-W60", "", None, "2024-05/2024-01"):
        assert charts.parse_period(value) is None, value


def test_svg_labels_are_escaped():
    import datetime as dt

    svg = charts.timeline_svg([charts.Mark(SCRIPT, dt.date(2022, 1, 1), dt.date(2022, 1, 1))], IMG)
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;script&gt;" in svg
    bars = charts.mentions_svg([dt.date(2020, 1, 5), dt.date(2020, 4, 1), dt.date(2020, 4, 2)], SCRIPT)
    assert bars.count('class="bar"') == 4 and "<script" not in bars  # one bar a month, Feb and Mar empty
    assert "<title>2020-04: 2</title>" in bars
    days = charts.mentions_svg([dt.date(2020, 1, 5), dt.date(2020, 1, 7)], "")
    assert days.count('class="bar"') == 3  # a short span: one bar a day


def test_text_segments_keep_every_character_and_drop_overlaps():
    from marsad.web import pages

    text = "عنوان\n\nزار الوزير سالم الأحمد مدينة تبوك يوم 3 فبراير 2022."
    s = text.index("الوزير")
    art = {"text": text, "blocks": [{"kind": "headline", "start": 0, "end": 5},
                                    {"kind": "paragraph", "start": 7, "end": len(text)}],
           "entities": [{"id": "e1", "type": "PER", "name": "سالم الأحمد", "kb_id": None,
                         "mentions": [{"text": "الوزير سالم الأحمد", "start": s, "end": s + 18, "kind": "title"},
                                      {"text": "سالم الأحمد", "start": s + 7, "end": s + 18, "kind": "name"}]},
                        {"id": "e2", "type": "LOC", "name": "تبوك", "kb_id": "loc:tabuk",
                         "mentions": [{"text": "تبوك", "start": text.index("تبوك"), "end": text.index("تبوك") + 4}]}],
           "timex": [{"id": "t1", "text": "3 فبراير 2022", "start": text.index("3 ف"), "end": text.index("2022") + 4,
                      "value": "2022-02-03"}]}
    (block,) = pages.article_blocks(art)  # the headline is shown as the page title, not again
    assert "".join(seg.text for seg in block["segments"]) == text[7:]
    linked = [(seg.text, seg.href) for seg in block["segments"] if seg.href]
    assert linked == [("الوزير سالم الأحمد", "/entities/%D8%B3%D8%A7%D9%84%D9%85%20%D8%A7%D9%84%D8%A3%D8%AD%D9%85%D8%AF"),
                      ("تبوك", "/entities/loc%3Atabuk")]
    assert [seg.text for seg in block["segments"] if seg.cls == "timex"] == ["3 فبراير 2022"]


def test_timeline_marks_hang_events_on_their_dates():
    from marsad.web import pages

    art = {"dates": {"published": "2022-01-20T08:00:00Z"},
           "entities": [{"id": "e1", "name": "سالم الأحمد"}],
           "timex": [{"id": "t1", "text": "3 فبراير 2022", "value": "2022-02-03"},
                     {"id": "t2", "text": "منذ عامين", "value": "P2Y"},
                     {"id": "t3", "text": "عام 2020", "value": "2020"}],
           "events": [{"id": "v1", "type": "CONSULT", "actor": "e1", "time": "t1", "modality": "planned"}]}
    marks = pages.timeline_marks(art)
    assert [(m.label, m.kind) for m in marks] == [("عام 2020", "timex"), ("3 فبراير 2022", "event"),
                                                 ("تاريخ النشر", "published")]
    assert marks[1].note == "CONSULT سالم الأحمد (مخطط)"
    assert pages.timeline_marks({"timex": [{"id": "t1", "text": "منذ عامين", "value": "P2Y"}],
                                 "dates": {"published": "2022-01-20"}}) == []


def test_lone_surrogates_and_deep_nesting_are_not_500(base):
    body = '{"text": "\\ud83d خبر عن الاقتصاد\\n\\nارتفعت أسعار الذهب في الأسواق المحلية \\udc00 بشكل ملحوظ."}'
    r = post(base, "/api/analyze", content=body.encode("utf-8"))
    assert r.status_code == 200, r.text
    assert r.json()["headline"].endswith("خبر عن الاقتصاد")
    one_line_error(post(base, "/api/analyze", content=b"[" * 100_000 + b"]" * 100_000), 422)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes read-only folders anyway")
def test_a_read_only_server_serves_a_corpus_in_a_read_only_folder(corpus, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(corpus, folder / "c.db")
    folder.chmod(0o555)
    try:
        with open(tmp_path / "log", "wb") as log, serve(str(folder / "c.db"), log) as url:
            assert get(url, "/api/search", q="الأمطار").status_code == 200
    finally:
        folder.chmod(0o755)


def test_a_port_in_use_is_one_line_exit_1(corpus):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        proc = run_cli("serve", "--db", corpus, "--port", str(taken.getsockname()[1]), timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.count("\n") == 1, err
    assert err.startswith("marsad: cannot listen on 127.0.0.1:") and "serving" not in err

