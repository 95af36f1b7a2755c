"""Propose a practice without an account: draft, workflow, e-mails, spam and upload checks."""

import io
import re
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.models import WorkflowState

from participation.models import Submission
from practices.models import PracticePage

pytestmark = pytest.mark.django_db
URL = "/fr/propose/"


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.KB_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    cache.clear()  # rate-limit counters


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("ed", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def png(name="photo.png", size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 120, 80)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def docx(name="report.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def form(**overrides):
    data = {"name": "Camille Martin", "email": "camille@example.org", "organisation": "CC Ubaye",
            "title": "Épicerie solidaire de Méolans", "summary": "Une épicerie tenue par des "
            "bénévoles rouvre au cœur du village.", "body": "Premier paragraphe.\n\nSecond.",
            "status": "ongoing", "start_year": "2022", "country": "FR", "region": "PACA",
            "territory": "Méolans-Revel", "population": "320", "altitude_m": "1050",
            "dimensions": ["economy", "people"], "challenges": ["local-economy"],
            "tags": "épicerie, bénévolat", "partners": "Mairie\nAssociation des commerçants",
            "website": "https://epicerie.example.org", "nickname": ""}
    data.update(overrides)
    return data


def test_a_proposal_becomes_a_draft_in_review_with_e_mails(client, editor, settings):
    response = client.post(URL, {**form(), "images": [png()], "documents": [docx()]})
    assert response.status_code == 302 and response["Location"].endswith("/fr/propose/thanks/")
    assert "Épicerie solidaire de Méolans" in client.get(response["Location"]).content.decode()
    page = PracticePage.objects.get(title="Épicerie solidaire de Méolans")
    assert not page.live and page.locale.language_code == "fr"
    assert page.contact_email == "camille@example.org"
    assert sorted(page.dimensions.values_list("slug", flat=True)) == ["economy", "people"]
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == "in_progress" and state.workflow.name == "Editorial review"
    submission = Submission.objects.get(page=page)
    kinds = sorted(f.kind for f in submission.files.all())
    assert kinds == ["document", "image"]
    for stored in submission.files.all():  # private storage, outside MEDIA_ROOT
        assert str(settings.KB_PRIVATE_MEDIA_ROOT) in stored.file.path
        assert str(settings.MEDIA_ROOT) not in stored.file.path
    recipients = {tuple(m.to): m for m in mail.outbox}
    assert ("camille@example.org",) in recipients
    assert "Épicerie solidaire de Méolans" in recipients[("camille@example.org",)].body
    to_editors = [m for m in mail.outbox if "editor@example.org" in m.to]
    assert to_editors and f"/admin/pages/{page.pk}/edit/" in to_editors[0].body
    assert client.get(page.url or "/fr/pratiques/x/").status_code == 404  # not public yet


def test_a_rejected_proposal_keeps_everything_typed(client):
    data = form(title="", end_year="2019", email="not-an-address")
    response = client.post(URL, {**data, "images": [png()]})
    html = response.content.decode()
    assert response.status_code == 400
    assert not Submission.objects.exists()
    assert "Une épicerie tenue par des bénévoles" in html and "Méolans-Revel" in html
    assert re.search(r'value="economy"[^>]*checked', html)
    assert not re.search(r'value="mobility"[^>]*checked', html)
    assert 'id="id_title-errors"' in html and 'id="id_email-errors"' in html
    assert 'id="id_end_year-errors"' in html
    assert "choisir à nouveau vos images et documents" in html  # files are asked again


@pytest.mark.parametrize("field, upload, message", [
    ("images", SimpleUploadedFile("cat.jpg", b"this is not a picture at all"),
     "cat.jpg"),
    ("documents", SimpleUploadedFile("notes.pdf", b"MZ\x90\x00 executable"), "notes.pdf"),
    ("documents", SimpleUploadedFile("sheet.xlsx", b"PK\x03\x04not really a zip"),
     "sheet.xlsx"),
])
def test_disguised_files_are_refused_with_a_message(client, field, upload, message):
    response = client.post(URL, {**form(), field: [upload]})
    assert response.status_code == 400 and not Submission.objects.exists()
    assert message in response.content.decode()


def test_oversized_files_are_refused(client, settings):
    settings.KB_UPLOAD_IMAGE_MAX_BYTES = 1000
    response = client.post(URL, {**form(), "images": [png(size=(600, 600))]})
    assert response.status_code == 400
    assert "photo.png est trop volumineux" in response.content.decode()
    settings.KB_UPLOAD_IMAGE_MAX_BYTES = 8_000_000
    settings.KB_UPLOAD_IMAGE_MAX_PIXELS = 100
    response = client.post(URL, {**form(), "images": [png()]})
    assert response.status_code == 400 and "64 × 48" in response.content.decode()


def test_honeypot_drops_the_proposal_quietly(client):
    response = client.post(URL, form(nickname="buy cheap"))
    assert response.status_code == 302
    assert not Submission.objects.exists() and not mail.outbox


def test_rate_limit_answers_429_with_a_readable_page(client, settings):
    settings.KB_PUBLIC_FORM_RATE = "2/h"  # (an hour: a minute window may end mid-test)
    for _ in range(2):
        assert client.post(URL, form(title="")).status_code == 400
    response = client.post(URL, form())
    assert response.status_code == 429
    assert "<h1>" in response.content.decode() and not Submission.objects.exists()


def test_only_editors_can_publish_and_only_validators_validate(client, django_user_model):
    client.post(URL, form())
    page = PracticePage.objects.get(title="Épicerie solidaire de Méolans")
    users = {}
    for name in ("Contributors", "Editors", "Validators"):
        user = django_user_model.objects.create_user(name.lower(), f"{name}@example.org", "pw")
        user.groups.add(Group.objects.get(name=name))
        users[name] = user
    assert not page.permissions_for_user(users["Contributors"]).can_publish()
    assert page.permissions_for_user(users["Editors"]).can_publish()
    assert not page.permissions_for_user(users["Validators"]).can_edit()
    assert users["Validators"].has_perm("practices.validate_practice")
    assert not users["Editors"].has_perm("practices.validate_practice")
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    task = task_state.task.specific
    assert task.user_can_access_editor(page, users["Editors"])
    assert not task.get_actions(page, users["Contributors"])
    assert {a[0] for a in task.get_actions(page, users["Editors"])} >= {"approve", "reject"}


# --- admin: submissions, dashboard, workflow ------------------------------------------------


def test_editors_see_submissions_files_and_the_dashboard(client, editor):
    client.post(URL, {**form(), "documents": [docx()]})
    submission = Submission.objects.get()
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert "1 submission waiting for review" in dashboard
    assert "Épicerie solidaire de Méolans" in dashboard and "Practices per dimension" in dashboard
    listing = client.get("/admin/submissions/").content.decode()
    assert "Camille Martin" in listing
    inspect = client.get(f"/admin/submissions/inspect/{submission.pk}/").content.decode()
    stored = submission.files.get()
    assert f"/admin/submissions/file/{stored.pk}/" in inspect and "report.docx" in inspect
    download = client.get(f"/admin/submissions/file/{stored.pk}/")
    assert download.status_code == 200
    assert b"word/document.xml" in b"".join(download.streaming_content)


def test_files_are_refused_to_others(client, django_user_model):
    client.post(URL, {**form(), "documents": [docx()]})
    stored = Submission.objects.get().files.get()
    contributor = django_user_model.objects.create_user("c", "c@example.org", "pw")
    contributor.groups.add(Group.objects.get(name="Contributors"))
    client.force_login(contributor)
    assert client.get(f"/admin/submissions/file/{stored.pk}/").status_code in (302, 403)
    client.logout()
    assert client.get(f"/admin/submissions/file/{stored.pk}/").status_code == 302  # login


def test_editors_add_the_private_files_to_the_draft(client, editor):
    client.post(URL, {**form(), "images": [png(), png("second.png")], "documents": [docx()]})
    submission = Submission.objects.get()
    client.force_login(editor)
    inspect = client.get(f"/admin/submissions/inspect/{submission.pk}/").content.decode()
    assert f"/admin/submissions/{submission.pk}/attach/" in inspect
    response = client.post(f"/admin/submissions/{submission.pk}/attach/")
    assert response.status_code == 302
    draft = submission.page.get_latest_revision_as_object()
    assert draft.image is not None
    assert [b.block_type for b in draft.body][-2:] == ["image", "document"]
    assert not submission.files.filter(attached=False).exists()
    assert not PracticePage.objects.get(pk=submission.page.pk).live  # still for review


def test_the_workflow_moves_a_proposal_through_each_state(client, editor, django_user_model):
    client.post(URL, form())
    page = PracticePage.objects.get(title="Épicerie solidaire de Méolans")
    state = WorkflowState.objects.get(object_id=str(page.pk))
    contributor = django_user_model.objects.create_user("cw", "cw@example.org", "pw")
    contributor.groups.add(Group.objects.get(name="Contributors"))
    task = state.current_task_state.task.specific
    assert task.get_actions(page, contributor) == []  # only Editors act

    # Request changes, with a comment that the history keeps.
    task.on_action(state.current_task_state, editor, "reject", comment="Add the budget.")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Add the budget."
    assert not PracticePage.objects.get(pk=page.pk).live

    # Resubmitted after the changes, then approved: the practice is published.
    state.resume(user=editor)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task.on_action(state.current_task_state, editor, "approve", comment="")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    published_page = PracticePage.objects.get(pk=page.pk)
    assert published_page.live
    assert client.get(published_page.url).status_code == 200


def test_proposals_link_both_ways_and_cannot_be_added_in_the_admin(client, editor,
                                                                    django_user_model):
    client.post(URL, {**form(), "documents": [docx()]})
    submission = Submission.objects.get()
    client.force_login(editor)
    listing = client.get("/admin/submissions/").content.decode()
    # The row opens the proposal, where its files are.
    assert re.search(rf'<a href="/admin/submissions/inspect/{submission.pk}/"[^>]*>\s*'
                     r'Épicerie solidaire de Méolans', listing)
    assert re.search(r"(?i)>\s*proposed by\s*<", listing) and "Your name" not in listing
    assert "Add proposed practice" not in listing
    # The draft links back to its proposal.
    edit = client.get(f"/admin/pages/{submission.page_id}/edit/").content.decode()
    assert f'href="/admin/submissions/inspect/{submission.pk}/"' in edit
    assert "Proposal from Camille Martin" in edit
    # Not even a superuser adds a proposal by hand: they come from the public form.
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "x"))
    assert "Add proposed practice" not in client.get("/admin/submissions/").content.decode()
    assert client.get("/admin/submissions/new/").status_code in (302, 403)


def test_editors_are_written_to_in_their_language_at_the_public_address(client, editor,
                                                                        settings):
    settings.WAGTAILADMIN_BASE_URL = "https://kb.example.org"
    client.post(URL, form())
    to_editor = next(m for m in mail.outbox if "editor@example.org" in m.to)
    page = Submission.objects.get().page
    # A French visitor proposed; the editor has no language preference: the site's default.
    assert f"https://kb.example.org/admin/pages/{page.pk}/edit/" in to_editor.body
    assert "Épicerie solidaire de Méolans" in to_editor.subject + to_editor.body
    assert "soumis" not in to_editor.subject.lower() and "soumis" not in to_editor.body


def test_the_proposer_hears_once_when_the_practice_is_published(client, editor, settings,
                                                                 django_capture_on_commit_callbacks):
    client.post(URL, form())
    page = Submission.objects.get().page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=editor).publish(user=editor)
    page.refresh_from_db()
    sent = [m for m in mail.outbox if m.to == ["camille@example.org"]]
    assert len(sent) == 1
    assert sent[0].subject == "Votre pratique est publiée : Épicerie solidaire de Méolans"
    assert page.get_full_url() in sent[0].body
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=editor).publish(user=editor)
    assert len([m for m in mail.outbox if m.to == ["camille@example.org"]]) == 1
