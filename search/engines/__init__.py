"""Pick the engine: Elasticsearch when ELASTICSEARCH_URL is set, else the database."""

import logging

from django.conf import settings

from core import pagecache

from .. import breaker
from .base import Engine, SearchQuery, SearchResponse
from .database import DatabaseEngine

logger = logging.getLogger("kb.search")

__all__ = ["DatabaseEngine", "Engine", "SearchQuery", "SearchResponse", "get_engine",
           "related_practices", "search", "with_fallback"]


def get_engine(url=None, timeout=None) -> Engine:
    url = settings.ELASTICSEARCH_URL if url is None else url
    if url:
        from .elastic import ElasticsearchEngine

        return ElasticsearchEngine(url, timeout=timeout or settings.KB_SEARCH_TIMEOUT)
    return DatabaseEngine()


def with_fallback(method, *args, timeout=None):
    """Call `method` on the configured engine; if Elasticsearch fails, or failed recently
    (circuit breaker open), on the database engine instead. Returns (result, degraded).
    A search never ends in a 5xx and never waits for a node known to be unreachable."""
    url = settings.ELASTICSEARCH_URL
    if not url:
        return getattr(DatabaseEngine(), method)(*args), False
    if not breaker.is_open(url):
        try:
            return getattr(get_engine(url, timeout), method)(*args), False
        except Exception as exc:  # noqa: BLE001 — any Elasticsearch failure falls back
            logger.warning("Elasticsearch %s failed, answering from the database: %s",
                           method, exc)
            breaker.trip(url, reason=str(exc))
    pagecache.uncacheable()  # (a degraded answer is not kept for other visitors)
    return getattr(DatabaseEngine(), method)(*args), True


def search(query: SearchQuery) -> SearchResponse:
    response, degraded = with_fallback("search", query)
    response.degraded = degraded
    return response


def related_practices(page, limit=5):
    """Up to `limit` practices like this one, in the page's language where translated. A
    page render waits at most KB_RELATED_TIMEOUT for Elasticsearch."""
    return with_fallback("related", page, limit, timeout=settings.KB_RELATED_TIMEOUT)[0]
