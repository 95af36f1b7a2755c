"""Findability: structured data read by extruct, sitemap with hreflang, robots.txt."""

import xml.etree.ElementTree as ET

import extruct
import pytest

from practices.models import PracticePage
from tests.factories import PracticePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_corpus")]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def translated_practice():
    de = PracticePage.objects.live().filter(locale__language_code="de")
    return PracticePage.objects.live().filter(
        locale__language_code="en", translation_key__in=de.values("translation_key"),
        image__isnull=False, latitude__isnull=False).first()


def test_practice_page_json_ld_and_open_graph(client):
    page = translated_practice()
    html = client.get(page.url).content.decode()
    data = extruct.extract(html, base_url=page.full_url, syntaxes=["json-ld", "opengraph"],
                           uniform=True)
    (ld,) = data["json-ld"]
    assert ld["@type"] == "CreativeWork" and ld["name"] == page.title
    assert ld["inLanguage"] == "en" and ld["url"] == page.full_url
    geo = ld["contentLocation"]["geo"]
    assert (geo["latitude"], geo["longitude"]) == (float(page.latitude), float(page.longitude))
    assert ld["contentLocation"]["address"]["addressCountry"] == page.country.code
    for dimension in page.dimensions.all():
        assert dimension.name in ld["keywords"]
    assert ld["dateModified"].startswith(page.last_published_at.date().isoformat())
    (og,) = data["opengraph"]
    assert og["og:title"] == page.title and og["og:url"] == page.full_url
    assert og["og:image"].endswith((".png", ".jpg")) and "fill-1200x630" in og["og:image"]
    assert 'name="twitter:card" content="summary_large_image"' in html
    assert f'<link rel="canonical" href="{page.full_url}">' in html
    assert 'hreflang="de"' in html and 'hreflang="x-default"' in html


def test_user_text_in_json_ld_cannot_close_the_script(client):
    page = PracticePageFactory(title="</script><script>alert(1)</script>")
    html = client.get(page.url).content.decode()
    assert "</script><script>alert(1)" not in html
    ld = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"][0]
    assert ld["name"] == page.title


def test_sitemap_lists_every_language_with_hreflang_alternates(client):
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own sitemap)
    urls = {u.find(f"{SITEMAP}loc").text: u for u in root.findall(f"{SITEMAP}url")}
    assert len(urls) >= PracticePage.objects.live().count()
    page = translated_practice()
    alternates = {link.get("hreflang"): link.get("href")
                  for link in urls[page.full_url].findall(f"{XHTML}link")}
    german = page.get_translation(page.get_translations().filter(
        locale__language_code="de").first().locale)
    assert alternates["de"] == german.full_url and alternates["en"] == page.full_url
    assert any("/sl/" in loc for loc in urls)


def test_robots_txt_points_to_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text and "Disallow: /admin/" in text
