"""Village-to-village matching: territories like mine, and territories that can help me.

"Like mine" ranks the published territory profiles as `matching` ranks practices — same
country (4 points), a neighbouring country (2), the same population band (2), the same
altitude band (1) — plus a point for each smart dimension both work on (their published
practices and the practices they reuse). "Can help" ranks them by what they have to show in
my weak dimensions: their own published practices and the practices they reuse at the
adapting or implemented stage. Each match says why.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.pages import published
from practices.catalogue import Taxonomy, localized_pages
from practices.models import PracticePage, Stage, TerritoryPage
from practices.models.taxonomy import DIMENSION_SLUGS
from practices.transfers import public_transfers

from .matching import COUNTRY_POINTS, Territory, likeness

# Countries sharing a border, the Alpine space and its neighbours (ISO codes).
BORDERS = {frozenset(pair) for pair in [
    ("AT", "CH"), ("AT", "DE"), ("AT", "IT"), ("AT", "LI"), ("AT", "SI"), ("AT", "CZ"),
    ("AT", "SK"), ("AT", "HU"), ("CH", "DE"), ("CH", "FR"), ("CH", "IT"), ("CH", "LI"),
    ("DE", "FR"), ("FR", "IT"), ("FR", "MC"), ("IT", "SI"), ("SI", "HR"), ("SI", "HU"),
    ("DE", "CZ"), ("FR", "ES"), ("FR", "BE"), ("FR", "LU"), ("DE", "LU")]}
NEIGHBOUR_POINTS = COUNTRY_POINTS // 2
HELPING_STAGES = (Stage.ADAPTING, Stage.IMPLEMENTED)


@dataclass
class Match:
    page: TerritoryPage
    points: int
    reasons: list = field(default_factory=list)


def work(keys=None):
    """{territory group key: {dimension: [practice titles]}} of their published practices
    (own) and of the practices they reuse (validated transfers at the adapting or
    implemented stage), one query each."""
    found = {}
    own = published(PracticePage.objects.filter(territory_page__isnull=False))
    reused = public_transfers().filter(stage__in=HELPING_STAGES)
    if keys is not None:
        own = own.filter(territory_page__translation_key__in=keys)
        reused = reused.filter(territory__translation_key__in=keys)
    rows = [*own.values_list("territory_page__translation_key", "dimensions__slug",
                             "translation_key", "title"),
            *reused.values_list("territory__translation_key", "practice__dimensions__slug",
                                "practice__translation_key", "practice__title")]
    seen = set()
    for territory, dimension, practice, title in rows:
        if dimension and (territory, dimension, practice) not in seen:
            seen.add((territory, dimension, practice))
            found.setdefault(territory, {}).setdefault(dimension, []).append(title)
    return found


def _candidates(locale_id, exclude_key):
    territories = published(TerritoryPage.objects.exclude(translation_key=exclude_key))
    return localized_pages(territories.select_related("locale").order_by("title"), locale_id)


def territories_like(facts, dimensions, locale_id, exclude_key=None, limit=3, worked=None):
    """The territory profiles most like `facts` (matching.Territory) that work on
    `dimensions` (slugs), best first, each with its reasons (`worked`: work(), if read)."""
    labels = Taxonomy.for_locale(locale_id).dimensions
    worked = work() if worked is None else worked
    matches = []
    for page in _candidates(locale_id, exclude_key):
        points, reasons = likeness(facts, page)
        if frozenset((str(facts.country), page.country.code)) in BORDERS:
            points += NEIGHBOUR_POINTS
            reasons.append(_("neighbouring country (%(country)s)")
                           % {"country": page.country.name})
        shared = [slug for slug in DIMENSION_SLUGS
                  if slug in dimensions and slug in worked.get(page.translation_key, {})]
        if shared:
            points += len(shared)
            reasons.append(_("also works on %(dimensions)s") % {
                "dimensions": ", ".join(labels[s].name for s in shared if s in labels)})
        if points:
            matches.append(Match(page, points, reasons))
    matches.sort(key=lambda m: -m.points)  # (stable: by title within equal points)
    return matches[:limit]


def territories_that_help(weak, locale_id, exclude_key=None, limit=3, worked=None):
    """The territory profiles with the most to show in the `weak` dimensions (slugs):
    practices of their own or reused there, best first, each with its reasons."""
    labels = Taxonomy.for_locale(locale_id).dimensions
    worked = work() if worked is None else worked
    matches = []
    for page in _candidates(locale_id, exclude_key):
        theirs = worked.get(page.translation_key, {})
        reasons, points = [], 0
        for slug in weak:
            titles = theirs.get(slug, [])
            if titles:
                points += len(titles)
                reasons.append(_("%(dimension)s: %(practices)s") % {
                    "dimension": labels[slug].name if slug in labels else slug,
                    "practices": ", ".join(f"“{t}”" for t in titles[:3])})
        if points:
            matches.append(Match(page, points, reasons))
    matches.sort(key=lambda m: -m.points)
    return matches[:limit]


def for_profile(page, limit=3):
    """Matches of a territory profile: like it (its facts and the dimensions it works on),
    and able to help where it has nothing to show yet."""
    facts = Territory(page.country.code, page.population, page.altitude_m)
    worked = work()
    mine = worked.get(page.translation_key, {})
    weak = [slug for slug in DIMENSION_SLUGS if slug not in mine]
    return {
        "similar_territories": territories_like(facts, set(mine), page.locale_id,
                                                page.translation_key, limit, worked),
        "helping_territories": territories_that_help(weak, page.locale_id,
                                                     page.translation_key, limit, worked),
    }
