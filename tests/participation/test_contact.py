"""A practice's owner and its languages, as visitors and validators see them: the contact
form (relayed, the address never shown), the purge of old messages, the validation note, the
status of each language and "available in my language"."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale

from participation.models import ContactMessage
from practices.models import PracticePage
from tests.factories import PracticePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_corpus")]


@pytest.fixture(autouse=True)
def _reset_rate_limits():
    cache.clear()


# --- contact the practice owner ---------------------------------------------------------------


def owned_practice():
    return PracticePage.objects.live().exclude(contact_email="").filter(
        locale__language_code="en").first()


def test_contact_form_relays_without_revealing_the_owner(client):
    page = owned_practice()
    html = client.get(page.url).content.decode()
    assert f'href="/en/contact/{page.pk}/"' in html and page.contact_email not in html
    form = client.get(f"/en/contact/{page.pk}/").content.decode()
    assert f'action="/en/contact/{page.pk}/"' in form and page.contact_email not in form
    response = client.post(f"/en/contact/{page.pk}/", {
        "name": "Jan Novak", "email": "jan@example.org", "message": "How many volunteers?",
        "nickname": ""})
    assert response.status_code == 302
    sent = client.get(response["Location"]).content.decode()
    assert "Message sent" in sent and page.contact_email not in sent
    to_owner = [m for m in mail.outbox if m.to == [page.contact_email]]
    to_visitor = [m for m in mail.outbox if m.to == ["jan@example.org"]]
    assert len(to_owner) == 1 and to_owner[0].reply_to == ["jan@example.org"]
    assert "How many volunteers?" in to_owner[0].body
    assert len(to_visitor) == 1 and "How many volunteers?" in to_visitor[0].body
    copy = to_visitor[0].message().as_string()
    assert page.contact_email not in copy  # not in any header, not in the body


def test_contact_form_keeps_the_message_on_error_and_drops_spam(client):
    page = owned_practice()
    response = client.post(f"/en/contact/{page.pk}/", {"name": "", "email": "x",
                                                       "message": "Keep me"})
    assert response.status_code == 400 and "Keep me" in response.content.decode()
    client.post(f"/en/contact/{page.pk}/", {"name": "Bot", "email": "b@example.org",
                                            "message": "spam", "nickname": "x"})
    assert not mail.outbox
    draft = PracticePageFactory(live=False, contact_email="hidden@example.org")
    assert client.get(f"/en/contact/{draft.pk}/").status_code == 404


def test_purge_removes_old_contact_messages(client):
    page = owned_practice()
    old = ContactMessage.objects.create(page=page, name="A", email="a@example.org", message="1")
    ContactMessage.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(91))
    recent = ContactMessage.objects.create(page=page, name="B", email="b@example.org",
                                           message="2")
    call_command("purge_contact_messages", stdout=io.StringIO())
    assert list(ContactMessage.objects.values_list("pk", flat=True)) == [recent.pk]
    assert "90" in client.get("/en/privacy/").content.decode()


def test_validators_mark_a_practice_validated_with_a_public_note(client, django_user_model):
    validator = django_user_model.objects.create_user("v", "v@example.org", "pw")
    validator.groups.add(Group.objects.get(name="Validators"))
    page = PracticePage.objects.live().filter(validated_at__isnull=True,
                                              has_unpublished_changes=False).first()
    client.force_login(validator)
    response = client.post(f"/admin/validate-practice/{page.pk}/", {
        "validated_at": "2026-11-20", "validation_note": "Checked with the municipality."})
    assert response.status_code == 302
    html = client.get(page.url).content.decode()
    assert "Checked with the municipality." in html and "Validated" in html
    editor = django_user_model.objects.create_user("e2", "e2@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(f"/admin/validate-practice/{page.pk}/").status_code in (302, 403)


# --- translations: status per language, "available in my language" --------------------------


def test_practice_shows_the_status_of_each_language(client):
    original = PracticePageFactory(title="Village heat network")
    german = original.copy_for_translation(Locale.objects.get(language_code="de")).specific
    german.save_revision().publish()
    italian = original.copy_for_translation(Locale.objects.get(language_code="it"))
    assert not italian.live
    html = client.get(original.url).content.decode()
    status = html[html.index('class="plain language-status"'):]
    status = status[:status.index("</ul>")]
    assert "English</span> — original" in status
    assert "Deutsch</a> — reviewed translation" in status
    assert "italiano</span> — translation in progress" in status


def test_catalogue_filters_to_my_language(client):
    unfiltered = client.get("/sl/prakse/")
    assert "?language=sl" in unfiltered.content.decode()
    filtered = client.get("/sl/prakse/", {"language": "sl"})
    assert filtered.context["search"].count < unfiltered.context["search"].count
    assert 'aria-pressed="true"' in filtered.content.decode()
