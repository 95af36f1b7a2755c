"""sitemap.xml over every language tree, each URL with its hreflang alternates."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from practices.catalogue import published


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists the default site's tree only; the five language trees are
    siblings, so every published page is listed here, with its translations as alternates."""

    def items(self):
        return (published(Page.objects.filter(depth__gt=1)).order_by("path")
                .defer_streamfields().specific())

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        keys = {item.translation_key for item in items}
        groups = {}
        for version in published(Page.objects.filter(translation_key__in=keys)).select_related(
                "locale").defer_streamfields():
            groups.setdefault(version.translation_key, []).append(
                {"lang_code": version.locale.language_code,
                 "location": version.get_full_url(self.request)})
        urls = []
        for item in items:
            alternates = sorted(groups.get(item.translation_key, []),
                                key=lambda a: a["lang_code"])
            lastmod = item.last_published_at or item.latest_revision_created_at
            urls.append({"item": item, "location": item.get_full_url(self.request),
                         "lastmod": lastmod, "alternates": alternates if len(alternates) > 1
                         else []})
        dates = [u["lastmod"] for u in urls if u["lastmod"]]
        if dates:
            self.latest_lastmod = max(dates)
        return urls
