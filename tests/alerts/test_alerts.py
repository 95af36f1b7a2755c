"""E-mail alerts end to end, through a real SMTP server on loopback (aiosmtpd): following a
search or a practice, the double opt-in, digests of new and updated matches in the
subscriber's language on both engines (Elasticsearch: the percolator), one-click
unsubscription (RFC 8058), the page of one's alerts from a signed link, no duplicate digest
on a second run, robots and bad input refused."""

import email
import re
import socket
from datetime import timedelta
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from alerts.models import Delivery, Subscription
from tests.factories import EventPageFactory, PracticePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_corpus")]


class Inbox:
    """An SMTP server's handler keeping each message, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content,
                                                      policy=policy.default))
        return "250 OK"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def inbox(settings):
    handler = Inbox()
    with socket.socket() as probe:  # a free port (aiosmtpd's start needs a real one)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    cache.clear()  # (rate limits)
    yield handler
    controller.stop()


def text(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def link(message, name):
    return re.search(rf"https?://[^/\s]+(/\S*/alerts/{name}/\S+/)", text(message)).group(1)


def follow(client, address, path="/en/alerts/follow/", frequency="weekly", **params):
    form = client.get(path, params)
    assert form.status_code == 200
    query = re.search(r'name="query" value="([^"]*)"', form.content.decode())
    data = {"email": address, "frequency": frequency, "consent": "on", "nickname": ""}
    if query:
        data["query"] = query.group(1).replace("&amp;", "&")
    response = client.post(path, data)
    assert response.status_code == 302, response.content.decode()[:500]
    return form.content.decode()


def confirm(client, message):
    url = link(message, "confirm")
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert '<button type="submit"' in client.get(url).content.decode()
    assert Subscription.objects.get(token=token).status == "pending"  # a GET confirms nothing
    assert client.post(url).status_code == 200
    assert Subscription.objects.get(token=token).status == "active"


def publish(django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        return PracticePageFactory(**fields)


def test_follow_a_search_end_to_end(client, inbox, engine_name, monkeypatch,
                                    django_capture_on_commit_callbacks):
    if engine_name == "elasticsearch":  # matched by the node, never by the fallback
        monkeypatch.setattr("alerts.matching.database_matches", None)
    form = follow(client, "ana@example.org", q="Heuernte", dimension="mobility")
    assert "“Heuernte” · Smart mobility" in form
    [confirmation] = inbox.to("ana@example.org")
    assert confirmation["Subject"] == "Confirm your Smart Villages alert"
    call_command("send_alerts", "weekly")
    assert len(inbox.messages) == 1  # nothing before the confirmation
    confirm(client, confirmation)
    subscription = Subscription.objects.get(email="ana@example.org")
    subscription.sent_until = subscription.confirmed_at = timezone.now() - timedelta(days=1)
    subscription.save()

    publish(django_capture_on_commit_callbacks, title="Heuernte mit dem Bus",
            dimensions=["mobility"])
    publish(django_capture_on_commit_callbacks, title="Heuernte im Dorfladen",
            dimensions=["economy"])  # another dimension: not followed
    with django_capture_on_commit_callbacks(execute=True):
        EventPageFactory(title="Heuernte workshop", dimensions=["mobility"])  # an event
    call_command("send_alerts", "weekly")
    [digest] = [m for m in inbox.to("ana@example.org") if "alert" in m["Subject"]
                and "Confirm" not in m["Subject"]]
    body = text(digest)
    assert "Heuernte mit dem Bus" in body
    assert "Heuernte im Dorfladen" not in body and "Heuernte workshop" not in body
    assert digest["Subject"] == "Smart Villages: 1 new or updated result for your alert"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = re.search(r"<https?://[^/]+(/\S+)>", digest["List-Unsubscribe"]).group(1)
    assert "<img" not in digest.as_string()  # no tracking pixel

    # a second run of the same week sends nothing again
    call_command("send_alerts", "weekly")
    assert len(inbox.to("ana@example.org")) == 2
    assert Delivery.objects.filter(subscription=subscription).count() == 1

    # one click: the mail client POSTs without a CSRF token
    client.handler.enforce_csrf_checks = True
    response = client.post(unsubscribe_url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscription.objects.get(pk=subscription.pk).status == "unsubscribed"


def test_digest_in_the_subscribers_language(client, inbox, django_capture_on_commit_callbacks):
    follow(client, "marie@example.org", path="/fr/alerts/follow/", frequency="daily",
           dimension="living")
    [confirmation] = inbox.to("marie@example.org")
    assert confirmation["Subject"] == "Confirmez votre alerte Smart Villages"
    assert "/fr/alerts/confirm/" in text(confirmation)
    confirm(client, confirmation)
    Subscription.objects.update(sent_until=timezone.now() - timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        english = PracticePageFactory(title="Village shop", dimensions=["living"])
        PracticePageFactory(title="Épicerie du village", language="fr",
                            translation_of=english, dimensions=["living"])
    call_command("send_alerts", "daily")
    digest = inbox.to("marie@example.org")[-1]
    assert digest["Subject"].strip() == ("Smart Villages : 1 résultat nouveau ou mis à jour pour "
                                 "votre alerte")
    body = text(digest)
    assert "Épicerie du village" in body and "Village shop" not in body
    assert "/fr/alerts/manage/" in body


def test_follow_a_practice_and_manage_alerts(client, inbox, django_capture_on_commit_callbacks):
    practice = publish(django_capture_on_commit_callbacks, title="Followed practice")
    html = client.get(practice.url).content.decode()
    assert f'href="/en/alerts/follow/practice/{practice.pk}/"' in html
    follow(client, "ben@example.org", path=f"/en/alerts/follow/practice/{practice.pk}/")
    follow(client, "ben@example.org", q="bench")
    for message in inbox.to("ben@example.org"):
        confirm(client, message)
    Subscription.objects.update(sent_until=timezone.now() - timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        practice.summary = "Now with a second bench."
        practice.save_revision().publish()
    call_command("send_alerts", "weekly")
    digest = inbox.to("ben@example.org")[-1]
    assert "Followed practice" in text(digest)
    manage = link(digest, "manage")
    page = client.get(manage).content.decode()
    assert "Followed practice" in page and "“bench”" in page
    followed = Subscription.objects.get(email="ben@example.org", practice_key__isnull=False)
    client.post(manage, {"token": followed.token, "frequency": "daily"})
    followed.refresh_from_db()
    assert followed.frequency == "daily"
    client.post(manage, {"token": followed.token, "action": "unsubscribe"})
    page = client.get(manage)
    assert "Followed practice" not in page.content.decode()
    # the address's page is never kept by a cache (the page cache, a browser's)
    assert "no-store" in page["Cache-Control"] and "X-Page-Cache" not in page
    assert "no-store" in client.get(link(digest, "unsubscribe"))["Cache-Control"]
    assert client.get(manage[:-5] + "xxxx/").status_code == 404  # a forged link


def test_a_long_digest_lists_the_newest_and_links_the_rest(client, inbox, settings,
                                                           django_capture_on_commit_callbacks):
    settings.KB_ALERT_DIGEST_ITEMS = 2
    follow(client, "many@example.org", dimension="people")
    confirm(client, inbox.to("many@example.org")[0])  # (from now on)
    for n in range(4):
        publish(django_capture_on_commit_callbacks, title=f"People practice {n}",
                dimensions=["people"])
    call_command("send_alerts", "weekly")
    digest = inbox.to("many@example.org")[-1]
    body = text(digest)
    assert digest["Subject"].strip() == ("Smart Villages: 4 new or updated results for your "
                                         "alert")
    assert body.count("People practice") == 2 and "And 2 more:" in body
    assert re.search(r"https?://\S+/en/practices/\?dimension=people&sort=newest", body)


def test_hidden_practices_never_reach_a_digest(client, inbox, engine_name,
                                               django_capture_on_commit_callbacks):
    follow(client, "watcher@example.org", q="qzxalert")
    confirm(client, inbox.to("watcher@example.org")[0])
    with django_capture_on_commit_callbacks(execute=True):
        PracticePageFactory(title="Draft qzxalert", live=False)
        withdrawn = PracticePageFactory(title="Withdrawn qzxalert")
        withdrawn.unpublish()
        PracticePageFactory(title="Public qzxalert")
    call_command("send_alerts", "weekly")
    body = text(inbox.to("watcher@example.org")[-1])
    assert "Public qzxalert" in body
    assert "Draft" not in body and "Withdrawn" not in body


def test_robots_and_bad_input_are_refused(client, inbox):
    response = client.post("/en/alerts/follow/", {"email": "bot@example.org",
                                                    "frequency": "weekly", "consent": "on",
                                                    "nickname": "I am a bot"})
    assert response.status_code == 302 and not inbox.messages
    assert not Subscription.objects.exists()
    bad = client.post("/en/alerts/follow/", {"email": "not-an-address", "frequency": "hourly",
                                              "query": "q=keep"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Enter a valid email address." in html and 'value="q=keep"' in html
    assert client.get("/en/alerts/confirm/unknown/").status_code == 404
    assert client.get("/en/alerts/follow/practice/999999/").status_code == 404
