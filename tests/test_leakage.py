"""Drafts, private, unpublished and expired practices never leave the site, by any channel:
API, search, feeds, exports, sitemap, embeds and oEmbed."""

import io

import pytest
from openpyxl import load_workbook
from wagtail.models import PageViewRestriction

from practices.models import PracticePage
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden():
    draft = PracticePageFactory(title="Zebra crossing draft", live=False)
    private = PracticePageFactory(title="Zebra crossing private")
    PageViewRestriction.objects.create(page=private, restriction_type="password",
                                       password="secret")
    withdrawn = PracticePageFactory(title="Zebra crossing withdrawn")
    withdrawn.unpublish()
    expired = PracticePageFactory(title="Zebra crossing expired")
    PracticePage.objects.filter(pk=expired.pk).update(expired=True)
    visible = PracticePageFactory(title="Zebra crossing visible")
    return [PracticePage.objects.get(pk=p.pk) for p in (draft, private, withdrawn, expired)], \
        visible


def channels(client, pages):
    """Every public output, as (name, text)."""
    out = []

    def get(name, url, params=None):
        response = client.get(url, params or {})
        out.append((name, response.status_code, response.content.decode("utf-8", "replace")))

    listing, page = [], 1
    while True:
        data = client.get("/api/v1/practices/", {"page_size": 100, "page": page}).json()
        listing.append(str(data))
        if not data["next"]:
            break
        page += 1
    out.append(("api list", 200, " ".join(listing)))
    for q in ("zebra", "crossing"):
        get("api search", "/api/v1/search/", {"q": q})
        get("api suggest", "/api/v1/search/suggest/", {"q": "Zebra"})
        get("api points", "/api/v1/search/points/", {"q": q})
        get("catalogue", "/en/practices/", {"q": q})
        get("embed list", "/embed/practices/", {"q": q, "limit": 24})
        get("feed rss", "/en/feeds/practices.rss", {"q": q})
        get("feed atom", "/en/feeds/practices.atom", {"q": q})
        for fmt in ("csv", "json"):
            get(f"export {fmt}", f"/exports/practices.{fmt}", {"q": q})
    get("feed all", "/en/feeds/practices.rss")
    get("export all", "/exports/practices.json")
    get("sitemap", "/sitemap.xml")
    get("home", "/en/")
    workbook = load_workbook(io.BytesIO(client.get("/exports/practices.xlsx").content))
    cells = " ".join(str(c) for row in workbook.worksheets[0].iter_rows(values_only=True)
                     for c in row)
    out.append(("export xlsx", 200, cells))
    for page in pages:
        get("api detail", f"/api/v1/practices/{page.pk}/")
        get("embed card", f"/embed/card/{page.pk}/")
        get("oembed", "/oembed/", {"url": page.full_url})
    return out


def test_hidden_practices_appear_in_no_channel(client, hidden):
    pages, visible = hidden
    outputs = channels(client, pages)
    for name, status, text in outputs:
        assert status < 500, name
        for page in pages:
            assert page.title not in text, (name, page.title)
            assert page.slug not in text, (name, page.slug)
    for name in ("api detail", "embed card", "oembed"):
        assert {s for n, s, _t in outputs if n == name} == {404}, name
    # the same channels do show a published practice: the test can fail
    seen = {name for name, _s, text in outputs if visible.title in text}
    assert {"api list", "api search", "catalogue", "embed list", "feed rss", "feed atom",
            "export csv", "export json", "export all", "export xlsx"} <= seen
    assert visible.full_url in next(t for n, _s, t in outputs if n == "sitemap")
