"""The import's bulk path (practices.bulk): the pages it makes are the pages Wagtail's own
path would make, a bad record fails alone, and a record costs a few queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from practices.exchange import import_records
from practices.models import Dimension, PracticeIndexPage, PracticePage
from search.engines.base import SearchQuery
from search.engines.database import DatabaseEngine
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "fr", "de", "it", "sl"]


def record(n, **fields):
    language = LANGUAGES[n % 5]
    return {"external_id": f"b-{n}", "language": language,
            "title": f"Shared village van {n}" if n % 4 else "Shared village van",
            "summary": f"Practice number {n}.", "country": "AT", "body": f"Story {n}.",
            "dimensions": ["mobility", "people"][: 1 + n % 2], "challenges": ["mobility"],
            "tags": ["car sharing", f"Tag {n % 3}", "Dorfläden"], **fields}


def import_(records, batch=7):
    return import_records(list(enumerate(records, start=1)), batch=batch)


def test_bulk_pages_are_wagtail_pages(client, admin_client, django_capture_on_commit_callbacks):
    records = [record(n) for n in range(30)]
    records[3]["published"] = False  # a draft
    records += [record(100 + n, language="de", translation_of=f"b-{n}")
                for n in range(0, 30, 5)]  # English originals (n % 5 == 0) in German
    with django_capture_on_commit_callbacks(execute=True):
        report = import_(records)
    assert (report.created, report.failed) == (36, 0), report.errors
    assert Page.find_problems() == ([], [], [], [], [])  # paths, depths, child counts
    for index in PracticeIndexPage.objects.all():
        assert index.numchild == index.get_children().count()
    page = PracticePage.objects.get(external_id="b-5")
    translation = PracticePage.objects.get(external_id="b-105")
    assert translation.translation_key == page.translation_key
    assert translation.get_parent().specific.locale.language_code == "de"
    assert translation.original_language == "en"
    assert page.revisions.count() == 1 and page.live_revision == page.latest_revision
    assert page.latest_revision.as_object().title == page.title
    assert list(PageLogEntry.objects.filter(page=page).order_by("action")
                .values_list("action", flat=True)) == ["wagtail.create", "wagtail.publish"]
    assert sorted(t.name for t in page.tags.all()) == ["Dorfläden", "Tag 2", "car sharing"]
    assert ReferenceIndex.objects.filter(object_id=str(page.pk)).count() == 3  # its tags
    # four records share a title: the slugs stay unique among siblings
    slugs = [p.slug for p in PracticePage.objects.filter(title="Shared village van",
                                                         locale__language_code="en")]
    assert len(slugs) == len(set(slugs)) > 1
    assert client.get(page.url).status_code == 200
    assert "Practice number 105." in client.get(translation.url).content.decode()
    draft = PracticePage.objects.get(external_id="b-3")
    assert not draft.live and client.get(draft.get_url()).status_code == 404
    assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    # the search engines were told (page_published): the practice is found
    found = DatabaseEngine().search(SearchQuery(q="Practice number 5", page_size=50))
    assert page.pk in [hit.card.id for hit in found.hits]
    # and the tree takes a page made by the admin's path after them
    later = PracticePageFactory(title="Made later")
    assert later.path > max(p.path for p in PracticePage.objects.exclude(pk=later.pk)
                            .filter(locale__language_code="en"))
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_bad_record_fails_alone_and_existing_ones_are_compared():
    import_([record(0), record(1)])
    records = [record(0), record(1, title="Changed title"), record(2),
               record(3, language="fr"),  # b-3 is new: fine in French
               record(200, language="de", translation_of="b-0"),
               record(201, language="de", translation_of="b-0"),  # a second German version
               record(202, language="de", translation_of="nowhere"),
               record(203, language="en", translation_of="b-0"),  # same language
               record(1, language="it")]  # b-1 again in another language (a duplicate id)
    report = import_records(list(enumerate(records, start=1)), batch=4)
    errors = {(e.line, e.field): e.message for e in report.errors}
    assert (report.created, report.updated, report.unchanged) == (3, 1, 1), errors
    assert errors[(6, "translation_of")] == "a de translation already exists (external_id b-200)"
    assert errors[(7, "translation_of")] == "no practice with external_id nowhere"
    assert errors[(8, "translation_of")] == "the original is in the same language"
    assert errors[(9, "external_id")].startswith("b-1 already appears on line 2")
    assert PracticePage.objects.get(external_id="b-1").title == "Changed title"
    # tags are case-insensitive: a record differing in a tag's case changes nothing
    assert import_([record(2, tags=["CAR SHARING", "tag 2", "Dorfläden"])]).unchanged == 1
    report = import_([record(1, language="it"), record(4)])
    assert [str(e) for e in report.errors] == [
        "line 1, field language: b-1 exists in fr; a record cannot change language"]
    assert report.created == 1
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_record_costs_a_few_queries(django_capture_on_commit_callbacks, caplog):
    import_([record(n) for n in range(5)], batch=500)  # tags and taxonomy read once
    records = [record(n) for n in range(5, 105)]
    with (CaptureQueriesContext(connection) as queries,
          django_capture_on_commit_callbacks(execute=True)):  # indexing included
        report = import_(records, batch=500)
    assert report.created == 100
    assert "one by one" not in caplog.text  # the batch was written in bulk
    # 74 per record before the bulk path (a fresh database), ~270 at 10,000 practices
    assert len(queries) / 100 <= 6, len(queries)  # 4.6 now (issue 15: at most 30)


def test_a_term_missing_in_one_language_is_left_out_not_fatal():
    Dimension.objects.filter(slug="people", locale__language_code="sl").delete()
    report = import_([record(4, dimensions=["people", "mobility"])])  # n=4: Slovenian
    assert (report.created, report.failed) == (1, 0)
    page = PracticePage.objects.get(external_id="b-4")
    assert [d.slug for d in page.dimensions.all()] == ["mobility"]
