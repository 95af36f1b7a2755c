"""Editors manage pages, taxonomy and translations in the Wagtail admin."""

import re

import pytest
from django.urls import reverse

from practices.models import Dimension, PracticeIndexPage, PracticePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue_corpus")]


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def test_add_practice_form_offers_the_taxonomy_of_the_page_language(editor):
    index = PracticeIndexPage.objects.get(locale__language_code="de")
    url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", index.pk])
    html = editor.get(url).content.decode()
    assert "Intelligente Mobilität" in html
    assert "Smart mobility" not in html and "Mobilité intelligente" not in html


def test_editing_a_translation_keeps_its_dimensions(editor, catalogue_corpus):
    page = catalogue_corpus["practices"][1]  # the French translation
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    checked = re.findall(r'name="dimensions" value="(\d+)"[^>]*checked', html)
    expected = Dimension.objects.filter(locale=page.locale, slug__in=["mobility", "people"])
    assert sorted(map(int, checked)) == sorted(d.pk for d in expected)


def test_page_types_are_restricted_to_sensible_parents():
    assert PracticePage.parent_page_types == ["practices.PracticeIndexPage"]
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    assert [m.__name__ for m in index.specific_class.allowed_subpage_models()] == \
        ["PracticePage"]


def test_taxonomy_menu_and_snippet_listing(editor):
    html = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert "Taxonomy" in html
    listing = editor.get(reverse("wagtailsnippets_practices_dimension:list"))
    assert listing.status_code == 200
    assert "Smart governance" in listing.content.decode()


def test_preview_renders_the_factsheet(editor):
    page = PracticePage.objects.get(title="Comunità energetica di montagna")
    page.title = "Comunità energetica di montagna (bozza)"
    page.save_revision()
    response = editor.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code == 200
    assert "Comunità energetica di montagna (bozza)" in response.content.decode()


def test_the_preview_panel_may_frame_the_preview_and_nobody_else_may(editor):
    page = PracticePage.objects.get(title="Comunità energetica di montagna")
    preview = editor.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    public = editor.get(page.url)
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]
    assert public["X-Frame-Options"] == "DENY"


def test_editors_manage_the_glossary(editor):
    from search.models import GlossaryConcept

    listing = editor.get(reverse("wagtailsnippets_kbsearch_glossaryconcept:list"),
                         {"q": "covoiturage"})
    assert listing.status_code == 200 and "car-pooling" in listing.content.decode()
    assert "district-heating" not in listing.content.decode()  # only what matches
    assert GlossaryConcept.objects.count() >= 250
    concept = GlossaryConcept.objects.get(slug="car-pooling")
    edit = editor.get(reverse("wagtailsnippets_kbsearch_glossaryconcept:edit",
                              args=[concept.pk]))
    assert edit.status_code == 200 and "Mitfahrbank" in edit.content.decode()
    languages = set(concept.terms.values_list("language", flat=True))
    assert languages == {"en", "fr", "de", "it", "sl"}


def test_embed_builder_makes_snippets_from_the_chosen_filters(editor):
    assert "Embed the catalogue" in editor.get("/admin/").content.decode()
    response = editor.get("/admin/embed-catalogue/", {"lang": "de", "dimension": "mobility",
                                                      "country": "AT", "limit": "4"})
    html = response.content.decode()
    widget = re.search(r'id="kb-widget-snippet"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert "/static/kb/embed.js&quot; async" in widget  # stable, unhashed file name
    assert "data-dimension=&quot;mobility&quot;" in widget and "data-limit=&quot;4&quot;" in widget
    assert "/de/praxisbeispiele/?dimension=mobility&amp;amp;country=AT" in widget  # fallback
    iframe = re.search(r'id="kb-iframe-snippet"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert "/embed/practices/?dimension=mobility&amp;amp;country=AT&amp;amp;lang=de" in iframe
    assert 'data-kb-practices data-lang="de"' in html  # the live preview renders the widget
    bad = editor.get("/admin/embed-catalogue/", {"lang": "xx", "limit": "99"})
    assert bad.status_code == 200 and "error-message" in bad.content.decode()


def test_challenges_are_checkboxes_like_dimensions(editor, catalogue_corpus):
    page = catalogue_corpus["practices"][0]
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert re.search(r'type="checkbox" name="challenges"', html)
    assert not re.search(r'<select[^>]*name="challenges"', html)


def test_funding_is_edited_with_the_page_languages_labels(editor, catalogue_corpus):
    from practices.models import FundingSource

    page = catalogue_corpus["practices"][1]  # the French translation
    french = FundingSource.objects.filter(locale=page.locale)
    page.funding.set(FundingSource.objects.filter(locale__language_code="en", slug="erdf"))
    page.budget_range, page.funding_share = "10k-50k", 55
    page.save_revision().publish()
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Financement participatif" in html and "Crowdfunding" not in html
    checked = re.findall(r'name="funding" value="(\d+)"[^>]*checked', html)
    assert checked == [str(french.get(slug="erdf").pk)]  # a link made in English, kept
    assert re.search(r'<option value="10k-50k" selected>', html)
    assert re.search(r'name="funding_share" value="55"', html)


def test_pages_made_in_the_admin_get_ascii_addresses(editor):
    index = PracticeIndexPage.objects.get(locale__language_code="fr")
    url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", index.pk])
    # (the admin's slug script keeps to ASCII unless this attribute says otherwise)
    assert 'data-w-slug-allow-unicode-value' not in editor.get(url).content.decode()
    page = PracticePage(title="Épicerie solidaire à Méolans", summary="s", country="FR")
    index.add_child(instance=page)  # the slug is made from the title, as the admin does
    assert page.slug == "epicerie-solidaire-a-meolans"


def test_editors_manage_taxonomy_glossary_and_footer_logos(client, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    for label in ("Taxonomy", "Glossary", "Footer logos"):
        assert label in menu, label
    for name in ("wagtailsnippets_practices_dimension:list",
                 "wagtailsnippets_practices_challenge:list",
                 "wagtailsnippets_practices_fundingsource:list",
                 "wagtailsnippets_kbsearch_glossaryconcept:list",
                 "wagtailsnippets_practices_footerlogo:add"):
        assert client.get(reverse(name)).status_code == 200, name
    dimension = Dimension.objects.get(slug="mobility", locale__language_code="en")
    edit = client.get(reverse("wagtailsnippets_practices_dimension:edit", args=[dimension.pk]))
    assert edit.status_code == 200


def test_the_embed_builder_is_named_in_its_header(editor):
    html = editor.get(reverse("kb_embed_builder")).content.decode()
    header = html[html.index("<header"):html.index("</header>")]
    assert "Embed the catalogue" in header


def test_what_a_practice_needs_is_on_the_first_tab_with_the_title(editor):
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", index.pk])
    html = editor.get(url).content.decode()
    first_tab = html[html.index('role="tabpanel"'):]
    first_tab = first_tab[:first_tab.index('role="tabpanel"', 20)]
    for name in ("title", "country", "dimensions", "challenges"):
        assert f'name="{name}"' in first_tab, name
    assert 'data-kb-map-picker="latitude"' in html and "admin_map_picker.js" in html


def test_linked_practices_are_sorted_and_marked_with_their_language(editor, catalogue_corpus):
    result = catalogue_corpus["result"]
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[result.pk])).content.decode()
    labels = re.findall(r'name="practices" value="\d+"[^>]*>\s*([^<]+?)\s*</label>', html)
    assert labels and labels == sorted(labels)
    assert all(re.search(r"\((EN|FR|DE|IT|SL)\)$", label) for label in labels)
    groups = PracticePage.objects.live().values("translation_key").distinct().count()
    assert len(labels) <= groups + result.practices.count()  # one line per practice
    assert any(label.endswith("(FR)") for label in labels)


def test_dashboard_names_countries_and_shows_translation_coverage(editor):
    html = editor.get(reverse("wagtailadmin_home")).content.decode()
    per_country = html[html.index("Practices per country"):]
    assert '<th scope="row">France</th>' in per_country
    assert '<th scope="row">FR</th>' not in per_country
    coverage = html[html.index("Translation coverage"):]
    for language in ("English", "French", "German", "Italian", "Slovenian"):
        assert f'<th scope="row">{language}</th>' in coverage
    assert "translations waiting: none" not in html.lower()
