"""The demo corpus (`load_demo`: fixtures/) renders: a page of each type in each language it
exists in, and the demo's richest factsheet, pilot journey and pilot result with all their
parts (the blocks, key figures, partners, sessions and indicators the fixtures hold)."""

import re
from html import unescape

import pytest
from wagtail.models import Locale, Page

from practices.models import PilotResultPage, PilotTerritoryPage, PracticePage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_a_page_of_each_type_renders_in_each_language_of_the_demo(client):
    seen = {}
    for page in Page.objects.live().exclude(depth=1).specific().order_by("path"):
        seen.setdefault((type(page).__name__, page.locale.language_code), page)
    for (_name, lang), page in seen.items():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = unescape(response.content.decode())
        assert f'<html lang="{lang}">' in html and page.title in html, page.url
    assert {name for name, _lang in seen} == {
        "HomePage", "PracticeIndexPage", "PilotIndexPage", "PracticePage",
        "PilotTerritoryPage", "PilotResultPage", "CallPage", "StandardPage",
        "TerritoryIndexPage", "TerritoryPage", "EventIndexPage", "EventPage", "ToolboxPage",
        "ResourcePage"}
    # The demo has practices in all five languages and pilots in three.
    assert {lang for name, lang in seen if name == "PracticePage"} == {"en", "fr", "de", "it",
                                                                        "sl"}
    assert {lang for name, lang in seen if name == "PilotTerritoryPage"} == {"fr", "it", "en"}


def test_practice_page_shows_the_factsheet(client):
    page = PracticePage.objects.get(external_id="sv-fr-001")
    page.validated_at = "2024-03-01"
    page.validation_note = "Évaluation de terrain par le groupe alpin."
    page.save_revision().publish()
    html = unescape(client.get(page.url).content.decode())
    for text in (
        "Bancs de covoiturage du Queyras",  # title
        "Douze « arrêts sur le pouce »",  # summary
        "la ligne de car ne passe que deux fois",  # body paragraph
        "kf-value",  # key figures block
        "<blockquote>",  # quote block
        "Communauté de communes du Guillestrois et du Queyras",  # territory + lead
        "Provence-Alpes-Côte d'Azur",  # region
        ">France</a>",  # localised country name linking to the filter
        "7\u202f400",  # population, grouped the French way
        "1\u202f380 m",  # altitude
        "44.7596, 6.8569",  # coordinates
        "openstreetmap.org",
        "Mobilité intelligente",  # dimension label in French
        "Éloignement des services",  # challenge label in French
        "#covoiturage",  # tag
        "En cours",  # status
        "2019–",  # timescale
        "Parc naturel régional du Queyras",  # partners
        "Moyens nécessaires", "Preuves de réussite", "Ce qui n'a pas marché",
        "Potentiel de transfert",
        "https://www.example.org/queyras-bancs",  # website
        "Validée par l'équipe éditoriale du programme",  # validation badge
        "Évaluation de terrain par le groupe alpin.",
        "Langue d'origine", "Langues", "traduction relue", 'hreflang="en"',
        "Réseau de 15 bancs de covoiturage",  # related pilot result
        'media="print"',
    ):
        assert text in html, text
    assert "?dimension=mobility" in html and "?challenge=service-access" in html
    assert "?tag=covoiturage" in html and "?status=ongoing" in html


def test_pilot_territory_shows_the_journey(client):
    page = PilotTerritoryPage.objects.get(slug="pays-des-ecrins", locale__language_code="fr")
    html = unescape(client.get(page.url).content.decode())
    for text in ("Où en sommes-nous ?", "Où allons-nous ? Où voulons-nous être ?",
                 "Comment y allons-nous ?", "Y parvenons-nous ?",
                 "Comment valoriser et transférer nos résultats ?", "Groupe local d'action",
                 "Maison France services", 'datetime="2019-05-14"',
                 "Réseau de 15 bancs de covoiturage"):
        assert text in html, text
    # Sessions are in calendar order.
    positions = [html.index(t) for t in ('datetime="2019-05-14"', 'datetime="2019-09-24"',
                                         'datetime="2021-03-18"')]
    assert positions == sorted(positions)


def test_pilot_result_shows_indicators_and_linked_practices(client):
    page = PilotResultPage.objects.get(slug="reseau-bancs-covoiturage",
                                       locale__language_code="fr")
    html = unescape(client.get(page.url).content.decode())
    assert re.search(r"Bancs installés</th><td>0</td><td>15</td>", html)
    assert "Bancs de covoiturage du Queyras" in html  # linked practice, French version
    assert "Mitfahrbänke im Bregenzerwald" not in html  # the French translation is preferred
    assert "Bancs « Mitfahrbank » du Bregenzerwald" in html
    english = page.get_translation(Locale.objects.get(language_code="en"))
    html_en = unescape(client.get(english.url).content.decode())
    assert "Benches installed" in html_en and "Car-pooling benches in the Queyras" in html_en


def test_demo_shows_transfers_at_every_stage_and_follow_up_updates(client):
    from practices.models import Transfer

    stages = set(Transfer.objects.filter(status="validated").values_list("stage", flat=True))
    assert Transfer.objects.filter(status="validated").count() >= 10
    assert stages == {"exploring", "adapting", "implemented", "discontinued"}
    shop = PracticePage.objects.get(external_id="sv-it-001")
    html = unescape(client.get(shop.url).content.decode())
    assert "Ripresa da 3 territori" in html
    assert "Commune de Saint-Véran" in html and "Cinque anni dopo" in html
    kobarid = Transfer.objects.get(external_id="demo-transfer-01").territory
    html = unescape(client.get(kobarid.url).content.decode())
    assert "Mitfahrbänke im Bregenzerwald" in html
    data = client.get("/api/v1/transfers/", {"page_size": 100}).json()
    assert data["count"] == Transfer.objects.filter(status="validated").count()
    found = client.get("/api/v1/search/", {"sort": "reused"}).json()["results"]
    assert found[0]["title"] in {"Bottega di comunità a Ostana", "Community shop in Ostana"}
