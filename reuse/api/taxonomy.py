"""GET /api/v1/taxonomy/: dimensions, challenges, funding sources, budget ranges, countries,
statuses and phases, labelled."""


from django.conf import settings
from django.utils import translation
from django_countries import countries

from core.text import LANGUAGES
from practices.catalogue import published
from practices.models import Challenge, Dimension, FundingSource, PracticePage
from practices.models.pages import BudgetRange, Phase
from practices.models.pages import Status as PracticeStatus
from search.api import Answer

from .common import router


class Labelled(Answer):
    slug: str
    labels: dict[str, str]


class Taxonomy(Answer):
    languages: list[str]
    dimensions: list[Labelled]
    challenges: list[Labelled]
    funding: list[Labelled]
    budget_ranges: list[Labelled]
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


@router.get("/taxonomy/", response=Taxonomy, summary="Dimensions, challenges, funding sources, "
            "budget ranges, countries, statuses and pilot phases, with labels in the five "
            "languages")
def taxonomy(request):
    present = set(published(PracticePage.objects.all()).order_by()
                  .values_list("country", flat=True).distinct()) | set(settings.COUNTRIES_FIRST)
    return {
        "languages": list(LANGUAGES),
        "dimensions": labelled(Dimension),
        "challenges": labelled(Challenge),
        "funding": labelled(FundingSource),
        "budget_ranges": choices_in_languages(lambda: BudgetRange.choices),
        "countries": choices_in_languages(lambda: [(c, n) for c, n in countries if c in present]),
        "statuses": choices_in_languages(lambda: PracticeStatus.choices),
        "phases": choices_in_languages(lambda: Phase.choices),
    }

