"""Which published practices a reuse channel (API, feeds, exports, embeds) shows.

Every channel filters with the catalogue's parameters (search/params.py), so a catalogue URL's
query string works unchanged on its feed, its export and its embed.
"""

import threading

from cachetools import LRUCache
from django.core.exceptions import EmptyResultSet
from django.db.models import Count, Max

from core.memo import Versioned
from core.pagecache import PAGES
from practices.catalogue import published
from practices.models import PracticePage, Transfer, taxonomy
from practices.transfers import public_transfers
from search.engines.database import DatabaseEngine
from search.params import parse


def apply_filters(queryset, filters):
    """The catalogue's filters on versions: OR within a facet, AND across facets; `language`
    keeps practices available in one of those languages."""
    if filters.get("dimension"):
        queryset = queryset.filter(dimensions__in=taxonomy.ids("dimension", filters["dimension"]))
    if filters.get("challenge"):
        queryset = queryset.filter(challenges__in=taxonomy.ids("challenge", filters["challenge"]))
    if filters.get("funding"):
        queryset = queryset.filter(funding__in=taxonomy.ids("funding", filters["funding"]))
    if filters.get("country"):
        queryset = queryset.filter(country__in=filters["country"])
    if filters.get("status"):
        queryset = queryset.filter(status__in=filters["status"])
    if filters.get("reuse"):
        reused = public_transfers(Transfer.objects.filter(stage__in=filters["reuse"]))
        queryset = queryset.filter(translation_key__in=reused.values("practice__translation_key"))
    if filters.get("language"):
        available = published(PracticePage.objects.filter(
            locale__language_code__in=filters["language"])).values("translation_key")
        queryset = queryset.filter(translation_key__in=available)
    return queryset


def matching_versions(query):
    """Every published language version of the practices matching `query`, exactly (the
    database engine has no result window). The `language` filter keeps those versions."""
    pages = published(PracticePage.objects.all())
    if query.q or query.bbox or query.tag:
        keys = DatabaseEngine().matching_keys(query)
        pages = pages.filter(translation_key__in=keys)
    elif any((filters := query.filters()).values()):
        groups = apply_filters(pages, filters).values("translation_key")
        pages = pages.filter(translation_key__in=groups)  # no join duplicates
    if query.language:
        pages = pages.filter(locale__language_code__in=query.language)
    return pages


def selection(params, *, lang="en"):
    """(query, queryset of versions) for a page's query string (invalid values dropped)."""
    query = parse(params, lang=lang)  # parse reads a valid `lang` parameter itself
    return query, matching_versions(query)


# {selection's SQL: (count, last)}, emptied whenever any content changes (core.pagecache's
# stamp, which every save, deletion, publication and move moves)
FRESHNESS = Versioned(PAGES.key, lambda: LRUCache(maxsize=1024))
_lock = threading.Lock()  # (an LRU cache reorders itself on every read)


def freshness(queryset, moment="last_published_at"):
    """(count, last publication — or last `moment`): changes whenever a row enters, leaves or
    is republished. Counting a selection reads all of it (100,000 practices: tens of
    milliseconds); the answer is kept in this process until any content changes
    (FRESHNESS)."""
    queryset = queryset.order_by()
    try:
        key = f"{moment}|{queryset.query}"
    except EmptyResultSet:  # a condition nothing can meet (e.g. none of no search's keys)
        return 0, None
    known_counts = FRESHNESS.get()
    with _lock:
        known = known_counts.get(key)
    if known is None:
        stats = queryset.aggregate(n=Count("id"), last=Max(moment))
        known = stats["n"], stats["last"]
        with _lock:
            known_counts[key] = known
    return known
