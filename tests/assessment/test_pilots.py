"""Self-assessment with the demo's pilot territories and their published assessments:
suggested practices and pilots, a pilot's assessments over time, editors' statistics."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group

from assessment.models import Assessment
from practices.models import PilotTerritoryPage
from tests.assessment.helpers import answer_all, start, uniform

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_result_suggests_practices_for_the_two_weakest_and_closest_pilots(client):
    levels = {**uniform(4), "mobility": ["1", "1", "2", "1"], "living": ["2", "1", "2", "2"]}
    assessment = answer_all(client, start(client), levels)
    html = client.get(f"/en/assessment/{assessment.token}/result/").content.decode()
    weakest = html[html.index('id="weakest-heading"'):html.index('id="pilots-heading"')]
    assert re.findall(r"<h3>([^<]+) —", weakest) == ["Smart mobility", "Smart living"]
    assert weakest.count("works on Smart mobility") == 3 and "same country (France)" in weakest
    pilots = html[html.index('id="pilots-heading"'):]
    assert "Pays des Écrins" in pilots and "Upper Maira valley" in pilots
    assert re.search(r"profile similarity \d+ %", pilots)


def test_pilot_page_shows_only_published_assessments_over_time(client):
    ecrins = PilotTerritoryPage.objects.get(slug="pays-des-ecrins", locale__language_code="fr")
    english = ecrins.get_translation(ecrins.get_translations().first().locale)
    html = client.get(english.url).content.decode()
    section = html[html.index('id="assessments-heading"'):]
    assert section.count('<th scope="row">') == 2 and 'class="previous"' in section
    for assessment in Assessment.objects.filter(pilot=ecrins):  # (as an editor does)
        assessment.published = False
        assessment.save()
    assert 'id="assessments-heading"' not in client.get(english.url).content.decode()


def test_editors_see_anonymous_statistics_and_export_them(client, django_user_model):
    answer_all(client, start(client, territory_name="Secret village"), uniform(5))
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    visitor = django_user_model.objects.create_user("vis", "v@example.org", "pw")
    client.force_login(visitor)
    assert client.get("/admin/assessment-statistics/").status_code in (302, 403)
    client.force_login(editor)
    html = client.get("/admin/assessment-statistics/").content.decode()
    assert "4 completed assessments" in html and "Secret village" not in html
    assert html.count("<svg") >= 6
    export = client.get("/admin/assessment-statistics/export.csv?country=FR").content.decode()
    rows = list(csv.reader(io.StringIO(export)))
    governance = next(r for r in rows if r[:2] == ["all", "governance"])
    assert governance[2] == "3" and "Secret village" not in export  # 2 Écrins + this one
    assert rows[0][:4] == ["scope", "dimension", "assessments", "mean_score"]
    assert client.get("/admin/assessments/").status_code == 200


def test_a_territory_profile_shows_its_pilot_journey_and_published_assessments(client):
    from tests.factories import TerritoryPageFactory

    ecrins = PilotTerritoryPage.objects.get(slug="pays-des-ecrins", locale__language_code="fr")
    profile = TerritoryPageFactory(title="Pays des Écrins", country="FR", pilot=ecrins)
    html = client.get(profile.url).content.decode()
    assert "<dt>Pilot journey</dt>" in html  # its pilot journey, in English
    section = html[html.index('id="assessments-heading"'):]
    assert section.count('<th scope="row">') == 2  # the two published (opt-in) assessments
    for assessment in Assessment.objects.filter(pilot=ecrins):  # (as an editor does)
        assessment.published = False
        assessment.save()
    assert 'id="assessments-heading"' not in client.get(profile.url).content.decode()
