"""GET /api/v1/events/ and /api/v1/resources/ (and one of each by id): the programme's
events (when, where, languages, capacity, what stays afterwards) and the toolbox's
resources (kind, pilot journey step, licence, files). No registration data ever."""

from datetime import datetime

from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from ninja import Query

from core.pages import published, published_versions
from practices.models import EventPage, PilotTerritoryPage, PracticePage, ResourcePage
from practices.serializers import TAG, body_to_text, coordinate
from search.api import Answer, Error, link_to

from .common import Link, PageParams, Paginated, link, page_listing, published_detail, router


class Document(Answer):
    title: str
    url: str


class Event(Answer):
    id: int
    url: str
    ics_url: str
    language: str
    title: str
    summary: str
    programme: str
    kind: str
    start: datetime
    end: datetime
    time_zone: str
    attendance_mode: str
    venue: str
    address: str
    country: str
    latitude: float | None
    longitude: float | None
    online: bool
    languages: list[str]
    capacity: int | None
    registration_deadline: datetime | None
    dimensions: list[str]
    practices: list[Link]
    pilots: list[Link]
    minutes: str
    documents: list[Document]
    recording_url: str
    translations: list[Link]
    last_published_at: datetime | None


class EventList(Paginated):
    results: list[Event]


class Resource(Answer):
    id: int
    url: str
    language: str
    title: str
    summary: str
    description: str
    kind: str
    step: str
    resource_language: str
    licence: str
    licence_url: str
    author: str
    year: int | None
    link: str
    dimensions: list[str]
    challenges: list[str]
    documents: list[Document]
    translations: list[Link]
    last_published_at: datetime | None


class ResourceList(Paginated):
    results: list[Resource]


def linked(model, pages, relation, request):
    """{page id: links to the published versions its `relation` names}."""
    targets = {}
    for page in pages:
        for target in getattr(page, relation).all():
            targets.setdefault(page.pk, []).append(target.pk)
    found = {p.pk: p for p in published(model.objects.filter(
        pk__in={pk for ids in targets.values() for pk in ids})).select_related("locale")}
    return {pk: [link(found[i], request) for i in ids if i in found]
            for pk, ids in targets.items()}


def documents(page, request):
    return [{"title": item.label, "url": request.build_absolute_uri(item.document.url)}
            for item in page.documents.all()]


def events_data(pages, request):
    pages = list(pages)
    prefetch_related_objects(pages, "languages", "dimensions", "practices", "territories",
                             "documents__document")
    practices = linked(PracticePage, pages, "practices", request)
    pilots = linked(PilotTerritoryPage, pages, "territories", request)
    versions = published_versions(EventPage, pages)
    return [{
        "id": page.pk, "url": request.build_absolute_uri(page.url),
        "ics_url": request.build_absolute_uri(page.url + page.reverse_subpage("ics")),
        "language": page.locale.language_code, "title": page.title, "summary": page.summary,
        "programme": body_to_text(page.body), "kind": page.kind,
        "start": page.local_start, "end": page.local_end, "time_zone": page.time_zone,
        "attendance_mode": page.attendance_mode, "venue": page.venue, "address": page.address,
        "country": page.country.code if page.country else "",
        "latitude": coordinate(page.latitude), "longitude": coordinate(page.longitude),
        "online": bool(page.online_url),
        "languages": sorted(locale.language_code for locale in page.languages.all()),
        "capacity": page.capacity, "registration_deadline": page.registration_deadline,
        "dimensions": sorted(d.slug for d in page.dimensions.all()),
        "practices": practices.get(page.pk, []), "pilots": pilots.get(page.pk, []),
        "minutes": " ".join(TAG.sub(" ", page.minutes).split()),
        "documents": documents(page, request), "recording_url": page.recording_url,
        "translations": [link(t, request) for t in versions.get(page.translation_key, [])
                         if t.pk != page.pk],
        "last_published_at": page.last_published_at,
    } for page in pages]


def resources_data(pages, request):
    pages = list(pages)
    prefetch_related_objects(pages, "dimensions", "challenges", "documents__document")
    versions = published_versions(ResourcePage, pages)
    return [{
        "id": page.pk, "url": request.build_absolute_uri(page.url),
        "language": page.locale.language_code, "title": page.title, "summary": page.summary,
        "description": body_to_text(page.body), "kind": page.kind, "step": page.step,
        "resource_language": page.resource_language, "licence": page.licence,
        "licence_url": page.licence_url, "author": page.author, "year": page.year,
        "link": page.link, "dimensions": sorted(d.slug for d in page.dimensions.all()),
        "challenges": sorted(c.slug for c in page.challenges.all()),
        "documents": documents(page, request),
        "translations": [link(t, request) for t in versions.get(page.translation_key, [])
                         if t.pk != page.pk],
        "last_published_at": page.last_published_at,
    } for page in pages]


@router.get("/events/", response={200: EventList, 400: Error},
            openapi_extra=link_to("event_detail", "event_id", "/results/0/id"),
            summary="List the programme's events")
def list_events(request, response: HttpResponse, params: Query[PageParams]):
    return page_listing(request, response, EventPage, events_data, params)


@router.get("/events/{int:event_id}/", response={200: Event, 404: Error},
            operation_id="event_detail", summary="One event")
def event_detail(request, event_id: int):
    return published_detail(request, EventPage, event_id, events_data, "event")


@router.get("/resources/", response={200: ResourceList, 400: Error},
            openapi_extra=link_to("resource_detail", "resource_id", "/results/0/id"),
            summary="List the toolbox's resources")
def list_resources(request, response: HttpResponse, params: Query[PageParams]):
    return page_listing(request, response, ResourcePage, resources_data, params)


@router.get("/resources/{int:resource_id}/", response={200: Resource, 404: Error},
            operation_id="resource_detail", summary="One toolbox resource")
def resource_detail(request, resource_id: int):
    return published_detail(request, ResourcePage, resource_id, resources_data, "resource")
