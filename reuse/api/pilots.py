"""GET /api/v1/pilots/ and /api/v1/pilot-results/: pilot territories and their results."""

from datetime import datetime

from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.functions import Length, Substr
from django.http import HttpResponse
from django.utils import translation
from ninja import Query

from core.pages import published, published_versions
from practices.models import PilotResultPage, PilotTerritoryPage, PracticePage
from practices.serializers import body_to_text
from search.api import Answer, Error, link_to

from .common import Link, PageParams, Paginated, link, page_listing, published_detail, router


class Session(Answer):
    phase: str
    phase_label: str
    date: str
    title: str
    outcome: str


class Indicator(Answer):
    label: str
    value: float
    unit: str
    baseline: float | None


class PilotResult(Answer):
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


class PilotTerritory(Answer):
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


class PilotTerritoryList(Paginated):
    results: list[PilotTerritory]


class PilotResultList(Paginated):
    results: list[PilotResult]


def by_parent(model, parents):
    """The published `model` pages directly under `parents`, grouped by parent path (one
    query whatever the number of parents)."""
    paths = {p.path for p in parents}
    if not paths:
        return {}
    steplen = model.steplen
    children = (published(model.objects.filter(depth=min(p.depth for p in parents) + 1))
                .annotate(parent_path=Substr("path", 1, Length("path") - steplen))
                .filter(parent_path__in=paths).select_related("locale").order_by("path"))
    grouped = {}
    for child in children:
        grouped.setdefault(child.parent_path, []).append(child)
    return grouped


def territories_data(pages, request):
    pages = list(pages)
    prefetch_related_objects(pages, "sessions")
    results = by_parent(PilotResultPage, pages)
    versions = published_versions(PilotTerritoryPage, pages)
    rows = []
    for page in pages:
        with translation.override(page.locale.language_code):
            sessions = [{"phase": s.phase, "phase_label": str(s.get_phase_display()),
                         "date": s.date.isoformat(), "title": s.title, "outcome": s.outcome}
                        for s in page.sessions.all()]
        rows.append({
            "id": page.pk, "url": request.build_absolute_uri(page.url),
            "language": page.locale.language_code, "title": page.title,
            "summary": page.summary, "country": page.country.code, "region": page.region,
            "territory": page.territory, "population": page.population,
            "local_action_group": page.local_action_group, "body": body_to_text(page.body),
            "sessions": sessions,
            "results": [link(r, request) for r in sorted(results.get(page.path, []),
                                                         key=lambda r: (r.date, r.path))],
            "translations": [link(t, request) for t in versions.get(page.translation_key, [])
                             if t.pk != page.pk],
            "last_published_at": page.last_published_at,
        })
    return rows


def results_data(pages, request):
    pages = list(pages)
    prefetch_related_objects(pages, "indicators", Prefetch(
        "practices", queryset=published(PracticePage.objects.select_related("locale")),
        to_attr="public_practices"))
    parent_paths = {p.path[:-p.steplen] for p in pages}
    territories = {t.path: t for t in PilotTerritoryPage.objects.filter(
        path__in=parent_paths, live=True).select_related("locale")}
    rows = []
    for page in pages:
        territory = territories.get(page.path[:-page.steplen])
        rows.append({
            "id": page.pk, "url": request.build_absolute_uri(page.url),
            "language": page.locale.language_code, "title": page.title,
            "summary": page.summary, "phase": page.phase, "date": page.date.isoformat(),
            "body": body_to_text(page.body),
            "territory": link(territory, request) if territory else None,
            "indicators": [{"label": i.label, "value": float(i.value), "unit": i.unit,
                            "baseline": float(i.baseline) if i.baseline is not None else None}
                           for i in page.indicators.all()],
            "practices": [link(p, request) for p in page.public_practices],
            "last_published_at": page.last_published_at,
        })
    return rows


@router.get("/pilots/", response={200: PilotTerritoryList, 400: Error},
            openapi_extra=link_to("pilot_detail", "pilot_id", "/results/0/id"),
            summary="List pilot territories")
def list_pilots(request, response: HttpResponse, params: Query[PageParams]):
    return page_listing(request, response, PilotTerritoryPage, territories_data, params)


@router.get("/pilots/{int:pilot_id}/", response={200: PilotTerritory, 404: Error},
            operation_id="pilot_detail",
            summary="One pilot territory with its sessions and results")
def pilot_detail(request, pilot_id: int):
    return published_detail(request, PilotTerritoryPage, pilot_id, territories_data,
                            "pilot territory")


@router.get("/pilot-results/", response={200: PilotResultList, 400: Error},
            openapi_extra=link_to("result_detail", "result_id", "/results/0/id"),
            summary="List pilot results")
def list_results(request, response: HttpResponse, params: Query[PageParams]):
    return page_listing(request, response, PilotResultPage, results_data, params)


@router.get("/pilot-results/{int:result_id}/", response={200: PilotResult, 404: Error},
            operation_id="result_detail",
            summary="One pilot result with its indicators")
def result_detail(request, result_id: int):
    return published_detail(request, PilotResultPage, result_id, results_data, "pilot result")


