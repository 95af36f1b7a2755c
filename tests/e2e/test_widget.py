"""A partner's page on another origin embeds the catalogue with the script snippet and the
iframe: cards render, links work, the host's CSS does not leak in, axe-core is happy."""

import re
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.e2e.conftest import free_port
from tests.e2e.test_browse import serious_violations

pytestmark = pytest.mark.browser

HOST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Partner village news</title>
<style>
  h2, h3 {{ color: rgb(255, 0, 0) !important; font-family: monospace !important; }}
  a {{ color: rgb(0, 200, 0) !important; text-decoration: none !important; }}
  li {{ display: inline !important; }}
  body {{ font-size: 9px; }}
</style></head>
<body><main><h1>Partner village news</h1>
<script src="{site}/static/kb/embed.js" async></script>
<div id="widget" data-kb-practices data-dimension="mobility" data-lang="de" data-limit="4">
  <a href="{site}/de/">Smart Villages</a></div>
<div id="broken" data-kb-practices data-country="LI" data-lang="fr">
  <a href="{site}/fr/">Smart Villages</a></div>
<iframe id="frame" src="{site}/embed/practices/?dimension=mobility&amp;lang=fr&amp;limit=3"
  title="Smart Villages" width="700" height="600"></iframe>
</main></body></html>
"""


@pytest.fixture
def partner_site(tmp_path, site_url):
    """A static page served from another origin (another port)."""
    (tmp_path / "index.html").write_text(HOST_PAGE.format(site=site_url), encoding="utf-8")
    (tmp_path / "frames.html").write_text(
        f'<!DOCTYPE html><html lang="en"><title>t</title>'
        f'<iframe id="page" title="a" src="{site_url}/en/"></iframe>'
        f'<iframe id="embed" title="b" src="{site_url}/embed/practices/"></iframe></html>',
        encoding="utf-8")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                               "127.0.0.1"], cwd=tmp_path, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/index.html"
    for _ in range(50):
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (local test server)
            break
        except OSError:
            time.sleep(0.1)
    yield url
    server.terminate()
    server.wait(timeout=10)


def test_widget_and_iframe_on_a_partner_site(page, site_url, partner_site):
    # The API fails for the second widget: it must show a link to the catalogue instead.
    page.route(re.compile(r".*/api/v1/search/\?.*country=LI.*"), lambda route: route.abort())
    page.goto(partner_site)
    widget = page.locator("#widget")
    cards = widget.locator("li.card")
    cards.first.wait_for()
    assert cards.count() == 4
    assert widget.get_by_role("heading", level=2).inner_text() == \
        "Gute Praktiken von Smart Villages"
    assert widget.get_by_role("heading", level=3).count() == 4

    # The host's CSS does not reach the cards (shadow DOM); the widget's own styles apply.
    link = widget.locator("li.card h3 a").first
    style = link.evaluate("a => [getComputedStyle(a).color, getComputedStyle(a).fontFamily,"
                          " getComputedStyle(a.closest('h3')).color,"
                          " getComputedStyle(a.closest('li')).display]")
    assert style[0] != "rgb(0, 200, 0)" and "monospace" not in style[1]
    assert style[2] != "rgb(255, 0, 0)" and style[3] != "inline"

    # Fallback when the API fails: a visible link to the catalogue.
    fallback = page.locator("#broken").get_by_role("link", name="Ouvrir le catalogue")
    fallback.wait_for()
    assert fallback.get_attribute("href") == f"{site_url}/fr/"

    # The iframe renders the French embed page (framing allowed for /embed/ only).
    frame = page.frame_locator("#frame")
    assert frame.locator(".kb-card").count() == 3
    assert frame.locator("html").get_attribute("lang") == "fr"

    assert serious_violations(page, context="#widget") == []

    # Links are real links: a card opens the practice on the knowledge base, in German where
    # it has a German version (the four newest share their import's moment: their order is
    # that of their translation keys).
    link = widget.locator('li.card h3 a[href*="/de/"]').first
    href = link.get_attribute("href")
    assert href.startswith(site_url)
    link.click()
    page.wait_for_url(href)
    assert page.locator("h1").count() == 1


def test_pages_other_than_embeds_refuse_framing(page, partner_site):
    page.goto(partner_site.replace("index.html", "frames.html"))
    page.frame_locator("#embed").locator(".kb-card").first.wait_for()
    page.wait_for_timeout(500)
    refused = page.frame_locator("#page").locator("body").inner_text()
    assert "Smart Villages Knowledge Base" not in refused  # Chromium's "refused" page


@pytest.mark.parametrize("path", ["/embed/practices/?lang=it&limit=6", "/fr/data/",
                                  "/en/practices/?dimension=mobility"])
def test_reuse_pages_pass_axe(page, site_url, path):
    page.goto(f"{site_url}{path}")
    assert serious_violations(page) == []
