"""Events and toolbox resources in the search, on both engines: practices by default, the
`type` facet and filter, a withdrawn event leaving the results, cards that say what each
result is; the read API and the open-data files of events and resources."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from tests.factories import EventPageFactory, PracticePageFactory, ResourcePageFactory, in_days

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_corpus")]


@pytest.fixture
def programme(request, django_capture_on_commit_callbacks):
    """A practice, an event and a resource sharing a word, indexed by the engine in use
    (`engine_name` first when the test has it)."""
    if "engine_name" in request.fixturenames:
        request.getfixturevalue("engine_name")
    with django_capture_on_commit_callbacks(execute=True):
        practice = PracticePageFactory(title="Zwiebelmarkt cooperative",
                                       summary="An onion market run by the village.")
        event = EventPageFactory(title="Zwiebelmarkt workshop", dimensions=["economy"],
                                 summary="How the onion market cooperative started.")
        resource = ResourcePageFactory(title="Zwiebelmarkt guide", kind="guide",
                                       step="how-do-we-get-there", dimensions=["economy"])
    return practice, event, resource


def search(client, **params):
    response = client.get("/api/v1/search/", {"q": "zwiebelmarkt", **params})
    assert response.status_code == 200
    return response.json()


def test_practices_by_default_and_the_type_facet(client, engine_name, programme):
    practice, event, resource = programme
    data = search(client)
    assert [r["title"] for r in data["results"]] == ["Zwiebelmarkt cooperative"]
    assert {f["value"]: f["count"] for f in data["facets"]["type"]} == {
        "practice": 1, "event": 1, "resource": 1}
    both = search(client, type=["event", "resource"])
    assert {(r["type"], r["title"]) for r in both["results"]} == {
        ("event", "Zwiebelmarkt workshop"), ("resource", "Zwiebelmarkt guide")}
    assert both["count"] == 2
    # a filter a practice has and an event lacks leaves the event out
    assert search(client, type="event", status="ongoing")["count"] == 0
    assert search(client, type="event", dimension="economy")["count"] == 1


def test_a_withdrawn_event_leaves_the_results(client, engine_name, programme,
                                              django_capture_on_commit_callbacks):
    _practice, event, _resource = programme
    with django_capture_on_commit_callbacks(execute=True):
        event.unpublish()
    assert search(client, type="event")["count"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        draft = EventPageFactory(title="Zwiebelmarkt draft event", live=False)
    assert draft.pk and search(client, type="event")["count"] == 0


def test_the_catalogue_shows_what_each_result_is(client, engine_name, programme):
    html = client.get("/en/practices/", {"q": "zwiebelmarkt", "type": ["event", "resource"]}) \
        .content.decode()
    assert "2 results" in html
    assert "Event</span> · Workshop" in html and "Toolbox</span> · Guide" in html
    assert "Zwiebelmarkt cooperative" not in html
    plain = client.get("/en/practices/", {"q": "zwiebelmarkt"}).content.decode()
    assert "1 practice" in plain and "Zwiebelmarkt workshop" not in plain
    assert 'name="type" value="event"' in plain  # offered, with its count


def test_the_search_api_refuses_an_unknown_type(client):
    response = client.get("/api/v1/search/", {"type": "party"})
    assert response.status_code == 400 and response.json()["field"] == "type"


def test_events_and_resources_in_the_read_api(client, programme):
    _practice, event, resource = programme
    events = client.get("/api/v1/events/").json()
    [item] = [e for e in events["results"] if e["id"] == event.pk]
    assert item["start"] == event.local_start.isoformat()
    assert item["time_zone"] == "Europe/Rome" and item["attendance_mode"] == \
        "OfflineEventAttendanceMode"
    assert item["ics_url"].endswith(event.url + "ics/")
    assert "registration" not in json.dumps(item).lower().replace("registration_deadline", "")
    detail = client.get(f"/api/v1/resources/{resource.pk}/").json()
    assert detail["step"] == "how-do-we-get-there" and detail["licence"] == "CC-BY-4.0"
    assert client.get("/api/v1/resources/0/").status_code == 404
    hidden = EventPageFactory(live=False)
    assert client.get(f"/api/v1/events/{hidden.pk}/").status_code == 404


def test_open_data_files_of_events_and_resources(client, programme):
    _practice, event, _resource = programme
    past = EventPageFactory(title="Done", start=in_days(-9), end=in_days(-9, 12),
                            recording_url="https://video.example.org/v/1")
    response = client.get("/exports/events.csv")
    assert response.status_code == 200 and response["Link"].endswith('rel="license"')
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    titles = {row["title"]: row for row in rows}
    assert {"Zwiebelmarkt workshop", "Done"} <= set(titles)
    assert titles["Done"]["recording_url"] == "https://video.example.org/v/1"
    assert past.pk
    etag = response["ETag"]
    assert client.get("/exports/events.csv", HTTP_IF_NONE_MATCH=etag).status_code == 304
    data = json.loads(b"".join(client.get("/exports/resources.json").streaming_content))
    assert [r["title"] for r in data if r["title"] == "Zwiebelmarkt guide"]
    sheet = load_workbook(io.BytesIO(b"".join(
        client.get("/exports/pilots.xlsx").streaming_content))).active
    assert sheet["A1"].value == "id"
    assert client.get("/exports/registrations.csv").status_code == 404
    assert client.get("/exports/events.pdf").status_code == 404
    assert event.pk
