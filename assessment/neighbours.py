"""Village-to-village matching: territories like mine, and territories that can help me.

"Like mine" ranks the published territory profiles as `matching` ranks practices — same
country (4 points), a neighbouring country (2), the same population band (2), the same
altitude band (1) — plus a point for each smart dimension both work on (their published
practices and the practices they reuse). "Can help" ranks them by what they have to show in
my weak dimensions: their own published practices and the practices they reuse at the
adapting or implemented stage. Each match says why.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from core.memo import Versioned
from core.pagecache import PAGES
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


def _sources(keys=None):
    """(own published practices, validated transfers at a helping stage) of these territory
    groups (all: None), with the names of their territory, dimension and practice columns."""
    own = published(PracticePage.objects.filter(territory_page__isnull=False))
    reused = public_transfers().filter(stage__in=HELPING_STAGES)
    if keys is not None:
        own = own.filter(territory_page__translation_key__in=keys)
        reused = reused.filter(territory__translation_key__in=keys)
    return [(own, "territory_page__translation_key", "dimensions__slug", "translation_key",
             "title"),
            (reused, "territory__translation_key", "practice__dimensions__slug",
             "practice__translation_key", "practice__title")]


def work(keys=None):
    """{territory group key: {dimension: how many practices}} of their published practices
    (own) and of the practices they reuse (validated transfers at the adapting or
    implemented stage): counted by the database, one query each (10,000 practices read row by
    row took 400 ms)."""
    found = {}
    for queryset, territory, dimension, practice, _title in _sources(keys):
        counted = (queryset.exclude(**{f"{dimension}__isnull": True}).order_by()
                   .values_list(territory, dimension)
                   .annotate(n=Count(practice, distinct=True)))
        for key, slug, n in counted:
            dimensions = found.setdefault(key, {})
            dimensions[slug] = dimensions.get(slug, 0) + n
    return found


# work() of every territory, kept in each process until any content changes (the page cache's
# stamp, which every save, deletion, publication and move moves): at 10,000 practices the
# count takes 50 ms, a profile page's whole render before it was kept 470 ms.
WORK = Versioned(PAGES.key, work)


def examples(keys, dimensions, per=3):
    """{(territory key, dimension): [practice titles]}, at most `per` each: what the few
    territories shown have to show."""
    found = {}
    for queryset, territory, dimension, practice, title in _sources(keys):
        rows = (queryset.filter(**{f"{dimension}__in": dimensions}).order_by(title)
                .values_list(territory, dimension, practice, title).distinct())
        for key, slug, _practice, name in rows:
            titles = found.setdefault((key, slug), [])
            if name not in titles and len(titles) < per:
                titles.append(name)
    return found


def candidates(locale_id, exclude_key=None):
    """Every published territory profile but `exclude_key`'s, in this language where
    translated (else its original), by title."""
    territories = published(TerritoryPage.objects.exclude(translation_key=exclude_key))
    return localized_pages(territories.select_related("locale").order_by("title"), locale_id)


def territories_like(facts, dimensions, locale_id, exclude_key=None, limit=3, pages=None):
    """The territory profiles most like `facts` (matching.Territory) that work on
    `dimensions` (slugs), best first, each with its reasons (`pages`: candidates(), if
    read)."""
    labels = Taxonomy.for_locale(locale_id).dimensions
    worked = WORK.get()
    matches = []
    for page in pages if pages is not None else candidates(locale_id, exclude_key):
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


def territories_that_help(weak, locale_id, exclude_key=None, limit=3, pages=None):
    """The territory profiles with the most to show in the `weak` dimensions (slugs):
    practices of their own or reused there, best first, each with its reasons."""
    labels = Taxonomy.for_locale(locale_id).dimensions
    worked = WORK.get()
    matches = []
    for page in pages if pages is not None else candidates(locale_id, exclude_key):
        theirs = worked.get(page.translation_key, {})
        points = sum(theirs.get(slug, 0) for slug in weak)
        if points:
            matches.append(Match(page, points))
    matches.sort(key=lambda m: -m.points)
    matches = matches[:limit]
    titles = examples([m.page.translation_key for m in matches], weak)
    for match in matches:
        match.reasons = [_("%(dimension)s: %(practices)s") % {
            "dimension": labels[slug].name if slug in labels else slug,
            "practices": ", ".join(f"“{t}”" for t in titles[match.page.translation_key, slug])}
            for slug in weak if (match.page.translation_key, slug) in titles]
    return matches


def for_profile(page, limit=3):
    """Matches of a territory profile: like it (its facts and the dimensions it works on),
    and able to help where it has nothing to show yet."""
    facts = Territory(page.country.code, page.population, page.altitude_m)
    mine = WORK.get().get(page.translation_key, {})
    weak = [slug for slug in DIMENSION_SLUGS if slug not in mine]
    pages = candidates(page.locale_id, page.translation_key)
    return {
        "similar_territories": territories_like(facts, set(mine), page.locale_id, limit=limit,
                                                pages=pages),
        "helping_territories": territories_that_help(weak, page.locale_id, limit=limit,
                                                     pages=pages),
    }
