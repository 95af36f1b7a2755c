"""GET /api/v1/search/ (DESIGN.md contract) and /api/v1/search/suggest/, with OpenAPI docs."""

from typing import Literal

from django_countries import countries
from ninja import Field, Query, Router, Schema, Status
from pydantic import BaseModel

from core.text import LANGUAGES
from practices.models import Stage
from practices.models.pages import Status as PracticeStatus
from practices.models.taxonomy import CHALLENGE_SLUGS, DIMENSION_SLUGS, FUNDING_SLUGS

from . import engines
from .engines.base import SORTS, TYPES
from .params import MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY, BadParameter, clean_text, from_schema

router = Router()  # mounted by kb/api.py


class Answer(BaseModel):
    """What the API answers: built as dicts and checked against these models. (Ninja's
    `Schema` reads ORM objects too, wrapping every nested value in an attribute getter: ten
    times as long to check a page of 50 practices as a plain pydantic model.)"""


def link_to(operation_id, parameter, pointer):
    """OpenAPI link: how a client (and schemathesis' stateful run) follows an answer to the
    detail it names, e.g. a search result's id to GET /practices/{practice_id}/."""
    return {"responses": {"200": {"links": {operation_id: {
        "operationId": operation_id, "parameters": {parameter: f"$response.body#{pointer}"}}}}}}


class Translation(Answer):
    language: str
    url: str
    external_id: str


class Result(Answer):
    type: Literal[TYPES] = "practice"
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


class FacetValue(Answer):
    value: str
    label: str
    count: int
    selected: bool


class Facets(Answer):
    type: list[FacetValue]
    dimension: list[FacetValue]
    challenge: list[FacetValue]
    country: list[FacetValue]
    language: list[FacetValue]
    status: list[FacetValue]
    funding: list[FacetValue]
    reuse: list[FacetValue]


class SearchAnswer(Answer):
    count: int
    engine: str
    page: int
    results: list[Result]
    facets: Facets
    suggestion: str | None = None
    corrected_from: str | None = None
    degraded: bool = False


class Error(Answer):
    error: str
    field: str | None = None


# What the server accepts, said in the schema: a client generated from it never sends a
# request that search/params.py refuses (values, bounds, formats).
Language = Literal[tuple(LANGUAGES)]
DimensionSlug = Literal[DIMENSION_SLUGS]
ChallengeSlug = Literal[CHALLENGE_SLUGS]
CountryCode = Literal[tuple(code for c in dict(countries) for code in (c, c.lower()))]
StatusValue = Literal[tuple(PracticeStatus.values)]
Sort = Literal[SORTS]
FundingSlug = Literal[FUNDING_SLUGS]
StageValue = Literal[tuple(Stage.values)]
LATITUDE = r"-?(90(\.0{1,12})?|[0-8]?[0-9](\.[0-9]{1,12})?)"
LONGITUDE = r"-?(180(\.0{1,12})?|(1[0-7][0-9]|[0-9]?[0-9])(\.[0-9]{1,12})?)"
BBOX = rf"^{LATITUDE},{LONGITUDE},{LATITUDE},{LONGITUDE}$"


class FilterParams(Schema):
    """Which practices: words, filters and a map area (the search, its map points, lists)."""

    q: str = Field("", max_length=MAX_QUERY, description="Words in any of the five languages")
    lang: Language = Field("en", description="Language of the results and labels")
    dimension: list[DimensionSlug] = []
    challenge: list[ChallengeSlug] = []
    country: list[CountryCode] = Field([], description="ISO 3166-1 alpha-2, either case")
    language: list[Language] = Field([], description="Practices available in these languages")
    status: list[StatusValue] = []
    funding: list[FundingSlug] = Field([], description="Funding sources (GET /taxonomy/)")
    reuse: list[StageValue] = Field([], description="Practices reused by a territory at one "
                                    "of these stages (validated transfers)")
    type: list[Literal[TYPES]] = Field(
        [], description="What to find: practices (the default), events, toolbox resources")
    tag: str = Field("", max_length=100, description="A keyword's slug: practices tagged with it")
    bbox: str = Field("", pattern=f"({BBOX})|^$",
                      description="south,west,north,east in degrees; west > east is "
                                  "an area across the antimeridian")


class SearchParams(FilterParams):
    """Which practices, in which order, which page of them."""

    sort: Sort = Field("relevance", description="With no `q`, relevance means newest first")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(12, ge=1, le=MAX_PAGE_SIZE)


def as_result(hit, request):
    card = hit.card
    return {
        "type": card.type, "id": card.id, "external_id": card.external_id,
        "title": card.title,
        "summary": card.summary, "language": card.language, "country": card.country,
        "dimensions": sorted(card.dimensions), "challenges": sorted(card.challenges),
        "url": request.build_absolute_uri(card.url), "highlight": str(hit.highlight),
        "translations": [
            {"language": t.language, "url": request.build_absolute_uri(t.url),
             "external_id": t.external_id} for t in hit.translations
        ],
    }


@router.get("/search/", response={200: SearchAnswer, 400: Error}, summary="Search practices",
            openapi_extra=link_to("practice_detail", "practice_id", "/results/0/id"),
            description="One result per practice (translation group), in `lang` where a "
                        "translation exists. Filters repeat; values within a filter are OR-ed, "
                        "filters are AND-ed. Facet counts ignore their own filter.")
def search_practices(request, params: Query[SearchParams]):
    try:
        query = from_schema(params)
    except BadParameter as exc:
        return Status(400, {"error": exc.message, "field": exc.field})
    response = engines.search(query)
    return Status(200, {
        "count": response.count, "engine": response.engine, "page": response.page,
        "results": [as_result(hit, request) for hit in response.hits],
        "facets": response.facets, "suggestion": response.suggestion,
        "corrected_from": response.corrected_from, "degraded": response.degraded,
    })


class Suggestion(Answer):
    title: str
    url: str
    language: str


class SuggestParams(Schema):
    q: str = Field("", max_length=100)
    lang: Language = "en"


@router.get("/search/suggest/", response={200: list[Suggestion], 400: Error},
            summary="Titles completing what is typed")
def suggest(request, params: Query[SuggestParams]):
    text = clean_text(params.q, 100)
    return Status(200, engines.with_fallback("autocomplete", text, params.lang)[0])


class Point(Answer):
    title: str
    url: str
    lat: float
    lon: float


@router.get("/search/points/", response={200: list[Point], 400: Error},
            summary="Locations of every practice matching a search (for maps)")
def points(request, params: Query[FilterParams]):
    try:
        query = from_schema(params)
    except BadParameter as exc:
        return Status(400, {"error": exc.message, "field": exc.field})
    query.page_size, query.highlight, query.facets, query.for_map = 2000, False, False, True
    response = engines.search(query)
    return Status(200, [
        {"title": hit.card.title, "url": hit.card.url, "lat": hit.card.latitude,
         "lon": hit.card.longitude}
        for hit in response.hits
        if hit.card.latitude is not None and hit.card.longitude is not None
    ])
