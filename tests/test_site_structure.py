"""A fresh database is a working site: locales, home pages, catalogue, taxonomy."""

import pytest
from wagtail.models import Locale, Site

from practices.models import Challenge, Dimension, HomePage, PilotIndexPage, PracticeIndexPage

pytestmark = pytest.mark.django_db
LANGS = ["de", "en", "fr", "it", "sl"]


def test_every_language_has_home_catalogue_and_pilot_index():
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == LANGS
    for model in (HomePage, PracticeIndexPage, PilotIndexPage):
        pages = model.objects.live().select_related("locale")
        assert sorted(p.locale.language_code for p in pages) == LANGS
        assert len({p.translation_key for p in pages}) == 1
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_taxonomy_slugs_and_labels_in_five_languages():
    expected_dimensions = {"governance", "people", "living", "environment", "economy", "mobility"}
    expected_challenges = {"depopulation", "service-access", "mobility", "rural-urban",
                           "low-carbon", "digital", "local-economy"}
    for lang in LANGS:
        assert set(Dimension.objects.filter(locale__language_code=lang)
                   .values_list("slug", flat=True)) == expected_dimensions
        assert set(Challenge.objects.filter(locale__language_code=lang)
                   .values_list("slug", flat=True)) == expected_challenges
    assert Dimension.objects.get(slug="mobility", locale__language_code="de").name == \
        "Intelligente Mobilität"
    assert Dimension.objects.get(slug="people", locale__language_code="fr").name == \
        "Citoyen intelligent"


def test_root_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"
