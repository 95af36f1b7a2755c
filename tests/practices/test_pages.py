"""Every page renders in its language, with what a reader needs: the language switcher,
the header's search, localised numbers, and never an owner's e-mail address."""

import re
from html import unescape

import pytest
from django.test import Client
from wagtail.models import Page

from practices.models import PilotTerritoryPage, PracticePage
from practices.territories import link_territories
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("corpus")]


@pytest.fixture(scope="module")
def corpus(module_data):
    """The catalogue's practices, a French original with an English translation and no
    German one, an Italian practice in a village of more than a thousand people, and the
    profiles of the territories the practices name."""
    def build():
        corpus = factories.catalogue_corpus()
        original = PracticePage.objects.get(title="Budget participatif de la vallée de Thônes")
        factories.PracticePageFactory(
            translation_of=original, original_language="fr", country="FR",
            title="Participatory budget of the Thônes valley", dimensions=("governance",))
        PracticePage.objects.filter(locale__language_code="it").update(population=1250)
        link_territories()
        return corpus
    return module_data(build)


@pytest.fixture(scope="module")
def live_pages(corpus, django_db_blocker):
    """Every live page with its HTML, fetched once for the tests that read them all."""
    with django_db_blocker.unblock():
        client = Client()
        return [(page, client.get(page.url))
                for page in Page.objects.live().exclude(depth=1).specific()]


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
                          "PilotTerritoryPage", "PilotResultPage", "StandardPage",
                          "TerritoryIndexPage", "TerritoryPage", "EventIndexPage",
                          "ToolboxPage"}
    assert {lang for name, lang in seen if name == "PracticePage"} == {"en", "fr", "de", "it",
                                                                        "sl"}
    assert {lang for name, lang in seen if name in ("HomePage", "StandardPage")} == {
        "en", "fr", "de", "it", "sl"}


def test_ui_strings_are_translated(client):
    expectations = {"fr": "Aller au contenu", "de": "Zum Inhalt springen",
                    "it": "Vai al contenuto", "sl": "Skoči na vsebino", "en": "Skip to content"}
    for lang, text in expectations.items():
        assert text in client.get(f"/{lang}/").content.decode()


def test_contact_email_is_never_in_html(live_pages):
    practices = [(page, response) for page, response in live_pages
                 if isinstance(page, PracticePage)]
    assert len(practices) == PracticePage.objects.live().count()
    for page, response in practices:
        assert page.contact_email
        html = unescape(response.content.decode())
        assert page.contact_email not in html
        assert not re.search(r"mailto:[^?]", html)  # sharing links carry no address


def test_language_switcher_stays_on_the_practice_when_it_is_not_translated(client):
    page = PracticePage.objects.get(title="Participatory budget of the Thônes valley")
    html = client.get(page.url).content.decode()
    french = PracticePage.objects.get(title="Budget participatif de la vallée de Thônes")
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
