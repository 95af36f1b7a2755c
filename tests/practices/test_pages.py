"""Every page type renders in every language it exists in, with what a reader needs."""

import re
from html import unescape

import pytest
from django.db import transaction
from django.test import Client
from wagtail.models import Locale, Page

from practices.models import PilotResultPage, PilotTerritoryPage, PracticePage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


@pytest.fixture(scope="module")
def live_pages(django_db_setup, django_db_blocker):
    """Every live page of the demo with its HTML, fetched once for the tests that read them
    all (what rendering writes, such as image renditions, is rolled back)."""
    with django_db_blocker.unblock(), transaction.atomic():
        client = Client()
        pages = [(page, client.get(page.url))
                 for page in Page.objects.live().exclude(depth=1).specific()]
        transaction.set_rollback(True)
    return pages


def test_every_live_page_renders_in_its_language(live_pages):
    seen = set()
    for page, response in live_pages:
        assert response.status_code == 200, page.url
        html = unescape(response.content.decode())
        lang = page.locale.language_code
        assert f'<html lang="{lang}">' in html, page.url
        assert page.title in html, page.url
        seen.add((type(page).__name__, lang))
    page_types = {name for name, _lang in seen}
    assert page_types == {"HomePage", "PracticeIndexPage", "PilotIndexPage", "PracticePage",
                          "PilotTerritoryPage", "PilotResultPage", "CallPage", "StandardPage"}
    # The demo has practices in all five languages and pilots in three.
    assert {lang for name, lang in seen if name == "PracticePage"} == {"en", "fr", "de", "it",
                                                                        "sl"}
    assert {lang for name, lang in seen if name == "PilotTerritoryPage"} == {"fr", "it", "en"}


def test_ui_strings_are_translated(client):
    expectations = {"fr": "Aller au contenu", "de": "Zum Inhalt springen",
                    "it": "Vai al contenuto", "sl": "Skoči na vsebino", "en": "Skip to content"}
    for lang, text in expectations.items():
        assert text in client.get(f"/{lang}/").content.decode()


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


def test_contact_email_is_never_in_html(live_pages):
    practices = [(page, response) for page, response in live_pages
                 if isinstance(page, PracticePage)]
    assert len(practices) == PracticePage.objects.live().count()
    for page, response in practices:
        assert page.contact_email
        html = unescape(response.content.decode())
        assert page.contact_email not in html
        assert not re.search(r"mailto:[^?]", html)  # sharing links carry no address


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


def test_language_switcher_stays_on_the_practice_when_it_is_not_translated(client):
    page = PracticePage.objects.get(external_id="sv-en-001")
    html = client.get(page.url).content.decode()
    french = PracticePage.objects.get(external_id="sv-fr-001")
    assert f'href="{french.url}" lang="fr" hreflang="fr">FR<' in html
    # No German version: the link keeps the visitor on this practice (its French original),
    # marked as untranslated.
    assert french.original_language == "fr"
    assert f'href="{french.url}?lang=de" lang="de" class="untranslated"' in html
    assert 'DE<span class="untranslated-mark" aria-hidden="true">*</span>' in html
    assert '<span aria-current="true" lang="en" class="current">EN' in html

    german = unescape(client.get(french.url, {"lang": "de"}).content.decode())
    assert "Deutsch: noch nicht übersetzt. Hier ist die Originalfassung (français)." in german
    assert f"<h1>{french.title}</h1>" in german
    # A translated language, or a code that is not a site language, brings no notice.
    for wanted in ("fr", "xx", "en"):
        html = client.get(page.url, {"lang": wanted}).content.decode()
        assert "untranslated-notice" not in html, wanted


def test_pilot_territories_fall_back_across_languages_like_practices(client):
    pilots = PilotTerritoryPage.objects.live()
    groups = {pilot.translation_key for pilot in pilots}
    for code in ("de", "sl", "fr"):
        index = Page.objects.get(locale__language_code=code, depth=3,
                                 content_type__model="pilotindexpage")
        html = unescape(client.get(index.url).content.decode())
        assert "No pilot territory" not in html and "Kein Pilotgebiet" not in html, code
        assert html.count('class="card-title"') == len(groups), code


def test_header_offers_search_and_the_main_sections_in_every_language(client):
    for code, practices, search_label in (("en", "Practices", "Search the knowledge base"),
                                          ("it", "Pratiche", "Cerca nella base di conoscenze")):
        catalogue = Page.objects.get(locale__language_code=code, depth=3,
                                     content_type__model="practiceindexpage")
        pilots = Page.objects.get(locale__language_code=code, depth=3,
                                  content_type__model="pilotindexpage")
        home = unescape(client.get(f"/{code}/").content.decode())
        # The home page's search box is in its hero, a plain GET form to the catalogue.
        assert re.search(rf'<form class="home-search" role="search" method="get" '
                         rf'action="{catalogue.url}">\s*<label for="home-q"[^>]*>'
                         rf'{search_label}', home)
        assert f'<a href="{catalogue.url}">{practices}</a>' in home
        assert f'<a href="{pilots.url}">' in home
        page = PracticePage.objects.live().filter(locale__language_code=code).first()
        html = unescape(client.get(page.url).content.decode())
        assert f'<form class="site-search" role="search" method="get" action="{catalogue.url}">' \
            in html
        found = client.get(catalogue.url, {"q": page.title})
        assert page.title in found.content.decode()


def test_numbers_dates_and_the_printed_address_follow_the_visitor(client, settings):
    from datetime import date

    from django.utils import translation

    from core.l10n import long_date, month_year, number

    expected = {"it": ("2 dicembre 2026", "dicembre 2026", "9.000"),
                "fr": ("2 décembre 2026", "décembre 2026", "9\u202f000"),
                "de": ("2. Dezember 2026", "Dezember 2026", "9.000"),
                "en": ("2 December 2026", "December 2026", "9,000")}
    for code, (day, month, thousands) in expected.items():
        with translation.override(code):
            assert (long_date(date(2026, 12, 2)), month_year(date(2026, 12, 2)),
                    number(9000)) == (day, month, thousands)
    page = PracticePage.objects.live().filter(locale__language_code="it",
                                              population__gte=1000).first()
    html = client.get(page.url).content.decode()
    assert f"<dd>{page.population:,}</dd>".replace(",", ".") in html
    methodology = unescape(client.get("/it/assessment/methodology/").content.decode())
    assert "1.000–1.500 m" in methodology and "1,000" not in methodology
    settings.ALLOWED_HOSTS = ["kb.example.org"]
    printed = client.get(page.url, HTTP_HOST="kb.example.org").content.decode()
    assert f'<p class="print-only print-footer">http://kb.example.org{page.url}</p>' in printed
