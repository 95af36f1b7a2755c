"""GET /api/v1/transfers/ and /api/v1/transfers/{id}/: validated transfers of public
practices — which territory reuses which practice, at which stage, what it adapted, its
outcome indicators and documents. Contact names and addresses never appear."""

from datetime import date, datetime

from django.http import HttpResponse
from ninja import Field, Query, Schema, Status

from core.pages import published
from practices.cards import Addresses
from practices.models import PracticePage, Stage, TerritoryPage, Transfer
from practices.models.transfers import STAGE_DATES
from practices.transfers import public_transfers, with_details
from search.api import Answer, Error, link_to
from search.params import MAX_PAGE, MAX_PAGE_SIZE, BadParameter

from ..selection import freshness
from .common import (
    DEFAULT_PAGE_SIZE,
    SINCE,
    address,
    conditional,
    page_links,
    router,
    updated_since,
)


class PracticeRef(Answer):
    id: int
    external_id: str
    language: str
    title: str
    url: str


class TerritoryRef(Answer):
    id: int | None = Field(description="The territory profile (null while it is not public)")
    title: str
    country: str
    url: str | None


class IndicatorAnswer(Answer):
    label: str
    baseline: float | None = Field(description="Before the transfer")
    value: float = Field(description="After the transfer")
    unit: str


class DocumentLink(Answer):
    title: str
    url: str


class TransferFunding(Answer):
    slug: str
    label: str


class TransferAnswer(Answer):
    id: int
    external_id: str
    practice: PracticeRef
    territory: TerritoryRef
    stage: str = Field(description="exploring, adapting, implemented or discontinued")
    stage_dates: dict[str, date | None] = Field(
        description="The day each stage began (null: not reached or not known)")
    adaptation: str = Field(description="What was adapted, and why (in `language`)")
    organisation: str
    language: str
    funding: list[TransferFunding]
    budget_range: str
    funding_share: int | None
    indicators: list[IndicatorAnswer]
    documents: list[DocumentLink]
    validated_at: datetime | None
    updated_at: datetime


class TransferList(Answer):
    count: int
    page: int
    page_size: int
    next: str | None
    previous: str | None
    results: list[TransferAnswer]


class TransferParams(Schema):
    stage: list[Stage] = []
    practice: int | None = Field(None, ge=1, le=2**63 - 1,
                                 description="A practice's id (any of its versions)")
    territory: int | None = Field(None, ge=1, le=2**63 - 1,
                                  description="A territory profile's id (any of its versions)")
    updated_since: str | None = SINCE
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


def _practices(transfers):
    """{practice group key: its published version in a transfer's language, else the
    original, else the oldest}, one query."""
    keys = {t.practice.translation_key for t in transfers}
    versions = published(PracticePage.objects.filter(translation_key__in=keys)).order_by(
        "id").values("id", "external_id", "title", "url_path", "slug", "locale_id",
                     "translation_key",
                     "locale__language_code", "original_language")
    chosen = {}
    for version in versions:
        chosen.setdefault(version["translation_key"], []).append(version)
    return chosen


def _pick(versions, language):
    return (next((v for v in versions if v["locale__language_code"] == language), None)
            or next((v for v in versions
                     if v["locale__language_code"] == v["original_language"]), None)
            or versions[0])


def transfers_data(transfers, request):
    """The answers of these transfers (with_details), their practices in one query."""
    transfers = list(transfers)
    practices, addresses = _practices(transfers), Addresses()
    public_profiles = set(published(TerritoryPage.objects.filter(
        pk__in={t.territory_id for t in transfers})).values_list("pk", flat=True))
    answers = []
    for transfer in transfers:
        version = _pick(practices[transfer.practice.translation_key], transfer.language)
        territory = transfer.territory
        public = territory.pk in public_profiles
        answers.append({
            "id": transfer.pk, "external_id": transfer.external_id,
            "practice": {"id": version["id"], "external_id": version["external_id"],
                         "language": version["locale__language_code"],
                         "title": version["title"],
                         "url": request.build_absolute_uri(address(addresses, version)[0])},
            "territory": {"id": territory.pk if public else None, "title": territory.title,
                          "country": territory.country.code,
                          "url": request.build_absolute_uri(territory.url) if public else None},
            "stage": transfer.stage,
            "stage_dates": {stage: getattr(transfer, name) for stage, name in
                            STAGE_DATES.items()},
            "adaptation": transfer.adaptation, "organisation": transfer.organisation,
            "language": transfer.language,
            "funding": [{"slug": f.slug, "label": f.name} for f in transfer.funding.all()],
            "budget_range": transfer.budget_range, "funding_share": transfer.funding_share,
            "indicators": [{"label": i.label, "value": float(i.value), "unit": i.unit,
                            "baseline": float(i.baseline) if i.baseline is not None else None}
                           for i in transfer.indicators.all()],
            "documents": [{"title": link.title, "url": link.url}
                          for link in transfer.links.all()],
            "validated_at": transfer.validated_at, "updated_at": transfer.updated_at,
        })
    return answers


def group_of(model, pk):
    return model.objects.filter(pk=pk).values("translation_key")


@router.get("/transfers/", response={200: TransferList, 400: Error},
            openapi_extra=link_to("transfer_detail", "transfer_id", "/results/0/id"),
            summary="List transfers",
            description="Validated transfers of published practices: a territory reusing a "
                        "practice, oldest update first (`updated_since` compares the last "
                        "update). ETag and Last-Modified allow conditional requests.")
def list_transfers(request, response: HttpResponse, params: Query[TransferParams]):
    try:
        since = updated_since(params.updated_since)
    except BadParameter as exc:
        return Status(400, {"error": exc.message, "field": exc.field})
    transfers = public_transfers()
    if params.stage:
        transfers = transfers.filter(stage__in=params.stage)
    if params.practice:
        transfers = transfers.filter(
            practice__translation_key__in=group_of(PracticePage, params.practice))
    if params.territory:
        transfers = transfers.filter(
            territory__translation_key__in=group_of(TerritoryPage, params.territory))
    if since:
        transfers = transfers.filter(updated_at__gte=since)
    count, last = freshness(transfers, "updated_at")
    not_modified = conditional(request, response, count, last)
    if not_modified:
        return not_modified
    page, size = params.page, params.page_size
    rows = with_details(transfers.select_related("practice").order_by("updated_at", "id"))[
        (page - 1) * size:page * size]
    following, previous = page_links(request, page, size, count)
    return Status(200, {"count": count, "page": page, "page_size": size,
                        "next": following, "previous": previous,
                        "results": transfers_data(rows, request)})


@router.get("/transfers/{int:transfer_id}/", response={200: TransferAnswer, 404: Error},
            operation_id="transfer_detail", summary="One transfer")
def transfer_detail(request, response: HttpResponse, transfer_id: int):
    transfer = with_details(public_transfers(Transfer.objects.filter(
        pk=transfer_id if transfer_id <= 2**63 - 1 else 0)).select_related("practice")).first()
    if transfer is None:
        return Status(404, {"error": "no validated transfer of a published practice with "
                                     "this id"})
    not_modified = conditional(request, response, 1, transfer.updated_at)
    return not_modified or Status(200, transfers_data([transfer], request)[0])
