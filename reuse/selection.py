"""Which published practices a reuse channel (API, feeds, exports, embeds) shows.

Every channel filters with the catalogue's parameters (search/params.py), so a catalogue URL's
query string works unchanged on its feed, its export and its embed.
"""

from django.db.models import Count, Max

from practices.catalogue import published
from practices.models import PracticePage
from search.engines.database import DatabaseEngine
from search.params import parse


def apply_filters(queryset, filters):
    """The catalogue's filters on versions: OR within a facet, AND across facets; `language`
    keeps practices available in one of those languages."""
    if filters.get("dimension"):
        queryset = queryset.filter(dimensions__slug__in=filters["dimension"])
    if filters.get("challenge"):
        queryset = queryset.filter(challenges__slug__in=filters["challenge"])
    if filters.get("country"):
        queryset = queryset.filter(country__in=filters["country"])
    if filters.get("status"):
        queryset = queryset.filter(status__in=filters["status"])
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
    else:
        groups = apply_filters(pages, query.filters()).values("translation_key")
        pages = pages.filter(translation_key__in=groups)  # no join duplicates
    if query.language:
        pages = pages.filter(locale__language_code__in=query.language)
    return pages


def selection(params, *, lang="en"):
    """(query, queryset of versions) for a page's query string (invalid values dropped)."""
    query = parse(params, lang=lang)  # parse reads a valid `lang` parameter itself
    return query, matching_versions(query)


def freshness(queryset):
    """(count, last publication): changes whenever a page enters, leaves or is republished."""
    stats = queryset.order_by().aggregate(n=Count("id"), last=Max("last_published_at"))
    return stats["n"], stats["last"]
