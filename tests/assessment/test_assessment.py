"""Self-assessment, as a visitor takes it: start, answer, resume, result, comparison,
versions, tampering, matching, CSV, deletion and the private link."""

import csv
import io
import re

import pytest

from assessment.matching import Territory, matched_practices
from assessment.models import Assessment, AssessmentSettings, DimensionScore, Question
from tests.assessment.helpers import TERRITORY, answer_all, question_names, start, table, uniform
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


def test_home_page_and_menu_lead_to_the_assessment(client):
    html = client.get("/fr/").content.decode()
    assert 'href="/fr/assessment/"' in html
    page = client.get("/fr/assessment/").content.decode()
    assert "Évaluez votre village sur les six dimensions smart" in page


def test_territory_errors_redisplay_everything_typed(client):
    count = Assessment.objects.count()
    response = client.post("/en/assessment/", {**TERRITORY, "population": "many",
                                               "altitude_m": "9000"})
    html = response.content.decode()
    assert response.status_code == 400 and Assessment.objects.count() == count
    assert 'value="Saint-Véran"' in html and 'value="many"' in html
    assert html.count('class="field-error"') == 2


def test_complete_assessment_gives_scores_categories_radar_and_profile(client):
    levels = {"governance": ["5", "5", "5", "5"], "people": ["4", "4", "4", "4"],
              "living": ["3", "3", "3", "3"], "environment": ["2", "2", "2", "2"],
              "economy": ["1", "2", "unknown", "unknown"], "mobility": ["unknown"] * 4}
    assessment = answer_all(client, start(client), levels)
    assert assessment.completed_at is not None
    response = client.get(f"/en/assessment/{assessment.token}/result/")
    html = response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0") and "noindex" in response[
        "X-Robots-Tag"]
    rows = table(html)
    assert rows["Smart governance"][:3] == ["100", "A", "100 %"]
    assert rows["Smart living"][:2] == ["50", "B"]
    assert rows["Smart economy"][:3] == ["13", "D", "50 %"]  # (0 + 25) / 2 = 12.5 -> 13
    assert rows["Smart mobility"][:3] == ["—", "—", "0 %"]
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'class="current"' in html
    assert ("Saint-Véran is strongest in Smart governance (100) and Smart people (75) and has "
            "the most room to progress in Smart economy (13) and Smart environment (25).") in html
    assert "No score for Smart mobility" in html and "6 of 24 answers were" in html
    scores = dict(DimensionScore.objects.filter(assessment=assessment)
                  .values_list("dimension", "score"))
    assert scores == {"governance": 100, "people": 75, "living": 50, "environment": 25,
                      "economy": 13, "mobility": None}


def test_resume_link_restores_every_answer(client, django_user_model):
    assessment = start(client)
    names = question_names(client, assessment, 1) + question_names(client, assessment, 2)
    values = ["1", "2", "3", "4", "5", "unknown", "2", "3"]
    for step, chunk in ((1, slice(0, 4)), (2, slice(4, 8))):
        client.post(f"/en/assessment/{assessment.token}/step/{step}/",
                    {"assessment": assessment.token, "save": "1",
                     **dict(zip(names[chunk], values[chunk], strict=True))})
    other_browser = type(client)()
    response = other_browser.get(f"/de/assessment/{assessment.token}/")
    assert response.status_code == 302 and response["Location"].endswith("/step/3/")
    restored = {}
    for step in (1, 2):
        html = other_browser.get(f"/de/assessment/{assessment.token}/step/{step}/").content.decode()
        for name, value in re.findall(r'<input type="radio" name="(q-[^"]+)" value="([^"]+)"'
                                      r'[^>]*checked', html):
            restored[name] = value
        assert "Antwort" in html or "Fragen" in html  # the same assessment, in German
    assert restored == dict(zip(names, values, strict=True))


def test_autosave_keeps_a_single_answer(client):
    assessment = start(client)
    name = question_names(client, assessment, 3)[0]
    response = client.post(f"/en/assessment/{assessment.token}/step/3/",
                           {"assessment": assessment.token, name: "4"}, HTTP_X_AUTOSAVE="1")
    assessment.refresh_from_db()
    assert response.status_code == 204 and assessment.answers == {name[2:]: 4}


@pytest.mark.parametrize("tamper, status", [
    ({"q-governance-9": "3"}, 400),  # a question that is not in the assessment
    ({"q-governance-1": "6"}, 400),  # out of range
    ({"q-governance-1": "0"}, 400),
    ({"assessment": "x" * 32}, 400),  # the hidden token of another assessment
])
def test_tampered_posts_are_refused_and_change_nothing(client, tamper, status):
    assessment = start(client)
    client.post(f"/en/assessment/{assessment.token}/step/1/",
                {"assessment": assessment.token, "q-governance-2": "3"})
    data = {"assessment": assessment.token, "q-governance-2": "5", **tamper}
    response = client.post(f"/en/assessment/{assessment.token}/step/1/", data)
    assessment.refresh_from_db()
    assert response.status_code == status
    assert assessment.answers == {"governance-2": 3}
    html = response.content.decode()
    assert "not part of your assessment" in html or "another assessment" in html or (
        "Select a valid choice" in html)


def test_unknown_token_and_foreign_comparison_are_refused(client):
    response = client.post("/en/assessment/" + "A" * 32 + "/step/1/",
                           {"assessment": "A" * 32, "q-governance-1": "3"})
    assert response.status_code == 404 and "No self-assessment has this link" in (
        response.content.decode())
    mine = answer_all(client, start(client), uniform(3))
    theirs = answer_all(client, start(client, territory_name="Elsewhere"), uniform(4))
    response = client.get(f"/en/assessment/{mine.token}/result/?compare={theirs.token}")
    assert response.status_code == 400 and "Elsewhere" not in response.content.decode()


def test_tokens_are_random_not_sequential(client):
    first, second = start(client), start(client)
    assert len(first.token) == 32 and re.fullmatch(r"[A-Za-z0-9_-]{32}", first.token)
    # consecutive assessments get unrelated keys (random: ~0.5 of 32 positions agree by chance)
    assert sum(a == b for a, b in zip(first.token, second.token, strict=True)) < 12
    assert first.series != second.series


def test_assess_again_compares_before_and_after(client):
    before = answer_all(client, start(client), uniform(2))
    response = client.post(f"/en/assessment/{before.token}/again/")
    after = Assessment.objects.get(token=response["Location"].split("/")[3])
    assert after.series == before.series and after.answers == {}
    step = client.get(response["Location"]).content.decode()
    assert step.count("Last time: 2 · Under discussion") == 4
    levels = {**uniform(2), "mobility": ["4"] * 4, "people": ["1"] * 4}
    after = answer_all(client, after, levels)
    html = client.get(f"/en/assessment/{after.token}/result/").content.decode()
    rows = table(html)
    assert rows["Smart mobility"][-1] == "+50" and rows["Smart people"][-1] == "-25"
    assert rows["Smart governance"][-1] == "0"
    assert 'class="previous"' in html  # the earlier profile drawn under the new one


def test_matching_ranks_similar_territories_first(client):
    far = PracticePageFactory(title="Far away", dimensions=("economy",), country="SI",
                              population=90_000, altitude_m=200)
    near = PracticePageFactory(title="Just like us", dimensions=("economy",), country="FR",
                               population=1_500, altitude_m=950)
    half = PracticePageFactory(title="Same country only", dimensions=("economy",), country="FR",
                               population=50_000, altitude_m=100)
    territory = Territory("FR", 1200, 900)
    ranked = [s.page.pk for s in matched_practices(territory, "economy", far.locale_id, 50)]
    assert ranked.index(near.pk) < ranked.index(half.pk) < ranked.index(far.pk)
    best = matched_practices(territory, "economy", far.locale_id, 1)[0]
    assert best.page.pk == near.pk and best.points == 7
    assert best.reasons == ["same country (France)", "similar population (500–2,000 "
                            "inhabitants)", "similar altitude (500–1,000 m)"]


def test_editing_questions_later_does_not_change_an_old_result(client):
    old = answer_all(client, start(client), {**uniform(3), "mobility": ["5", "5", "1", "1"]})
    before = client.get(f"/en/assessment/{old.token}/result/").content.decode()
    Question.objects.filter(code="mobility-1").update(dimension="economy")
    question = Question.objects.get(code="mobility-1", locale__language_code="en")
    question.text = "A rewritten question"
    question.save()
    settings_ = AssessmentSettings.load()
    settings_.threshold_b = 40
    settings_.save()
    after = client.get(f"/en/assessment/{old.token}/result/").content.decode()
    assert table(after) == table(before)
    assert "A rewritten question" not in client.get(
        f"/en/assessment/{old.token}/step/6/").content.decode()
    new = start(client)
    assert new.version_id != old.version_id
    assert "A rewritten question" in client.get(
        f"/en/assessment/{new.token}/step/5/").content.decode()


def test_csv_download_and_deletion(client):
    assessment = answer_all(client, start(client), {**uniform(5), "people": ["unknown"] * 4})
    response = client.get(f"/fr/assessment/{assessment.token}/answers.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"].startswith("text/csv") and len(rows) == 25
    assert rows[1][:2] == ["Saint-Véran", f"{assessment.created_at:%Y-%m-%d}"]
    assert rows[1][5:] == ["5", "Ancré et évalué"] and rows[5][5:] == ["", "Je ne sais pas"]
    page = client.get(f"/en/assessment/{assessment.token}/delete/")
    assert page.status_code == 200 and Assessment.objects.filter(pk=assessment.pk).exists()
    client.post(f"/en/assessment/{assessment.token}/delete/")
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert not DimensionScore.objects.filter(assessment_id=assessment.pk).exists()
    assert client.get(f"/en/assessment/{assessment.token}/result/").status_code == 404


def test_methodology_page_states_the_rules_with_current_thresholds(client):
    settings_ = AssessmentSettings.load()
    settings_.threshold_a = 80
    settings_.save()
    html = client.get("/it/assessment/methodology/").content.decode()
    assert "80" in html and html.count("<li>") >= 24  # the 24 questions are listed
    assert "Il comune collabora con i comuni vicini" in html


def test_assess_again_is_rate_limited_like_the_start_form(client, settings):
    settings.KB_PUBLIC_FORM_RATE = "3/h"  # (an hour: a minute window may end mid-test)
    first = start(client)  # 1 of 3
    for _ in range(2):
        assert client.post(f"/en/assessment/{first.token}/again/").status_code == 302
    before = Assessment.objects.count()
    response = client.post(f"/en/assessment/{first.token}/again/")
    assert response.status_code == 429 and Assessment.objects.count() == before


def test_the_private_link_can_be_copied_or_e_mailed_to_oneself(client):
    from urllib.parse import quote

    assessment = start(client, lang="fr")
    answer_all(client, assessment, uniform(3), lang="fr")
    html = client.get(f"/fr/assessment/{assessment.token}/result/").content.decode()
    link = f"http://testserver/fr/assessment/{assessment.token}/"
    assert (f'href="mailto:?subject={quote("Mon auto-évaluation Smart Villages")}&amp;body='
            f'{quote(link)}">Me l\'envoyer par e-mail</a>') in html
    assert re.search(rf'data-share data-url="{link}"', html)
    assert re.search(r"<button[^>]*data-copy hidden>Copier le lien</button>", html)
