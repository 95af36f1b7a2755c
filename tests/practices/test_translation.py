"""Editors translate practices with wagtail-localize."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import translate_object

from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


def german_only():
    return PracticePageFactory(language="de", title="Bürgerbus Oberes Lechtal", country="AT",
                               latitude=Decimal("47.25"), longitude=Decimal("10.45"),
                               dimensions=("mobility", "people"),
                               summary="Ehrenamtliche fahren einen Bus zwischen den Dörfern.")


def test_wagtail_localize_creates_a_linked_draft_translation(client):
    page = german_only()
    italian = Locale.objects.get(language_code="it")
    source, _created = TranslationSource.get_or_create_from_instance(page)
    source.create_or_update_translation(italian, publish=False, fallback=True)
    translation = page.get_translation(italian).specific
    assert translation.translation_key == page.translation_key
    assert not translation.live  # a draft until the editor publishes it
    assert translation.external_id == f"kb-{translation.pk}"  # its own identifier, not a copy
    assert translation.original_language == "de"
    assert translation.country.code == page.country.code
    assert translation.latitude == page.latitude
    assert sorted(d.slug for d in translation.dimensions.all()) == ["mobility", "people"]
    translation.save_revision().publish()
    html = client.get(translation.url).content.decode()
    assert "Mobilità intelligente" in html  # taxonomy label in the page's language
    assert "Tedesco" in html  # "Original language: German", in Italian


def test_translate_this_page_starts_a_draft_that_is_not_available_yet(client):
    """The admin's "Translate this page" (wagtail-localize's translate_object) on a live page:
    the copy still holds the German text, so it stays a draft until the translator publishes
    it, and the catalogue does not count it as available in Italian."""
    page = german_only()
    italian = Locale.objects.get(language_code="it")
    translate_object(page, [italian])
    translation = page.get_translation(italian).specific
    assert not translation.live
    available = client.get("/api/v1/search/", {"q": "Bürgerbus", "language": "it"}).json()
    assert available["count"] == 0
    assert client.get(translation.url).status_code == 404
    translation.save_revision().publish()
    available = client.get("/api/v1/search/", {"q": "Bürgerbus", "language": "it"}).json()
    assert available["count"] == 1


def test_a_translation_made_in_the_admin_exports_and_imports_back(tmp_path):
    """Every page has a stable exchange id, whatever made it: a translation made with
    "Translate this page" exports with its id and the export imports back unchanged."""
    page = german_only()
    translate_object(page, [Locale.objects.get(language_code="sl")])
    translation = page.get_translation(Locale.objects.get(language_code="sl")).specific
    assert translation.external_id == f"kb-{translation.pk}"
    translation.title = "Občinski avtobus"
    translation.save_revision().publish()  # the draft made before the id does not drop it
    translation.refresh_from_db()
    assert translation.external_id == f"kb-{translation.pk}"

    path = tmp_path / "all.json"
    call_command("export_practices", "--format", "json", "--output", str(path),
                 stderr=io.StringIO())
    out = io.StringIO()
    call_command("import_practices", str(path), "--no-progress", stdout=out,
                 stderr=io.StringIO())
    assert "updated: 0," in out.getvalue() and "failed: 0" in out.getvalue()


def test_a_new_translation_does_not_show_the_original_languages_tags(client):
    page = PracticePageFactory(language="fr", title="Covoiturage de village",
                               tags=("covoiturage", "autostop"))
    french_tags = list(page.tags.names())
    english = Locale.objects.get(language_code="en")
    translate_object(page, [english])
    translation = page.get_translation(english).specific
    translation.save_revision().publish()
    assert list(translation.tags.names()) == []
    html = client.get(translation.url).content.decode()
    assert not any(f"#{tag}" in html for tag in french_tags)
    assert sorted(page.tags.names()) == sorted(french_tags)  # the original keeps its own
