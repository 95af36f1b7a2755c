"""Self-assessment, as editors run it: questions, levels, advice and thresholds in the admin,
one taxonomy with the practices, assessments never created by hand."""


import pytest
from django.contrib.auth.models import Group

from assessment.models import AssessmentSettings, Question
from practices.models import Dimension
from tests.assessment.helpers import answer_all, start, table, uniform
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


def test_editors_edit_questions_levels_advice_and_thresholds_in_the_admin(client,
                                                                          django_user_model):
    editor = django_user_model.objects.create_user("ed2", "ed2@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    question = Question.objects.get(code="living-3", locale__language_code="en")
    for url in ("/admin/snippets/assessment/question/", "/admin/snippets/assessment/scalelevel/",
                "/admin/snippets/assessment/dimensionadvice/",
                f"/admin/snippets/assessment/question/edit/{question.pk}/"):
        assert client.get(url).status_code == 200, url
    settings_url = client.get("/admin/settings/assessment/assessmentsettings/")["Location"]
    assert client.get(settings_url).status_code == 200
    response = client.post(settings_url,
                           {"threshold_a": "40", "threshold_b": "60", "threshold_c": "20"})
    assert response.status_code == 200 and AssessmentSettings.load().threshold_a == 75
    assert "Thresholds must decrease from A to C." in response.content.decode()


def test_a_dimension_renamed_in_the_admin_is_renamed_in_the_assessment(client, admin_user):
    """One taxonomy: the assessment's dimensions are the editors' Dimension snippets."""
    mobility = Dimension.objects.get(slug="mobility", locale__language_code="en")
    PracticePageFactory(dimensions=("mobility",))  # so that the catalogue lists it
    client.force_login(admin_user)
    question = Question.objects.get(code="mobility-1", locale__language_code="en")
    form = client.get(f"/admin/snippets/assessment/question/edit/{question.pk}/").content.decode()
    assert f'<option value="mobility" selected>{mobility.name}</option>' in form
    assert mobility.name in client.get("/en/practices/").content.decode()  # terms now in memory
    mobility.name = "Getting around"
    mobility.save()
    assert "Getting around" in client.get("/en/practices/").content.decode()  # read again
    assessment = answer_all(client, start(client), uniform(3))
    assert "<h1>Step 6 of 6: Getting around</h1>" in client.get(
        f"/en/assessment/{assessment.token}/step/6/").content.decode()
    result = client.get(f"/en/assessment/{assessment.token}/result/").content.decode()
    assert "Getting around" in table(result)
    assert "Getting around" in client.get(
        f"/admin/snippets/assessment/question/edit/{question.pk}/").content.decode()


def test_assessments_cannot_be_created_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/assessments/").status_code == 200
    assert client.get("/admin/assessments/new/").status_code in (302, 403)
