"""Which followed searches the new and updated content matches.

On Elasticsearch, each saved search is a percolator query in an index of its own
(`<prefix>alerts`, the practices' mapping plus a `percolator` field): the documents of what
changed are percolated against all of them at once. A cluster without the percolator module
(the minimal distribution the tests run on) runs the same compiled queries over the changed
documents instead, many in one request (msearch). On the database engine (and when the node
cannot be reached) each distinct saved search is run again."""

import hashlib
import logging
from datetime import datetime

from django.conf import settings
from django.http import QueryDict
from elasticsearch import BadRequestError
from elasticsearch.dsl import Q
from elasticsearch.helpers import bulk

from core.pages import published
from search import breaker
from search.documents import INDEXED, documents_for
from search.engines.base import Terms
from search.engines.database import DatabaseEngine
from search.engines.elastic import ElasticsearchEngine, source
from search.params import parse

logger = logging.getLogger("kb.alerts")
BATCH = 100  # documents percolated per request, searches per msearch
UNSUPPORTED = set()  # the node URLs without the percolator module (asked once per process)


def saved_query(query_string, language):
    """The SearchQuery of a followed search (the catalogue's query string)."""
    query = parse(QueryDict(query_string), lang=language, any_type=True)
    query.sort, query.page, query.highlight, query.facets = "newest", 1, False, False
    return query


def changed_since(moment: datetime, until: datetime):
    """{translation key: when it last changed} of the groups (practices, events, resources)
    with a version published (for the first time or again) in (moment, until]."""
    found = {}
    for model in INDEXED.values():
        for key, when in published(model.objects.filter(
                last_published_at__gt=moment, last_published_at__lte=until)).values_list(
                "translation_key", "last_published_at"):
            key = str(key)
            found[key] = max(found.get(key, when), when)
    return found


def database_matches(searches, changed):
    """{(query string, language): matching keys among `changed`}, each search run once."""
    engine = DatabaseEngine()
    return {search: set(engine.matching_keys(saved_query(*search))) & set(changed)
            for search in searches}


class Percolator:
    def __init__(self, url=None):
        self.url = url or settings.ELASTICSEARCH_URL
        self.engine = ElasticsearchEngine(self.url, timeout=settings.KB_INDEX_TIMEOUT)
        self.engine.withdrawn = set()
        self.client = self.engine.client
        self.index = f"{settings.KB_SEARCH_INDEX_PREFIX}alerts"

    @staticmethod
    def search_id(query_string, language):
        return hashlib.sha256(f"{language}|{query_string}".encode()).hexdigest()[:40]

    @property
    def supported(self):
        return self.url not in UNSUPPORTED

    def ensure_index(self):
        """The percolator index, with the mapping and analysis of the live practices' index
        (what its queries read), made once; False on a cluster without the percolator."""
        if not self.supported:
            return False
        if self.client.indices.exists(index=self.index):
            return True
        self.engine.ensure_index()
        live = next(iter(self.client.indices.get(index=self.engine.alias).values()))
        mappings = live["mappings"]
        mappings["properties"].update(saved={"type": "keyword"},
                                      query={"type": "percolator"})
        try:
            self.client.indices.create(index=self.index, mappings=mappings, settings={
                "analysis": live["settings"]["index"].get("analysis", {}),
                "number_of_shards": 1, "number_of_replicas": settings.KB_SEARCH_REPLICAS})
        except BadRequestError as exc:
            if "percolator" not in str(exc):
                raise
            logger.warning("This Elasticsearch cluster has no percolator module: alerts run "
                           "their saved searches over the changed documents instead")
            UNSUPPORTED.add(self.url)
            return False
        return True

    def compiled(self, query):
        """The query a document must match: the search's filters and, when it has words,
        what the search counts as a match (ElasticsearchEngine.text_query)."""
        filters = self.engine.filter_clauses(query)
        terms = Terms.of(query, corrections=False)
        if terms.words or terms.expansions:
            filters.append(self.engine.text_query(query, terms)[2])
        return Q("bool", filter=filters).to_dict()

    def register(self, searches):
        """Index these saved searches (query string, language) as percolator queries."""
        if not self.ensure_index():
            return
        bulk(self.client, ({"_index": self.index, "_id": self.search_id(*search),
                            "saved": self.search_id(*search),
                            "query": self.compiled(saved_query(*search))}
                           for search in searches), refresh=True)

    def matches(self, searches, changed):
        """{search: matching keys among `changed`}: every changed group's document
        percolated against the saved searches, BATCH documents a request."""
        self.register(searches)  # (kept in step: a search saved while the node was down)
        if not self.supported:
            return self.searched(searches, changed)
        wanted = {self.search_id(*search): search for search in searches}
        found = {search: set() for search in searches}
        documents = documents_for(set(changed))
        for start in range(0, len(documents), BATCH):
            batch = documents[start:start + BATCH]
            response = self.client.search(index=self.index, size=10_000, source=["saved"],
                                          query={"percolate": {"field": "query", "documents": [
                                              source(doc) for doc in batch]}})
            for hit in response["hits"]["hits"]:
                search = wanted.get(hit["_source"]["saved"])
                if search is None:
                    continue
                for slot in hit["fields"]["_percolator_document_slot"]:
                    found[search].add(batch[slot]["translation_key"])
        return found

    def searched(self, searches, changed):
        """{search: matching keys among `changed`}: each saved search's compiled query run
        over the changed documents only, BATCH searches per request (msearch)."""
        searches = list(searches)
        within = {"ids": {"values": sorted(changed)}}
        found = {}
        for start in range(0, len(searches), BATCH):
            batch = searches[start:start + BATCH]
            body = []
            for search in batch:
                body += [{"index": self.engine.alias}, {
                    "query": {"bool": {"filter": [self.compiled(saved_query(*search)),
                                                  within]}},
                    "size": len(changed), "_source": False}]
            answers = self.client.msearch(searches=body)["responses"]
            for search, answer in zip(batch, answers, strict=True):
                if "error" in answer:
                    raise RuntimeError(answer["error"])
                found[search] = {hit["_id"] for hit in answer["hits"]["hits"]}
        return found


def matches(searches, changed):
    """{(query string, language): matching keys among `changed`}: by the percolator on
    Elasticsearch, else (or when the node fails) by running the searches again."""
    if not searches or not changed:
        return {search: set() for search in searches}
    url = settings.ELASTICSEARCH_URL
    if url and not breaker.is_open(url):
        try:
            return Percolator(url).matches(searches, changed)
        except Exception as exc:  # noqa: BLE001 — any node failure: the database answers
            logger.warning("Percolating alerts failed, matching on the database: %s", exc)
            breaker.trip(url, reason=str(exc))
    return database_matches(searches, changed)
