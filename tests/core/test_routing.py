"""core.routing: pages routed from memory once known, and routed again after any change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from practices.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def standard(parent, title, slug):
    page = StandardPage(title=title, slug=slug, summary="A page made by a test.")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries]


def test_a_page_served_again_is_routed_from_memory(client):
    home = HomePage.objects.get(locale__language_code="en")
    standard(home, "Opening hours", "opening-hours")
    first, _ = get(client, "/en/opening-hours/")
    again, queries = get(client, "/en/opening-hours/")
    assert first.status_code == again.status_code == 200
    assert b"Opening hours" in again.content
    assert not [q for q in queries if "wagtailcore_page" in q or "wagtailcore_site" in q]


def test_what_changes_a_page_is_served_at_the_next_request(client):
    home = HomePage.objects.get(locale__language_code="en")
    page = standard(home, "Opening hours", "opening-hours")
    assert b"Opening hours" in client.get("/en/opening-hours/").content
    page.title = "Summer opening hours"
    page.save_revision().publish()
    assert b"Summer opening hours" in client.get("/en/opening-hours/").content
    page.slug = "hours"
    page.save_revision().publish()
    assert client.get("/en/opening-hours/").status_code == 404
    assert client.get("/en/hours/").status_code == 200
    Page.objects.get(pk=page.pk).unpublish()
    assert client.get("/en/hours/").status_code == 404


def test_a_page_made_private_after_it_was_served_asks_for_its_password(client):
    home = HomePage.objects.get(locale__language_code="en")
    page = standard(home, "Board minutes", "minutes")
    assert b"Board minutes" in client.get("/en/minutes/").content
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="pw")
    response = client.get("/en/minutes/")
    assert response.status_code == 200 and b"Board minutes" not in response.content
    assert b'name="password"' in response.content
    PageViewRestriction.objects.filter(page=page).delete()
    assert b"Board minutes" in client.get("/en/minutes/").content


def test_each_language_and_path_has_its_own_route(client):
    home_en = HomePage.objects.get(locale__language_code="en")
    home_fr = HomePage.objects.get(locale__language_code="fr")
    standard(home_en, "Opening hours", "hours")
    standard(home_fr, "Horaires d'ouverture", "hours")
    for _ in range(2):
        assert b"Opening hours" in client.get("/en/hours/").content
        assert "Horaires d" in client.get("/fr/hours/").content.decode()
