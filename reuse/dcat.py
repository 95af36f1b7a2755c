"""The site's open data as a DCAT-AP 3 catalogue (rdflib; Turtle and JSON-LD): one dataset
per export of reuse.datasets (practices, transfers, pilots, pilot results, events, toolbox
resources), each with its distributions (CSV, JSON, JSON Lines, XLSX; the events' iCalendar
feed), licence, publisher, languages, temporal and spatial coverage and modification date;
the read API as a data service. Checked in the tests against the official DCAT-AP 3.0.0
SHACL shapes (tests/reuse/dcat-ap-3.0.0-SHACL.jsonld)."""

from datetime import date

from django.conf import settings
from django.db.models import Max, Min
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from core.pages import published
from practices.models import EventIndexPage, EventPage, PracticePage, ResourcePage
from practices.transfers import public_transfers

from .datasets import BY_NAME, DATASETS
from .selection import freshness

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
LANGUAGE = {"en": "ENG", "fr": "FRA", "de": "DEU", "it": "ITA", "sl": "SLV"}
FORMATS = {  # export format: (EU file type, IANA media type)
    "csv": ("CSV", "text/csv"), "json": ("JSON", "application/json"),
    "jsonl": ("JSON", "application/x-ndjson"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
THEME_LABELS = {"REGI": "Regions and cities", "SOCI": "Population and society",
                "GOVE": "Government and public sector", "EDUC": "Education, culture and sport"}
THEMES = {"practices": ["REGI", "SOCI"], "transfers": ["REGI"], "pilots": ["REGI", "GOVE"],
          "pilot-results": ["REGI", "GOVE"], "events": ["EDUC", "REGI"],
          "resources": ["EDUC", "GOVE"]}
LICENCES = {  # the data licence's words -> its URI where it is a known one
    "CC BY 4.0": "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"}


def typed(graph, uri, *classes):
    """The node, stating its classes (the shapes are checked without inference: a node's
    class is what the catalogue says)."""
    node = uri if isinstance(uri, URIRef | BNode) else URIRef(uri)
    for cls in classes:
        graph.add((node, RDF.type, cls))
    return node


def language(graph, code):
    return typed(graph, f"{EU}language/{code}", DCTERMS.LinguisticSystem)


def country(graph, code):
    return typed(graph, f"{EU}country/{code}", DCTERMS.Location)


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def alpha3(code):
    return countries.alpha3(code) if code else None


def each_language(text):
    """A translatable text as literals in the five languages."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            yield Literal(str(text), lang=code)


def coverage(name):
    """(countries, (first day, last day) or None, last modification) of a dataset."""
    if name in ("practices", "transfers"):
        practices = published(PracticePage.objects.all())
        if name == "transfers":
            practices = practices.filter(translation_key__in=public_transfers().values(
                "practice__translation_key"))
        codes = set(practices.order_by().values_list("country", flat=True).distinct())
        years = practices.aggregate(first=Min("start_year"), last=Max("end_year"),
                                    started=Max("start_year"))
        first, last = years["first"], years["last"] or years["started"]
        period = (date(first, 1, 1), date(last, 12, 31)) if first and last else None
        moment = (freshness(public_transfers(), "updated_at") if name == "transfers"
                  else freshness(practices))[1]
        return codes, period, moment
    dataset = BY_NAME[name]
    pages = dataset.pages()
    located = any(field.name == "country" for field in dataset.model._meta.fields)
    codes = (set(pages.exclude(country="").order_by().values_list("country", flat=True))
             if located else set())
    period = None
    if dataset.model is EventPage:
        span = pages.aggregate(first=Min("start"), last=Max("end"))
        if span["first"]:
            period = (span["first"].date(), span["last"].date())
    return codes, period, freshness(pages)[1]


def build():
    """The catalogue as an rdflib Graph."""
    root = base_url()
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF),
                              ("vcard", VCARD)):
        graph.bind(prefix, namespace)
    catalogue = URIRef(f"{root}/data/catalogue")
    publisher = URIRef(f"{root}/#publisher")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(settings.WAGTAIL_SITE_NAME)))
    kind = typed(graph, "http://purl.org/adms/publishertype/NonProfitOrganisation",
                 SKOS.Concept)
    graph.add((kind, SKOS.prefLabel, Literal("Non-Profit Organisation", lang="en")))
    graph.add((publisher, DCTERMS.type, kind))
    licence = URIRef(LICENCES.get(settings.KB_DATA_LICENCE, settings.KB_DATA_LICENCE_URL))
    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    contact = BNode()
    typed(graph, contact, VCARD.Organization, VCARD.Kind)
    graph.add((contact, VCARD.fn, Literal(settings.WAGTAIL_SITE_NAME)))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.DEFAULT_FROM_EMAIL}")))

    graph.add((catalogue, RDF.type, DCAT.Catalog))
    for literal in each_language(_("Smart Villages Knowledge Base open data")):
        graph.add((catalogue, DCTERMS.title, literal))
    for literal in each_language(_(
            "Good practices, transfers, pilot territories and their results, events and "
            "toolbox resources of the Alpine Smart Villages programme.")):
        graph.add((catalogue, DCTERMS.description, literal))
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, FOAF.homepage, typed(graph, f"{root}/", FOAF.Document)))
    graph.add((catalogue, DCTERMS.license, licence))
    for code in LANGUAGE.values():
        graph.add((catalogue, DCTERMS.language, language(graph, code)))
    graph.add((catalogue, DCTERMS.modified, Literal(timezone.now().date(), datatype=XSD.date)))

    api = URIRef(f"{root}/api/v1/")
    graph.add((api, RDF.type, DCAT.DataService))
    for literal in each_language(_("Smart Villages read and search API")):
        graph.add((api, DCTERMS.title, literal))
    graph.add((api, DCAT.endpointURL, typed(graph, api, RDFS.Resource)))
    graph.add((api, DCAT.endpointDescription,
               typed(graph, f"{root}/api/v1/openapi.json", RDFS.Resource)))
    graph.add((api, DCTERMS.license, licence))
    graph.add((catalogue, DCAT.service, api))

    spatial_all = set()
    for dataset in DATASETS:
        node = URIRef(f"{root}/data/catalogue#{dataset.name}")
        graph.add((catalogue, DCAT.dataset, node))
        graph.add((api, DCAT.servesDataset, node))
        codes, period, modified = coverage(dataset.name)
        spatial_all |= codes
        add_dataset(graph, node, dataset, codes, period, modified, publisher, contact,
                    licence, root)
    for code in sorted(filter(None, map(alpha3, spatial_all))):
        graph.add((catalogue, DCTERMS.spatial, country(graph, code)))
    return graph


def add_dataset(graph, node, dataset, codes, period, modified, publisher, contact, licence,
                root):
    graph.add((node, RDF.type, DCAT.Dataset))
    for literal in each_language(dataset.title):
        graph.add((node, DCTERMS.title, literal))
    for literal in each_language(dataset.description):
        graph.add((node, DCTERMS.description, literal))
    graph.add((node, DCTERMS.identifier, Literal(f"smart-villages-{dataset.name}")))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCAT.contactPoint, contact))
    graph.add((node, DCAT.landingPage,
               typed(graph, f"{root}/{settings.LANGUAGE_CODE}/data/", FOAF.Document)))
    graph.add((node, DCTERMS.accrualPeriodicity,
               typed(graph, f"{EU}frequency/CONT", DCTERMS.Frequency)))
    for theme in THEMES[dataset.name]:
        concept = typed(graph, f"{EU}data-theme/{theme}", SKOS.Concept)
        graph.add((concept, SKOS.prefLabel, Literal(THEME_LABELS[theme], lang="en")))
        graph.add((node, DCAT.theme, concept))
    for code in LANGUAGE.values():
        graph.add((node, DCTERMS.language, language(graph, code)))
    for code in sorted(filter(None, map(alpha3, codes))):
        graph.add((node, DCTERMS.spatial, country(graph, code)))
    if period:
        span = BNode()
        graph.add((span, RDF.type, DCTERMS.PeriodOfTime))
        graph.add((span, DCAT.startDate, Literal(period[0], datatype=XSD.date)))
        graph.add((span, DCAT.endDate, Literal(period[1], datatype=XSD.date)))
        graph.add((node, DCTERMS.temporal, span))
    if modified:
        graph.add((node, DCTERMS.modified, Literal(modified.replace(microsecond=0),
                                                    datatype=XSD.dateTime)))
    for fmt, (file_type, media_type) in FORMATS.items():
        url = URIRef(f"{root}/exports/{dataset.name}.{fmt}")
        add_distribution(graph, node, url, fmt, file_type, media_type, licence, modified)
    if dataset.model is EventPage:  # the upcoming events, for calendars
        agenda = published(EventIndexPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE)).first()
        if agenda is not None:
            url = URIRef(root + agenda.url + agenda.reverse_subpage("feed"))
            add_distribution(graph, node, url, "ics", "ICS", "text/calendar", licence,
                             modified)
    if dataset.model is ResourcePage:
        graph.add((node, DCAT.keyword, Literal("toolbox", lang="en")))
    for word in ("smart villages", "rural development", "Alps"):
        graph.add((node, DCAT.keyword, Literal(word, lang="en")))


def add_distribution(graph, dataset, url, fmt, file_type, media_type, licence, modified):
    distribution = URIRef(f"{url}#distribution")
    graph.add((dataset, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCAT.accessURL, typed(graph, url, RDFS.Resource)))
    graph.add((distribution, DCAT.downloadURL, url))
    graph.add((distribution, DCTERMS.title, Literal(fmt.upper(), lang="en")))
    file_format = URIRef(f"{EU}file-type/{file_type}")
    graph.add((file_format, RDF.type, DCTERMS.MediaTypeOrExtent))
    graph.add((distribution, DCTERMS["format"], file_format))
    media = URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")
    graph.add((media, RDF.type, DCTERMS.MediaType))
    graph.add((distribution, DCAT.mediaType, media))
    graph.add((distribution, DCTERMS.license, licence))
    if modified:
        graph.add((distribution, DCTERMS.modified, Literal(modified.replace(microsecond=0),
                                                            datatype=XSD.dateTime)))


def serialised(fmt):
    """The catalogue as Turtle ("ttl") or JSON-LD ("jsonld")."""
    return build().serialize(format="turtle" if fmt == "ttl" else "json-ld")
