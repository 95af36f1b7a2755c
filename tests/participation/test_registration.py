"""Registering to an event without an account: places, the waiting list and its promotion,
the cancel link of the e-mails, reminders sent once, the attendee list for editors and the
purge after the retention period; bad input kept, robots and floods refused."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from participation.models import Registration
from tests.factories import EventPageFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reset_rate_limits():
    cache.clear()


def register(client, event, name, email, language="en", **extra):
    data = {"name": name, "email": email, "organisation": "Comune", "consent": "on",
            "nickname": "", **extra}
    return client.post(f"/{language}/events/{event.pk}/register/", data)


def manage_link(message):
    return re.search(r"https?://[^/\s]+(/\S+/events/registration/\S+/)", message.body).group(1)


def test_places_then_the_waiting_list_then_promotion_on_cancellation(client):
    event = EventPageFactory(title="Small workshop", capacity=2)
    page = client.get(event.url).content.decode()
    assert "2 places left" in page and f'href="/en/events/{event.pk}/register/"' in page
    for n in (1, 2, 3):
        response = register(client, event, f"Person {n}", f"p{n}@example.org")
        assert response.status_code == 302
        assert client.get(response["Location"]).status_code == 200
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {"p1@example.org": "confirmed", "p2@example.org": "confirmed",
                        "p3@example.org": "waiting"}
    first, _second, third = mail.outbox
    assert first.subject == "Your place at “Small workshop”" and first.to == ["p1@example.org"]
    assert third.subject == "You are on the waiting list of “Small workshop”"
    assert "Join the waiting list" in client.get(event.url).content.decode()

    # the cancel link: a GET shows it (mail scanners follow links), a POST cancels
    link = manage_link(first)
    shown = client.get(link).content.decode()
    assert "your place is confirmed" in shown and "Cancel my registration" in shown
    assert Registration.objects.get(email="p1@example.org").status == "confirmed"
    mail.outbox.clear()
    done = client.post(link).content.decode()
    assert "Your registration is cancelled" in done
    again = client.get(link)  # a person's registration: never in a cache
    assert "no-store" in again["Cache-Control"] and "X-Page-Cache" not in again
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses["p1@example.org"] == "cancelled" and statuses["p3@example.org"] == "confirmed"
    [promoted] = mail.outbox
    assert promoted.to == ["p3@example.org"]
    assert promoted.subject == "A place is yours at “Small workshop”"
    # cancelling twice changes nothing; an unknown token is a 404
    client.post(link)
    assert Registration.objects.filter(status="confirmed").count() == 2
    assert client.get("/en/events/registration/not-a-token/").status_code == 404


def test_one_registration_per_address_and_bad_input_kept(client):
    event = EventPageFactory(capacity=10)
    assert register(client, event, "Ana", "ana@example.org").status_code == 302
    again = register(client, event, "Ana", "ANA@example.org")
    assert again.status_code == 400 and "already registered" in again.content.decode()
    missing = register(client, event, "Keep my name", "not-an-address", consent="")
    html = missing.content.decode()
    assert missing.status_code == 400 and 'value="Keep my name"' in html
    assert "Enter a valid email address." in html and "This field is required." in html
    assert Registration.objects.count() == 1


def test_robots_floods_and_closed_registrations_are_refused(client, settings):
    event = EventPageFactory(capacity=10)
    assert register(client, event, "Bot", "bot@example.org", nickname="x").status_code == 302
    assert not Registration.objects.exists() and not mail.outbox
    settings.KB_PUBLIC_FORM_RATE = "2/h"
    cache.clear()
    codes = [register(client, event, f"P{n}", f"p{n}@example.org").status_code
             for n in range(3)]
    assert codes == [302, 302, 429]
    past = EventPageFactory(start=in_days(-3), end=in_days(-3, 12))
    closed = EventPageFactory(registration_deadline=timezone.now() - timedelta(hours=1))
    without = EventPageFactory(registration_open=False)
    for page in (past, closed, without):
        assert client.get(f"/en/events/{page.pk}/register/").status_code == 404
        assert "/register/" not in client.get(page.url).content.decode()


def test_registrations_share_one_capacity_across_languages(client):
    event = EventPageFactory(title="Workshop", capacity=1)
    french = EventPageFactory(title="Atelier", language="fr", translation_of=event, capacity=1)
    assert register(client, event, "Anna", "anna@example.org").status_code == 302
    assert register(client, french, "Marie", "marie@example.org", language="fr") \
        .status_code == 302
    marie = Registration.objects.get(email="marie@example.org")
    assert marie.status == "waiting" and marie.language == "fr"
    assert mail.outbox[-1].subject == "Vous êtes sur la liste d'attente de « Atelier »"
    assert "/fr/events/registration/" in mail.outbox[-1].body


def test_reminders_go_once_to_confirmed_participants(client):
    soon = EventPageFactory(title="Tomorrow's visit", start=in_days(1), end=in_days(1, 12),
                            capacity=1, online_url="https://meet.example.org/v")
    later = EventPageFactory(title="Next month", start=in_days(30), end=in_days(30, 12))
    register(client, soon, "Ana", "ana@example.org")
    register(client, soon, "Ben", "ben@example.org")  # waiting: no reminder
    register(client, later, "Cleo", "cleo@example.org")
    mail.outbox.clear()
    out = io.StringIO()
    call_command("send_event_reminders", stdout=out)
    assert "Sent 1 reminder(s)." in out.getvalue()
    [reminder] = mail.outbox
    assert reminder.to == ["ana@example.org"]
    assert reminder.subject == "Reminder: “Tomorrow's visit” is coming up"
    assert "https://meet.example.org/v" in reminder.body
    call_command("send_event_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # safe to run twice


def test_attendee_export_for_editors_and_purge_after_retention(client, admin_client, settings):
    event = EventPageFactory(title="Exported event", capacity=5)
    register(client, event, "Zoë Müller", "zoe@example.org")
    register(client, event, "=cmd|' /C calc'!A0", "formula@example.org")
    listing = admin_client.get("/admin/registrations/", {"event": event.pk})
    assert listing.status_code == 200 and "Zoë Müller" in listing.content.decode()
    exported = admin_client.get("/admin/registrations/", {"export": "csv"})
    text = b"".join(exported.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["Event", "Status", "Name", "E-mail", "Organisation"]
    assert rows[1][:5] \
        == ["Exported event", "confirmed", "Zoë Müller", "zoe@example.org", "Comune"]
    assert rows[2][2] == "'=cmd|' /C calc'!A0"  # no formula for a spreadsheet to run
    xlsx = admin_client.get("/admin/registrations/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert sheet["C2"].value == "Zoë Müller"
    assert client.get("/admin/registrations/").status_code == 302  # visitors: the login

    # kept until the retention period after the event's end, then deleted
    ended = EventPageFactory(start=in_days(-40), end=in_days(-40, 12))
    Registration.objects.create(event=ended, event_key=ended.translation_key, name="Old",
                                email="old@example.org", language="en",
                                consent_at=timezone.now())
    settings.KB_EVENT_ATTENDEE_RETENTION_DAYS = 30
    out = io.StringIO()
    call_command("purge_registrations", stdout=out)
    assert "Deleted 1 registration(s)" in out.getvalue()
    assert set(Registration.objects.values_list("name", flat=True)) == {
        "Zoë Müller", "=cmd|' /C calc'!A0"}


def test_an_event_without_capacity_takes_everyone(client):
    event = EventPageFactory(capacity=None)
    for n in range(4):
        register(client, event, f"P{n}", f"p{n}@example.org")
    assert set(Registration.objects.values_list("status", flat=True)) == {"confirmed"}
    assert "places left" not in client.get(event.url).content.decode()
