"""What both search engines promise about results: facets, filters, sorting, pages,
highlights, related practices, autocomplete and the map area, on the catalogue's corpus
(tests.factories), run against each (a real Elasticsearch node, no mock)."""

import pytest

from practices.models import PracticePage
from search.engines import get_engine
from search.language import fold
from tests.factories import PracticePageFactory
from tests.search.helpers import groups_with, keys, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue_corpus")]


def test_facets_stay_correct_while_filters_combine(engine_name):
    response = run(engine_name, lang="fr", dimension=["mobility"], country=["AT"])
    assert response.count == 2
    country = {f["value"]: f for f in response.facets["country"]}
    assert country["AT"]["selected"] and country["AT"]["count"] == 2
    assert country["FR"]["count"] == 1  # other countries, counted with mobility only
    assert country["AT"]["label"] == "Autriche"
    dimension = {f["value"]: f["count"] for f in response.facets["dimension"]}
    assert dimension["mobility"] == 2 and dimension["people"] == 1  # AT only
    either = run(engine_name, lang="fr", dimension=["mobility"], country=["AT", "FR"])
    assert either.count == 3  # OR within a facet
    assert run(engine_name, dimension=["mobility", "environment"]).count == len(
        groups_with(dimensions__slug__in=["mobility", "environment"]))
    assert {f["value"] for f in response.facets["language"]} == {"de"}


def test_language_filter_keeps_practices_available_in_it(engine_name):
    response = run(engine_name, language=["sl"], page_size=50)
    assert keys(response) == groups_with(locale__language_code="sl")


def test_sort_and_pagination(engine_name):
    by_title = run(engine_name, lang="en", sort="title", page_size=50)
    titles = [h.card.title.lower() for h in by_title.hits]
    assert by_title.count == 9 and len(titles) == 9
    assert [fold(t) for t in titles] == sorted(fold(t) for t in titles)
    first = run(engine_name, lang="en", sort="newest", page=1, page_size=4)
    second = run(engine_name, lang="en", sort="newest", page=2, page_size=4)
    assert len(first.hits) == len(second.hits) == 4 and not keys(first) & keys(second)
    last = run(engine_name, lang="en", page=3, page_size=4)
    assert len(last.hits) == 1


def test_pages_of_relevance_results_follow_one_order(engine_name, monkeypatch):
    """Page after page, the results of a query run on in one order, no practice twice (on
    Elasticsearch, whose finer ordering is rescored over the first results, past them too:
    here only the first is rescored)."""
    monkeypatch.setattr("search.engines.elastic.RESCORED", 1)
    everything = [h.key for h in run(engine_name, q="mobility", lang="en", page_size=50).hits]
    paged = [h.key for page in (1, 2, 3) for h in run(
        engine_name, q="mobility", lang="en", page=page, page_size=1).hits]
    assert len(everything) == 3 and paged == everything


def test_highlights_mark_the_match_and_escape_text(engine_name):
    response = run(engine_name, q="covoiturage", lang="fr")
    marked = [str(h.highlight) for h in response.hits if h.highlight]
    assert marked and all("<mark>" in h for h in marked)
    assert all("<script" not in h for h in marked)


def test_related_practices(engine_name, catalogue_corpus):
    page = catalogue_corpus["practices"][0]
    related = get_engine().related(page)
    assert 1 <= len(related) <= 5
    groups = [PracticePage.objects.get(pk=card.id).translation_key for card in related]
    assert page.translation_key not in groups and len(set(groups)) == len(related)


def test_related_practices_share_the_most_taxonomy_first(settings):
    """On the database engine, scored in SQL; a practice without any challenge (an empty
    list once made the whole query empty) still gets its related practices."""
    settings.ELASTICSEARCH_URL = ""
    page = PracticePageFactory(dimensions=("mobility",), country="MC")
    twin = PracticePageFactory(dimensions=("mobility",), country="MC")
    for _ in range(3):
        PracticePageFactory(dimensions=("mobility",))
    related = get_engine().related(page)
    assert related[0].id == twin.pk  # mobility (2) and Monaco (1) before mobility alone (2)
    assert len(related) == 5 and all("mobility" in card.dimensions for card in related)


def test_autocomplete(engine_name):
    titles = [s["title"] for s in get_engine().autocomplete("Bürg", "de")]
    assert "Bürgerbus Oberes Lechtal" in titles


def test_autocomplete_names_the_version_whose_title_was_typed(engine_name):
    """A visitor of the English site typing a French title gets that title, not the
    practice's English one (which does not start with what they typed)."""
    titles = [s["title"] for s in get_engine().autocomplete("Bancs de mob", "en")]
    assert titles == ["Bancs de mobilité pour les villages"]
    english = [s["title"] for s in get_engine().autocomplete("Mobility benc", "fr")]
    assert english == ["Mobility benches for mountain villages"]


def test_map_area_filter(engine_name):
    alps_east = run(engine_name, bbox=(45.5, 12.5, 47.5, 16.0), page_size=50)
    assert {hit.card.title for hit in alps_east.hits} == {"Mitfahrbank im Lesachtal",
                                                         "Vaška trgovina v Soči"}
    for hit in alps_east.hits:
        assert 45.5 <= float(hit.card.latitude) <= 47.5
        assert 12.5 <= float(hit.card.longitude) <= 16.0
