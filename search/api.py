"""GET /api/v1/search/ (DESIGN.md contract) and /api/v1/search/suggest/, with OpenAPI docs."""

from django.http import JsonResponse
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import ValidationError

from . import engines
from .params import BadParameter, parse

api = NinjaAPI(title="Smart Villages Knowledge Base API", version="1",
               urls_namespace="api-v1",
               description="Search the good practices of rural Alpine territories.")


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return JsonResponse({"error": "invalid parameters", "detail": exc.errors}, status=400)


class Translation(Schema):
    language: str
    url: str
    external_id: str


class Result(Schema):
    id: int
    external_id: str
    url: str
    title: str
    summary: str
    language: str
    country: str
    dimensions: list[str]
    challenges: list[str]
    highlight: str
    translations: list[Translation]


class FacetValue(Schema):
    value: str
    label: str
    count: int
    selected: bool


class Facets(Schema):
    dimension: list[FacetValue]
    challenge: list[FacetValue]
    country: list[FacetValue]
    language: list[FacetValue]
    status: list[FacetValue]


class SearchAnswer(Schema):
    count: int
    engine: str
    page: int
    results: list[Result]
    facets: Facets
    suggestion: str | None = None
    corrected_from: str | None = None
    degraded: bool = False


class Error(Schema):
    error: str
    field: str | None = None


class SearchParams(Schema):
    q: str = ""
    lang: str = "en"
    dimension: list[str] = []
    challenge: list[str] = []
    country: list[str] = []
    language: list[str] = []
    status: list[str] = []
    sort: str = "relevance"
    page: str = "1"
    page_size: str = "12"
    bbox: str = ""


def as_result(hit, request):
    page = hit.page
    return {
        "id": page.pk, "external_id": page.external_id or f"kb-{page.pk}",
        "url": request.build_absolute_uri(page.url), "title": page.title,
        "summary": page.summary, "language": page.locale.language_code,
        "country": page.country.code,
        "dimensions": sorted({d.slug for d in page.dimensions.all()}),
        "challenges": sorted({c.slug for c in page.challenges.all()}),
        "highlight": str(hit.highlight),
        "translations": [
            {"language": t.locale.language_code, "url": request.build_absolute_uri(t.url),
             "external_id": t.external_id or f"kb-{t.pk}"} for t in hit.translations
        ],
    }


@api.get("/search/", response={200: SearchAnswer, 400: Error}, summary="Search practices",
         description="One result per practice (translation group), in `lang` where a "
                     "translation exists. Filters repeat; values within a filter are OR-ed, "
                     "filters are AND-ed. Facet counts ignore their own filter.")
def search_practices(request, params: Query[SearchParams]):
    try:
        query = parse(request.GET, lang=request.GET.get("lang") or "en", strict=True)
    except BadParameter as exc:
        return Status(400, {"error": exc.message, "field": exc.field})
    response = engines.search(query)
    return Status(200, {
        "count": response.count, "engine": response.engine, "page": response.page,
        "results": [as_result(hit, request) for hit in response.hits],
        "facets": response.facets, "suggestion": response.suggestion,
        "corrected_from": response.corrected_from, "degraded": response.degraded,
    })


class Suggestion(Schema):
    title: str
    url: str
    language: str


@api.get("/search/suggest/", response={200: list[Suggestion], 400: Error},
         summary="Titles completing what is typed")
def suggest(request, q: str = "", lang: str = "en"):
    if len(q) > 100:
        return Status(400, {"error": "at most 100 characters", "field": "q"})
    return Status(200, engines.with_fallback("autocomplete", q, lang)[0])


class Point(Schema):
    title: str
    url: str
    lat: float
    lon: float


@api.get("/search/points/", response={200: list[Point], 400: Error},
         summary="Locations of every practice matching a search (for maps)")
def points(request, params: Query[SearchParams]):
    try:
        query = parse(request.GET, lang=request.GET.get("lang") or "en", strict=True)
    except BadParameter as exc:
        return Status(400, {"error": exc.message, "field": exc.field})
    query.page, query.page_size, query.highlight = 1, 2000, False
    response = engines.search(query)
    return Status(200, [
        {"title": hit.page.title, "url": hit.page.url, "lat": float(hit.page.latitude),
         "lon": float(hit.page.longitude)}
        for hit in response.hits if hit.page.latitude is not None
    ])
