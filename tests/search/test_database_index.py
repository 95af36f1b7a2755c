"""The database engine's own index (search.models.SearchEntry): kept in step with publishing
in the same transaction, rebuilt after an upgrade, and by `search_index rebuild --database`."""

import pytest
from django.core.management import call_command

from practices.models import Dimension
from search.engines.base import SearchQuery
from search.engines.database import DatabaseEngine, ensure_entries
from search.models import SearchEntry
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


def found(q, **filters):
    response = DatabaseEngine().search(SearchQuery(q=q, page_size=50, **filters))
    return response.count, [hit.card.id for hit in response.hits]


def test_publishing_unpublishing_and_deleting_reach_the_index_at_once():
    page = PracticePageFactory(title="Zwetschgendörrer cooperative", country="AT")
    assert found("Zwetschgendörrer") == (1, [page.pk])
    assert found("Zwetschgendörrer", country=["FR"]) == (0, [])
    page.unpublish()
    assert found("Zwetschgendörrer") == (0, [])  # the count too: nothing reveals it
    page.save_revision().publish()
    assert found("zwetschgendorrer") == (1, [page.pk])
    page.delete()
    assert found("Zwetschgendörrer") == (0, [])
    assert not SearchEntry.objects.filter(text__contains="zwetschgendorrer").exists()


def test_a_synonym_added_by_an_editor_finds_the_tagged_practices(
        django_capture_on_commit_callbacks):
    page = PracticePageFactory(title="Ride benches", dimensions=["mobility"])
    assert page.pk not in found("Quokkabahn")[1]
    term = Dimension.objects.get(slug="mobility", locale__language_code="de")
    with django_capture_on_commit_callbacks(execute=True):
        term.synonyms += "\nQuokkabahn"
        term.save()
    assert page.pk in found("Quokkabahn")[1]


def test_an_upgraded_database_gets_its_index_after_migrate():
    page = PracticePageFactory(title="Heuballen library")
    SearchEntry.objects.all().delete()  # as before the engine had an index of its own
    assert found("Heuballen") == (0, [])
    ensure_entries()  # (connected to post_migrate)
    assert found("Heuballen") == (1, [page.pk])
    SearchEntry.objects.all().delete()
    call_command("search_index", "rebuild", "--database", "--no-progress", verbosity=0)
    assert found("Heuballen") == (1, [page.pk])
