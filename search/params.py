"""Validation of search parameters, shared by the catalogue page and the JSON API."""

import re

from django.conf import settings
from django_countries import countries

from core.text import LANGUAGES
from practices.models import Challenge, Dimension
from practices.models.pages import Status

from .engines.base import FACETS, SORTS, SearchQuery

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
        "dimension": set(Dimension.objects.values_list("slug", flat=True)),
        "challenge": set(Challenge.objects.values_list("slug", flat=True)),
        "country": set(dict(countries)),  # any ISO code: one with no practice finds none
        "language": set(LANGUAGES),
        "status": set(Status.values),
    }


def parse(params, *, lang, strict):
    """Build a SearchQuery from query parameters.

    strict (API): any bad value raises BadParameter. Lenient (page): bad values are dropped.
    """

    def fail(field, message):
        if strict:
            raise BadParameter(field, message)

    query = SearchQuery(lang=lang, page_size=settings.KB_CATALOGUE_PAGE_SIZE)
    q = clean_text(params.get("q"), 10 * MAX_QUERY)
    if len(q) > MAX_QUERY:
        fail("q", f"at most {MAX_QUERY} characters")
        q = q[:MAX_QUERY]
    query.q = q
    requested_lang = params.get("lang")
    if requested_lang:
        if requested_lang in LANGUAGES:
            query.lang = requested_lang
        else:
            fail("lang", f"one of {', '.join(LANGUAGES)}")
    known = known_values()
    for name in FACETS:
        values = [v.strip() for v in params.getlist(name) if v.strip()]
        if name == "country":
            values = [v.upper() for v in values]
        unknown = [v for v in values if v not in known[name]]
        if unknown:
            fail(name, f"unknown value(s) {', '.join(unknown)}")
        setattr(query, name, [v for v in values if v in known[name]])
    query.tag = clean_text(params.get("tag"), 100)
    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        fail("sort", f"one of {', '.join(SORTS)}")
        sort = "relevance"
    sorted_for = params.get("sorted_for")  # the query the catalogue's sort menu was set for
    if sorted_for is not None and clean_text(sorted_for, 10 * MAX_QUERY) != q:
        sort = "relevance"  # a new query is ranked by relevance, whatever the menu showed
    query.sort = sort if (query.q or sort != "relevance") else "newest"
    query.page = bounded_int(params, "page", 1, 1, MAX_PAGE, fail)
    query.page_size = bounded_int(params, "page_size", query.page_size, 1, MAX_PAGE_SIZE, fail)
    query.bbox = _bbox(params.get("bbox"), fail)
    return query


def bounded_int(params, name, default, low, high, fail):
    """The whole number `name` of `params` between low and high; `fail(name, message)` is told
    of a bad one (and its nearest valid value is returned when fail does not raise)."""
    raw = params.get(name)
    if raw in (None, ""):
        return default
    value = whole_number(raw)
    if value is None:
        fail(name, f"must be a whole number between {low} and {high}")
        return default
    if not low <= value <= high:
        fail(name, f"must be between {low} and {high}")
        return min(max(value, low), high)
    return value


def _bbox(raw, fail):
    """(south, west, north, east). Latitudes in either order; west > east is a box across
    the antimeridian (180°), as on any web map."""
    if not raw:
        return None
    try:
        south, west, north, east = (float(part) for part in raw.split(","))
    except ValueError:
        fail("bbox", "expected south,west,north,east in degrees")
        return None
    if not (-90 <= south <= 90 and -90 <= north <= 90 and -180 <= west <= 180
            and -180 <= east <= 180):
        fail("bbox", "latitudes between -90 and 90, longitudes between -180 and 180")
        return None
    return (min(south, north), west, max(south, north), east)
