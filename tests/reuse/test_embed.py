"""Embeddable pages (iframe), framing rules and the oEmbed provider, read by Wagtail's own
oEmbed finder over HTTP."""

import re

import pytest
from wagtail.embeds.finders.oembed import OEmbedFinder

from practices.models import PilotTerritoryPage, PracticePage
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("corpus")]


@pytest.fixture(scope="module")
def corpus(module_data):
    """The catalogue's practices, committed: Wagtail's oEmbed finder reads them over HTTP
    from a server thread."""
    return module_data(factories.catalogue_corpus, committed=True)


def test_embed_list_is_filtered_compact_and_opens_links_in_a_new_tab(client):
    response = client.get("/embed/practices/", {"dimension": "mobility", "lang": "de",
                                                 "limit": "3"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="kb-card"') == 3
    assert '<base target="_blank">' in html and "site-header" not in html
    assert 'lang="de"' in html
    mobility = {p.full_url for p in PracticePage.objects.live().filter(
        dimensions__slug="mobility")}
    links = re.findall(r'<h2><a href="([^"]+)"', html)
    assert links and set(links) <= mobility


def test_only_embed_pages_may_be_framed(client, settings):
    framed = client.get("/embed/practices/")
    assert "X-Frame-Options" not in framed
    assert "frame-ancestors *" in framed["Content-Security-Policy"]
    for url in ("/en/", "/en/practices/", "/api/v1/taxonomy/"):
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY", url
    assert "frame-ancestors 'none'" in client.get("/en/")["Content-Security-Policy"]


def test_frame_ancestors_allowlist_is_configurable(client, settings):
    settings.KB_EMBED_FRAME_ANCESTORS = ["https://www.smart-villages.example", "'self'"]
    policy = client.get("/embed/practices/")["Content-Security-Policy"]
    assert "frame-ancestors https://www.smart-villages.example 'self'" in policy


def test_oembed_answers_rich_json_and_refuses_others(client):
    practice = PracticePage.objects.live().filter(image__isnull=False).first()
    data = client.get("/oembed/", {"url": practice.full_url, "maxwidth": "320"}).json()
    assert data["type"] == "rich" and data["version"] == "1.0"
    assert data["width"] == 320 and f"/embed/card/{practice.pk}/" in data["html"]
    assert data["thumbnail_url"].startswith("http")
    assert client.get("/oembed/", {"url": practice.full_url, "format": "xml"}).status_code == 400
    assert client.get("/oembed/", {"url": "https://elsewhere.example/en/x/"}).status_code == 404
    assert client.get("/oembed/", {"url": practice.full_url, "maxwidth": "x"}).status_code == 400
    home = client.get("/oembed/", {"url": practice.get_parent().full_url})
    assert home.status_code == 404


def test_practice_and_pilot_pages_advertise_oembed(client):
    for page in (PracticePage.objects.live().first(), PilotTerritoryPage.objects.live().first()):
        html = client.get(page.url).content.decode()
        assert 'type="application/json+oembed"' in html


def test_wagtail_oembed_finder_turns_a_practice_url_into_the_card(http_server):
    practice = PracticePage.objects.live().filter(locale__language_code="fr").first()
    pilot = PilotTerritoryPage.objects.live().first()
    finder = OEmbedFinder(providers=[{
        "endpoint": f"{http_server}/oembed/",
        "urls": [r"^https?://[^/]+/(en|fr|de|it|sl)/.+$"],
    }])
    for page in (practice, pilot):
        assert finder.accept(page.full_url)
        embed = finder.find_embed(page.full_url, max_width=400)
        assert embed["type"] == "rich" and embed["title"] == page.title
        assert f"/embed/card/{page.pk}/" in embed["html"] and embed["width"] == 400
    card = __import__("urllib.request").request.urlopen(  # noqa: S310 (our live server)
        f"{http_server}/embed/card/{practice.pk}/").read().decode()
    assert practice.title in card and 'target="_blank"' in card
