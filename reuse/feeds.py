"""RSS 2.0 and Atom 1.0 feeds of newly published practices (any catalogue filter) and pilot
results, per language."""

from datetime import UTC, datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.models import Locale

from practices.catalogue import catalogue_url, published, published_by_id
from practices.models import PilotResultPage, PracticePage, ResourcePage
from search import engines
from search.params import parse

ITEMS = 30


class Licensed:
    """Every feed states the data's licence."""

    def feed_copyright(self, obj):
        return f"{settings.KB_DATA_LICENCE} — {settings.KB_DATA_LICENCE_URL}"


class PageItems(Licensed):
    """How a published page becomes a feed item (practices and pilot results alike)."""

    item_guid_is_permalink = True

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class PracticeFeed(PageItems, Feed):
    def get_object(self, request):
        query = parse(request.GET, lang=get_language())
        query.sort, query.page, query.page_size, query.highlight = "newest", 1, ITEMS, False
        params = request.GET.copy()
        for name in ("sort", "page", "page_size", "lang"):
            params.pop(name, None)
        return {"query": query, "params": params.urlencode(), "request": request}

    def title(self, obj):
        return _("Smart Villages — new good practices")

    def subtitle(self, obj):
        labels = [value["label"] for values in self._facets(obj).values()
                  for value in values if value["selected"]]
        if obj["query"].q:
            labels.insert(0, f"“{obj['query'].q}”")
        return ", ".join(labels) or _("All practices")

    description = subtitle

    def link(self, obj):
        locale = Locale.objects.filter(language_code=get_language()).first()
        url = catalogue_url(locale.pk) if locale else "/"
        return f"{url}?{obj['params']}" if obj["params"] else url

    def feed_url(self, obj):
        return obj["request"].get_full_path()

    def _response(self, obj):
        if "response" not in obj:
            obj["response"] = engines.search(obj["query"])
        return obj["response"]

    def _facets(self, obj):
        return self._response(obj).facets

    def items(self, obj):
        ids = [hit.card.id for hit in self._response(obj).hits]
        pages = published(PracticePage.objects.filter(pk__in=ids)).select_related("locale")
        return sorted(pages.prefetch_related("dimensions"),
                      key=lambda p: p.first_published_at, reverse=True)

    def item_categories(self, item):
        return [d.name for d in item.dimensions.all()]



class PracticeAtomFeed(PracticeFeed):
    feed_type = Atom1Feed


class PracticeUpdatesFeed(Licensed, Feed):
    """A practice's follow-up updates ("two years later"), newest first, in the language of
    the version asked for."""

    def get_object(self, request, page_id):
        page = published_by_id(PracticePage, page_id).first()
        if page is None:
            raise Http404
        return page

    def title(self, obj):
        return _("%(title)s — follow-up updates") % {"title": obj.title}

    def description(self, obj):
        return obj.summary

    subtitle = description

    def link(self, obj):
        return obj.url

    def items(self, obj):
        return obj.updates.order_by("-date", "-id")[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return f"{item.page.url}#update-{item.pk}"

    def item_guid(self, item):
        return f"{item.page.full_url}#update-{item.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return datetime.combine(item.date, time(12), tzinfo=UTC)


class PracticeUpdatesAtomFeed(PracticeUpdatesFeed):
    feed_type = Atom1Feed


class SectionFeed(PageItems, Feed):
    """The newest pages of one kind in the visitor's language (pilot results, resources)."""

    model = None
    url_name = heading = about = ""

    def get_object(self, request):
        return request

    def title(self, obj):
        return str(self.heading)

    def description(self, obj):
        return str(self.about)

    subtitle = description

    def link(self, obj):
        return reverse(self.url_name)

    def items(self, obj):
        return (published(self.model.objects.filter(locale__language_code=get_language()))
                .order_by("-first_published_at")[:ITEMS])


class PilotResultFeed(SectionFeed):
    model, url_name = PilotResultPage, "opendata:pilot-results-rss"
    heading = gettext_lazy("Smart Villages — pilot results")
    about = gettext_lazy("Results published by the pilot territories.")




class PilotResultAtomFeed(PilotResultFeed):
    feed_type = Atom1Feed


class ResourceFeed(SectionFeed):
    model, url_name = ResourcePage, "opendata:resources-rss"
    heading = gettext_lazy("Smart Villages — toolbox")
    about = gettext_lazy("New methods, templates, guides, studies and videos of the toolbox.")


class ResourceAtomFeed(ResourceFeed):
    feed_type = Atom1Feed
