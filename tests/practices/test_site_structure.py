"""A fresh database is a working site: locales, home pages, catalogue, taxonomy."""

import re

import pytest
from wagtail.models import Locale, Site

from practices.models import Challenge, Dimension, HomePage, PilotIndexPage, PracticeIndexPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_corpus")]
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


def test_about_legal_notice_and_accessibility_in_every_language_from_the_footer(client):
    import json
    from html import unescape

    from django.conf import settings

    texts = json.loads((settings.BASE_DIR / "fixtures/site_pages.json").read_text())
    for code in ("en", "fr", "de", "it", "sl"):
        home = unescape(client.get(f"/{code}/").content.decode())
        footer = home[home.index('<footer class="site-footer">'):]
        for role in ("about", "legal", "accessibility"):
            title, slug, _summary, paragraphs = texts[role][code]
            url = f"/{code}/{slug}/"
            assert f'<a href="{url}">{title}</a>' in footer, (code, role)
            page = unescape(client.get(url).content.decode())
            assert f"<h1>{title}</h1>" in page and paragraphs[0] in page
    german = unescape(client.get("/de/impressum/").content.decode())
    assert "Kontakt und Impressum" in german


def test_partner_and_funder_logos_in_the_footer(client):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from practices.models import FooterLogo

    image = get_image_model().objects.create(title="logo", file=get_test_image_file())
    FooterLogo.objects.create(name="Interreg Alpine Space", kind="funder", logo=image,
                              url="https://www.alpine-space.eu/")
    html = client.get("/it/").content.decode()
    assert re.search(r'<a href="https://www.alpine-space.eu/" rel="noopener"><img src="[^"]+" '
                     r'width="\d+" height="\d+" alt="Interreg Alpine Space"', html)


def test_footer_links_follow_publishing(client):
    from practices.models import StandardPage

    about = StandardPage.objects.get(role="about", locale__language_code="en")
    assert f'href="{about.url}"' in client.get("/en/").content.decode()  # cached now
    about.title = "About this programme"
    about.save_revision().publish()
    assert ">About this programme</a>" in client.get("/en/").content.decode()
    about.unpublish()
    html = client.get("/en/").content.decode()
    assert "About this programme" not in html


def test_migrations_run_no_app_code():
    """A migration runs against the tables of its time: it may name its own app's model
    module (field callables) but never call app code, which follows today's models."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    apps = {"core", "practices", "search", "participation", "assessment", "reuse", "kb"}
    offenders = []
    for path in root.glob("*/migrations/0*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            for name in names:
                if name.split(".")[0] in apps and not name.endswith(".models"):
                    offenders.append(f"{path.relative_to(root)}: {name}")
    assert offenders == []


def test_roles_are_seeded_after_migrate():
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission, Workflow

    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"view_submission", "change_dimension", "add_footerlogo",
            "change_glossaryconcept", "change_question"} <= codenames
    assert Workflow.objects.filter(name="Editorial review").exists()
    for catalogue in PracticeIndexPage.objects.all():
        assert GroupPagePermission.objects.filter(
            group=editors, page=catalogue, permission__codename="publish_page").exists()
