"""Practices and pilot territories that suit an assessed territory.

Practices for a weak dimension are ranked by likeness of their territory: same country (4
points), same population band (2), same altitude band (1); ties go to the newest. The same
rules give each suggestion its reasons.
"""

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext as _

from core.l10n import number
from practices.catalogue import localized_pages, practice_card_queryset, published
from practices.models import PilotTerritoryPage, PracticePage

POPULATION_BANDS = (0, 500, 2_000, 5_000, 20_000)  # lower bounds, inhabitants
ALTITUDE_BANDS = (-500, 500, 1_000, 1_500)  # lower bounds, metres
COUNTRY_POINTS, POPULATION_POINTS, ALTITUDE_POINTS = 4, 2, 1


def band(value, bounds):
    """(low, high) of the band holding value (high None for the last), None without value."""
    if value is None:
        return None
    low, high = bounds[0], None
    for index, bound in enumerate(bounds):
        if value >= bound:
            low = bound
            high = bounds[index + 1] if index + 1 < len(bounds) else None
    return low, high


def _in_band(value, limits):
    return limits is not None and value is not None and value >= limits[0] and (
        limits[1] is None or value < limits[1])


def _band_label(limits, unit, first=False):
    low, high = limits
    if first:
        return _("below %(high)s %(unit)s") % {"high": number(high), "unit": unit}
    if high is None:
        return _("%(low)s %(unit)s or more") % {"low": number(low), "unit": unit}
    return _("%(low)s–%(high)s %(unit)s") % {"low": number(low), "high": number(high),
                                              "unit": unit}


def band_labels(bounds, unit):
    """Every band of `bounds` in words, for the methodology page."""
    return [_band_label((low, bounds[i + 1] if i + 1 < len(bounds) else None), unit, i == 0)
            for i, low in enumerate(bounds)]


@dataclass
class Territory:
    country: str
    population: int | None
    altitude_m: int | None


@dataclass
class Suggestion:
    page: object
    points: int
    reasons: list = field(default_factory=list)


def likeness(territory, practice):
    """(points, reasons) of one practice for a territory (plain objects, no database)."""
    points, reasons = 0, []
    if practice.country and str(practice.country) == str(territory.country):
        points += COUNTRY_POINTS
        reasons.append(_("same country (%(country)s)") % {"country": practice.country.name})
    population = band(territory.population, POPULATION_BANDS)
    if _in_band(practice.population, population):
        points += POPULATION_POINTS
        reasons.append(_("similar population (%(band)s)")
                       % {"band": _band_label(population, _("inhabitants"),
                                              population[0] == POPULATION_BANDS[0])})
    altitude = band(territory.altitude_m, ALTITUDE_BANDS)
    if _in_band(practice.altitude_m, altitude):
        points += ALTITUDE_POINTS
        reasons.append(_("similar altitude (%(band)s)") % {
            "band": _band_label(altitude, "m", altitude[0] == ALTITUDE_BANDS[0])})
    return points, reasons


def _band_condition(field_name, limits):
    if limits is None:
        return Q(pk__in=[])
    condition = Q(**{f"{field_name}__gte": limits[0]})
    if limits[1] is not None:
        condition &= Q(**{f"{field_name}__lt": limits[1]})
    return condition


def likeness_annotation(territory):
    """The `likeness` points as a database expression, to rank before fetching."""
    def points(condition, value):
        return Case(When(condition, then=Value(value)), default=Value(0),
                    output_field=IntegerField())

    return (points(Q(country=territory.country), COUNTRY_POINTS)
            + points(_band_condition("population",
                                     band(territory.population, POPULATION_BANDS)),
                     POPULATION_POINTS)
            + points(_band_condition("altitude_m", band(territory.altitude_m, ALTITUDE_BANDS)),
                     ALTITUDE_POINTS))


def matched_practices(territory, dimension, locale_id, limit=3):
    """Published practices tagged with `dimension`, most like the territory first, one per
    translation group, in the visitor's language where it exists.

    Ranking runs on the language versions (translations share the territory fields), and only
    the best groups are then localised: grouping all versions first costs a pass over the
    whole catalogue (0.4 s at 100,000 practices)."""
    tagged = published(PracticePage.objects.filter(
        id__in=PracticePage.objects.filter(dimensions__slug=dimension).values("id")))
    ranked = (tagged.annotate(likeness=likeness_annotation(territory))
              .order_by("-likeness", "-first_published_at", "pk")
              .values_list("translation_key", flat=True))
    keys = []
    for key in ranked[:limit * len(settings.LANGUAGES)]:  # enough rows for `limit` groups
        if key not in keys:
            keys.append(key)
    keys = keys[:limit]
    pages = localized_pages(practice_card_queryset(tagged.filter(translation_key__in=keys)),
                            locale_id)
    pages.sort(key=lambda page: keys.index(page.translation_key))
    return [Suggestion(page, *likeness(territory, page)) for page in pages]


def profile_distance(scores, other):
    """Root-mean-square difference over the dimensions both have scored (None if none)."""
    shared = [d for d in scores if scores[d] is not None and other.get(d) is not None]
    if not shared:
        return None
    return math.sqrt(sum((scores[d] - other[d]) ** 2 for d in shared) / len(shared))


def closest_pilots(scores, locale_id, limit=3, exclude_series=None):
    """[(pilot page, similarity 0–100, assessment)] of the pilot territories whose latest
    published assessment is closest to `scores` ({dimension: score})."""
    from .models import Assessment

    latest = {}
    published_assessments = (Assessment.objects.filter(published=True, pilot__isnull=False,
                                                       completed_at__isnull=False)
                             .select_related("pilot").prefetch_related("scores")
                             .order_by("created_at"))
    if exclude_series:
        published_assessments = published_assessments.exclude(series=exclude_series)
    for assessment in published_assessments:
        latest[assessment.pilot.translation_key] = assessment
    pages = localized_pages(published(PilotTerritoryPage.objects.filter(
        translation_key__in=latest.keys())), locale_id)
    ranked = []
    for page in pages:
        assessment = latest[page.translation_key]
        distance = profile_distance(scores, {s.dimension: s.score
                                             for s in assessment.scores.all()})
        if distance is not None:
            ranked.append((page, round(100 - distance), assessment))
    ranked.sort(key=lambda item: -item[1])
    return ranked[:limit]
