"""Listing and lookup services for the public pages.

One practice per translation group: the visitor's language where a translation exists,
otherwise the original. The catalogue page itself runs on the search engines (search/).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Min, Q, Value, prefetch_related_objects
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from taggit.models import Tag
from wagtail.models import Locale

from core.pages import published, published_translations

from .cards import Card, card_pictures
from .hooks import PRACTICE_CONTEXT, extra_context
from .models import (
    EventIndexPage,
    FooterLogo,
    PilotIndexPage,
    PilotResultPage,
    PilotTerritoryPage,
    PracticeIndexPage,
    PracticePage,
    PracticeTag,
    StandardPage,
    TerritoryIndexPage,
    TerritoryPage,
    ToolboxPage,
    taxonomy,
)

HERO_RENDITION = "fill-1200x630"


MAX_ID = 2**63 - 1  # larger ids cannot exist and would overflow the database driver


def published_by_id(model, pk):
    """The published page of `model` with this id, as a queryset (empty for absurd ids)."""
    return published(model.objects.filter(pk=pk)) if 0 < pk <= MAX_ID else model.objects.none()


def localized_pages(queryset, locale_id):
    """One page per translation group: the one in `locale_id`, else the group's original."""
    pages = list(queryset)
    chosen = {}
    for page in sorted(pages, key=lambda p: p.pk):
        current = chosen.get(page.translation_key)
        if current is None or (page.locale_id == locale_id and current.locale_id != locale_id):
            chosen[page.translation_key] = page
    order = {page.pk: position for position, page in enumerate(pages)}
    return sorted(chosen.values(), key=lambda p: order[p.pk])


def one_per_group(queryset, locale_id):
    """Queryset form of `localized_pages` for large listings (one SQL query)."""
    local_keys = queryset.filter(locale_id=locale_id).values("translation_key")
    fallback_ids = (
        queryset.exclude(translation_key__in=local_keys)
        .order_by()
        .values("translation_key")
        .annotate(first=Min("id"))
        .values("first")
    )
    return queryset.filter(Q(locale_id=locale_id) | Q(id__in=fallback_ids))


@dataclass
class Taxonomy:
    """Labels of dimensions, challenges and funding sources in one language, looked up by
    stable slug."""

    dimensions: dict
    challenges: dict
    funding: dict

    @classmethod
    def for_locale(cls, locale_id):
        return cls._where(locale_id=locale_id)

    @classmethod
    def for_locale_code(cls, code):
        return cls._where(language=code)

    @classmethod
    def _where(cls, **lookup):
        return cls(
            dimensions={d.slug: d for d in taxonomy.terms("dimension", **lookup)},
            challenges={c.slug: c for c in taxonomy.terms("challenge", **lookup)},
            funding={f.slug: f for f in taxonomy.terms("funding", **lookup)},
        )

    def ordered(self, kind):
        """The terms of a kind in the editors' order (filters, forms, the data page)."""
        return sorted(getattr(self, kind).values(), key=lambda t: t.sort_order)

    def localize(self, terms, kind):
        labels = getattr(self, kind)
        found = [labels.get(term.slug, term) for term in terms]
        return sorted(found, key=lambda t: (t.sort_order, t.name))


TERM_RELATIONS = {"dimensions": "dimension", "challenges": "challenge", "funding": "funding"}


def term_column(relation):
    """The column of a taxonomy relation's link table naming the term."""
    return PracticePage._meta.get_field(relation).m2m_reverse_name()


def page_terms(ids, tags=True):
    """{page id: {"dimensions": [terms], "challenges": [terms], "funding": [terms],
    "tagged_items": [(item id, tag id, tag name, tag slug)]}} for these pages, in one query;
    the terms are the in-memory taxonomy's objects (taxonomy.TERMS) in the models' ordering;
    no tags when `tags` is false."""
    if not ids:
        return {}
    links = [getattr(PracticePage, relation).through.objects
             .filter(practicepage_id__in=ids)
             .annotate(kind=Value(relation), term=F(term_column(relation)), tag_ref=Value(0),
                       tag_name=Value(""), tag_slug=Value(""))
             .values_list("practicepage_id", "kind", "term", "tag_ref", "tag_name", "tag_slug")
             for relation in TERM_RELATIONS]
    if tags:
        links.append(PracticeTag.objects.filter(content_object_id__in=ids)
                     .annotate(kind=Value("tagged_items"), term=F("id"), tag_ref=F("tag_id"),
                               tag_name=F("tag__name"), tag_slug=F("tag__slug"))
                     .values_list("content_object_id", "kind", "term", "tag_ref", "tag_name",
                                  "tag_slug"))
    rows = list(links[0].union(*links[1:], all=True))
    known = taxonomy.TERMS.get()
    terms = {}
    for relation, kind in TERM_RELATIONS.items():
        terms[relation] = {term.pk: term for term in known[kind]}
        missing = {r[2] for r in rows if r[1] == relation} - terms[relation].keys()
        if missing:  # saved by another process since this one read the taxonomy
            terms[relation].update(taxonomy.KINDS[kind].objects.in_bulk(missing))
    found = {}
    for page_id, relation, item_id, tag_id, name, slug in rows:
        found.setdefault(page_id, {}).setdefault(relation, []).append(
            (item_id, tag_id, name, slug) if relation == "tagged_items"
            else terms[relation][item_id])
    for relations in found.values():
        for relation in TERM_RELATIONS:
            if relation in relations:
                relations[relation].sort(key=lambda t: (t.sort_order, t.name))
    return found


def prefetch_terms(pages, tags=True):
    """Fill each page's `dimensions`, `challenges`, `funding` and `tagged_items` (tags; not
    when `tags` is false) as `prefetch_related` would, with one query for all three
    (page_terms): the terms are not rows read and built again; the tags come with their
    names."""
    pages = [page for page in pages if page.pk]
    found = page_terms([p.pk for p in pages], tags)
    for page in pages:
        relations = found.get(page.pk, {})
        cache = page.__dict__.setdefault("_prefetched_objects_cache", {})
        for relation, kind in TERM_RELATIONS.items():
            queryset = taxonomy.KINDS[kind].objects.all()
            queryset._result_cache = relations.get(relation, [])
            queryset._prefetch_done = True
            cache[relation] = queryset
        if tags:
            queryset = PracticeTag.objects.all()
            queryset._result_cache = sorted(
                (tagged_item(page.pk, *item) for item in relations.get("tagged_items", [])),
                key=lambda t: t.pk)
            queryset._prefetch_done = True
            cache["tagged_items"] = queryset


def tagged_item(page_id, item_id, tag_id, name, slug):
    item = PracticeTag(id=item_id, tag_id=tag_id, content_object_id=page_id)
    item._state.adding, item._state.db = False, "default"
    item._state.fields_cache["tag"] = Tag(id=tag_id, name=name, slug=slug)
    return item


def catalogue_url(locale_id):
    index = PracticeIndexPage.objects.filter(locale_id=locale_id).first()
    return index.url if index else ""


def practice_card_queryset(queryset):
    return queryset.select_related("image", "locale").prefetch_related(card_pictures())


def cards(pages):
    """Listing cards of these pages (practice_card_queryset), their terms read at once."""
    pages = list(pages)
    prefetch_terms(pages, tags=False)
    return [Card.from_page(page) for page in pages]


def country_choices():
    codes = published(PracticePage.objects.all()).order_by().values_list("country", flat=True)
    present = set(codes.distinct())
    return [(code, name) for code, name in countries if code in present]


def language_status(page, translations):
    """Per language: (code, "original" | "reviewed" | "in_progress", published page or None).

    A translation is reviewed once published with no pending draft; a version that exists
    but is unpublished or has unpublished changes is a translation in progress."""
    published_versions = {t.locale.language_code: t for t in translations}
    original = page.original_language or page.locale.language_code
    rows = []
    for version in PracticePage.objects.filter(translation_key=page.translation_key).only(
            "id", "locale", "live", "has_unpublished_changes").select_related("locale"):
        code = version.locale.language_code
        public = published_versions.get(code)
        if code == original:
            kind = "original"
        elif public is not None and not version.has_unpublished_changes:
            kind = "reviewed"
        else:
            kind = "in_progress"
        rows.append((code, kind, public))
    order = [code for code, _name in settings.LANGUAGES]
    return sorted(rows, key=lambda row: order.index(row[0]) if row[0] in order else 99)


def practice_context(page):
    taxonomy = Taxonomy.for_locale(page.locale_id)
    translations = published_translations(page)
    # read once for the page, its JSON-LD and its related practices
    prefetch_terms([page], tags=False)
    prefetch_related_objects([page], "tags")
    results = localized_pages(
        published(PilotResultPage.objects.filter(
            practices__translation_key=page.translation_key
        )).distinct().order_by("-date"),
        page.locale_id,
    )
    return {
        "language_status": language_status(page, translations),
        "dimensions": taxonomy.localize(page.dimensions.all(), "dimensions"),
        "challenges": taxonomy.localize(page.challenges.all(), "challenges"),
        "funding": taxonomy.localize(page.funding.all(), "funding"),
        "territory_profile": version_in(TerritoryPage, page.territory_page_id, page.locale_id),
        "tags": list(page.tags.all()),
        "updates": sorted(page.updates.all(), key=lambda update: update.date, reverse=True),
        "translations": translations,
        "pilot_results": results,
        "catalogue_url": catalogue_url(page.locale_id),
        **extra_context(PRACTICE_CONTEXT, page),  # related practices, the contact form
    }


def pilot_territories(locale_id):
    """Every published pilot territory, in this language where translated, else its original
    (as practices fall back), so no language's pilot list is empty while others have pilots."""
    return localized_pages(
        published(PilotTerritoryPage.objects.all()).select_related("image", "locale")
        .order_by("title"), locale_id)


# The territory list's bands: (slug, label, lowest included, highest excluded)
SIZE_BANDS = [("under-500", _("Under 500 inhabitants"), 0, 500),
              ("500-2000", _("500 to 2,000 inhabitants"), 500, 2000),
              ("2000-10000", _("2,000 to 10,000 inhabitants"), 2000, 10000),
              ("over-10000", _("Over 10,000 inhabitants"), 10000, None)]
ALTITUDE_BANDS = [("under-500", _("Below 500 m"), None, 500),
                  ("500-1000", _("500 to 1,000 m"), 500, 1000),
                  ("1000-1500", _("1,000 to 1,500 m"), 1000, 1500),
                  ("over-1500", _("Above 1,500 m"), 1500, None)]


def _band(queryset, field, bands, chosen):
    for slug, _label, low, high in bands:
        if slug == chosen:
            if low is not None:
                queryset = queryset.filter(**{f"{field}__gte": low})
            if high is not None:
                queryset = queryset.filter(**{f"{field}__lt": high})
    return queryset


def territory_listing(index, params):
    """The territory profiles of a list page, in its language where translated (else their
    original), filtered by the query string's country, size and altitude bands, a dimension
    its published practices work on and openness to exchange (unknown values are ignored, as
    in the catalogue); with the points of the map of those with coordinates."""
    territories = published(TerritoryPage.objects.all())
    present = set(territories.order_by().values_list("country", flat=True).distinct())
    taxonomy = Taxonomy.for_locale(index.locale_id)
    chosen = {"country": (params.get("country") or "").upper(), "size": params.get("size", ""),
              "altitude": params.get("altitude", ""), "open": params.get("open") == "1",
              "dimension": params.get("dimension", "")}
    if chosen["dimension"] in taxonomy.dimensions:
        working = published(PracticePage.objects.filter(dimensions__slug=chosen["dimension"]))
        territories = territories.filter(translation_key__in=TerritoryPage.objects.filter(
            pk__in=working.values("territory_page")).values("translation_key"))
    if chosen["country"] and chosen["country"] in dict(countries):  # (none listed: none)
        territories = territories.filter(country=chosen["country"])
    territories = _band(territories, "population", SIZE_BANDS, chosen["size"])
    territories = _band(territories, "altitude_m", ALTITUDE_BANDS, chosen["altitude"])
    if chosen["open"]:
        territories = territories.filter(open_to_exchange=True)
    pages = localized_pages(territories.select_related("locale").order_by("title"),
                            index.locale_id)
    counts = dict(published(PracticePage.objects.filter(territory_page__isnull=False))
                  .order_by().values("territory_page__translation_key")
                  .annotate(n=Count("translation_key", distinct=True))
                  .values_list("territory_page__translation_key", "n"))
    return {
        "territories": [(page, counts.get(page.translation_key, 0)) for page in pages],
        "places": [{"name": page.title, "url": page.url, "lat": float(page.latitude),
                    "lon": float(page.longitude), "label": str(page.country.name)}
                   for page in pages if page.latitude is not None
                   and page.longitude is not None],
        "dimensions": taxonomy.ordered("dimensions"),
        "chosen": chosen,
        "countries": [(code, name) for code, name in countries if code in present],
        "size_bands": [(slug, label) for slug, label, _low, _high in SIZE_BANDS],
        "altitude_bands": [(slug, label) for slug, label, _low, _high in ALTITUDE_BANDS],
    }


def territory_context(page):
    """A territory's practices (one card per practice, in the page's language where
    translated) and its pilot journey in that language."""
    group = TerritoryPage.objects.filter(translation_key=page.translation_key)
    practices = practice_card_queryset(one_per_group(
        published(PracticePage.objects.filter(territory_page__in=group)), page.locale_id)
        .order_by("title"))
    return {"practices": cards(practices),
            "pilot": version_in(PilotTerritoryPage, page.pilot_id, page.locale_id),
            "languages_spoken": languages_named(page.languages.values_list(
                "language_code", flat=True)),
            "catalogue_url": catalogue_url(page.locale_id),
            "taxonomy": Taxonomy.for_locale(page.locale_id)}


def languages_named(codes):
    """The names of these languages in the visitor's, alphabetical."""
    return sorted(get_language_info(code)["name_translated"] for code in codes)


def language_choices():
    """(code, name in the visitor's language) of the site's languages: a filter's options."""
    return [(code, get_language_info(code)["name_translated"])
            for code, _name in settings.LANGUAGES]


def version_in(model, pk, locale_id):
    """The published version of the page `pk` (a link's target) in this language where
    translated, else the group's original; None for no page. One query."""
    if not pk:
        return None
    group = model.objects.filter(pk=pk).values("translation_key")
    return next(iter(localized_pages(published(model.objects.filter(
        translation_key__in=group)), locale_id)), None)


def home_context(home):
    locale_id = home.locale_id
    latest = practice_card_queryset(
        one_per_group(published(PracticePage.objects.all()), locale_id)
        .order_by("-first_published_at", "-id")
    )[:6]
    return {
        "latest_practices": cards(latest),
        "taxonomy": Taxonomy.for_locale(locale_id),
        "catalogue_url": catalogue_url(locale_id),
        "territories": pilot_territories(locale_id),
        "practice_count": one_per_group(published(PracticePage.objects.all()), locale_id)
        .count(),
    }


def language_links(page, path=""):
    """Links for the language switcher. A language with a published version of the page leads
    to it; otherwise the visitor stays on the page's original version, with `?lang=` asking for
    a notice in the language they chose (`untranslated_notice`). A view that is not a page
    (assessment, forms) links to itself in each language."""
    translations, original = {}, None
    if page is not None and page.pk:
        versions = published_translations(page)
        translations = {other.locale.language_code: other for other in versions}
        wanted = getattr(page.specific, "original_language", "") or ""
        original = translations.get(wanted) or min(versions, key=lambda v: v.pk, default=None)
    links = []
    for code, _name in settings.LANGUAGES:
        target = translations.get(code)
        if target is not None:
            url = target.url
        elif original is not None:
            url = f"{original.url}?{urlencode({'lang': code})}"
        else:
            url = translate_url(path, code) if path else None
            if not url or url == path and code != translation.get_language():
                with translation.override(code):
                    url = reverse("wagtail_serve", args=[""])
        links.append({"code": code, "name": get_language_info(code)["name_local"], "url": url,
                      "translated": target is not None or original is None})
    return links


def untranslated_language(request, page):
    """The language a visitor asked for with `?lang=` when this page has no published version
    in it (None otherwise): the page then says so in that language."""
    wanted = request.GET.get("lang", "") if request is not None else ""
    if (page is None or not page.pk or wanted not in dict(settings.LANGUAGES)
            or wanted == page.locale.language_code):
        return None
    if published(page.get_translations()).filter(locale__language_code=wanted).exists():
        return None
    return wanted


SITE_VERSION_KEY = "kb-site-chrome-version"


def site_chrome(language_code):
    """What the header and footer of every page link to, in one language: the sections, the
    footer pages and the logos. Cached (plain values): every page shows them, and they change
    only when a page is published, unpublished, moved or deleted, or a logo is edited, which
    bumps the version (site_changed)."""
    version = cache.get_or_set(SITE_VERSION_KEY, 1, None)
    key = f"kb-site-chrome:{version}:{language_code}"
    chrome = cache.get(key)
    if chrome is None:
        chrome = {"sections": section_urls(language_code),
                  "pages": [{"title": p.title, "url": p.url, "lang": p.locale.language_code}
                            for p in footer_pages(language_code)],
                  "logos": footer_logos()}
        cache.set(key, chrome, 3600)
    return chrome


def site_changed(sender=None, **kwargs):
    try:
        cache.incr(SITE_VERSION_KEY)
    except ValueError:
        cache.set(SITE_VERSION_KEY, 2, None)


def footer_logos():
    logos = []
    for item in FooterLogo.objects.select_related("logo").order_by("sort_order", "pk"):
        image = item.logo.get_rendition("max-240x80")
        logos.append({"name": item.name, "url": item.url, "src": image.url,
                      "width": image.width, "height": image.height})
    return logos


def footer_pages(language_code):
    """The About, legal notice and accessibility pages in this language (else the original),
    in the order of StandardPage.ROLES."""
    pages = localized_pages(
        published(StandardPage.objects.exclude(role="")).select_related("locale"),
        Locale.objects.filter(language_code=language_code).values_list("pk", flat=True)
        .first())
    order = [role for role, _label in StandardPage.ROLES]
    return sorted(pages, key=lambda page: order.index(page.role))


def section_urls(language_code):
    """The header's sections in one language: the practice catalogue, the pilot list and the
    territories."""
    urls = {}
    for name, model in (("practices", PracticeIndexPage), ("pilots", PilotIndexPage),
                        ("territories", TerritoryIndexPage), ("events", EventIndexPage),
                        ("toolbox", ToolboxPage)):
        index = published(model.objects.filter(locale__language_code=language_code)).first()
        urls[name] = index.url if index else ""
    return urls
