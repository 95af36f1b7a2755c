"""Which Wagtail pages a visitor may see."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move

from .memo import Versioned


def _restricted_paths():
    return sorted({r.page.path for r in PageViewRestriction.objects.select_related("page")})


# The tree paths of the pages with a view restriction (password, login, groups), kept in each
# process's memory: Wagtail's `PageQuerySet.public()` reads every restriction with a query of
# its own each time it is called (five times for a search page).
RESTRICTED = Versioned("kb:core:view-restrictions-version", _restricted_paths)


def restricted():
    """A condition true for a page at or under a page with a view restriction (None when no
    page has one)."""
    condition = None
    for path in RESTRICTED.get():
        under = Q(path__startswith=path)
        condition = under if condition is None else condition | under
    return condition


def published(queryset):
    """Pages a visitor may see: live, not expired, not behind a view restriction."""
    queryset = queryset.filter(live=True, expired=False)
    condition = restricted()
    return queryset if condition is None else queryset.exclude(condition)


def published_versions(model, pages, *fields):
    """{translation key: published versions of `model` in that group, by language code} for
    the groups of `pages`, in one query; `fields` limits what is read of each version."""
    versions = (published(model.objects.filter(
        translation_key__in={p.translation_key for p in pages}))
        .select_related("locale").order_by("locale__language_code"))
    groups = {}
    for version in versions.only(*fields) if fields else versions:
        groups.setdefault(version.translation_key, []).append(version)
    return groups


def published_translations(page):
    """The published versions of a page, itself included, by language code: read once per
    page object (the page's view, its language switcher and its SEO links all ask)."""
    if "_published_translations" not in page.__dict__:
        page.__dict__["_published_translations"] = published_versions(
            page.get_translation_model(), [page]).get(page.translation_key, [])
    return page.__dict__["_published_translations"]


def connect():
    """A restriction added or removed, or a page moved (restricted paths move with it)."""
    for signal in (post_save, post_delete):
        signal.connect(RESTRICTED.bump, sender=PageViewRestriction,
                       dispatch_uid=f"kb-restricted-{signal}")
    post_page_move.connect(RESTRICTED.bump, dispatch_uid="kb-restricted-move")
