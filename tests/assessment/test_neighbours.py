"""Village-to-village matching (issue 16): territories like mine and territories that can
help me, from a territory profile and from a completed self-assessment, each with its
reasons; and "Ask for an introduction", relayed without revealing an address."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from assessment.matching import Territory
from assessment.neighbours import territories_like, territories_that_help
from participation.models import IntroductionRequest
from tests.assessment.helpers import answer_all, start
from tests.factories import PracticePageFactory, TerritoryPageFactory, TransferFactory

pytestmark = pytest.mark.django_db


def alpine_villages():
    """Molines (FR, 350 inhabitants, 1,750 m) looks for company: Saint-Véran is its twin
    across the valley, Ostana (IT, next door) alike in size and height, Grenoble a city."""
    molines = TerritoryPageFactory(title="Molines-en-Queyras", country="FR", population=350,
                                   altitude_m=1750)
    twin = TerritoryPageFactory(title="Saint-Véran", country="FR", population=240,
                                altitude_m=2040, open_to_exchange=True,
                                contact_email="mairie@saint-veran.example")
    ostana = TerritoryPageFactory(title="Ostana", country="IT", population=85, altitude_m=1282,
                                  latitude=Decimal("44.69"), longitude=Decimal("7.19"))
    city = TerritoryPageFactory(title="Grenoble", country="FR", population=158000,
                                altitude_m=212)
    PracticePageFactory(title="Car-pooling benches", territory_page=molines,
                        dimensions=("mobility",))
    PracticePageFactory(title="Ski bus", territory_page=twin, dimensions=("mobility",))
    PracticePageFactory(title="Community shop", territory_page=ostana,
                        dimensions=("economy",))
    PracticePageFactory(title="Village app", territory_page=city,
                        dimensions=("governance",))
    # Ostana also reuses a governance practice (implemented): it can help there too
    TransferFactory(practice=PracticePageFactory(title="Open council data",
                                                 dimensions=("governance",)),
                    territory=ostana)
    return {"molines": molines, "twin": twin, "ostana": ostana, "city": city}


def test_territories_like_mine_rank_the_twin_first_with_reasons():
    places = alpine_villages()
    molines = places["molines"]
    facts = Territory("FR", 350, 1750)
    ranked = territories_like(facts, {"mobility"}, molines.locale_id, molines.translation_key)
    assert [m.page.title for m in ranked] == ["Saint-Véran", "Grenoble", "Ostana"]
    assert ranked[0].reasons == ["same country (France)",
                                 "similar population (below 500 inhabitants)",
                                 "similar altitude (1,500 m or more)",
                                 "also works on Smart mobility"]
    assert ranked[2].reasons == ["similar population (below 500 inhabitants)",
                                 "neighbouring country (Italy)"]


def test_territories_that_can_help_show_what_they_have_in_my_weak_dimensions():
    places = alpine_villages()
    molines = places["molines"]
    ranked = territories_that_help(["governance", "economy"], molines.locale_id,
                                   molines.translation_key)
    assert [m.page.title for m in ranked] == ["Ostana", "Grenoble"]
    assert ranked[0].reasons == ["Smart governance: “Open council data”",
                                 "Smart economy: “Community shop”"]


def test_profile_page_shows_matches_and_the_introduction_button(client):
    places = alpine_villages()
    html = client.get(places["molines"].url).content.decode()
    assert "Territories like this one" in html and "Territories that can help" in html
    assert html.index("Saint-Véran") < html.index("Grenoble")
    assert f'href="/en/introduction/{places["twin"].pk}/"' in html  # open to exchange
    assert f'href="/en/introduction/{places["city"].pk}/"' not in html  # not open
    assert "mairie@saint-veran.example" not in html
    twin = client.get(places["twin"].url).content.decode()
    assert "Ask for an introduction" in twin


def test_assessment_result_lists_territories_like_it_and_helping_it(client):
    alpine_villages()
    levels = {d: ["5"] * 4 for d in ("people", "living", "environment", "mobility")}
    levels |= {"governance": ["1"] * 4, "economy": ["2"] * 4}
    assessment = answer_all(client, start(client, territory_name="Abriès", population="400",
                                          altitude_m="1550"), levels)
    html = client.get(f"/en/assessment/{assessment.token}/result/").content.decode()
    assert "Territories like yours" in html and "Territories that can help you" in html
    helping = html[html.index("Territories that can help you"):]
    assert helping.index("Ostana") < helping.index("Grenoble")
    assert "Smart governance: “Open council data”" in helping.replace("&ldquo;", "“").replace(
        "&rdquo;", "”")


# --- "Ask for an introduction" --------------------------------------------------------------

REQUEST = {"name": "Ana Kos", "email": "ana@example.org", "organisation": "Občina Bovec",
           "from_territory": "Bovec", "message": "We run a ski bus too; shall we meet?",
           "nickname": ""}


def test_introduction_is_relayed_without_revealing_either_address(client):
    twin = TerritoryPageFactory(title="Saint-Véran", country="FR", open_to_exchange=True,
                                contact_email="mairie@saint-veran.example")
    url = f"/en/introduction/{twin.pk}/"
    for public in (url, twin.url, f"/api/v1/territories/{twin.pk}/", "/api/v1/territories/",
                   "/en/territories/", "/sitemap.xml"):
        assert "saint-veran.example" not in client.get(public).content.decode(), public
    response = client.post(url, REQUEST)
    assert response.status_code == 302
    sent = client.get(response["Location"]).content.decode()
    assert "mairie@saint-veran.example" not in sent
    to_contact = [m for m in mail.outbox if m.to == ["mairie@saint-veran.example"]]
    to_visitor = [m for m in mail.outbox if m.to == ["ana@example.org"]]
    assert len(to_contact) == 1 and to_contact[0].reply_to == ["ana@example.org"]
    assert "shall we meet?" in to_contact[0].body and "Bovec" in to_contact[0].subject
    assert len(to_visitor) == 1
    assert "mairie@saint-veran.example" not in to_visitor[0].message().as_string()
    logged = IntroductionRequest.objects.get()
    assert logged.status == "relayed" and logged.relayed_at is not None


def test_introduction_without_contact_stays_open_for_the_editors(client, django_user_model):
    from django.contrib.auth.models import Group

    quiet = TerritoryPageFactory(title="Ostana", country="IT", open_to_exchange=True)
    assert client.post(f"/en/introduction/{quiet.pk}/", REQUEST).status_code == 302
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]  # the copy only
    assert IntroductionRequest.objects.get().status == "open"
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    listing = client.get("/admin/introductions/?status=open").content.decode()
    assert "Bovec → Ostana" in listing


def test_introduction_refusals_keep_what_was_typed_and_purge_old_requests(client, settings):
    twin = TerritoryPageFactory(title="Saint-Véran", country="FR", open_to_exchange=True)
    url = f"/en/introduction/{twin.pk}/"
    response = client.post(url, {**REQUEST, "email": "nope"})
    assert response.status_code == 400 and "shall we meet?" in response.content.decode()
    assert client.post(url, {**REQUEST, "nickname": "bot"}).status_code == 302
    assert not IntroductionRequest.objects.exists() and not mail.outbox
    assert client.get("/en/introduction/99999999999999999999/").status_code == 404
    draft = TerritoryPageFactory(live=False)
    assert client.get(f"/en/introduction/{draft.pk}/").status_code == 404
    settings.KB_PUBLIC_FORM_RATE = "2/h"
    for _ in range(2):
        client.post(url, {**REQUEST, "name": ""})
    assert client.post(url, REQUEST).status_code == 429
    old = IntroductionRequest.objects.create(territory=twin, language="en", **{
        k: v for k, v in REQUEST.items() if k != "nickname"})
    IntroductionRequest.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.KB_CONTACT_RETENTION_DAYS + 1))
    call_command("purge_contact_messages", stdout=io.StringIO())
    assert not IntroductionRequest.objects.exists()


def test_an_assessment_started_from_a_profile_takes_its_facts_and_shows_there(client):
    from assessment.models import Assessment
    from tests.assessment.helpers import TERRITORY, uniform

    molines = TerritoryPageFactory(title="Molines-en-Queyras", country="FR", population=350,
                                   altitude_m=1750, kind="municipality")
    page = client.get(molines.url).content.decode()
    url = f"/en/assessment/?territory={molines.pk}"
    assert f'href="{url}"' in page.replace("&amp;", "&")
    form = client.get(url).content.decode()
    assert 'value="Molines-en-Queyras"' in form and "disabled" in form
    # what a visitor sends for the profile's facts is not taken: the profile's are
    response = client.post(url, {**TERRITORY, "territory_name": "Elsewhere",
                                 "population": "99999"})
    assert response.status_code == 302
    assessment = Assessment.objects.get(token=response["Location"].split("/")[3])
    assert (assessment.territory, assessment.territory_name, assessment.population,
            assessment.altitude_m) == (molines, "Molines-en-Queyras", 350, 1750)
    answer_all(client, assessment, uniform(3))
    assert 'id="assessments-heading"' not in client.get(molines.url).content.decode()
    assessment.published = True  # (an editor publishes it, as the territory asked)
    assessment.save()
    assert 'id="assessments-heading"' in client.get(molines.url).content.decode()
    assert client.get("/en/assessment/?territory=abc").status_code == 200  # a plain start
