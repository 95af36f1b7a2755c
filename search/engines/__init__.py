"""Pick the engine: Elasticsearch when ELASTICSEARCH_URL is set, else the database."""

import logging

from django.conf import settings

from .base import Engine, SearchQuery, SearchResponse
from .database import DatabaseEngine

logger = logging.getLogger("kb.search")

__all__ = ["DatabaseEngine", "Engine", "SearchQuery", "SearchResponse", "get_engine",
           "related_practices", "search", "with_fallback"]


def get_engine(url=None) -> Engine:
    url = settings.ELASTICSEARCH_URL if url is None else url
    if url:
        from .elastic import ElasticsearchEngine

        return ElasticsearchEngine(url)
    return DatabaseEngine()


def with_fallback(method, *args):
    """Call `method` on the configured engine; if Elasticsearch fails, on the database engine
    instead (logged). Returns (result, degraded). A search never ends in a 5xx."""
    engine = get_engine()
    try:
        return getattr(engine, method)(*args), False
    except Exception as exc:  # noqa: BLE001 — any Elasticsearch failure falls back
        if isinstance(engine, DatabaseEngine):
            raise
        logger.warning("Elasticsearch %s failed, answering from the database: %s", method, exc)
        return getattr(DatabaseEngine(), method)(*args), True


def search(query: SearchQuery) -> SearchResponse:
    response, degraded = with_fallback("search", query)
    response.degraded = degraded
    return response


def related_practices(page, limit=5):
    """Up to `limit` practices like this one, in the page's language where translated."""
    return with_fallback("related", page, limit)[0]
