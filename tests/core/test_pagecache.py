"""core.pagecache: public pages served to visitors without a session from the cache, varied
by address, and never stale after a change an editor makes; never a page with a form's token,
a signed-in user's page or a degraded search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from practices.models import Dimension, PracticeIndexPage, PracticePage
from search.models import GlossaryConcept, GlossaryTerm
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return PracticePageFactory(title="Das Dorfauto", summary="Ein Auto für alle.",
                                   dimensions=["mobility"])


def get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def catalogue(lang="en"):
    return PracticeIndexPage.objects.get(locale__language_code=lang).url


def test_a_page_asked_again_is_served_from_the_cache(client, practice):
    first, _ = get(client, practice.url)
    again, queries = get(client, practice.url)
    assert first["X-Page-Cache"] == "miss" and again["X-Page-Cache"] == "hit"
    assert again.content == first.content and queries == 0
    # browsers ask again (the server answers from its cache); the security headers, which
    # are made per request, are on the cached page too
    assert again["Cache-Control"] == "max-age=0" and "Expires" not in again
    assert "frame-ancestors 'none'" in again["Content-Security-Policy"]


def test_each_address_language_and_query_is_its_own_page(client, practice):
    english = client.get(f"{catalogue('en')}?q=Dorfauto").content.decode()
    other = client.get(f"{catalogue('en')}?q=Zwetschgen").content.decode()
    german = client.get(f"{catalogue('de')}?q=Dorfauto")
    assert "Das Dorfauto" in english and "Das Dorfauto" not in other
    assert german["X-Page-Cache"] == "miss" and german["Content-Language"] == "de"
    # asked again after a page in another language: the key holds the page's own language
    again = client.get(f"{catalogue('en')}?q=Dorfauto")
    assert again["X-Page-Cache"] == "hit" and again["Content-Language"] == "en"


def test_publish_unpublish_delete_and_move_are_seen_at_once(
        client, practice, django_capture_on_commit_callbacks):
    client.get(practice.url), client.get(catalogue())
    with django_capture_on_commit_callbacks(execute=True):
        practice.title = "Das neue Dorfauto"
        practice.save_revision().publish()
    assert "Das neue Dorfauto" in client.get(practice.url).content.decode()
    assert "Das neue Dorfauto" in client.get(catalogue()).content.decode()
    url = practice.url
    with django_capture_on_commit_callbacks(execute=True):
        practice.unpublish()
    assert client.get(url).status_code == 404
    assert "Das neue Dorfauto" not in client.get(catalogue()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        practice.save_revision().publish()
    assert client.get(url).status_code == 200
    french = PracticeIndexPage.objects.get(locale__language_code="fr")
    with django_capture_on_commit_callbacks(execute=True):
        practice.move(french, pos="last-child")
    moved = client.get(url)  # Wagtail's redirect to the new address, not the old page
    assert moved.status_code == 301 and moved["Location"] == PracticePage.objects.get(
        pk=practice.pk).url
    with django_capture_on_commit_callbacks(execute=True):
        PracticePage.objects.get(pk=practice.pk).delete()
    assert "Das neue Dorfauto" not in client.get(catalogue("fr")).content.decode()


def test_a_translation_taxonomy_or_glossary_change_is_seen_at_once(
        client, practice, django_capture_on_commit_callbacks):
    untranslated = 'lang="de" class="untranslated"'  # the language switcher's German link
    assert untranslated in client.get(practice.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        german = practice.copy_for_translation(Locale.objects.get(language_code="de"))
        german.save_revision().publish()
    assert untranslated not in client.get(practice.url).content.decode()
    label = Dimension.objects.get(slug="mobility", locale__language_code="en")
    client.get(catalogue())
    label.name = "Getting around"
    label.save()
    assert "Getting around" in client.get(catalogue()).content.decode()
    search = f"{catalogue()}?q=covoiturage"
    assert "Das Dorfauto" not in client.get(search).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        GlossaryTerm.objects.create(concept=GlossaryConcept.objects.get(slug="car-pooling"),
                                    language="de", term="Dorfauto")
    assert "Das Dorfauto" in client.get(search).content.decode()


def test_a_page_with_a_form_token_is_never_stored(client):
    first = client.get("/en/propose/")
    again = client.get("/en/propose/")
    assert "csrfmiddlewaretoken" in again.content.decode()
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in again


def test_signed_in_users_and_private_pages_bypass_it(client, practice, admin_user):
    client.get(practice.url)
    client.force_login(admin_user)
    signed_in = client.get(practice.url)
    assert "X-Page-Cache" not in signed_in and 'id="wagtail-userbar' in signed_in.content.decode()
    client.logout()
    assert client.get(practice.url)["X-Page-Cache"] == "hit"  # the visitors' page is intact
    PageViewRestriction.objects.create(page=practice, restriction_type="password",
                                       password="secret")
    refused = client.get(practice.url)
    assert refused.status_code == 200 and "Das Dorfauto" not in refused.content.decode()
    assert "X-Page-Cache" not in refused  # (its password form holds a token)


def test_a_degraded_search_is_not_kept(client, practice, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.KB_SEARCH_TIMEOUT = 0.5
    search = f"{catalogue()}?q=Dorfauto"
    assert "The search service is unavailable" in client.get(search).content.decode()
    assert "X-Page-Cache" not in client.get(search)


def test_the_api_answers_304_from_the_cache(client, practice):
    first = client.get("/api/v1/practices/", {"country": "FR"})
    again = client.get("/api/v1/practices/", {"country": "FR"},
                       HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["X-Page-Cache"] == "hit"
    assert client.get("/api/v1/practices/", {"country": "FR"}).json() == first.json()
