"""The agenda and the toolbox as visitors and editors see them: events upcoming and past with
their time zone, place, minutes, slides and recording; iCalendar files that a calendar
library reads back; the toolbox walking the five steps of the pilot journey; pilot sessions
linking the resources they used."""

import datetime
import zoneinfo

import pytest
from icalendar import Calendar
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Locale

from practices.models import EventIndexPage, EventPage, PilotSession, ToolboxPage
from tests.factories import (
    EventPageFactory,
    PilotTerritoryPageFactory,
    PracticePageFactory,
    ResourcePageFactory,
    in_days,
)

pytestmark = pytest.mark.django_db


def agenda(language="en"):
    return EventIndexPage.objects.get(locale__language_code=language)


def read_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_agenda_lists_upcoming_soonest_first_then_past_and_filters(client):
    later = EventPageFactory(title="Later workshop", start=in_days(30), end=in_days(30, 12),
                             dimensions=["mobility"])
    sooner = EventPageFactory(title="Sooner webinar", kind="webinar", venue="", country="",
                              online_url="https://meet.example.org/x", start=in_days(3),
                              end=in_days(3, 11), languages=["de"])
    EventPageFactory(title="Past visit", kind="study-visit", start=in_days(-40),
                     end=in_days(-39, 17))
    html = client.get(agenda().url).content.decode()
    upcoming, past = html.split('id="past-heading"')
    assert upcoming.index("Sooner webinar") < upcoming.index("Later workshop")
    assert "Past visit" in past and "Past visit" not in upcoming
    assert "Online" in upcoming  # the webinar has no venue
    filtered = client.get(agenda().url, {"kind": "webinar"}).content.decode()
    assert "Sooner webinar" in filtered and "Later workshop" not in filtered
    by_language = client.get(agenda().url, {"language": "de"}).content.decode()
    assert "Sooner webinar" in by_language and "Later workshop" not in by_language
    by_dimension = client.get(agenda().url, {"dimension": "mobility"}).content.decode()
    assert "Later workshop" in by_dimension and "Sooner webinar" not in by_dimension
    # an unknown value is ignored by the page (as in the catalogue)
    assert client.get(agenda().url, {"kind": "<script>"}).status_code == 200
    assert later.live and sooner.live


def test_event_page_shows_its_time_in_its_own_zone_and_what_stays_after_it(client):
    practice = PracticePageFactory(title="Bench rides")
    event = EventPageFactory(
        title="Winter workshop", time_zone="Europe/Ljubljana",
        start=datetime.datetime(2027, 1, 20, 9, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Ljubljana")),
        end=datetime.datetime(2027, 1, 20, 17, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Ljubljana")),
        practices=[practice], languages=["sl", "en"])
    html = client.get(event.url).content.decode()
    assert "20 January 2027, 09:30–17:00 (CET)" in html
    assert "Bench rides" in html and "English, Slovenian" in html
    assert "2 places left" in html and 'href="/en/events/' in html
    assert "Minutes" not in html  # not yet

    past = EventPageFactory(title="Past one", start=in_days(-10), end=in_days(-10, 12),
                            minutes="<p>Twelve villages came.</p>",
                            recording_url="https://peertube.example.org/w/abc")
    html = client.get(past.url).content.decode()
    assert "Twelve villages came." in html
    assert 'href="https://peertube.example.org/w/abc"' in html  # no embed fetched: a link
    assert "Register" not in html
    Embed.objects.create(url=past.recording_url, hash=get_embed_hash(past.recording_url),
                         html='<iframe title="Recording" src="https://peertube.example.org/'
                              'videos/embed/abc"></iframe>', type="video")
    past.save_revision().publish()  # (a new version of the page: the cached one is stale)
    assert "videos/embed/abc" in client.get(past.url).content.decode()


def test_event_and_agenda_icalendar_files_read_back_with_their_time_zone(client):
    event = EventPageFactory(title="Alpine workshop", start=in_days(12, 9),
                             end=in_days(12, 17), online_url="https://meet.example.org/w")
    EventPageFactory(title="Past workshop", start=in_days(-5), end=in_days(-5, 12))
    EventPageFactory(title="A webinar", kind="webinar", start=in_days(20), end=in_days(20, 11))
    calendar = read_calendar(client.get(event.url + "ics/"))
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Alpine workshop"
    start = vevent.decoded("DTSTART")
    assert start == event.start and str(start.tzinfo) == "Europe/Rome"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Rome"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Rome"]
    assert "Municipio di Aosta" in str(vevent["LOCATION"])
    assert str(vevent["URL"]).endswith(event.url)
    assert str(vevent["UID"]) == f"event-{event.translation_key}@smart-villages-kb"

    feed = read_calendar(client.get(agenda().url + "ics/"))
    titles = [str(v["SUMMARY"]) for v in feed.walk("VEVENT")]
    assert titles == ["Alpine workshop", "A webinar"]  # upcoming only, soonest first
    webinars = read_calendar(client.get(agenda().url + "ics/", {"kind": "webinar"}))
    assert [str(v["SUMMARY"]) for v in webinars.walk("VEVENT")] == ["A webinar"]
    bad = client.get(agenda().url + "ics/", {"kind": "party", "country": "XX"})
    assert bad.status_code == 400 and b"Unknown kind: party" in bad.content


def test_a_translation_shares_the_event_and_its_calendar_entry(client):
    event = EventPageFactory(title="Workshop", capacity=None)
    french = EventPageFactory(title="Atelier", language="fr", translation_of=event,
                              capacity=None)
    html = client.get(french.url).content.decode()
    assert "Atelier" in html and 'lang="fr"' in html
    uid = read_calendar(client.get(french.url + "ics/")).walk("VEVENT")[0]["UID"]
    assert uid == read_calendar(client.get(event.url + "ics/")).walk("VEVENT")[0]["UID"]
    # the English agenda lists the group once
    assert client.get(agenda().url).content.decode().count("Workshop</a>") == 1


def test_the_admin_enters_times_as_the_event_zone_wall_clock(admin_client):
    event = EventPageFactory(time_zone="Europe/Lisbon", start=datetime.datetime(
        2027, 3, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Lisbon")),
        end=datetime.datetime(2027, 3, 1, 12, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Lisbon")))
    form = admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert 'value="2027-03-01 09:00"' in form  # Lisbon time, not the admin's Paris time
    event.refresh_from_db()
    assert event.start.astimezone(datetime.UTC).hour == 9  # (Lisbon is UTC in winter)


def test_events_refuse_an_end_before_the_start():
    from django.core.exceptions import ValidationError

    event = EventPage(title="x", slug="x", kind="workshop", start=in_days(5, 12),
                      end=in_days(5, 10), time_zone="Europe/Rome",
                      locale=Locale.objects.get(language_code="en"))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "end" in error.value.message_dict
    event.end, event.time_zone = in_days(5, 14), "Mars/Olympus"
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "time_zone" in error.value.message_dict


# --- the toolbox -----------------------------------------------------------------------------


def toolbox(language="en"):
    return ToolboxPage.objects.get(locale__language_code=language)


def test_toolbox_walks_the_five_steps_with_their_resources(client):
    ResourcePageFactory(title="Diagnosis guide", step="where-are-we", dimensions=["people"])
    ResourcePageFactory(title="Vision workshop", kind="method", step="where-are-we-going")
    ResourcePageFactory(title="Transfer checklist", kind="template", step="valorisation",
                        resource_language="de", challenges=["digital"])
    html = client.get(toolbox().url).content.decode()
    headings = ["Where are we?", "Where do we want to be?", "How do we get there?",
                "Are we getting there?", "How do we promote and transfer our results?"]
    positions = [html.index(f"</span> {h}</h2>") for h in headings]
    assert positions == sorted(positions)  # the journey's order
    assert html.index("Diagnosis guide") < html.index("Vision workshop") \
        < html.index("Transfer checklist")
    assert html.count("No resource for this step matches these filters.") == 2
    only = client.get(toolbox().url, {"kind": "template"}).content.decode()
    assert "Transfer checklist" in only and "Diagnosis guide" not in only
    assert "Transfer checklist" in client.get(toolbox().url, {"challenge": "digital"}) \
        .content.decode()
    german = client.get(toolbox().url, {"language": "de"}).content.decode()
    assert "Transfer checklist" in german and "Vision workshop" not in german


def test_resource_page_and_the_pilot_sessions_that_used_it(client):
    resource = ResourcePageFactory(title="Stakeholder map", kind="template",
                                   licence="CC0-1.0", author="Alpine group", year=2024)
    pilot = PilotTerritoryPageFactory(title="Valley pilot")
    session = PilotSession(page=pilot, phase="where-are-we", date=datetime.date(2026, 5, 4),
                           title="First local group")
    session.save()
    session.resources.add(resource)
    session.save()
    html = client.get(resource.url).content.decode()
    assert "Valley pilot" in html and "First local group" in html and "4 May 2026" in html
    assert 'rel="license noopener"' in html and "CC0 1.0" in html
    assert "1. Where are we?" in html
    pilot_html = client.get(pilot.url).content.decode()
    assert "Resources used:" in pilot_html and resource.url in pilot_html


def test_the_admin_links_resources_to_a_pilot_session(admin_client):
    resource = ResourcePageFactory(title="Evaluation grid", step="are-we-getting-there")
    pilot = PilotTerritoryPageFactory(title="Pilot with sessions")
    form = admin_client.get(f"/admin/pages/{pilot.pk}/edit/")
    assert form.status_code == 200 and "Evaluation grid" in form.content.decode()
    data = {"title": pilot.title, "slug": pilot.slug, "summary": "", "country": "FR",
            "region": "", "territory": "", "population": "", "local_action_group": "",
            "body-count": "0", "sessions-TOTAL_FORMS": "1", "sessions-INITIAL_FORMS": "0",
            "sessions-MIN_NUM_FORMS": "0", "sessions-MAX_NUM_FORMS": "1000",
            "sessions-0-phase": "are-we-getting-there", "sessions-0-date": "2026-09-01",
            "sessions-0-title": "Mid-term review", "sessions-0-outcome": "",
            "sessions-0-resources": [str(resource.pk)], "sessions-0-ORDER": "1",
            "sessions-0-id": "", "sessions-0-DELETE": "", "action-publish": "publish"}
    response = admin_client.post(f"/admin/pages/{pilot.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    [session] = PilotSession.objects.filter(page=pilot)
    assert list(session.resources.all()) == [resource]
    assert "Evaluation grid" in admin_client.get(pilot.url).content.decode()


def test_editors_create_an_event_in_the_admin(admin_client):
    index = agenda()
    response = admin_client.get(f"/admin/pages/add/practices/eventpage/{index.pk}/")
    html = response.content.decode()
    assert response.status_code == 200 and "Europe/Ljubljana" in html  # the zone choices
    assert "Slides and documents" in html


def test_new_resources_have_their_feeds(client):
    import feedparser

    ResourcePageFactory(title="Fresh guide")
    ResourcePageFactory(title="Guide français", language="fr")
    feed = feedparser.parse(client.get("/en/feeds/resources.atom").content)
    assert [entry.title for entry in feed.entries] == ["Fresh guide"]
    assert feed.feed.rights.startswith("CC BY 4.0")
    rss = feedparser.parse(client.get("/fr/feeds/resources.rss").content)
    assert [entry.title for entry in rss.entries] == ["Guide français"]
    assert 'href="/en/feeds/resources.atom"' in client.get(toolbox().url).content.decode()


def test_an_event_with_a_venue_has_its_map(client):
    with_venue = EventPageFactory(title="On site")
    online = EventPageFactory(title="Online only", venue="", latitude=None, longitude=None,
                              online_url="https://meet.example.org/o")
    html = client.get(with_venue.url).content.decode()
    assert 'data-kb-places="kb-event-place"' in html and '"lat": 45.737' in html
    assert "data-kb-places" not in client.get(online.url).content.decode()


def test_translating_an_event_and_a_resource_with_wagtail_localize(
        client, django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail_localize.models import TranslationSource

    from practices.models import EventDocument

    slides = get_document_model().objects.create(title="Slides",
                                                  file=ContentFile(b"%PDF-1.4", "slides.pdf"))
    event = EventPageFactory(title="Mobility workshop", capacity=30, languages=["en", "sl"],
                             dimensions=["mobility"], minutes="<p>Thirty came.</p>")
    event.documents.add(EventDocument(document=slides))
    event.save_revision().publish()
    slovenian = Locale.objects.get(language_code="sl")
    source, _created = TranslationSource.get_or_create_from_instance(event)
    source.create_or_update_translation(slovenian, publish=False, fallback=True)
    translation = event.get_translation(slovenian).specific
    assert not translation.live
    assert (translation.start, translation.time_zone, translation.capacity) == (
        event.start, event.time_zone, event.capacity)
    assert sorted(d.slug for d in translation.dimensions.all()) == ["mobility"]
    assert [d.document_id for d in translation.documents.all()] == [slides.pk]
    translation.title = "Delavnica o mobilnosti"
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_revision().publish()
    html = client.get(translation.url).content.decode()
    assert "Delavnica o mobilnosti" in html and "Pametna mobilnost" in html
    assert "Slides" in html
    resource = ResourcePageFactory(title="Checklist", challenges=["digital"])
    source, _created = TranslationSource.get_or_create_from_instance(resource)
    source.create_or_update_translation(slovenian, publish=False, fallback=True)
    copy = resource.get_translation(slovenian).specific
    copy.save_revision().publish()
    assert copy.step == resource.step
    assert "1. Kje smo?" in client.get(copy.url).content.decode()


def test_the_admin_previews_an_event_and_a_resource():
    for page in (EventPageFactory(title="Previewed event"),
                 ResourcePageFactory(title="Previewed resource")):
        page.title += " (draft)"
        response = page.make_preview_request()
        assert response.status_code == 200
        assert f"{page.title}</h1>" in response.content.decode()
