"""The Elasticsearch index follows publishing; Elasticsearch down never means a 5xx."""

import io
import threading

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale, PageViewRestriction
from wagtail_factories import ImageFactory

from practices.models import Dimension, PracticePage
from practices.serializers import CARD_RENDITION
from search import language
from search.engines import get_engine
from search.engines.base import SearchQuery
from tests import factories
from tests.factories import PracticePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("corpus")]


@pytest.fixture(scope="module")
def corpus(module_data):
    """The catalogue's practices, committed: a rebuild is searched from another thread."""
    return module_data(factories.catalogue_corpus, committed=True)


def found(title_word, lang="en"):
    response = get_engine().search(SearchQuery(q=title_word, lang=lang, page_size=50))
    return {hit.card.id: hit.card.language for hit in response.hits}


def test_publish_unpublish_private_delete(elasticsearch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = PracticePageFactory(title="Snowshoe library of Zwischenwasser")
    assert page.pk in found("Zwischenwasser")

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert page.pk not in found("Zwischenwasser")

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert page.pk not in found("Zwischenwasser")

    other = PracticePageFactory(title="Zwischenwasser repair bench", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        other.save_revision().publish()
    assert other.pk in found("Zwischenwasser")
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    assert found("Zwischenwasser") == {}


def test_drafts_are_never_indexed(elasticsearch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = PracticePageFactory(title="Published heat pump cooperative")
        page.title = "Draft title Quokkaville"
        page.save_revision()  # a draft revision, not published
    assert found("Quokkaville") == {}
    assert page.pk in found("heat pump cooperative")


def test_translation_added_keeps_one_group_in_the_right_language(
        elasticsearch, django_capture_on_commit_callbacks):
    original = PracticePage.objects.get(title="Bürgerbus Oberes Lechtal")  # German only
    # (other practices may match through the glossary: "transport solidaire"...)
    assert found("Bürgerbus", lang="fr").get(original.pk) == "de"
    french_locale = Locale.objects.get(language_code="fr")
    with django_capture_on_commit_callbacks(execute=True):
        french = original.copy_for_translation(french_locale).specific
        french.title, french.slug = "Bus citoyen du haut Lechtal", "bus-citoyen-lechtal"
        french.save_revision().publish()
    in_french, in_german = found("Bürgerbus", lang="fr"), found("Bürgerbus", lang="de")
    assert in_french.get(french.pk) == "fr" and original.pk not in in_french  # one per group
    assert in_german.get(original.pk) == "de" and french.pk not in in_german
    response = get_engine().search(SearchQuery(language=["fr"], lang="fr", page_size=50))
    assert str(french.translation_key) in {h.key for h in response.hits}


def test_taxonomy_label_change_reaches_the_index(elasticsearch, django_capture_on_commit_callbacks):
    label = Dimension.objects.get(slug="economy", locale__language_code="it")
    with django_capture_on_commit_callbacks(execute=True):
        label.name = "Economia Zigzagante"
        label.save()
    assert found("zigzagante")  # economy practices now match the new Italian label


def test_rebuild_swaps_the_alias_without_failed_searches(elasticsearch):
    errors, counts, done = [], [], threading.Event()

    def search_loop():
        from django.db import connection as thread_connection

        while not done.is_set():
            try:
                counts.append(elasticsearch.search(SearchQuery(q="village")).count)
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)
        thread_connection.close()

    old = set(elasticsearch.client.indices.get_alias(name=elasticsearch.alias))
    thread = threading.Thread(target=search_loop)
    thread.start()
    try:
        for _ in range(3):
            elasticsearch.rebuild()
    finally:
        done.set()
        thread.join()
    new = set(elasticsearch.client.indices.get_alias(name=elasticsearch.alias))
    assert errors == [] and len(counts) > 3 and set(counts) == {counts[0]}
    assert new and not new & old
    assert not elasticsearch.client.indices.exists(index=list(old))  # two rebuilds ago
    kept = elasticsearch.client.indices.get(index=f"{elasticsearch.alias}-*")
    assert len(kept) == 2  # the live index and the one it replaced
    # filled without refreshes, then merged into one segment and refreshed as usual again
    (live,) = new
    segments = elasticsearch.client.indices.segments(index=live)["indices"][live]["shards"]
    assert [len(copy["segments"]) for copy in segments["0"]] == [1]
    index_settings = elasticsearch.client.indices.get_settings(index=live)[live]["settings"]
    assert "refresh_interval" not in index_settings["index"]


def test_check_detects_drift_and_update_repairs_it(elasticsearch):
    out = io.StringIO()
    call_command("search_index", "check", "--no-progress", stdout=out)
    assert "missing: 0" in out.getvalue()
    victim = PracticePage.objects.get(title="Comunità energetica di montagna")
    elasticsearch.client.delete(index=elasticsearch.alias, id=str(victim.translation_key),
                                refresh=True)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("search_index", "check", "--no-progress", stdout=out)
    assert f"missing: 1 [{victim.pk}]" in out.getvalue()
    call_command("search_index", "update", "--no-progress", stdout=io.StringIO())
    out = io.StringIO()
    call_command("search_index", "check", "--no-progress", stdout=out)
    assert "missing: 0" in out.getvalue() and "orphaned: 0" in out.getvalue()


def test_elasticsearch_down_answers_from_the_database(client, settings, caplog):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    page = client.get("/en/practices/", {"q": "covoiturage"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "may be incomplete" in html and "Mobility benches for mountain villages" in html
    api = client.get("/api/v1/search/", {"q": "covoiturage"})
    assert api.status_code == 200
    assert api.json()["engine"] == "database" and api.json()["degraded"] is True
    assert client.get("/api/v1/search/suggest/", {"q": "Bür"}).status_code == 200
    practice = PracticePage.objects.get(title="Mobility benches for mountain villages")
    assert client.get(practice.url).status_code == 200  # related practices fall back too
    assert any("Elasticsearch" in r.message for r in caplog.records)


@pytest.mark.parametrize("engine_name", ["database", "elasticsearch"], indirect=True)
def test_dimensions_changed_at_publication_are_searchable_at_once(
        engine_name, django_capture_on_commit_callbacks):
    """An editor ticks other dimensions and publishes: a search by the new dimension's label
    finds the practice, and one by the old label no longer does (Wagtail's own index update
    runs before the page's dimensions are written)."""
    with django_capture_on_commit_callbacks(execute=True):
        page = PracticePageFactory(title="Hay barn of Zwischenwasser", dimensions=("economy",))
    page.dimensions.set(Dimension.objects.filter(locale=page.locale, slug="governance"))
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    governance = get_engine().search(SearchQuery(q="Zwischenwasser governance", lang="en"))
    economy = get_engine().search(SearchQuery(q="Zwischenwasser economy", lang="en"))
    assert [hit.card.id for hit in governance.hits] == [page.pk]
    assert economy.hits == []


def test_a_translation_withdrawn_or_deleted_leaves_its_practice_findable_without_its_words(
        elasticsearch, django_capture_on_commit_callbacks):
    """One document holds a practice's versions: unpublishing or deleting one writes the
    practice again from the versions still published, or removes it with the last one."""
    with django_capture_on_commit_callbacks(execute=True):
        original = PracticePageFactory(title="Orchard cooperative of Zwischenwasser")
        french = PracticePageFactory(language="fr", translation_of=original,
                                     title="Verger coopératif de Quokkaville")
    assert found("Quokkaville", lang="fr") == {french.pk: "fr"}
    with django_capture_on_commit_callbacks(execute=True):
        french.unpublish()
    assert found("Quokkaville", lang="fr") == {}
    assert found("Zwischenwasser", lang="fr") == {original.pk: "en"}  # the English version
    assert french.pk not in elasticsearch.indexed_state()
    with django_capture_on_commit_callbacks(execute=True):
        original.delete()
    assert found("Zwischenwasser") == {} and original.pk not in elasticsearch.indexed_state()


@pytest.mark.parametrize("engine_name", ["database", "elasticsearch"], indirect=True)
def test_a_result_links_to_where_its_practice_is_now(engine_name,
                                                     django_capture_on_commit_callbacks):
    """A result's card holds the practice's address and picture: moving the catalogue under
    a new slug, or replacing the picture (as the image editor does), reaches the results."""
    with django_capture_on_commit_callbacks(execute=True):
        page = PracticePageFactory(title="Firewood exchange of Quellental",
                                   image=ImageFactory(file__width=60, file__height=40))
    (hit,) = get_engine().search(SearchQuery(q="Quellental", lang="en")).hits
    before = hit.card.image["url"]
    assert hit.card.url == page.url and before == page.image.get_rendition(CARD_RENDITION).url
    with django_capture_on_commit_callbacks(execute=True):
        image = page.image
        image.file = ImageFactory.build(file__width=80, file__height=50).file
        image.save()
        image.renditions.all().delete()  # (the image editor does this with a new file)
    (hit,) = get_engine().search(SearchQuery(q="Quellental", lang="en")).hits
    assert hit.card.image["url"] == image.get_rendition(CARD_RENDITION).url != before
    catalogue = page.get_parent().specific
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.slug = "good-practices"
        catalogue.save_revision().publish()
    (hit,) = get_engine().search(SearchQuery(q="Quellental", lang="en")).hits
    moved = PracticePage.objects.get(pk=page.pk)
    assert "/good-practices/" in moved.url and hit.card.url == moved.url


def test_a_cluster_without_dictionaries_is_told_and_served(elasticsearch, settings, monkeypatch):
    """`search_index check` names the hunspell dictionaries the cluster cannot load (here a
    locale the test node lacks) and fails while the index needs them; with
    KB_SEARCH_HUNSPELL=false the index is built without the per-language sub-fields and
    searches rank on the folded and lemmatised fields."""
    out = io.StringIO()
    call_command("search_index", "check", "--no-progress", stdout=out)
    assert "all five load" in out.getvalue()
    monkeypatch.setitem(language.HUNSPELL_LOCALES, "sl", "xx_XX")
    with pytest.raises(CommandError, match="KB_SEARCH_HUNSPELL=false"):
        call_command("search_index", "check", "--no-progress", stdout=out)
    assert "missing: sl (xx_XX)" in out.getvalue()
    settings.KB_SEARCH_HUNSPELL = False
    call_command("search_index", "check", "--no-progress", stdout=out)  # a warning, exit 0
    engine = get_engine()
    engine.rebuild()
    mapping = engine.client.indices.get_mapping(index=engine.alias)
    (properties,) = [m["mappings"]["properties"] for m in mapping.values()]
    assert "fields" not in properties["title"] and "folded_any" in properties
    response = engine.search(SearchQuery(q="Bürgerbus Lechtal", lang="de"))
    assert response.count >= 1 and response.hits[0].card.title == "Bürgerbus Oberes Lechtal"
