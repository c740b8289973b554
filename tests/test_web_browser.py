"""The web UI in a real browser: Debian's Chromium driven by Playwright (no browser download).

Search in Arabic from the front page, follow the hit to the article page (RTL, timeline
picture, CSP holding with no blocked resource), follow an entity link to its page (chart), and
check that /docs renders offline.  Skips when /usr/bin/chromium or playwright is missing
(setup.sh installs both).
"""
from __future__ import annotations

import os

import pytest

CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set MARSAD_CHROMIUM)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the 'dev' extra)")
pytest.importorskip("fastapi", reason="the 'web' extra is not installed")

from .test_web import build_corpus, serve  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    db = build_corpus(tmp)
    with open(tmp / "server.log", "wb") as log, serve(db, log) as base:
        yield base


def test_search_article_entity_in_chromium(site, tmp_path):
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            problems = []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))

            page.goto(site + "/")
            assert page.locator("html").get_attribute("dir") == "rtl"
            page.fill("form.search input[name=q]", "محطة التحلية")
            page.click("form.search button[type=submit]")
            page.wait_for_url("**/?q=*")
            hit = page.locator("li.hit a.headline").first
            assert hit.inner_text() == "افتتاح محطة تحلية جديدة في ينبع"
            assert page.locator("li.hit mark").count() >= 1
            page.screenshot(path=str(tmp_path / "search.png"), full_page=True)

            hit.click()
            page.wait_for_url("**/articles/*")
            assert page.locator("html").get_attribute("lang") == "ar"
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
            timeline = page.locator("section.timeline svg")
            assert timeline.count() == 1 and timeline.is_visible()
            assert timeline.locator("g.mark").count() >= 2
            font = page.evaluate("getComputedStyle(document.documentElement).fontFamily")
            assert "Noto Naskh Arabic" in font
            page.screenshot(path=str(tmp_path / "article.png"), full_page=True)

            page.locator("section.text a.ent-PER").first.click()
            page.wait_for_url("**/entities/*")
            assert page.locator("h1").inner_text() == "عبد الرحمن الفضلي"
            assert page.locator("section.chart-box svg g.bar").count() >= 2
            assert page.locator("ul.recent li").count() == 2
            page.screenshot(path=str(tmp_path / "entity.png"), full_page=True)

            page.goto(site + "/docs")
            assert page.locator("div.op").count() >= 4
            assert problems == []  # no CSP violation, no resource that failed to load (offline)
            assert (tmp_path / "entity.png").stat().st_size > 10_000
        finally:
            browser.close()
