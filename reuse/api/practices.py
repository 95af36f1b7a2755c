"""GET /api/v1/practices/ and /api/v1/practices/{id}/: every public field of a practice."""

from datetime import UTC, datetime, timedelta

from django.db.models import Q
from django.http import HttpResponse
from django.utils import translation
from ninja import Field, Query, Schema, Status

from core.pages import published_versions
from practices.cards import Addresses
from practices.catalogue import prefetch_terms, published_by_id
from practices.models import PracticePage
from practices.serializers import practice_data
from search.api import Error, SearchParams, link_to
from search.params import MAX_PAGE_SIZE, BadParameter, from_schema

from ..selection import freshness, matching_versions
from .common import (
    DEFAULT_PAGE_SIZE,
    SINCE,
    Link,
    Paginated,
    conditional,
    counted_page,
    page_links,
    router,
    updated_since,
)


class Term(Schema):
    slug: str
    label: str


class TranslationLink(Link):
    external_id: str


class Location(Schema):
    country: str
    country_name: str
    region: str
    territory: str
    latitude: float | None
    longitude: float | None


class Practice(Schema):
    id: int
    external_id: str
    url: str
    language: str
    original_language: str
    title: str
    summary: str
    body: str
    location: Location
    population: int | None
    altitude_m: int | None
    dimensions: list[Term]
    challenges: list[Term]
    tags: list[str]
    status: str
    start_year: int | None
    end_year: int | None
    lead_organisation: str
    partners: list[str]
    resources: str
    results: str
    lessons: str
    transferability: str
    website: str
    contact_name: str
    image: str | None
    validated_at: str | None
    validation_note: str
    first_published_at: datetime | None
    last_published_at: datetime | None
    translations: list[TranslationLink]


class PracticeList(Paginated):
    next_cursor: str | None = Field(None, description="Where the next page starts: pass it as "
                                    "`cursor` (keyset paging: constant time however deep)")
    results: list[Practice]


class ListParams(SearchParams):
    updated_since: str | None = SINCE
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
    cursor: str = Field("", pattern=r"^([0-9]{1,16}-[0-9]{1,18})?$",
                        description="A `next_cursor` of an earlier answer: the versions after "
                                    "it (`page` is then not used)")


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def encode_cursor(page):
    """Where a page of the list ends: the last version's publication (microseconds since
    1970) and id. Any value of that shape is a place in the list (the schema's pattern)."""
    return f"{(page.last_published_at - EPOCH) // MICROSECOND}-{page.pk}"


def decode_cursor(cursor):
    moment, pk = cursor.split("-")
    return EPOCH + int(moment) * MICROSECOND, int(pk)


LOCATION_FIELDS = ("country", "region", "territory", "latitude", "longitude")
PRACTICE_FIELDS = (
    "id", "external_id", "language", "original_language", "title", "summary", "body",
    *LOCATION_FIELDS, "population", "altitude_m", "tags", "status", "start_year", "end_year",
    "lead_organisation", "partners", "resources", "results", "lessons", "transferability",
    "website", "contact_name", "validated_at", "validation_note", "first_published_at",
    "last_published_at")  # the schema (Practice) orders the answer's keys


def practice_json(page, request, translations, addresses):
    with translation.override(page.locale.language_code):
        country_name = str(page.country.name) if page.country else ""
    data = practice_data(page, PRACTICE_FIELDS)
    location = {name: data.pop(name) for name in LOCATION_FIELDS}
    return {
        **data, "url": request.build_absolute_uri(addresses.of(page)[0]),
        "location": {**location, "country_name": country_name},
        "dimensions": [{"slug": d.slug, "label": d.name} for d in page.dimensions.all()],
        "challenges": [{"slug": c.slug, "label": c.name} for c in page.challenges.all()],
        "image": request.build_absolute_uri(page.image.file.url) if page.image else None,
        "translations": [
            {"id": t.pk, "language": t.locale.language_code,
             "url": request.build_absolute_uri(addresses.of(t)[0]), "external_id": t.external_id}
            for t in translations.get(page.translation_key, []) if t.pk != page.pk
        ],
    }


TRANSLATION_FIELDS = ("id", "translation_key", "external_id", "url_path", "slug", "path", "depth",
                      "last_published_at", "locale__language_code")


def with_translations(pages):
    return published_versions(PracticePage, pages, *TRANSLATION_FIELDS)


def practice_rows(queryset):
    """The pages with what practice_json reads, in three queries whatever their number."""
    pages = list(queryset.select_related("locale", "image"))
    prefetch_terms(pages)
    return pages


@router.get("/practices/", response={200: PracticeList, 400: Error}, summary="List practices",
            openapi_extra=link_to("practice_detail", "practice_id", "/results/0/id"),
            description="Every published language version of the practices matching the "
                        "search filters (same parameters as /search/; `language` keeps "
                        "versions in those languages), oldest update first so that a harvester "
                        "can page through and come back with `updated_since` (ISO 8601, "
                        "compared with the last publication). ETag and Last-Modified allow "
                        "conditional requests.")
def list_practices(request, response: HttpResponse, params: Query[ListParams]):
    try:
        pages = matching_versions(from_schema(params))
        since = updated_since(params.updated_since)
        cursor = decode_cursor(params.cursor) if params.cursor else None
    except BadParameter as exc:
        return Status(400, {"error": exc.message, "field": exc.field})
    if since:
        pages = pages.filter(last_published_at__gte=since)
    page, page_size = params.page, params.page_size
    ordered = pages.select_related("locale", "image").order_by("last_published_at", "id")
    if params.cursor:  # keyset: the versions after the cursor's, found by the index
        count, last = freshness(pages)
        moment, pk = cursor
        # (the first condition alone starts the index's range; the OR only trims its start)
        rows = list(ordered.filter(Q(last_published_at__gte=moment),
                                   Q(last_published_at__gt=moment) | Q(pk__gt=pk))
                    [:page_size + 1])
        more, rows = len(rows) > page_size, rows[:page_size]
        following = previous = None
    else:
        rows, count, last = counted_page(ordered, page, page_size)
        more = page * page_size < count
        following, previous = page_links(request, page, page_size, count)
    not_modified = conditional(request, response, count, last)
    if not_modified:
        return not_modified
    prefetch_terms(rows)
    next_cursor = encode_cursor(rows[-1]) if more and rows else None
    if params.cursor and next_cursor:
        following = cursor_link(request, next_cursor)
    translations, addresses = with_translations(rows), Addresses()
    return Status(200, {"count": count, "page": page, "page_size": page_size,
                        "next": following, "previous": previous, "next_cursor": next_cursor,
                        "results": [practice_json(p, request, translations, addresses)
                                    for p in rows]})


def cursor_link(request, cursor):
    params = request.GET.copy()
    params.pop("page", None)
    params["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


@router.get("/practices/{int:practice_id}/", response={200: Practice, 404: Error},
            operation_id="practice_detail",
            summary="One practice, every public field")
def practice_detail(request, response: HttpResponse, practice_id: int):
    page = next(iter(practice_rows(published_by_id(PracticePage, practice_id))), None)
    if page is None:
        return Status(404, {"error": "no published practice with this id"})
    translations = with_translations([page])
    versions = translations.get(page.translation_key, [])
    not_modified = conditional(request, response, len(versions), page.last_published_at,
                               *[v.last_published_at for v in versions])
    return not_modified or Status(200, practice_json(page, request, translations, Addresses()))


