"""The public read API: practices, pilots, taxonomy; conditional requests; CORS."""

import pytest
from django.utils import timezone

from practices.models import PilotResultPage, PilotTerritoryPage, PracticePage
from tests.factories import PracticePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_corpus")]


def test_practice_list_pages_through_every_published_version(client):
    live = PracticePage.objects.live().count()
    first = client.get("/api/v1/practices/", {"page_size": 4}).json()
    assert first["count"] == live > 4 and len(first["results"]) == 4
    second = client.get(first["next"].split("testserver")[1]).json()
    ids = {r["id"] for r in first["results"]} | {r["id"] for r in second["results"]}
    assert len(ids) == live and second["next"] is None


def test_a_harvester_pages_by_cursor_and_misses_nothing_published_meanwhile(client):
    """Keyset paging: each answer says where the next starts; a version published while a
    harvester is half-way through comes at the end (its last publication is the newest),
    none is seen twice."""
    live = PracticePage.objects.live().count()
    first = client.get("/api/v1/practices/", {"page_size": 3}).json()
    seen, cursor, answers = [r["id"] for r in first["results"]], first["next_cursor"], 1
    new = PracticePageFactory(title="Cursor-time practice")
    while cursor:
        answer = client.get("/api/v1/practices/", {"page_size": 3, "cursor": cursor}).json()
        assert answer["next"] is None or "cursor=" in answer["next"]
        seen += [r["id"] for r in answer["results"]]
        cursor, answers = answer["next_cursor"], answers + 1
    assert len(seen) == len(set(seen)) == live + 1 and seen[-1] == new.pk
    assert answers == -(-(live + 1) // 3)
    for bad in ("nonsense", "12-", "1" * 17 + "-5", "-".join(["1"] * 3)):
        response = client.get("/api/v1/practices/", {"cursor": bad})
        assert response.status_code == 400 and response.json()["field"] == "cursor"
    past_the_end = client.get("/api/v1/practices/", {"cursor": "9" * 16 + "-1"}).json()
    assert past_the_end["results"] == [] and past_the_end["next_cursor"] is None


def test_practice_detail_has_public_fields_translations_and_no_email(client):
    page = PracticePage.objects.live().exclude(contact_email="").filter(
        translation_key__in=PracticePage.objects.filter(locale__language_code="de")
        .values("translation_key")).first()
    response = client.get(f"/api/v1/practices/{page.pk}/")
    data = response.json()
    assert response.status_code == 200
    assert data["title"] == page.title and data["location"]["country"] == page.country.code
    assert {d["slug"] for d in data["dimensions"]} == set(
        page.dimensions.values_list("slug", flat=True))
    assert data["translations"] and all(t["url"].startswith("http") for t in data["translations"])
    assert page.contact_email not in response.content.decode()
    assert "contact_email" not in data


def test_filters_match_the_search_parameters(client):
    data = client.get("/api/v1/practices/", {"dimension": "mobility", "country": "at"}).json()
    assert data["count"] > 0
    for row in data["results"]:
        assert row["location"]["country"] == "AT"
        assert "mobility" in {d["slug"] for d in row["dimensions"]}
    words = client.get("/api/v1/practices/", {"q": "covoiturage", "language": "fr"}).json()
    assert words["count"] > 0 and all(r["language"] == "fr" for r in words["results"])
    # a search nothing matches is an empty list (its count and date are known without SQL)
    nothing = client.get("/api/v1/practices/", {"q": "qqxqqzzy"})
    assert nothing.status_code == 200 and nothing.json()["count"] == 0


def test_updated_since_returns_only_newer_publications(client):
    cutoff = timezone.now()
    fresh = PracticePageFactory(title="Published after the cutoff")
    data = client.get("/api/v1/practices/", {"updated_since": cutoff.isoformat()}).json()
    assert [r["id"] for r in data["results"]] == [fresh.pk]


def test_etag_and_last_modified_answer_304_until_something_changes(client):
    response = client.get("/api/v1/practices/", {"country": "FR"})
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get("/api/v1/practices/", {"country": "FR"},
                      HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/api/v1/practices/", {"country": "FR"},
                      HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    PracticePageFactory(country="FR")
    changed = client.get("/api/v1/practices/", {"country": "FR"}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_cors_is_open_for_get(client):
    response = client.get("/api/v1/taxonomy/", HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/en/", HTTP_ORIGIN="https://x.example")


def test_taxonomy_has_labels_in_five_languages(client):
    data = client.get("/api/v1/taxonomy/").json()
    mobility = next(d for d in data["dimensions"] if d["slug"] == "mobility")
    assert set(mobility["labels"]) == {"en", "fr", "de", "it", "sl"}
    austria = next(c for c in data["countries"] if c["slug"] == "AT")
    assert austria["labels"]["de"] == "Österreich" and austria["labels"]["fr"] == "Autriche"
    assert {s["slug"] for s in data["statuses"]} == {"planned", "ongoing", "completed",
                                                    "discontinued"}


def test_pilots_and_results(client):
    pilots = client.get("/api/v1/pilots/").json()
    assert pilots["count"] == PilotTerritoryPage.objects.live().count()
    territory = pilots["results"][0]
    assert territory["sessions"] and territory["sessions"][0]["phase_label"]
    detail = client.get(f"/api/v1/pilots/{territory['id']}/").json()
    assert detail["title"] == territory["title"]
    results = client.get("/api/v1/pilot-results/", {"language": "en"}).json()
    assert results["count"] == PilotResultPage.objects.live().filter(
        locale__language_code="en").count() > 0
    assert all(r["language"] == "en" and r["indicators"] for r in results["results"])
    assert client.get("/api/v1/pilot-results/", {"language": "fr"}).json()["count"] == 0


@pytest.mark.parametrize("params", [{"page": "0"}, {"page_size": "101"}, {"page": "x"},
                                    {"updated_since": "yesterday"}, {"dimension": "nope"},
                                    {"language": "xx"}])
def test_bad_parameters_answer_400_with_a_reason(client, params):
    for path in ("/api/v1/practices/", "/api/v1/pilots/"):
        if path == "/api/v1/pilots/" and "dimension" in params:
            continue
        response = client.get(path, params)
        assert response.status_code == 400, (path, params)
        assert response.json()["error"]


def test_unknown_ids_answer_404_json(client):
    for path in ("/api/v1/practices/999999/", "/api/v1/pilots/999999/",
                 "/api/v1/pilot-results/999999/"):
        response = client.get(path)
        assert response.status_code == 404 and response.json()["error"]
