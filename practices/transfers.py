"""What visitors see of transfers: only validated transfers of practices a visitor may see,
their territory named in the page's language (linked, and on the map, when its profile is
published)."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch

from core.pages import published

from .cards import Card
from .catalogue import cards, localized_pages, one_per_group, practice_card_queryset
from .models import (
    FundingSource,
    PracticePage,
    Stage,
    TerritoryPage,
    Transfer,
    TransferStatus,
)

SHOWN_ORDER = [Stage.IMPLEMENTED, Stage.ADAPTING, Stage.EXPLORING, Stage.DISCONTINUED]


def public_transfers(queryset=None):
    """Validated transfers whose practice has a version visitors may see."""
    queryset = Transfer.objects.all() if queryset is None else queryset
    visible = published(PracticePage.objects.filter(
        translation_key=OuterRef("practice__translation_key")))
    return queryset.filter(Exists(visible), status=TransferStatus.VALIDATED)


def with_details(queryset):
    return queryset.select_related("territory", "territory__locale").prefetch_related(
        "indicators", "links", Prefetch("funding", FundingSource.objects.order_by("sort_order")))


@dataclass
class Shown:
    """A transfer as a page shows it: the territory's version in the page's language (None:
    not published), and the practice's (on a territory page)."""

    transfer: Transfer
    territory_name: str
    territory: TerritoryPage | None
    practice: Card | None = None

    @property
    def stage_label(self):
        return self.transfer.get_stage_display()


def _territories(transfers, locale_id):
    """{territory group key: its published version in this language, else its original}."""
    keys = {t.territory.translation_key for t in transfers}
    pages = localized_pages(published(TerritoryPage.objects.filter(translation_key__in=keys))
                            .select_related("locale"), locale_id)
    return {page.translation_key: page for page in pages}


def _name(transfer, versions):
    version = versions.get(transfer.territory.translation_key)
    return version.title if version is not None else transfer.territory.title


def practice_transfers(page):
    """The transfers of a practice (its translation group), furthest stage first: a page's
    "Reused by N territories", its map and stages."""
    transfers = list(with_details(public_transfers(Transfer.objects.filter(
        practice__translation_key=page.translation_key))))
    transfers.sort(key=lambda t: (SHOWN_ORDER.index(t.stage), t.territory.title))
    versions = _territories(transfers, page.locale_id)
    shown = [Shown(t, _name(t, versions), versions.get(t.territory.translation_key))
             for t in transfers]
    stages = Counter(t.stage for t in transfers)
    return {"transfers": shown,
            "reused_by": len({t.territory.translation_key for t in transfers}),
            "transfer_stages": [(Stage(stage).label, stages[stage]) for stage in SHOWN_ORDER
                                if stages[stage]],
            "transfer_places": [
                {"name": s.territory_name, "label": s.stage_label, "url": s.territory.url,
                 "lat": float(s.territory.latitude), "lon": float(s.territory.longitude)}
                for s in shown if s.territory is not None and s.territory.latitude is not None
                and s.territory.longitude is not None]}


def _cards_by_group(transfers, locale_id):
    """{practice group key: its card in this language, else its original's}."""
    pages = list(practice_card_queryset(one_per_group(published(PracticePage.objects.filter(
        translation_key__in={t.practice.translation_key for t in transfers})), locale_id)))
    return dict(zip([p.translation_key for p in pages], cards(pages), strict=True))


def territory_transfers(page):
    """Both directions of a territory: the practices it reuses and its own practices reused
    elsewhere (cards in the page's language)."""
    group = TerritoryPage.objects.filter(translation_key=page.translation_key)
    reusing = list(with_details(public_transfers(Transfer.objects.filter(territory__in=group)))
                   .select_related("practice"))
    reused = list(with_details(public_transfers(Transfer.objects.filter(
        practice__territory_page__in=group))).select_related("practice"))
    practices = _cards_by_group(reusing + reused, page.locale_id)
    versions = _territories(reused, page.locale_id)
    return {
        "reuses": [Shown(t, page.title, page, practices[t.practice.translation_key])
                   for t in reusing if t.practice.translation_key in practices],
        "reused_elsewhere": [
            Shown(t, _name(t, versions), versions.get(t.territory.translation_key),
                  practices[t.practice.translation_key])
            for t in reused if t.practice.translation_key in practices],
    }
