"""Pick the engine: Elasticsearch when ELASTICSEARCH_URL is set, else the database."""

import logging

from django.conf import settings

from .base import Engine, SearchQuery, SearchResponse
from .database import DatabaseEngine

logger = logging.getLogger("kb.search")

__all__ = ["DatabaseEngine", "Engine", "SearchQuery", "SearchResponse", "get_engine",
           "related_practices", "search"]


def get_engine(url=None) -> Engine:
    url = settings.ELASTICSEARCH_URL if url is None else url
    if url:
        from .elastic import ElasticsearchEngine

        return ElasticsearchEngine(url)
    return DatabaseEngine()


def search(query: SearchQuery) -> SearchResponse:
    """Search with the configured engine; if Elasticsearch fails, answer from the database."""
    engine = get_engine()
    try:
        return engine.search(query)
    except Exception as exc:  # noqa: BLE001 — any engine failure falls back, never a 5xx
        if isinstance(engine, DatabaseEngine):
            raise
        logger.warning("Elasticsearch search failed, answering from the database: %s", exc)
        response = DatabaseEngine().search(query)
        response.degraded = True
        return response


def related_practices(page, limit=5):
    """Up to `limit` practices like this one, in the page's language where translated."""
    engine = get_engine()
    try:
        return engine.related(page, limit)
    except Exception as exc:  # noqa: BLE001 — related practices must never break a page
        if isinstance(engine, DatabaseEngine):
            raise
        logger.warning("Elasticsearch related practices failed: %s", exc)
        return DatabaseEngine().related(page, limit)
