"""Which Wagtail pages a visitor may see."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from .memo import Versioned


def _restricted_paths():
    """The restricted pages' tree paths, and those of the aliases of restricted pages (an
    alias has its source's restrictions: Page.get_view_restrictions)."""
    pages = {r.page_id: r.page.path for r in PageViewRestriction.objects.select_related("page")}
    aliases = Page.objects.filter(alias_of_id__in=pages).values_list("path", flat=True)
    return sorted({*pages.values(), *aliases})


# The tree paths of the pages with a view restriction (password, login, groups), kept in each
# process's memory: Wagtail's `PageQuerySet.public()` reads every restriction with a query of
# its own each time it is called (five times for a search page).
RESTRICTED = Versioned("kb:core:view-restrictions-version", _restricted_paths)


class PublicPage:
    """A mixin of the site's page models: a page outside every restricted subtree (nearly
    all, and known from memory: RESTRICTED) has no view restriction to read. Wagtail reads
    them with two queries on every page served."""

    def get_view_restrictions(self):
        if self.alias_of_id is None and not self.path.startswith(tuple(RESTRICTED.get())):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


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


def published_versions(model, pages):
    """{translation key: published versions of `model` in that group, by language code} for
    the groups of `pages`, in one query."""
    versions = (published(model.objects.filter(
        translation_key__in={p.translation_key for p in pages}))
        .select_related("locale").order_by("locale__language_code"))
    groups = {}
    for version in versions:
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
    post_save.connect(alias_saved, dispatch_uid="kb-restricted-alias")


def alias_saved(sender, instance, created=False, **kwargs):
    """A new alias may be of a restricted page."""
    if created and isinstance(instance, Page) and instance.alias_of_id:
        RESTRICTED.bump()
