"""GET /api/v1/practices/ and /api/v1/practices/{id}/: every public field of a practice."""

from datetime import UTC, date, datetime, timedelta

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.utils import translation
from django_countries import countries
from ninja import Field, Query, Status
from wagtail.images import get_image_model

from core.pages import published
from practices.cards import Addresses
from practices.catalogue import page_terms, published_by_id
from practices.models import PracticePage, PracticeUpdate, Transfer, TransferStatus
from practices.serializers import row_columns, row_data, with_body_text
from practices.transfers import public_transfers, with_details
from search.api import Answer, Error, SearchParams, link_to
from search.params import MAX_PAGE_SIZE, BadParameter, from_schema

from ..selection import freshness, matching_versions
from .common import (
    DEFAULT_PAGE_SIZE,
    SINCE,
    Link,
    Paginated,
    address,
    conditional,
    counted_page,
    page_links,
    router,
    updated_since,
)
from .transfers import TransferAnswer, transfers_data


class Term(Answer):
    slug: str
    label: str


class TranslationLink(Link):
    external_id: str


class Location(Answer):
    country: str
    country_name: str
    region: str
    territory: str
    latitude: float | None
    longitude: float | None


class Practice(Answer):
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
    funding: list[Term]
    budget_range: str = Field(description="under-10k, 10k-50k, 50k-250k, 250k-1m, over-1m "
                                          "(euros), or empty when not given")
    funding_share: int | None = Field(description="Per cent of the budget the funding "
                                                  "sources paid")
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
    reused_by: int = Field(description="Territories reusing the practice (validated "
                                       "transfers at any stage): GET /transfers/?practice=")


class FollowUp(Answer):
    date: date
    title: str
    text: str


class PracticeDetail(Practice):
    transfers: list[TransferAnswer]
    updates: list[FollowUp] = Field(description="Dated follow-up updates, newest first")


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


def encode_cursor(row):
    """Where a page of the list ends: the last version's publication (microseconds since
    1970) and id. Any value of that shape is a place in the list (the schema's pattern)."""
    return f"{(row['last_published_at'] - EPOCH) // MICROSECOND}-{row['id']}"


def decode_cursor(cursor):
    moment, pk = cursor.split("-")
    return EPOCH + int(moment) * MICROSECOND, int(pk)


LOCATION_FIELDS = ("country", "region", "territory", "latitude", "longitude")
PRACTICE_FIELDS = (
    "id", "external_id", "language", "original_language", "title", "summary", "body",
    *LOCATION_FIELDS, "population", "altitude_m", "tags", "status", "start_year", "end_year",
    "lead_organisation", "partners", "resources", "results", "lessons", "transferability",
    "budget_range", "funding_share", "website", "contact_name", "validated_at",
    "validation_note", "first_published_at", "last_published_at")
ADDRESS_COLUMNS = ("id", "translation_key", "url_path", "slug", "locale_id", "last_published_at")


def answer_rows(queryset):
    """The columns of the versions' answers (practice_answers), read as rows: building 50
    page objects and their relations was two thirds of a list's time. (The territories
    reusing each practice are counted in the same query.)"""
    reusing = (Transfer.objects.filter(status=TransferStatus.VALIDATED,
                                       practice__translation_key=OuterRef("translation_key"))
               .order_by().values("practice__translation_key")
               .annotate(n=Count("territory__translation_key", distinct=True)).values("n"))
    return with_body_text(queryset).annotate(reused_by=Coalesce(Subquery(reusing), 0)).values(
        *row_columns(PRACTICE_FIELDS), *ADDRESS_COLUMNS, "image__file", "reused_by")


def rows_of(ids):
    """answer_rows of these versions, in this order. (A list first reads only the ids of its
    page: sorting or skipping whole rows cost a filtered or deep page most of its time.)"""
    found = {row["id"]: row for row in answer_rows(PracticePage.objects.filter(pk__in=ids))}
    return [found[pk] for pk in ids if pk in found]


def translation_rows(keys):
    """{translation key: the published versions of these groups, by language code}."""
    versions = (published(PracticePage.objects.filter(translation_key__in=keys))
                .order_by("locale__language_code")
                .values(*ADDRESS_COLUMNS, "external_id", "locale__language_code"))
    groups = {}
    for version in versions:
        groups.setdefault(version["translation_key"], []).append(version)
    return groups


def practice_answers(rows, request, translations=None):
    """The answers of these rows (answer_rows), with two queries: their terms and tags, and
    (unless given) their groups' published versions."""
    terms = page_terms([row["id"] for row in rows])
    tags = {"tags": {page_id: [name for _item, _tag, name, _slug in found["tagged_items"]]
                     for page_id, found in terms.items() if "tagged_items" in found}}
    if translations is None:
        translations = translation_rows({row["translation_key"] for row in rows})
    addresses, countries_named = Addresses(), {}
    storage = get_image_model()._meta.get_field("file").storage
    answers = []
    for row in rows:
        data = row_data(row, PRACTICE_FIELDS, tags)
        location = {name: data.pop(name) for name in LOCATION_FIELDS}
        country = (location["country"], data["language"])
        if country not in countries_named:
            with translation.override(data["language"]):
                countries_named[country] = str(countries.name(country[0])) if country[0] else ""
        found = terms.get(row["id"], {})
        answers.append({
            **data, "url": request.build_absolute_uri(address(addresses, row)[0]),
            "reused_by": row["reused_by"],
            "location": {**location, "country_name": countries_named[country]},
            **{relation: [{"slug": t.slug, "label": t.name} for t in found.get(relation, [])]
               for relation in ("dimensions", "challenges", "funding")},
            "image": (request.build_absolute_uri(storage.url(row["image__file"]))
                      if row["image__file"] else None),
            "translations": [
                {"id": t["id"], "language": t["locale__language_code"],
                 "url": request.build_absolute_uri(address(addresses, t)[0]),
                 "external_id": t["external_id"]}
                for t in translations.get(row["translation_key"], []) if t["id"] != row["id"]
            ],
        })
    return answers


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
    ordered = pages.order_by("last_published_at", "id")
    if params.cursor:  # keyset: the versions after the cursor's, found by the index
        count, last = freshness(pages)
        moment, pk = cursor
        # (the first condition alone starts the index's range; the OR only trims its start)
        ids = list(ordered.filter(
            Q(last_published_at__gte=moment), Q(last_published_at__gt=moment) | Q(pk__gt=pk))
            .values_list("id", flat=True)[:page_size + 1])
        more, ids = len(ids) > page_size, ids[:page_size]
        following = previous = None
    else:
        ids, count, last = counted_page(ordered.values_list("id", flat=True), page, page_size)
        more = page * page_size < count
        following, previous = page_links(request, page, page_size, count)
    not_modified = conditional(request, response, count, last)
    if not_modified:
        return not_modified
    rows = rows_of(ids)
    next_cursor = encode_cursor(rows[-1]) if more and rows else None
    if params.cursor and next_cursor:
        following = cursor_link(request, next_cursor)
    return Status(200, {"count": count, "page": page, "page_size": page_size,
                        "next": following, "previous": previous, "next_cursor": next_cursor,
                        "results": practice_answers(rows, request)})


def cursor_link(request, cursor):
    params = request.GET.copy()
    params.pop("page", None)
    params["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


@router.get("/practices/{int:practice_id}/", response={200: PracticeDetail, 404: Error},
            operation_id="practice_detail",
            summary="One practice, every public field")
def practice_detail(request, response: HttpResponse, practice_id: int):
    row = next(iter(answer_rows(published_by_id(PracticePage, practice_id))), None)
    if row is None:
        return Status(404, {"error": "no published practice with this id"})
    translations = translation_rows({row["translation_key"]})
    versions = translations.get(row["translation_key"], [])
    transfers = with_details(public_transfers(Transfer.objects.filter(
        practice__translation_key=row["translation_key"])).select_related("practice")
        .order_by("updated_at", "id"))
    not_modified = conditional(request, response, len(versions), row["last_published_at"],
                               *[v["last_published_at"] for v in versions],
                               *freshness(transfers, "updated_at"))
    if not_modified:
        return not_modified
    updates = PracticeUpdate.objects.filter(page_id=row["id"]).order_by("-date", "-id")
    return Status(200, {
        **practice_answers([row], request, translations)[0],
        "transfers": transfers_data(transfers, request),
        "updates": list(updates.values("date", "title", "text"))})
