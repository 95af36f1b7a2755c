"""GET /api/v1/territories/ and /api/v1/territories/{id}/: territory profiles, their facts,
their practices and their pilot journey."""

from datetime import datetime
from html import unescape

from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from ninja import Query

from core.pages import published, published_versions
from practices.models import PilotTerritoryPage, PracticePage, TerritoryPage
from practices.serializers import TAG, coordinate
from search.api import Answer, Error, link_to

from .common import Link, PageParams, Paginated, link, page_listing, published_detail, router


class TerritoryProfile(Answer):
    id: int
    url: str
    language: str
    title: str
    summary: str
    kind: str
    country: str
    region: str
    population: int | None
    altitude_m: int | None
    latitude: float | None
    longitude: float | None
    languages: list[str]
    description: str
    open_to_exchange: bool
    website: str
    pilot: Link | None
    practices: list[Link]
    translations: list[Link]
    last_published_at: datetime | None


class TerritoryProfileList(Paginated):
    results: list[TerritoryProfile]


def profiles_data(pages, request):
    """The profiles' answers; their languages, pilots, practices (every published version
    linking a version of the profile) and translations read in one query each."""
    pages = list(pages)
    prefetch_related_objects(pages, "languages")
    keys = {page.translation_key for page in pages}
    practices = {}
    for practice in published(PracticePage.objects.filter(
            territory_page__translation_key__in=keys)).select_related(
            "locale", "territory_page").order_by("id"):
        practices.setdefault(practice.territory_page.translation_key, []).append(practice)
    pilots = {pilot.pk: pilot for pilot in published(PilotTerritoryPage.objects.filter(
        pk__in={page.pilot_id for page in pages if page.pilot_id})).select_related("locale")}
    versions = published_versions(TerritoryPage, pages)
    return [{
        "id": page.pk, "url": request.build_absolute_uri(page.url),
        "language": page.locale.language_code, "title": page.title, "summary": page.summary,
        "kind": page.kind, "country": page.country.code, "region": page.region,
        "population": page.population, "altitude_m": page.altitude_m,
        "latitude": coordinate(page.latitude), "longitude": coordinate(page.longitude),
        "languages": sorted(locale.language_code for locale in page.languages.all()),
        "description": " ".join(unescape(TAG.sub(" ", page.body)).split()),
        "open_to_exchange": page.open_to_exchange, "website": page.website,
        "pilot": link(pilots[page.pilot_id], request) if page.pilot_id in pilots else None,
        "practices": [link(p, request) for p in practices.get(page.translation_key, [])],
        "translations": [link(t, request) for t in versions.get(page.translation_key, [])
                         if t.pk != page.pk],
        "last_published_at": page.last_published_at,
    } for page in pages]


@router.get("/territories/", response={200: TerritoryProfileList, 400: Error},
            openapi_extra=link_to("territory_detail", "territory_id", "/results/0/id"),
            summary="List territory profiles")
def list_territories(request, response: HttpResponse, params: Query[PageParams]):
    return page_listing(request, response, TerritoryPage, profiles_data, params)


@router.get("/territories/{int:territory_id}/", response={200: TerritoryProfile, 404: Error},
            operation_id="territory_detail",
            summary="One territory profile with its practices and pilot journey")
def territory_detail(request, territory_id: int):
    return published_detail(request, TerritoryPage, territory_id, profiles_data, "territory")
