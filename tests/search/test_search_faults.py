"""Elasticsearch failing: the circuit breaker keeps searches off a node that does not answer,
failed index updates are kept and retried, and what the index still holds is checked against
what is published before it is served."""

import socket
import threading

import pytest
from django.core.management import call_command
from elasticsearch import ConnectionError as ESConnectionError

from practices.models import PracticePage
from search import breaker
from search.engines import search as run_search
from search.engines.base import SearchQuery
from search.engines.elastic import ElasticsearchEngine
from search.models import PendingIndex
from search.tasks import retry_index_backlog

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue_corpus")]


@pytest.fixture
def frozen_node(settings):
    """A socket that accepts connections and never answers, as a SIGSTOPped node does."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held = []

    def accept():
        while True:
            try:
                held.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{server.getsockname()[1]}"
    settings.KB_SEARCH_TIMEOUT = settings.KB_RELATED_TIMEOUT = 0.3
    yield settings.ELASTICSEARCH_URL
    server.close()


def test_after_one_timeout_searches_skip_the_frozen_node(frozen_node, client, monkeypatch,
                                                         catalogue_corpus):
    calls = []
    original = ElasticsearchEngine.search

    def counted(self, *args):
        calls.append(1)
        return original(self, *args)

    monkeypatch.setattr(ElasticsearchEngine, "search", counted)
    for word in ["bench", "energy", "forest", "school", "Mitfahrbank"] * 4:
        response = client.get("/api/v1/search/", {"q": word})
        assert response.status_code == 200
        assert response.json()["engine"] == "database" and response.json()["degraded"]
    assert len(calls) == 1  # only the first request waited for the node
    assert breaker.is_open(frozen_node)
    practice = catalogue_corpus["practices"][0]
    assert client.get(practice.url).status_code == 200  # related practices: database engine


def withdraw_while_the_node_fails(page, monkeypatch, capture):
    def fail(self, pages):
        raise ESConnectionError("node unreachable")

    with monkeypatch.context() as patch:
        patch.setattr(ElasticsearchEngine, "index_pages", fail)
        with capture(execute=True):
            page.unpublish()


def test_a_withdrawn_practice_is_not_served_from_a_stale_index(
        elasticsearch, monkeypatch, django_capture_on_commit_callbacks, settings):
    page = PracticePage.objects.get(title="Bürgerbus Oberes Lechtal")
    before = run_search(SearchQuery(q="Bürgerbus", lang="de")).count
    withdraw_while_the_node_fails(page, monkeypatch, django_capture_on_commit_callbacks)
    assert PendingIndex.objects.filter(page_id=page.pk).exists()
    breaker.reset(settings.ELASTICSEARCH_URL)  # the node is back, the retry has not run yet
    assert page.pk in elasticsearch.indexed_state()  # the index still holds the page
    titles = [s["title"] for s in elasticsearch.autocomplete("Bürg", "de")]
    assert page.title not in titles
    response = run_search(SearchQuery(q="Bürgerbus", lang="de"))
    assert response.engine == "elasticsearch" and response.count == before - 1
    assert page.pk not in [hit.card.id for hit in response.hits]
    everything = run_search(SearchQuery(lang="de", page_size=100))
    assert everything.count == len(set(PracticePage.objects.live().public().filter(
        expired=False).values_list("translation_key", flat=True)))
    # the retry (the db_worker's backoff, or the probe once the node answers) converges
    retry_index_backlog.call()
    assert not PendingIndex.objects.exists()
    assert page.pk not in elasticsearch.indexed_state()
    call_command("search_index", "check", "--no-progress")  # exit 0: no drift


def test_retries_back_off_exponentially():
    from search.backlog import retry_delay

    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4, 20)] == [
        15, 30, 60, 120, 3600]


def test_the_probe_closes_the_breaker_and_retries_the_backlog(elasticsearch, settings):
    """The probe thread sees the node answer, closes the breaker and runs the retry."""
    url = settings.ELASTICSEARCH_URL
    retried = threading.Event()

    def recovered(answering_url):
        retried.set()

    breaker.on_recovery(recovered)
    try:
        breaker.trip(url, reason="test")
        assert breaker.is_open(url)
        assert retried.wait(timeout=10)
        assert not breaker.is_open(url)
    finally:
        breaker._recovered.remove(recovered)
