"""Practices get the profile of the territory they name: as an import or a proposal writes
them (the `territory` column of the exchange format, which imports keep accepting), and
after `migrate` for the practices made before profiles existed.

The profile owns the place's facts (PLACE: population, altitude, coordinates); a practice
linking it holds a copy, kept in step (`sync_places`): when the profile is published, when
a practice is saved (PracticePage.save), after each batch of an import and after `migrate`.
A fact a profile lacks is taken from its practices first, so no practice's fact is lost."""

from itertools import islice

from django.db import transaction
from wagtail.models import Revision

from core.pages import published

from .bulk import unique_slug
from .models import PracticePage, TerritoryIndexPage, TerritoryPage
from .models.place import PLACE_FACTS

FACTS = ("country", "region", "population", "altitude_m", "latitude", "longitude")
PLACE = PLACE_FACTS


def _key(country, name):
    return str(country or ""), " ".join(name.split()).casefold()


class Profiles:
    """Territory profiles by (country, name), read once; `id_for` finds or makes one."""

    def __init__(self):
        self.known = {_key(c, t): pk for pk, c, t in TerritoryPage.objects.order_by("-id")
                      .values_list("id", "country", "title")}  # (the oldest wins)
        self.indexes = {index.locale_id: index for index in TerritoryIndexPage.objects.all()}

    def id_for(self, facts, name, locale_id, live):
        """The profile of the territory `name` in `facts["country"]`, in any language; else a
        new one in `locale_id` (published when `live`) with these facts. None without a name
        or a territory list."""
        if not name.strip():
            return None
        key = _key(facts["country"], name)
        if key not in self.known:
            index = self.indexes.get(locale_id) or next(iter(self.indexes.values()), None)
            if index is None:  # (no site structure yet)
                return None
            title = " ".join(name.split())
            profile = index.add_child(instance=TerritoryPage(
                title=title, slug=unique_slug(index, title, "territory"), live=False,
                locale_id=index.locale_id, **{fact: facts[fact] for fact in FACTS}))
            revision = profile.save_revision()
            if live:
                revision.publish()
            self.known[key] = profile.pk
        return self.known[key]

    def for_record(self, data, locale):
        """The profile of an exchange record that is no translation (a translation shares
        its original's)."""
        return self.id_for(data, data["territory"] or "", locale.pk, data["published"])


def link_territories(chunk=1000):
    """Give the practices that name a place and have no profile (made before profiles
    existed) the profile of that place: every version of a practice links the one its
    original names, in the page and in its latest revision (the admin's next edit keeps it).
    Read and written `chunk` revisions at a time. Returns the number of versions linked."""
    unlinked = PracticePage.objects.filter(territory_page__isnull=True).exclude(territory="")
    rows = list(unlinked.order_by("id").values_list(
        "id", "translation_key", "locale_id", "locale__language_code", "original_language",
        "territory", *FACTS))
    if not rows:
        return 0
    groups = {}  # one version per practice names its territory: the original, else the oldest
    for row in rows:
        chosen = groups.get(row[1])
        if chosen is None or (row[3] == row[4] and chosen[3] != chosen[4]):
            groups[row[1]] = row
    # a profile is published only for a practice visitors may see (a practice behind a
    # password keeps its place to itself)
    public = set(published(PracticePage.objects.filter(
        pk__in=[row[0] for row in groups.values()])).values_list("pk", flat=True))
    profiles, linked = Profiles(), 0
    with transaction.atomic():
        by_profile = {}
        for pk, key, locale_id, _code, _original, name, *facts in groups.values():
            profile = profiles.id_for(dict(zip(FACTS, facts, strict=True)), name, locale_id,
                                      pk in public)
            if profile is not None:
                by_profile.setdefault(profile, []).append(key)
        for profile, keys in by_profile.items():
            versions = unlinked.filter(translation_key__in=keys)
            revise(versions, {"territory_page": profile}, chunk)
            linked += versions.update(territory_page=profile)
    return linked


def sync_places(keys=None, practices=None):
    """Profiles (these translation groups, else all) take the facts they lack from their
    practices (the oldest version holding it), then give every practice linking them their
    facts — or only `practices` (a queryset: an import's batch, whose profiles are read, not
    all their practices)."""
    profiles = TerritoryPage.objects.all()
    restricted = practices is not None
    if restricted:
        practices = practices.filter(territory_page__isnull=False)
        keys = practices.values("territory_page__translation_key")
    else:
        practices = PracticePage.objects.filter(territory_page__isnull=False)
        if keys is not None:
            practices = practices.filter(territory_page__translation_key__in=keys)
    if keys is not None:
        profiles = profiles.filter(translation_key__in=keys)
    facts = {}
    for key, *values in profiles.order_by("id").values_list("translation_key", *PLACE):
        facts.setdefault(key, dict(zip(PLACE, values, strict=True)))
    linked = {}
    for pk, key, *values in practices.order_by("id").values_list(
            "id", "territory_page__translation_key", *PLACE):
        linked.setdefault(key, []).append((pk, dict(zip(PLACE, values, strict=True))))
    filled = []
    with transaction.atomic():
        for key, rows in linked.items():
            own = facts.get(key)
            if own is None:
                continue
            lacking = {name: next((row[name] for _pk, row in rows if row[name] is not None),
                                  None) for name in PLACE if own[name] is None}
            lacking = {name: value for name, value in lacking.items() if value is not None}
            if lacking:  # (a profile's facts are synchronised across its translations)
                versions = TerritoryPage.objects.filter(translation_key=key)
                versions.update(**lacking)
                revise(versions, {name: str(value) if name in ("latitude", "longitude")
                                  else value for name, value in lacking.items()})
                own.update(lacking)
                filled.append(key)
            given = {name: value for name, value in own.items() if value is not None}
            stale = [pk for pk, row in rows if any(row[name] != value
                                                   for name, value in given.items())]
            if stale:
                PracticePage.objects.filter(pk__in=stale).update(**given)
        if filled and restricted:  # the profile's other practices take the facts it gained
            sync_places(filled)


def revise(pages, values, chunk=1000):
    """Write `values` (as their revision JSON holds them) into the latest revisions of these
    pages too: the admin's next edit starts from its latest revision. `chunk` at a time."""
    ids = iter(list(pages.exclude(latest_revision=None).values_list("latest_revision",
                                                                       flat=True)))
    while part := list(islice(ids, chunk)):
        found = list(Revision.objects.filter(pk__in=part))
        for revision in found:
            revision.content.update(values)
        Revision.objects.bulk_update(found, ["content"])


def profile_published(sender, instance, **kwargs):
    """A territory profile published: its practices take its facts (signal receiver)."""
    sync_places([instance.translation_key])
