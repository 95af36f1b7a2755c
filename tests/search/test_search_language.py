"""What both search engines promise about language, on the demo corpus in five languages:
taxonomy labels and glossary across languages, accents, inflections, typos, one result per
practice in the visitor's language (a real Elasticsearch node, no mock; ranking is in
tests/search/test_search_ranking.py)."""

import pytest

from practices.models import PracticePage
from search import language
from search.models import GlossaryConcept, GlossaryTerm
from tests.factories import PracticePageFactory
from tests.search.helpers import external_ids, groups_with, keys, run, titles

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.mark.parametrize("word", ["Mobilität", "mobilité", "mobilità", "mobilnost", "mobility"])
def test_taxonomy_labels_match_in_all_languages(engine_name, word):
    response = run(engine_name, q=word, page_size=50)
    assert groups_with(dimensions__slug="mobility") <= keys(response)


@pytest.mark.parametrize(("word", "lang", "kind", "slug"), [
    ("Lebensqualität", "de", "dimensions", "living"),
    ("digitalizzazione", "it", "challenges", "digital"),
    ("exode rural", "fr", "challenges", "depopulation"),
    ("javni prevoz", "sl", "dimensions", "mobility"),
])
def test_taxonomy_synonyms_find_the_terms_practices(engine_name, word, lang, kind, slug):
    """A visitor's own word for a dimension or challenge (its synonyms, which editors keep
    with the term) finds every practice tagged with it, in any language."""
    response = run(engine_name, q=word, lang=lang, page_size=50)
    assert groups_with(**{f"{kind}__slug": slug}) <= keys(response)


def test_glossary_expands_across_languages(engine_name):
    found = external_ids(run(engine_name, q="covoiturage", lang="en", page_size=50))
    assert {"sv-en-001", "sv-de-001", "sv-sl-004"} <= found  # car pooling, Mitfahrbank, sopotništvo
    found = external_ids(run(engine_name, q="Bürgerhaushalt", lang="fr", page_size=50))
    assert "sv-fr-006" in found  # budget participatif


def test_an_editors_glossary_term_finds_practices_at_once(
        engine_name, django_capture_on_commit_callbacks):
    """A term added to a concept finds the practices that use it from a query naming the
    concept; removed, it no longer does (Elasticsearch stores the concepts each practice's
    text names: its documents are written again after the change)."""
    with django_capture_on_commit_callbacks(execute=True):
        practice = PracticePageFactory(title="Das Dorfauto", summary="Ein Auto für alle.")
    assert practice.title not in titles(run(engine_name, q="covoiturage", lang="fr"))
    concept = GlossaryConcept.objects.get(slug="car-pooling")
    with django_capture_on_commit_callbacks(execute=True):
        term = GlossaryTerm.objects.create(concept=concept, language="de", term="Dorfauto")
    assert practice.title in titles(run(engine_name, q="covoiturage", lang="fr"))
    assert practice.title in titles(run(engine_name, q="Mitfahrbank", lang="de"))
    with django_capture_on_commit_callbacks(execute=True):
        term.delete()
    assert practice.title not in titles(run(engine_name, q="covoiturage", lang="fr"))


def test_accents_are_ignored(engine_name):
    accented = run(engine_name, q="mobilité", page_size=50)
    plain = run(engine_name, q="mobilite", page_size=50)
    assert keys(accented) == keys(plain) and plain.count > 0
    assert "sv-de-003" in external_ids(run(engine_name, q="burgerbus", lang="de"))


def test_inflections_are_matched(engine_name):
    assert "sv-sl-001" in external_ids(run(engine_name, q="trgovine", lang="sl"))
    assert "sv-fr-005" in external_ids(run(engine_name, q="communes gares", lang="fr"))


def test_small_typos_are_corrected_or_suggested(engine_name):
    response = run(engine_name, q="telemedicne", lang="en")
    assert {"sv-sl-003", "sv-it-004"} <= external_ids(response)
    # (the vocabulary's word, or Elasticsearch's term suggester's from the indexed text)
    assert response.suggestion in {"telemedicine", "telemedicina"} or \
        response.corrected_from == "telemedicne"


def test_did_you_mean_reads_nothing_per_search_and_knows_what_was_just_published(
        django_assert_num_queries, django_capture_on_commit_callbacks):
    language.suggest("telemedicne")  # the vocabulary is read once per process...
    with django_assert_num_queries(0):  # ...and not again, nor unpickled, by later searches
        assert language.suggest("telemedicne") == "telemedicine"
        assert language.language_data() is language.language_data()
    assert language.suggest("Zwetschgenrostr") is None
    with django_capture_on_commit_callbacks(execute=True):
        PracticePageFactory(title="Zwetschgenröster für alle")
    assert language.suggest("Zwetschgenrostr") == "zwetschgenroster"  # at once, in every process


def test_one_result_per_practice_in_the_visitors_language(engine_name):
    french = run(engine_name, q="covoiturage", lang="fr", page_size=50)
    english = run(engine_name, q="covoiturage", lang="en", page_size=50)
    assert len(keys(french)) == len(french.hits) == french.count
    shown_fr = {h.key: h.card.language for h in french.hits}
    shown_en = {h.key: h.card.language for h in english.hits}
    queyras = str(PracticePage.objects.get(external_id="sv-fr-001").translation_key)
    assert shown_fr[queyras] == "fr" and shown_en[queyras] == "en"
    kobarid = str(PracticePage.objects.get(external_id="sv-sl-004").translation_key)
    assert shown_en[kobarid] == "sl"  # no English version: the original
