"""Which Wagtail pages a visitor may see, as one SQL condition."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def restricted():
    """True for a page at or under a page with a view restriction (password, login, groups).

    Wagtail's `PageQuerySet.public()` reads every restriction with a query of its own each time
    it is called; this is the same rule as a correlated subquery of the listing's own query."""
    return Exists(PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))))


def published(queryset):
    """Pages a visitor may see: live, not expired, not behind a view restriction."""
    return queryset.filter(live=True, expired=False).exclude(restricted())


def published_translations(page):
    """The published versions of a page, itself included, by language code: read once per
    page object (the page's view, its language switcher and its SEO links all ask)."""
    if "_published_translations" not in page.__dict__:
        page.__dict__["_published_translations"] = list(
            published(page.get_translations(inclusive=True)).select_related("locale")
            .order_by("locale__language_code"))
    return page.__dict__["_published_translations"]
