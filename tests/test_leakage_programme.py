"""Nothing hidden leaves the site through the channels of events and the toolbox: an event
or a resource that is a draft, unpublished, behind a password or expired carries a word of
its own in every text, and no public channel — the agenda, its iCalendar feed, the toolbox,
the search on both engines, the read API, the open-data files, the sitemap, the DCAT-AP
catalogue, the pages of published events — shows it. Nor do the names and addresses of the
people registered to an event."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from participation.models import Registration
from tests.factories import EventPageFactory, ResourcePageFactory, in_days

pytestmark = pytest.mark.django_db

STATES = ["draft", "unpublished", "password", "expired"]


def hide(page, state):
    if state == "unpublished":
        page.unpublish()
    elif state == "password":
        PageViewRestriction.objects.create(page=page, restriction_type="password",
                                           password="secret")
    elif state == "expired":
        page.expire_at = timezone.now() - timezone.timedelta(minutes=1)
        page.save_revision().publish()
        call_command("publish_scheduled", verbosity=0)  # Wagtail's cron: unpublished, expired


@pytest.fixture
def hidden(request, django_capture_on_commit_callbacks):
    """{word: page} of hidden events and resources; a public event with a participant."""
    if "engine_name" in request.fixturenames:
        request.getfixturevalue("engine_name")
    words = {}
    with django_capture_on_commit_callbacks(execute=True):
        for number, state in enumerate(STATES):
            for kind, factory in (("event", EventPageFactory), ("resource", ResourcePageFactory)):
                word = f"qzx{kind[:3]}{chr(97 + number)}secret"
                page = factory(title=f"Hidden {word}", summary=f"About {word}",
                               live=state != "draft")
                hide(page, state)
                words[word] = page
        public = EventPageFactory(title="Public event", start=in_days(3), end=in_days(3, 12))
        Registration.objects.create(event=public, event_key=public.translation_key,
                                    name="Qzxparticipant Name", email="qzxmail@example.org",
                                    language="en", consent_at=timezone.now())
        words["qzxparticipant"] = public
        words["qzxmail@example.org"] = public
    return words


def channels(client):
    from practices.models import EventIndexPage, ToolboxPage

    agenda = EventIndexPage.objects.get(locale__language_code="en")
    toolbox = ToolboxPage.objects.get(locale__language_code="en")
    urls = [agenda.url, agenda.url + "ics/", toolbox.url, "/sitemap.xml",
            "/api/v1/events/", "/api/v1/resources/", "/data/catalogue.ttl",
            "/data/catalogue.jsonld"]
    urls += [f"/exports/{name}.{fmt}" for name in ("events", "resources")
             for fmt in ("csv", "json")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = (b"".join(response.streaming_content) if response.streaming
                else response.content).decode()
        yield url, body


def test_hidden_events_and_resources_leave_by_no_channel(client, hidden):
    public = next(page for word, page in hidden.items() if word == "qzxparticipant")
    seen = dict(channels(client))
    seen[public.url] = client.get(public.url).content.decode()
    for url, body in seen.items():
        for word in hidden:
            assert word not in body, (word, url)
    assert "Public event" in seen["/api/v1/events/"]  # (the channels do list what is public)


@pytest.mark.parametrize("q", ["secret", "hidden"])
def test_the_search_finds_no_hidden_event_or_resource(client, engine_name, hidden, q):
    response = client.get("/api/v1/search/", {"q": q, "type": ["event", "resource"]})
    assert response.status_code == 200
    assert response.json()["count"] == 0
    body = response.content.decode()
    assert not [word for word in hidden if word in body]
    suggest = client.get("/api/v1/search/suggest/", {"q": "qzx"}).content.decode()
    assert not [word for word in hidden if word in suggest]
