"""Territory profiles (issue 16): practices made before profiles existed get one after
`migrate`, imports link the territory they name, the list filters and the profile shows its
facts and practices in its language."""

import io
import json
import re
import tempfile
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Revision

from practices.models import PracticePage, TerritoryPage
from practices.site_structure import ensure_site_structure
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


def practices_before_profiles():
    """Practices as a database made before migration `practices 0009` holds them: a place
    named in `territory`, no profile."""
    shop = PracticePageFactory(title="Community shop", country="IT", territory="Ostana",
                               region="Piemonte", population=85, altitude_m=1282,
                               latitude=Decimal("44.69"), longitude=Decimal("7.19"),
                               dimensions=("economy",))
    shop_fr = PracticePageFactory(language="fr", translation_of=shop, country="IT",
                                  title="Épicerie de village", territory="Ostana (Piémont)",
                                  dimensions=("economy",))
    bus = PracticePageFactory(language="it", title="Navetta a chiamata", country="IT",
                              territory="  ostana ", dimensions=("mobility",))
    draft = PracticePageFactory(title="Heat network plan", country="AT", territory="Kals",
                                population=1200, dimensions=("environment",), live=False)
    nowhere = PracticePageFactory(title="Online course", country="SI", dimensions=("people",))
    return {"shop": shop, "shop_fr": shop_fr, "bus": bus, "draft": draft, "nowhere": nowhere}


@pytest.fixture(scope="module")
def linked(module_data):
    def build():
        practices = practices_before_profiles()
        ensure_site_structure()  # what `migrate` runs after the migrations
        return practices
    return module_data(build)


def fresh(page):
    return PracticePage.objects.get(pk=page.pk)


def test_practices_made_before_profiles_get_one_after_migrate(linked):
    ostana = fresh(linked["shop"]).territory_page
    assert ostana is not None and ostana.title == "Ostana" and ostana.live
    # the facts come from the practice; every version and every practice naming the place
    # (whatever its spacing and case) links the same profile
    assert (ostana.country.code, ostana.region, ostana.population, ostana.altitude_m) == (
        "IT", "Piemonte", 85, 1282)
    assert (ostana.latitude, ostana.longitude) == (Decimal("44.69"), Decimal("7.19"))
    assert ostana.locale.language_code == "en"  # the original's language
    assert fresh(linked["shop_fr"]).territory_page == ostana
    assert fresh(linked["bus"]).territory_page == ostana
    kals = fresh(linked["draft"]).territory_page
    assert kals.title == "Kals" and not kals.live  # a draft's place is not published
    assert fresh(linked["nowhere"]).territory_page is None
    # the link is in the practices' latest revision: the admin's next edit keeps it
    revision = Revision.objects.get(pk=fresh(linked["shop"]).latest_revision_id)
    assert revision.content["territory_page"] == ostana.pk
    assert revision.as_object().territory_page_id == ostana.pk
    # nothing of the practices' own fields is lost, and a second run changes nothing
    assert fresh(linked["shop_fr"]).territory == "Ostana (Piémont)"
    profiles = TerritoryPage.objects.count()
    ensure_site_structure()
    assert TerritoryPage.objects.count() == profiles == 2


def test_imports_link_the_territory_they_name(tmp_path, linked):
    records = [{"external_id": "terr-1", "language": "en", "title": "Snow-clearing app",
                "summary": "Alerts.", "country": "IT", "territory": "OSTANA",
                "dimensions": ["mobility"]},
               {"external_id": "terr-2", "language": "de", "title": "Dorfladen",
                "summary": "Ein Laden.", "country": "AT", "territory": "Grafenstein",
                "population": 3000, "dimensions": ["economy"]},
               {"external_id": "terr-2-en", "language": "en", "translation_of": "terr-2",
                "title": "Village shop", "summary": "A shop.", "country": "AT",
                "territory": "Grafenstein (Carinthia)", "dimensions": ["economy"]}]
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    call_command("import_practices", str(path), "--no-progress", "--dry-run",
                 stdout=io.StringIO())
    assert not TerritoryPage.objects.filter(title="Grafenstein").exists()  # rolled back
    call_command("import_practices", str(path), "--no-progress", stdout=io.StringIO())
    ostana = fresh(linked["shop"]).territory_page
    assert PracticePage.objects.get(external_id="terr-1").territory_page == ostana
    grafenstein = PracticePage.objects.get(external_id="terr-2").territory_page
    assert (grafenstein.title, grafenstein.population, grafenstein.locale.language_code) == (
        "Grafenstein", 3000, "de")
    assert grafenstein.live
    # a translation shares its original's profile, whatever it calls the place
    assert PracticePage.objects.get(external_id="terr-2-en").territory_page == grafenstein
    assert not TerritoryPage.objects.filter(title__startswith="Grafenstein (").exists()
    # in the revision too: the admin's next edit keeps the link
    page = PracticePage.objects.get(external_id="terr-2")
    assert page.get_latest_revision_as_object().territory_page_id == grafenstein.pk


def test_the_list_filters_and_the_profile_shows_facts_and_practices(client, linked):
    listing = client.get("/fr/territoires/").content.decode()
    assert "Ostana" in listing and "Kals" not in listing  # a draft profile is not listed
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/territories/ostana/" in sitemap and "kals" not in sitemap.lower()
    assert "2 pratiques" in listing  # two practices (translation groups), not three versions
    assert "Ostana" not in client.get("/fr/territoires/", {"country": "AT"}).content.decode()
    assert "Ostana" in client.get("/fr/territoires/", {"size": "under-500",
                                                       "altitude": "1000-1500"}).content.decode()
    assert "Ostana" not in client.get("/fr/territoires/", {"open": "1"}).content.decode()
    assert client.get("/fr/territoires/", {"size": "<script>"}).status_code == 200
    # the dimensions its published practices work on (economy, mobility; not the draft's)
    assert "Ostana" in client.get("/fr/territoires/", {"dimension": "mobility"}).content.decode()
    assert "Ostana" not in client.get("/fr/territoires/",
                                      {"dimension": "environment"}).content.decode()
    # the clustered map of the listed territories (hidden without JavaScript: the list says it)
    places = json.loads(listing.split('<script id="kb-territory-places" type="application/json">')
                        [1].split("</script>")[0])
    assert places == [{"name": "Ostana", "url": "/en/territories/ostana/", "lat": 44.69,
                       "lon": 7.19, "label": "Italie"}]
    assert "leaflet.markercluster.js" in listing
    ostana = fresh(linked["shop"]).territory_page
    page = client.get(ostana.url).content.decode()
    assert "<dt>Population</dt><dd>85</dd>" in page and "1,282 m" in page
    assert "Community shop" in page and "Navetta a chiamata" in page
    assert "Épicerie de village" not in page  # one card per practice, in the page's language
    data = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "AdministrativeArea" and data["name"] == "Ostana"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 44.69, "longitude": 7.19,
                           "elevation": 1282}
    assert data["additionalProperty"]["value"] == 85
    practice = client.get(fresh(linked["shop_fr"]).url).content.decode()
    assert re.search(r'<a href="/en/territories/ostana/">Profil du territoire : Ostana</a>',
                     practice)


def test_the_admin_edits_the_link_and_the_profile(client, django_user_model, linked):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    practice = fresh(linked["shop"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[practice.pk])).content.decode()
    assert re.search(rf'name="territory_page"[^>]*value="{practice.territory_page_id}"', html)
    profile = client.get(reverse("wagtailadmin_pages:edit", args=[practice.territory_page_id]))
    assert profile.status_code == 200 and 'name="open_to_exchange"' in profile.content.decode()


def test_the_read_api_gives_profiles_with_their_practices(client, linked):
    ostana = fresh(linked["shop"]).territory_page
    listed = client.get("/api/v1/territories/").json()
    assert [t["title"] for t in listed["results"]] == ["Ostana"]  # not the draft Kals
    profile = client.get(f"/api/v1/territories/{ostana.pk}/").json()
    assert (profile["country"], profile["population"], profile["altitude_m"]) == ("IT", 85, 1282)
    assert (profile["latitude"], profile["longitude"]) == (44.69, 7.19)
    assert sorted(p["id"] for p in profile["practices"]) == sorted(
        fresh(linked[name]).pk for name in ("shop", "shop_fr", "bus"))
    kals = fresh(linked["draft"]).territory_page
    assert client.get(f"/api/v1/territories/{kals.pk}/").status_code == 404
    assert "contact" not in json.dumps(profile).lower()


def test_the_profile_owns_the_place_facts_and_none_is_lost(client, admin_client,
                                                          django_capture_on_commit_callbacks):
    # as a database made before profiles: two practices of one village, each with its facts
    shop = PracticePageFactory(title="Paesana shop", country="IT", territory="Paesana",
                               population=2800, altitude_m=614, dimensions=("economy",))
    bus = PracticePageFactory(title="Paesana bus", country="IT", territory="Paesana",
                              population=2900, latitude=Decimal("44.68"),
                              longitude=Decimal("7.27"), dimensions=("mobility",))
    ensure_site_structure()  # what `migrate` runs: link, then the profile owns the facts
    paesana = fresh(shop).territory_page
    # each fact the profile lacked comes from the oldest practice holding it
    assert (paesana.population, paesana.altitude_m, paesana.latitude, paesana.longitude) == (
        2800, 614, Decimal("44.68"), Decimal("7.27"))
    assert (fresh(bus).population, fresh(bus).altitude_m) == (2800, 614)  # the profile's
    # the figure the second practice held stays in its history
    assert Revision.objects.get(pk=fresh(bus).latest_revision_id).content["population"] == 2900
    # an editor edits the profile: its practices follow, on their pages, the API and search
    paesana.population = 3100
    with django_capture_on_commit_callbacks(execute=True):
        paesana.save_revision().publish()
    assert fresh(shop).population == fresh(bus).population == 3100
    assert "<dt>Population</dt><dd>3,100</dd>" in client.get(shop.url).content.decode()
    answer = client.get(f"/api/v1/practices/{bus.pk}/").json()
    assert answer["population"] == 3100 and answer["location"]["latitude"] == 44.68
    # a practice's own save keeps the profile's facts; its admin form shows them read-only
    page = fresh(shop)
    page.population = 1
    page.save_revision().publish()
    assert fresh(shop).population == 3100
    form = admin_client.get(f"/admin/pages/{shop.pk}/edit/").content.decode()
    assert "From the territory's profile: edit it there." in unescape(form)
    # imports keep accepting the columns: a record stating other facts changes nothing
    out = io.StringIO()
    record = {"external_id": fresh(shop).external_id, "language": "en",
              "title": "Paesana shop", "summary": "A practice made by a test.",
              "country": "IT", "territory": "Paesana", "population": 99,
              "dimensions": ["economy"]}
    path = Path(tempfile.mkdtemp()) / "shop.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    call_command("import_practices", str(path), "--no-progress", stdout=out)
    assert fresh(shop).population == 3100
