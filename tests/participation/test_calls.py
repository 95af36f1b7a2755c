"""Calls for expressions of interest: open/closed enforced by the server, the seed's form,
acknowledgement e-mail, the selection group's admin (one screen, status, export)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Locale

from participation.models import CallApplication, CallPage
from practices.models import HomePage
from tests.participation.test_participation import docx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private(settings, tmp_path):
    settings.KB_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    cache.clear()


def make_call(opens, closes):
    home = HomePage.objects.get(locale=Locale.objects.get(language_code="fr"))
    call = CallPage(title="Appel à manifestation d'intérêt Smart Villages",
                    slug="appel", opens_at=opens, closes_at=closes,
                    summary="Devenez territoire pilote.", contact="smartvillages@example.org")
    home.add_child(instance=call)
    call.milestones.create(date=closes.date(), label="Date limite")
    call.save_revision().publish()
    return CallPage.objects.get(pk=call.pk)


ANSWERS = {
    "applicant_name": "Marie Blanc", "applicant_email": "marie@example.org",
    "territory": "Communauté de communes du Guillestrois et du Queyras (16 communes)",
    "collectivity": "CCGQ, place Salva, 05600 Guillestre", "operational_leads": "M. X, DGS",
    "local_group_referents": "Mme Y, vice-présidente", "technical_referents": "Chargée numérique",
    "technical_contact": "numerique@example.org", "actions": "Bancs de covoiturage, tiers-lieu.",
    "motivations": "Un portage politique fort.", "themes": "Mobilité, services.",
    "nickname": "",
}


def test_open_call_accepts_an_application_and_acknowledges_it(client):
    now = timezone.now()
    call = make_call(now - timedelta(days=1), now + timedelta(days=10))
    html = client.get(call.url).content.decode()
    assert "Application form" in html or "Formulaire de candidature" in html
    assert "Date limite" in html
    response = client.post(call.url, {**ANSWERS, "attachments": [docx()]})
    assert response.status_code == 302
    application = CallApplication.objects.get()
    assert application.status == "received" and application.files.count() == 1
    (ack,) = mail.outbox
    assert ack.to == ["marie@example.org"] and "Guillestrois" in ack.body


@pytest.mark.parametrize("when", ["upcoming", "closed"])
def test_the_server_refuses_applications_outside_the_period(client, when):
    now = timezone.now()
    if when == "upcoming":
        call = make_call(now + timedelta(days=2), now + timedelta(days=9))
    else:
        call = make_call(now - timedelta(days=9), now - timedelta(seconds=1))
    html = client.get(call.url).content.decode()
    assert 'name="territory"' not in html and 'role="status"' in html
    response = client.post(call.url, ANSWERS)
    assert response.status_code == 403
    assert not CallApplication.objects.exists() and not mail.outbox


def test_one_second_after_closing_a_post_is_refused(client):
    now = timezone.now()
    call = make_call(now - timedelta(days=3), now + timedelta(seconds=1))
    call.closes_at = timezone.now() - timedelta(seconds=1)
    CallPage.objects.filter(pk=call.pk).update(closes_at=call.closes_at)
    assert client.post(call.url, ANSWERS).status_code == 403


def test_answers_are_limited_to_one_page_and_kept_on_error(client):
    now = timezone.now()
    call = make_call(now - timedelta(days=1), now + timedelta(days=1))
    response = client.post(call.url, {**ANSWERS, "motivations": "m" * 3001})
    html = response.content.decode()
    assert response.status_code == 400 and not CallApplication.objects.exists()
    assert "Guillestrois" in html and 'id="id_motivations-errors"' in html


def test_selection_group_reads_reviews_and_exports(client, django_user_model):
    now = timezone.now()
    call = make_call(now - timedelta(days=1), now + timedelta(days=1))
    client.post(call.url, {**ANSWERS, "attachments": [docx()]})
    application = CallApplication.objects.get()
    editor = django_user_model.objects.create_user("sel", "sel@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    screen = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    for value in ("Guillestrois", "Un portage politique fort.", "Mobilité, services.",
                  "/admin/applications/file/"):
        assert value in screen
    response = client.post(f"/admin/applications/edit/{application.pk}/", {
        "status": "selected", "reviewer_comments": "Strong political backing."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "selected"
    export = client.get("/admin/applications/?export=csv")
    body = b"".join(export.streaming_content).decode() if export.streaming else \
        export.content.decode()
    assert "Guillestrois" in body and "Strong political backing." in body
    xlsx = client.get("/admin/applications/?export=xlsx")
    assert xlsx.status_code == 200
    file_id = application.files.get().pk
    assert client.get(f"/admin/applications/file/{file_id}/").status_code == 200
    contributor = django_user_model.objects.create_user("c2", "c2@example.org", "pw")
    contributor.groups.add(Group.objects.get(name="Contributors"))
    client.force_login(contributor)
    assert client.get(f"/admin/applications/file/{file_id}/").status_code in (302, 403)
    assert client.get(f"/admin/applications/inspect/{application.pk}/").status_code in (302,
                                                                                       403)
