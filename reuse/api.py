"""The public read API under /api/v1/: practices, pilot territories and results, taxonomy.

Read-only, CORS open for GET (django-cors-headers), ETag/Last-Modified on every list and
detail, `updated_since` for incremental harvesting. Contact e-mails never appear.
"""

import hashlib
import re
from datetime import UTC, datetime, time

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import http_date
from django_countries import countries
from ninja import Field, Query, Router, Schema, Status

from core.text import LANGUAGES
from practices.catalogue import published, published_by_id
from practices.models import Challenge, Dimension, PilotResultPage, PilotTerritoryPage, PracticePage
from practices.models.pages import Phase
from practices.models.pages import Status as PracticeStatus
from practices.serializers import body_to_text, practice_data
from search.api import Error, Language, SearchParams, link_to
from search.params import MAX_PAGE, MAX_PAGE_SIZE, BadParameter, bounded_int

from .selection import freshness, selection

router = Router(tags=["catalogue"])
DEFAULT_PAGE_SIZE = 50


class Term(Schema):
    slug: str
    label: str


class Link(Schema):
    id: int
    language: str
    url: str


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


class Page(Schema):
    count: int
    page: int
    page_size: int
    next: str | None
    previous: str | None


class PracticeList(Page):
    results: list[Practice]


SINCE = Field(None, description="RFC 3339 date-time (or date): versions published since then",
              json_schema_extra={"anyOf": [{"type": "string", "format": "date-time"},
                                           {"type": "string", "format": "date"}]})
DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
MOMENT = re.compile(rf"{DATE}([Tt][0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}(\.[0-9]{{1,12}})?"
                    r"([Zz]|[+-][0-9]{2}:[0-9]{2}))?")


class ListParams(SearchParams):
    updated_since: str | None = SINCE
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


def _since(params):
    raw = params.get("updated_since")
    if raw is None:
        return None
    if not MOMENT.fullmatch(raw):
        raise BadParameter("updated_since", "an RFC 3339 date-time or a date, e.g. "
                                            "2026-01-31T08:00:00Z or 2026-01-31")
    raw = raw.upper()
    try:  # well-formed but impossible values (2026-13-45, +99:00) raise ValueError
        moment = parse_datetime(raw)
        if moment is None and parse_date(raw):
            moment = datetime.combine(parse_date(raw), time.min)
        if moment is not None:  # in UTC: PostgreSQL refuses offsets beyond ±15:59
            moment = (moment.astimezone(UTC) if timezone.is_aware(moment)
                      else timezone.make_aware(moment, UTC))
    except (ValueError, OverflowError):  # (9999-12-31T23:59:59-23:00 is after year 9999)
        moment = None
    if moment is None:
        raise BadParameter("updated_since", "a date or date-time that exists, e.g. 2026-01-31")
    return moment


def _int(params, name, default, high):
    def refuse(field, _message):
        raise BadParameter(field, f"an integer between 1 and {high}")

    return bounded_int(params, name, default, 1, high, refuse)


def conditional(request, response, count, last, *extra):
    """Set ETag and Last-Modified; a 304 when the client's copy is current."""
    seed = "|".join(str(part) for part in (request.get_full_path(), count, last, *extra))
    etag = '"' + hashlib.sha256(seed.encode()).hexdigest()[:32] + '"'
    last_modified = int(last.timestamp()) if last else None  # HTTP dates have seconds
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    response["ETag"] = etag
    if last:
        response["Last-Modified"] = http_date(last_modified)
    return not_modified


def page_links(request, page, page_size, count):
    def url(number):
        params = request.GET.copy()
        params["page"] = number
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    last = max(1, -(-count // page_size))
    return (url(page + 1) if page < last else None), (url(page - 1) if page > 1 else None)


LOCATION_FIELDS = ("country", "region", "territory", "latitude", "longitude")
PRACTICE_FIELDS = (
    "id", "external_id", "language", "original_language", "title", "summary", "body",
    *LOCATION_FIELDS, "population", "altitude_m", "tags", "status", "start_year", "end_year",
    "lead_organisation", "partners", "resources", "results", "lessons", "transferability",
    "website", "contact_name", "validated_at", "validation_note", "first_published_at",
    "last_published_at")  # the schema (Practice) orders the answer's keys


def practice_json(page, request, translations):
    with translation.override(page.locale.language_code):
        country_name = str(page.country.name) if page.country else ""
    data = practice_data(page, PRACTICE_FIELDS)
    location = {name: data.pop(name) for name in LOCATION_FIELDS}
    return {
        **data, "url": request.build_absolute_uri(page.url),
        "location": {**location, "country_name": country_name},
        "dimensions": [{"slug": d.slug, "label": d.name} for d in page.dimensions.all()],
        "challenges": [{"slug": c.slug, "label": c.name} for c in page.challenges.all()],
        "image": request.build_absolute_uri(page.image.file.url) if page.image else None,
        "translations": [
            {"id": t.pk, "language": t.locale.language_code,
             "url": request.build_absolute_uri(t.url), "external_id": t.external_id}
            for t in translations.get(page.translation_key, []) if t.pk != page.pk
        ],
    }


def with_translations(pages):
    keys = {p.translation_key for p in pages}
    groups = {}
    for version in (published(PracticePage.objects.filter(translation_key__in=keys))
                    .select_related("locale").order_by("locale__language_code")):
        groups.setdefault(version.translation_key, []).append(version)
    return groups


def practice_queryset(queryset):
    return queryset.select_related("locale", "image").prefetch_related(
        "dimensions", "challenges", "tagged_items__tag")


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
        _query, pages = selection(request.GET)
        since = _since(request.GET)
        page = _int(request.GET, "page", 1, MAX_PAGE)
        page_size = _int(request.GET, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    except BadParameter as exc:
        return Status(400, {"error": exc.message, "field": exc.field})
    if since:
        pages = pages.filter(last_published_at__gte=since)
    count, last = freshness(pages)
    not_modified = conditional(request, response, count, last)
    if not_modified:
        return not_modified
    rows = list(practice_queryset(pages.order_by("last_published_at", "id"))
                [(page - 1) * page_size:page * page_size])
    translations = with_translations(rows)
    following, previous = page_links(request, page, page_size, count)
    return Status(200, {"count": count, "page": page, "page_size": page_size,
                        "next": following, "previous": previous,
                        "results": [practice_json(p, request, translations) for p in rows]})


@router.get("/practices/{int:practice_id}/", response={200: Practice, 404: Error},
            operation_id="practice_detail",
            summary="One practice, every public field")
def practice_detail(request, response: HttpResponse, practice_id: int):
    page = practice_queryset(published_by_id(PracticePage, practice_id)).first()
    if page is None:
        return Status(404, {"error": "no published practice with this id"})
    translations = with_translations([page])
    versions = translations.get(page.translation_key, [])
    not_modified = conditional(request, response, len(versions), page.last_published_at,
                               *[v.last_published_at for v in versions])
    return not_modified or Status(200, practice_json(page, request, translations))


# --- pilots ----------------------------------------------------------------------------------


class Session(Schema):
    phase: str
    phase_label: str
    date: str
    title: str
    outcome: str


class Indicator(Schema):
    label: str
    value: float
    unit: str
    baseline: float | None


class PilotResult(Schema):
    id: int
    url: str
    language: str
    title: str
    summary: str
    phase: str
    date: str
    body: str
    territory: Link | None
    indicators: list[Indicator]
    practices: list[Link]
    last_published_at: datetime | None


class PilotTerritory(Schema):
    id: int
    url: str
    language: str
    title: str
    summary: str
    country: str
    region: str
    territory: str
    population: int | None
    local_action_group: str
    body: str
    sessions: list[Session]
    results: list[Link]
    translations: list[Link]
    last_published_at: datetime | None


class PilotTerritoryList(Page):
    results: list[PilotTerritory]


class PilotResultList(Page):
    results: list[PilotResult]


class PilotParams(Schema):
    language: list[Language] = []
    updated_since: str | None = SINCE
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


def link(page, request):
    return {"id": page.pk, "language": page.locale.language_code,
            "url": request.build_absolute_uri(page.url)}


def territory_data(page, request):
    with translation.override(page.locale.language_code):
        sessions = [{"phase": s.phase, "phase_label": str(s.get_phase_display()),
                     "date": s.date.isoformat(), "title": s.title, "outcome": s.outcome}
                    for s in page.sessions.all()]
    results = published(PilotResultPage.objects.child_of(page)).select_related("locale")
    return {
        "id": page.pk, "url": request.build_absolute_uri(page.url),
        "language": page.locale.language_code, "title": page.title, "summary": page.summary,
        "country": page.country.code, "region": page.region, "territory": page.territory,
        "population": page.population, "local_action_group": page.local_action_group,
        "body": body_to_text(page.body), "sessions": sessions,
        "results": [link(r, request) for r in results.order_by("date")],
        "translations": [link(t, request) for t in published(page.get_translations())
                         .select_related("locale").order_by("locale__language_code")],
        "last_published_at": page.last_published_at,
    }


def result_data(page, request):
    parent = page.get_parent().specific
    territory = parent if isinstance(parent, PilotTerritoryPage) else None
    return {
        "id": page.pk, "url": request.build_absolute_uri(page.url),
        "language": page.locale.language_code, "title": page.title, "summary": page.summary,
        "phase": page.phase, "date": page.date.isoformat(), "body": body_to_text(page.body),
        "territory": link(territory, request) if territory and territory.live else None,
        "indicators": [{"label": i.label, "value": float(i.value), "unit": i.unit,
                        "baseline": float(i.baseline) if i.baseline is not None else None}
                       for i in page.indicators.all()],
        "practices": [link(p, request) for p in published(page.practices.all())
                      .select_related("locale")],
        "last_published_at": page.last_published_at,
    }


def pilot_listing(request, response, model, shape):
    params = request.GET
    try:
        languages = [v for v in params.getlist("language") if v]
        if any(v not in LANGUAGES for v in languages):
            raise BadParameter("language", f"one of {', '.join(LANGUAGES)}")
        since = _since(params)
        page = _int(params, "page", 1, MAX_PAGE)
        page_size = _int(params, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    except BadParameter as exc:
        return Status(400, {"error": exc.message, "field": exc.field})
    pages = published(model.objects.all()).select_related("locale")
    if languages:
        pages = pages.filter(locale__language_code__in=languages)
    if since:
        pages = pages.filter(last_published_at__gte=since)
    count, last = freshness(pages)
    not_modified = conditional(request, response, count, last)
    if not_modified:
        return not_modified
    rows = pages.order_by("last_published_at", "id")[(page - 1) * page_size:page * page_size]
    following, previous = page_links(request, page, page_size, count)
    return Status(200, {"count": count, "page": page, "page_size": page_size,
                        "next": following, "previous": previous,
                        "results": [shape(p, request) for p in rows]})


@router.get("/pilots/", response={200: PilotTerritoryList, 400: Error},
            openapi_extra=link_to("pilot_detail", "pilot_id", "/results/0/id"),
            summary="List pilot territories")
def list_pilots(request, response: HttpResponse, params: Query[PilotParams]):
    return pilot_listing(request, response, PilotTerritoryPage, territory_data)


@router.get("/pilots/{int:pilot_id}/", response={200: PilotTerritory, 404: Error},
            operation_id="pilot_detail",
            summary="One pilot territory with its sessions and results")
def pilot_detail(request, pilot_id: int):
    return published_detail(request, PilotTerritoryPage, pilot_id, territory_data,
                            "pilot territory")


@router.get("/pilot-results/", response={200: PilotResultList, 400: Error},
            openapi_extra=link_to("result_detail", "result_id", "/results/0/id"),
            summary="List pilot results")
def list_results(request, response: HttpResponse, params: Query[PilotParams]):
    return pilot_listing(request, response, PilotResultPage, result_data)


@router.get("/pilot-results/{int:result_id}/", response={200: PilotResult, 404: Error},
            operation_id="result_detail",
            summary="One pilot result with its indicators")
def result_detail(request, result_id: int):
    return published_detail(request, PilotResultPage, result_id, result_data, "pilot result")


def published_detail(request, model, pk, shape, what):
    """One published page shaped for the API, or a JSON 404 naming what was looked for."""
    page = published_by_id(model, pk).first()
    if page is None:
        return Status(404, {"error": f"no published {what} with this id"})
    return Status(200, shape(page, request))


# --- taxonomy --------------------------------------------------------------------------------


class Labelled(Schema):
    slug: str
    labels: dict[str, str]


class Taxonomy(Schema):
    languages: list[str]
    dimensions: list[Labelled]
    challenges: list[Labelled]
    countries: list[Labelled]
    statuses: list[Labelled]
    phases: list[Labelled]


def labelled(model):
    rows = {}
    for term in model.objects.select_related("locale").order_by("sort_order", "slug"):
        rows.setdefault(term.slug, {})[term.locale.language_code] = term.name
    return [{"slug": slug, "labels": labels} for slug, labels in rows.items()]


def choices_in_languages(pairs):
    out = {}
    for language in LANGUAGES:
        with translation.override(language):
            for value, label in pairs():
                out.setdefault(value, {})[language] = str(label)
    return [{"slug": value, "labels": labels} for value, labels in out.items()]


@router.get("/taxonomy/", response=Taxonomy, summary="Dimensions, challenges, countries, "
            "statuses and pilot phases, with labels in the five languages")
def taxonomy(request):
    present = set(published(PracticePage.objects.all()).order_by()
                  .values_list("country", flat=True).distinct()) | set(settings.COUNTRIES_FIRST)
    return {
        "languages": list(LANGUAGES),
        "dimensions": labelled(Dimension),
        "challenges": labelled(Challenge),
        "countries": choices_in_languages(lambda: [(c, n) for c, n in countries if c in present]),
        "statuses": choices_in_languages(lambda: PracticeStatus.choices),
        "phases": choices_in_languages(lambda: Phase.choices),
    }
