"""Practices get the profile of the territory they name: after `migrate` (the practices made
before profiles existed) and after every import (the `territory` column of the exchange
format, which imports keep accepting)."""

from django.db import transaction
from wagtail.models import Revision

from core.pages import published

from .bulk import slug_base
from .models import PracticePage, TerritoryIndexPage, TerritoryPage

FACTS = ("country", "region", "population", "altitude_m", "latitude", "longitude")


def _key(country, name):
    return str(country), " ".join(name.split()).casefold()


def free_slug(index, title, fallback):
    taken = set(index.get_children().values_list("slug", flat=True))
    base = slug = slug_base(title, fallback)
    number = 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def link_territories():
    """Give every practice whose `territory` names a place, and that has no profile yet, the
    profile of that name in its country (in any language) — else a new one, published in the
    practice's language, with the practice's facts. Every version of the practice links to
    it, in the page and in its latest revision (the admin's next edit keeps the link).
    Returns the number of practices linked."""
    unlinked = list(PracticePage.objects.filter(territory_page__isnull=True).exclude(territory="")
                    .select_related("locale").order_by("id"))
    if not unlinked:
        return 0
    groups = {}  # one version per practice names its territory: the original, else the oldest
    for practice in unlinked:
        chosen = groups.get(practice.translation_key)
        if chosen is None or (practice.locale.language_code == practice.original_language
                              and chosen.locale.language_code != chosen.original_language):
            groups[practice.translation_key] = practice
    known = {_key(t.country, t.title): t for t in TerritoryPage.objects.order_by("id")}
    indexes = {index.locale_id: index for index in TerritoryIndexPage.objects.all()}
    by_profile = {}
    with transaction.atomic():
        for practice in groups.values():
            key = _key(practice.country, practice.territory)
            profile = known.get(key)
            if profile is None:
                index = indexes.get(practice.locale_id) or next(iter(indexes.values()), None)
                if index is None:  # (no site structure yet)
                    return 0
                title = " ".join(practice.territory.split())
                profile = index.add_child(instance=TerritoryPage(
                    title=title, slug=free_slug(index, title, f"territory-{practice.pk}"),
                    locale_id=index.locale_id, live=False,
                    **{name: getattr(practice, name) for name in FACTS}))
                if published(PracticePage.objects.filter(pk=practice.pk)).exists():
                    profile.save_revision().publish()
                else:
                    profile.save_revision()
                known[key] = profile
            by_profile.setdefault(profile.pk, set()).add(practice.translation_key)
        linked = 0
        for profile_id, keys in by_profile.items():
            group = PracticePage.objects.filter(translation_key__in=keys,
                                                territory_page__isnull=True)
            revisions = list(Revision.objects.filter(
                pk__in=group.exclude(latest_revision=None).values("latest_revision")))
            for revision in revisions:
                revision.content["territory_page"] = profile_id
            Revision.objects.bulk_update(revisions, ["content"], batch_size=500)
            linked += group.update(territory_page=profile_id)
    return linked
