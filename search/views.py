"""The catalogue page's search: parse the request, ask the engine, shape the template data."""

from django.conf import settings

from practices.catalogue import Taxonomy

from . import engines
from .params import parse


def page_window(current, total, radius=2):
    """Page numbers to link: first, last and a window around the current one (None = gap)."""
    numbers = sorted({1, total, *range(max(1, current - radius),
                                       min(total, current + radius) + 1)})
    window, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            window.append(None)
        window.append(number)
        previous = number
    return window


def catalogue_context(request, index_page):
    lang = index_page.locale.language_code
    query = parse(request.GET, lang=lang, any_type=True)
    response = engines.search(query)
    if not response.hits and response.count and query.page > response.num_pages:
        query.page = response.num_pages  # like Django's Paginator.get_page: the last page
        response = engines.search(query)
    params = request.GET.copy()
    params.pop("page", None)
    mine = params.copy()  # toggle "available in my language" (the `language` facet)
    mine.pop("language", None)
    if query.language != [lang]:
        mine["language"] = lang
    return {
        "my_language_on": query.language == [lang],
        "my_language_url": f"?{mine.urlencode()}",
        "search": response,
        "query": query, "practices_only": ["practice"],
        "hits": response.hits,
        "facets": response.facets,
        "filter_query": params.urlencode(),
        "page_numbers": page_window(response.page, response.num_pages),
        "catalogue_url": index_page.url,
        "taxonomy": Taxonomy.for_locale_code(lang),  # card labels in the visitor's language
        "export_formats": ("csv", "xlsx", "json"),
        "map_tiles": settings.KB_MAP_TILE_URL,
        "map_attribution": settings.KB_MAP_ATTRIBUTION,
        "active_filters": [
            (name, value["label"]) for name, values in response.facets.items()
            for value in values if value["selected"]
            and not (name == "type" and query.type == ["practice"])  # (the default)
        ],
    }
