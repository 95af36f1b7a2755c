"""Validation of search parameters, shared by the catalogue page and the JSON API."""

import re

from django.conf import settings
from django_countries import countries

from core.text import LANGUAGES
from practices.models import Stage, taxonomy
from practices.models.pages import Status

from .engines.base import FACETS, SORTS, TYPES, SearchQuery

MAX_QUERY = 500
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000
# Control and format characters (NUL, vertical tab, ...) mean nothing in a query, are invalid
# in XML feeds and refused by PostgreSQL: they become spaces.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
DIGITS = re.compile(r"[0-9]{1,9}")  # ASCII only: "²".isdigit() but int("²") fails


def clean_text(value, limit):
    return CONTROL.sub(" ", value or "").strip()[:limit]


def whole_number(raw):
    """The int written in `raw` (ASCII digits, at most 9), else None."""
    raw = (raw or "").strip()
    return int(raw) if DIGITS.fullmatch(raw) else None


class BadParameter(ValueError):
    def __init__(self, field, message):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def known_values():
    return {
        "dimension": taxonomy.slugs("dimension"),
        "challenge": taxonomy.slugs("challenge"),
        "country": set(dict(countries)),  # any ISO code: one with no practice finds none
        "language": set(LANGUAGES),
        "status": set(Status.values),
        "funding": taxonomy.slugs("funding"),
        "reuse": set(Stage.values),
        "type": set(TYPES),
    }


def parse(params, *, lang, any_type=False):
    """The SearchQuery of a page's query string (catalogue, feeds, exports, embeds): a value
    that is not valid is dropped, as a visitor would expect from an edited URL. The API refuses
    them instead: see from_schema. Practices only, unless `any_type` (the catalogue: events
    and toolbox resources when the `type` filter asks for them)."""
    query = SearchQuery(lang=lang, page_size=settings.KB_CATALOGUE_PAGE_SIZE)
    query.q = clean_text(params.get("q"), 10 * MAX_QUERY)[:MAX_QUERY]
    if params.get("lang") in LANGUAGES:
        query.lang = params.get("lang")
    known = known_values()
    for name in FACETS:
        values = [v.strip() for v in params.getlist(name) if v.strip()]
        if name == "country":
            values = [v.upper() for v in values]
        setattr(query, name, [v for v in values if v in known[name]])
    query.type = (any_type and query.type) or ["practice"]
    query.tag = clean_text(params.get("tag"), 100)
    sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
    sorted_for = params.get("sorted_for")  # the query the catalogue's sort menu was set for
    if sorted_for is not None and clean_text(sorted_for, 10 * MAX_QUERY) != query.q:
        sort = "relevance"  # a new query is ranked by relevance, whatever the menu showed
    query.sort = sort if (query.q or sort != "relevance") else "newest"
    query.page = bounded_int(params.get("page"), 1, 1, MAX_PAGE)
    query.page_size = bounded_int(params.get("page_size"), query.page_size, 1, MAX_PAGE_SIZE)
    try:
        query.bbox = _bbox(params.get("bbox"))
    except BadParameter:
        query.bbox = None
    return query


def from_schema(params):
    """The SearchQuery for the API's SearchParams or FilterParams (search/api.py), which have
    already checked types, bounds, formats and the listed values: what they cannot know
    (control characters, the taxonomy as edited in the admin, the order of a bounding box) is
    settled here."""
    values = {name: list(getattr(params, name)) for name in FACETS}
    values["country"] = [v.upper() for v in values["country"]]
    values["type"] = values["type"] or ["practice"]
    known = known_values()
    for name, chosen in values.items():
        unknown = [v for v in chosen if v not in known[name]]
        if unknown:
            raise BadParameter(name, f"unknown value(s) {', '.join(unknown)}")
    q = clean_text(params.q, MAX_QUERY)
    sort = getattr(params, "sort", "relevance")  # FilterParams: no order, no page
    paging = {name: getattr(params, name) for name in ("page", "page_size")
              if hasattr(params, name)}
    return SearchQuery(
        q=q, lang=params.lang, **values, tag=clean_text(params.tag, 100),
        sort=sort if (q or sort != "relevance") else "newest", **paging,
        bbox=_bbox(params.bbox))


def bounded_int(raw, default, low, high):
    """The whole number written in `raw` brought between low and high; `default` when there
    is none."""
    value = whole_number(raw)
    return default if value is None else min(max(value, low), high)


def _bbox(raw):
    """(south, west, north, east). Latitudes in either order; west > east is a box across
    the antimeridian (180°), as on any web map."""
    if not raw:
        return None
    try:
        south, west, north, east = (float(part) for part in raw.split(","))
    except ValueError:
        raise BadParameter("bbox", "expected south,west,north,east in degrees") from None
    if not (-90 <= south <= 90 and -90 <= north <= 90 and -180 <= west <= 180
            and -180 <= east <= 180):
        raise BadParameter("bbox", "latitudes between -90 and 90, longitudes between -180 "
                                   "and 180")
    return (min(south, north), west, max(south, north), east)
