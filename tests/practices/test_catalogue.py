"""The catalogue: one practice per translation group, filters that combine, no leaks."""

import re
from html import unescape

import pytest
from wagtail.models import Locale, PageViewRestriction

from practices.cards import Addresses
from practices.catalogue import prefetch_terms
from practices.models import Dimension, PracticeIndexPage, PracticePage
from practices.models.taxonomy import TERMS
from tests.factories import PracticePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue_corpus")]


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    settings_size = response.context["search"].count
    full = response.wsgi_request.GET.copy()
    full["page_size"] = "100"
    everything = response.client.get(response.wsgi_request.path, full) if settings_size > len(
        response.context["hits"]) else response
    titles = [hit.card.title for hit in everything.context["hits"]]
    assert len(titles) == settings_size
    return titles, unescape(response.content.decode())


def catalogue(lang="en"):
    return PracticeIndexPage.objects.get(locale__language_code=lang).url


def test_one_result_per_translation_group_in_the_visitors_language(client):
    found, html = titles(client, catalogue("en"))
    assert "Mobility benches for mountain villages" in found
    assert "Bancs de mobilité pour les villages" not in found  # French version hidden
    assert "Vaška trgovina v Soči" in found  # no English version: original shown
    assert 'class="lang-badge" lang="sl"' in html
    groups = PracticePage.objects.live().values("translation_key").distinct().count()
    assert len(found) == groups == 9


def test_filters_or_within_and_across(client):
    url = catalogue("en")
    mobility, _ = titles(client, f"{url}?dimension=mobility")
    people, _ = titles(client, f"{url}?dimension=people")
    both, _ = titles(client, f"{url}?dimension=mobility&dimension=people")
    assert set(both) == set(mobility) | set(people)  # OR within a filter
    assert set(mobility) & set(people)  # some practices have both: no duplicates
    assert len(both) == len(set(both))

    austria, _ = titles(client, f"{url}?dimension=mobility&country=AT")
    assert set(austria) == {"Mitfahrbank im Lesachtal", "Bürgerbus Oberes Lechtal"}
    lower, _ = titles(client, f"{url}?dimension=mobility&country=at")
    assert lower == austria  # country codes in either case

    completed, _ = titles(client, f"{url}?challenge=digital&status=completed")
    assert set(completed) == {"Breitband in Bürgerhand im Val Müstair",
                              "Budget participatif de la vallée de Thônes"}
    tagged, _ = titles(client, f"{url}?tag=car-sharing")
    assert tagged == ["Mobility benches for mountain villages"]


def test_filter_form_and_active_filters_are_shown(client):
    _, html = titles(client, f"{catalogue('de')}?dimension=mobility&country=AT")
    assert re.search(r'name="dimension" value="mobility" id="[^"]+" checked>', html)
    assert re.search(r'name="challenge" value="mobility" id="[^"]+">', html)  # not checked
    assert re.search(r"Intelligente Mobilität <span class=\"count\">\(2\)</span>", html)
    assert "Österreich" in html  # localised labels
    assert "Alle Filter löschen" in html


def test_unknown_values_do_not_break_the_page(client):
    found, _ = titles(client, f"{catalogue()}?dimension=nope&country=XX&page=999&status=<b>")
    assert len(found) == 9


def test_pagination_keeps_the_filters(client, settings):
    settings.KB_CATALOGUE_PAGE_SIZE = 2
    response = client.get(f"{catalogue()}?dimension=people")
    html = response.content.decode()
    assert "?dimension=people&amp;page=2" in html
    page2 = client.get(f"{catalogue()}?dimension=people&page=2")
    first = {hit.card.id for hit in response.context["hits"]}
    second = {hit.card.id for hit in page2.context["hits"]}
    assert first and second and not first & second


def test_drafts_private_and_expired_pages_stay_out(client):
    draft = PracticePageFactory(title="Secret draft practice", live=False)
    private = PracticePageFactory(title="Members-only practice")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    expired = PracticePageFactory(title="Expired practice")
    expired.unpublish(set_expired=True)  # as Wagtail's publish_scheduled does
    visible = PracticePageFactory(title="Freshly published practice")
    found, html = titles(client, catalogue())
    assert visible.title in found
    for page in (draft, private, expired):
        assert page.title not in html
    assert client.get(draft.url or "/en/practices/secret-draft-practice/").status_code == 404


def test_a_new_query_in_the_catalogue_box_is_ranked_by_relevance(client):
    """The box's form carries the sort menu, which shows "newest" before any query: a new
    query must still come back by relevance; re-sorting the same query keeps the choice."""
    url = catalogue()
    form = client.get(url).content.decode()
    assert 'name="sorted_for" value=""' in form
    typed = {"q": "Mobility benches for mountain villages", "sort": "newest", "sorted_for": ""}
    response = client.get(url, typed)
    assert response.context["query"].sort == "relevance"
    assert response.context["hits"][0].card.title == "Mobility benches for mountain villages"
    assert '<option value="relevance" selected>' in response.content.decode()
    chosen = client.get(url, {**typed, "sorted_for": typed["q"]})
    assert chosen.context["query"].sort == "newest"


def test_card_labels_are_in_the_visitors_language(client):
    """A German-only practice on the English catalogue: German title with a DE badge, but
    its dimension chips in English, like every other label of the page."""
    response = client.get(catalogue(), {"q": "Bürgerbus Oberes Lechtal"})
    card = response.content.decode()
    card = card[card.index("Bürgerbus Oberes Lechtal"):]
    card = card[:card.index("</article>")]
    assert "Smart mobility" in card and "Intelligente Mobilität" not in card


def test_listings_show_a_term_added_since_this_process_read_the_taxonomy():
    """Listings take the terms from memory; one saved by another process meanwhile (here
    without the signal that tells this process) is read from the database, not dropped."""
    TERMS.get()
    water = Dimension.objects.bulk_create([Dimension(
        slug="water", name="Water", sort_order=99,
        locale=Locale.objects.get(language_code="en"))])[0]
    page = PracticePageFactory(dimensions=("mobility",))
    PracticePage.dimensions.through.objects.create(practicepage_id=page.pk,
                                                   dimension_id=water.pk)
    pages = list(PracticePage.objects.filter(pk=page.pk))
    prefetch_terms(pages)
    assert [d.name for d in pages[0].dimensions.all()][-1] == "Water"
    assert [d.slug for d in pages[0].dimensions.all()] == ["mobility", "water"]



def test_card_addresses_worked_out_per_parent_are_wagtails():
    """practices.cards.Addresses derives a page's address from its siblings' (one Wagtail
    lookup per parent and language): it must give exactly Wagtail's, escaped slugs too."""
    pages = [PracticePageFactory(title=f"Plain {n}") for n in range(3)]
    pages.append(PracticePageFactory(title="Réseau", slug="réseau-de-chaleur"))
    pages.append(PracticePageFactory(title="Zadruga", language="sl"))
    pages.append(PracticePageFactory(title="Plain again", language="sl"))
    addresses = Addresses()
    for page in pages * 2:
        assert addresses.of(page) == (page.url, page.full_url)
    assert "r%C3%A9seau-de-chaleur" in addresses.of(pages[3])[0]
    assert len(addresses.bases) == 2  # the English and the Slovenian catalogue
