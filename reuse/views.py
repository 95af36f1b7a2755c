"""Open-data exports, the data dictionary, embeddable pages, oEmbed and robots.txt."""

import hashlib
import tempfile
from functools import wraps
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import condition, require_GET
from wagtail.models import Locale, Page, Site

from core.text import LANGUAGES
from practices.catalogue import Taxonomy, catalogue_url, published_by_id
from practices.exchange import FIELDS, export_chunks, iter_export_records, write_xlsx
from practices.models import PilotResultPage, PilotTerritoryPage, PracticePage
from practices.serializers import CARD_RENDITION
from practices.transfer_exchange import FIELDS as TRANSFER_FIELDS
from practices.transfer_exchange import flatten as transfer_cells
from practices.transfer_exchange import transfer_records
from practices.transfers import public_transfers
from search import engines
from search.params import parse, whole_number

from . import datasets, dcat
from .jsonld import json_ld
from .selection import freshness, selection
from .table import table_csv, table_xlsx

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "jsonl": "application/x-ndjson",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EMBED_LIMIT = (6, 24)  # default, maximum
CARD_SIZE = (480, 300)  # oEmbed iframe card: default width, height


def licence_statement():
    return (f"Smart Villages Knowledge Base open data, licence {settings.KB_DATA_LICENCE} "
            f"({settings.KB_DATA_LICENCE_URL}). Contact e-mail addresses are never exported.")


def public_records(pages):
    for record in iter_export_records(pages):
        record["contact_email"] = ""
        yield record


def file_version(*state):
    """An export's ETag: what it holds (`state`) and the licence."""
    text = "|".join(str(part) for part in (*state, settings.KB_DATA_LICENCE))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def unknown_export(what, choices):
    return HttpResponse(f"Unknown {what}: use one of {', '.join(choices)}.", status=404,
                        content_type="text/plain; charset=utf-8")


def licensed(response, filename=None):
    """An open-data answer: its licence linked (and, for a file, its name)."""
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{settings.KB_DATA_LICENCE_URL}>; rel="license"'
    return response


def exported(request):
    """(the practices an export holds, their count, their last publication), worked out
    once per request: the ETag, Last-Modified and the file all need them."""
    if not hasattr(request, "kb_exported"):
        pages = selection(request.GET)[1]
        request.kb_exported = (pages, *freshness(pages))
    return request.kb_exported


def export_version(request, fmt):
    """The export's ETag: what is asked (format, filter, labels), the practices' count and
    last publication, and the licence — whatever changes the file changes it."""
    _pages, count, last = exported(request)
    asked = "&".join(sorted(f"{k}={v}" for k, values in request.GET.lists() for v in values))
    return file_version(fmt, asked, count, last)


def export_last_modified(request, fmt):
    return exported(request)[2]


@require_GET
@condition(etag_func=export_version, last_modified_func=export_last_modified)
def export(request, fmt):
    """The current catalogue filter as a file in the import format (it imports back),
    streamed as it is written: CSV and JSON row by row, XLSX from a write-only workbook in
    a temporary file. Unchanged since the visitor's copy (ETag, Last-Modified): 304."""
    if fmt not in CONTENT_TYPES:
        return unknown_export(f"format “{escape(fmt)}”", CONTENT_TYPES)
    pages = exported(request)[0]
    labels = request.GET.get("labels", "")
    if labels in LANGUAGES and fmt in ("csv", "xlsx"):  # a table for a person, not an exchange
        body = (table_csv if fmt == "csv" else table_xlsx)(pages, labels, request)
        name = f"smart-villages-practices-{labels}.{fmt}"
        response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    elif fmt == "xlsx":
        name = "smart-villages-practices.xlsx"
        workbook = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it: deleted)
        write_xlsx(public_records(pages), workbook, licence=licence_statement())
        workbook.seek(0)
        response = FileResponse(workbook, content_type=CONTENT_TYPES[fmt])
    else:
        name = f"smart-villages-practices.{fmt}"
        response = StreamingHttpResponse(export_chunks(public_records(pages), fmt),
                                         content_type=CONTENT_TYPES[fmt])
    return licensed(response, name)


def dataset_version(request, name, fmt):
    dataset = datasets.BY_NAME.get(name)
    if dataset is None or dataset.model is None:
        return None
    return file_version(name, fmt, *freshness(dataset.pages()))


def dataset_last_modified(request, name, fmt):
    dataset = datasets.BY_NAME.get(name)
    return freshness(dataset.pages())[1] if dataset and dataset.model else None


@require_GET
@condition(etag_func=dataset_version, last_modified_func=dataset_last_modified)
def export_dataset(request, name, fmt):
    """Pilot territories, pilot results, events or toolbox resources as open data, in the
    read API's shapes (one record per published language version)."""
    dataset = datasets.BY_NAME.get(name)
    if dataset is None or dataset.model is None or fmt not in CONTENT_TYPES:
        return unknown_export(f"export “{escape(name)}.{escape(fmt)}”", [
            f"{d.name}.{f}" for d in datasets.DATASETS for f in CONTENT_TYPES])
    records = dataset.records(request)
    if fmt == "xlsx":
        response = FileResponse(datasets.workbook(records, licence_statement()),
                                content_type=CONTENT_TYPES[fmt])
    else:
        response = StreamingHttpResponse(datasets.chunks(records, fmt),
                                         content_type=CONTENT_TYPES[fmt])
    return licensed(response, f"smart-villages-{name}.{fmt}")


def datasets_json_ld(request):
    """The data page's datasets as a schema.org DataCatalog (search engines' dataset
    search)."""
    licence = settings.KB_DATA_LICENCE_URL
    return json_ld({
        "@context": "https://schema.org", "@type": "DataCatalog",
        "name": settings.WAGTAIL_SITE_NAME, "url": request.build_absolute_uri(),
        "license": licence, "dataset": [{
            "@type": "Dataset", "name": str(dataset.title),
            "description": str(dataset.description), "license": licence,
            "isAccessibleForFree": True, "inLanguage": list(LANGUAGES),
            "spatialCoverage": "Alps", "creator": {"@type": "Organization",
                                                    "name": settings.WAGTAIL_SITE_NAME},
            "distribution": [{"@type": "DataDownload", "encodingFormat": content_type,
                              "contentUrl": request.build_absolute_uri(
                                  f"/exports/{dataset.name}.{fmt}")}
                             for fmt, content_type in CONTENT_TYPES.items()]}
            for dataset in datasets.DATASETS]})


DCAT_TYPES = {"ttl": "text/turtle; charset=utf-8", "jsonld": "application/ld+json"}


@require_GET
def dcat_catalogue(request, fmt):
    """The DCAT-AP 3 catalogue of the open data (reuse.dcat), for data portals
    (data.europa.eu harvests DCAT-AP)."""
    if fmt not in DCAT_TYPES:
        raise Http404
    return licensed(HttpResponse(dcat.serialised(fmt), content_type=DCAT_TYPES[fmt]))


def transfers_version(request, fmt):
    return file_version("transfers", fmt, *freshness(public_transfers(), "updated_at"))


def transfers_last_modified(request, fmt):
    return freshness(public_transfers(), "updated_at")[1]


@require_GET
@condition(etag_func=transfers_version, last_modified_func=transfers_last_modified)
def export_transfers(request, fmt):
    """Every validated transfer of a public practice in the transfers' exchange format (it
    imports back), contacts left out; streamed as export() streams practices."""
    if fmt not in CONTENT_TYPES:
        return unknown_export(f"format “{escape(fmt)}”", CONTENT_TYPES)
    records = transfer_records(public_transfers())
    if fmt == "xlsx":
        workbook = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it: deleted)
        write_xlsx(records, workbook, licence=licence_statement(), fields=TRANSFER_FIELDS,
                   flat=transfer_cells, sheet="transfers")
        workbook.seek(0)
        response = FileResponse(workbook, content_type=CONTENT_TYPES[fmt])
    else:
        response = StreamingHttpResponse(
            export_chunks(records, fmt, fields=TRANSFER_FIELDS, flat=transfer_cells),
            content_type=CONTENT_TYPES[fmt])
    return licensed(response, f"smart-villages-transfers.{fmt}")


FIELD_HELP = {
    "external_id": _("Stable identifier of the record; importing the same id again updates it."),
    "language": _("Language of this version: en, fr, de, it or sl."),
    "translation_of": _("external_id of the original when this record is a translation."),
    "title": _("Title of the practice."),
    "summary": _("Short plain-text summary."),
    "body": _("Description, plain text, paragraphs separated by blank lines."),
    "country": _("ISO 3166-1 alpha-2 country code."),
    "region": _("Region (text)."),
    "territory": _("Municipality or inter-municipal body."),
    "latitude": _("Latitude in decimal degrees (WGS 84)."),
    "longitude": _("Longitude in decimal degrees (WGS 84)."),
    "dimensions": _("Smart dimensions (slugs), at least one; separated by | in CSV/XLSX."),
    "challenges": _("Rural challenges (slugs); separated by | in CSV/XLSX."),
    "tags": _("Free keywords; separated by | in CSV/XLSX."),
    "status": _("planned, ongoing, completed or discontinued."),
    "start_year": _("Year the practice started."),
    "end_year": _("Year the practice ended, if it did."),
    "population": _("Population of the territory."),
    "altitude_m": _("Altitude of the territory in metres."),
    "lead_organisation": _("Organisation leading the practice."),
    "partners": _("Partner organisations; separated by | in CSV/XLSX."),
    "resources": _("Resources needed (budget, people, equipment)."),
    "results": _("Evidence of success."),
    "lessons": _("What did not work."),
    "transferability": _("Potential for transfer to other territories."),
    "funding": _("Funding sources (slugs, listed below); separated by | in CSV/XLSX."),
    "budget_range": _("Total budget: under-10k, 10k-50k, 50k-250k, 250k-1m or over-1m (euros)."),
    "funding_share": _("Per cent of the budget the funding sources paid (0 to 100)."),
    "website": _("Website of the practice."),
    "contact_name": _("Contact person."),
    "contact_email": _("Always empty in public exports (never published)."),
    "published": _("true for published practices (exports contain only those)."),
}


TRANSFER_HELP = {
    "external_id": _("Stable identifier of the transfer; importing the same id again updates "
                     "it."),
    "practice": _("external_id of the practice reused (any of its language versions)."),
    "territory": _("The territory reusing it: municipality or inter-municipal body."),
    "country": _("ISO 3166-1 alpha-2 country code of that territory."),
    "region": _("Region of that territory (text)."),
    "stage": _("exploring, adapting, implemented or discontinued."),
    "exploring_since": _("Day the territory started exploring the practice (YYYY-MM-DD)."),
    "adapting_since": _("Day it started adapting it (YYYY-MM-DD)."),
    "implemented_since": _("Day it had it running (YYYY-MM-DD)."),
    "discontinued_since": _("Day it gave it up (YYYY-MM-DD)."),
    "adaptation": _("What was adapted, and why."),
    "organisation": _("Contact organisation of the territory."),
    "language": _("Language of the texts: en, fr, de, it or sl."),
    "funding": _("Funding sources (slugs, listed below); separated by | in CSV/XLSX."),
    "budget_range": _("Total budget: under-10k, 10k-50k, 50k-250k, 250k-1m or over-1m (euros)."),
    "funding_share": _("Per cent of the budget the funding sources paid (0 to 100)."),
    "indicators": _("Outcome indicators: a JSON array of {label, baseline, value, unit} "
                    "(baseline before, value after)."),
    "documents": _("Documents: a JSON array of {title, url}."),
    "status": _("validated (exports contain only those), pending or declined."),
    "contact_name": _("Always empty in public exports (never published)."),
    "contact_email": _("Always empty in public exports (never published)."),
}


def data_dictionary(request):
    taxonomy = Taxonomy.for_locale_code(translation.get_language())
    return render(request, "reuse/data_dictionary.html", {
        "datasets": datasets.DATASETS, "dataset_formats": list(CONTENT_TYPES),
        "datasets_json_ld": datasets_json_ld(request),
        "fields": [(name, FIELD_HELP[name]) for name in FIELDS],
        "transfer_fields": [(name, TRANSFER_HELP[name]) for name in TRANSFER_FIELDS],
        "dimensions": taxonomy.ordered("dimensions"),
        "challenges": taxonomy.ordered("challenges"),
        "funding": taxonomy.ordered("funding"),
        "licence": settings.KB_DATA_LICENCE, "licence_url": settings.KB_DATA_LICENCE_URL,
        "formats": ["csv", "xlsx", "json"],
    })


# --- embedding ------------------------------------------------------------------------------

def frameable(view):
    """Only these pages may be framed, by the sites in KB_EMBED_FRAME_ANCESTORS (read at
    request time; django-csp applies the `_csp_replace` it finds on the response)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response._csp_replace = {"frame-ancestors": settings.KB_EMBED_FRAME_ANCESTORS}
        return response

    return xframe_options_exempt(wrapped)


def embed_language(request):
    lang = request.GET.get("lang", "")
    return lang if lang in LANGUAGES else translation.get_language() or "en"


@frameable
@require_GET
def embed_practices(request):
    lang = embed_language(request)
    with translation.override(lang):
        query = parse(request.GET, lang=lang)
        limit = whole_number(request.GET.get("limit"))
        query.page_size = min(limit, EMBED_LIMIT[1]) if limit else EMBED_LIMIT[0]
        query.page, query.highlight, query.facets = 1, False, False
        if not query.q:
            query.sort = "newest"
        response = engines.search(query)
        params = request.GET.copy()
        for name in ("limit", "lang"):
            params.pop(name, None)
        locale = Locale.objects.filter(language_code=lang).first()
        full = (catalogue_url(locale.pk) if locale else "") or f"/{lang}/"
        return render(request, "reuse/embed_practices.html", {
            "hits": response.hits, "count": response.count, "lang": lang,
            "taxonomy": Taxonomy.for_locale_code(lang),
            "more_url": request.build_absolute_uri(full) + (
                f"?{params.urlencode()}" if params else ""),
        })


@frameable
@require_GET
def embed_card(request, page_id):
    page = published_by_id(Page, page_id).specific().first()
    if page is None or not embeddable(page):
        raise Http404
    with translation.override(page.locale.language_code):
        return render(request, "reuse/embed_card.html", {
            "item": page, "practice": isinstance(page, PracticePage),
            "taxonomy": Taxonomy.for_locale(page.locale_id),
        })


def page_for_url(request, url):
    """The published practice or pilot page at `url` on this site, else None."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
    except ValueError:  # e.g. "http://[::1/": not a URL of this site
        return None
    hosts = {request.get_host(), *(urlsplit(s.root_url).netloc for s in Site.objects.all())}
    if parts.scheme not in ("http", "https") or netloc not in hosts:
        return None
    lang = parts.path.strip("/").split("/")[0]
    site = Site.find_for_request(request)
    if lang not in LANGUAGES or site is None:
        return None
    with translation.override(lang):  # i18n_patterns resolve the active language's prefix
        try:
            match = resolve(parts.path)
            if match.url_name != "wagtail_serve":
                return None
            path = match.args[0] if match.args else match.kwargs.get("path", "")
            components = [c for c in path.split("/") if c]
            page = site.root_page.localized.specific.route(request, components).page.specific
        except (Resolver404, Http404):
            return None
    return page if embeddable(page) and published_by_id(Page, page.pk).exists() else None


def embeddable(page):
    return isinstance(page, PracticePage | PilotTerritoryPage | PilotResultPage)


@require_GET
def oembed(request):
    """oEmbed provider (https://oembed.com/): a `rich` card for practice and pilot URLs."""
    url = request.GET.get("url", "")
    if request.GET.get("format", "json") != "json":
        # oEmbed suggests 501 here; a client's choice is no server fault (monitoring counts
        # 5xx as outages), so it is a 400 with the reason.
        return JsonResponse({"error": "only format=json is supported", "field": "format"},
                            status=400)
    page = page_for_url(request, url) if url else None
    if page is None:
        return JsonResponse({"error": "url must be a published practice or pilot page of "
                                      "this site"}, status=404)
    width, height = CARD_SIZE
    sizes = {}
    for name in ("maxwidth", "maxheight"):
        value = request.GET.get(name, "")
        sizes[name] = whole_number(value)
        if value and sizes[name] is None:
            return JsonResponse({"error": f"{name} must be a whole number of pixels "
                                          "(at most 9 digits)"}, status=400)
    if sizes["maxwidth"]:
        width = max(200, min(width, sizes["maxwidth"]))
    if sizes["maxheight"]:
        height = max(150, min(height, sizes["maxheight"]))
    src = request.build_absolute_uri(reverse("reuse:embed-card", args=[page.pk]))
    html = (f'<iframe src="{src}" width="{width}" height="{height}" '
            f'title="{escape(page.title)}" loading="lazy" '
            f'style="border:0;max-width:100%"></iframe>')
    data = {
        "version": "1.0", "type": "rich", "title": page.title,
        "provider_name": settings.WAGTAIL_SITE_NAME,
        "provider_url": request.build_absolute_uri("/"),
        "html": html, "width": width, "height": height, "cache_age": 3600,
    }
    image = getattr(page, "image", None)
    if image is not None:
        rendition = image.get_rendition(CARD_RENDITION)
        data.update(thumbnail_url=request.build_absolute_uri(rendition.url),
                    thumbnail_width=rendition.width, thumbnail_height=rendition.height)
    return JsonResponse(data)


def oembed_discovery_url(request, page):
    return request.build_absolute_uri(reverse("reuse:oembed")) + "?" + urlencode(
        {"url": page.get_full_url(request), "format": "json"})


@require_GET
def robots(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /embed/", "Disallow: /api/",
             "Allow: /", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
