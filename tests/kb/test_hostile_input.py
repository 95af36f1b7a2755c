"""Odd parameters never get a 5xx: the regressions found by trying the site as an attacker
would (odd search text: tests/kb/test_hostile_queries.py; tests/kb/test_fuzz.py then tries
every public GET parameter with Hypothesis)."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_corpus")]


@pytest.mark.parametrize("fmt", ["pdf", "CSV", "exe", "json.bak"])
def test_unknown_export_formats_answer_404_with_the_known_ones(client, fmt):
    response = client.get(f"/exports/practices.{fmt}")
    assert response.status_code == 404
    assert "csv, json, jsonl, xlsx" in response.content.decode()


@pytest.mark.parametrize("url", ["/api/v1/practices/", "/api/v1/pilots/"])
def test_far_time_zone_offsets_are_read_in_utc(client, url):
    """-22:56 is a valid RFC 3339 offset that PostgreSQL refuses as such (it was a 500)."""
    response = client.get(url, {"updated_since": "2104-12-31T00:47:44-22:56"})
    assert response.status_code == 200 and response.json()["count"] == 0
    assert client.get(url, {"updated_since": "2000-01-01T00:00:00+14:00"}).json()["count"]


def test_json_lines_export_is_offered(client):
    response = client.get("/exports/practices.jsonl")
    assert response.status_code == 200 and response["Content-Type"] == "application/x-ndjson"


@pytest.mark.parametrize("since", ["2026-13-45", "2026-02-30", "2026-01-01T00:00:00+99:00",
                                   "2026-01-01T25:00:00", "9999-12-31T23:59:59-23:00", ""])
@pytest.mark.parametrize("url", ["/api/v1/practices/", "/api/v1/pilots/",
                                 "/api/v1/pilot-results/"])
def test_impossible_dates_answer_400_with_the_field(client, url, since):
    response = client.get(url, {"updated_since": since})
    assert response.status_code == 400
    assert response.json()["field"] == "updated_since"


@pytest.mark.parametrize("value", ["²", "٣", "9" * 5000, "-1", "1e3", " 7x"])
@pytest.mark.parametrize("url,name", [
    ("/api/v1/search/", "page"), ("/api/v1/search/", "page_size"),
    ("/api/v1/practices/", "page"), ("/api/v1/practices/", "page_size"),
    ("/api/v1/pilots/", "page"), ("/api/v1/pilot-results/", "page_size"),
    ("/embed/practices/", "limit"), ("/en/practices/", "page"),
    ("/oembed/", "maxwidth"), ("/oembed/", "maxheight")])
def test_numbers_that_are_not_plain_numbers(client, url, name, value):
    params = {name: value}
    if url == "/oembed/":
        from practices.models import PracticePage

        params["url"] = PracticePage.objects.live().public().first().full_url
    response = client.get(url, params)
    expected = {200} if url.startswith(("/embed/", "/en/")) else {400}
    assert response.status_code in expected, response.content[:300]


def test_a_malformed_url_given_to_oembed_is_a_404(client):
    for url in ("http://[::1/", "http://[zz]/x", "ht!tp://", "\x00"):
        assert client.get("/oembed/", {"url": url}).status_code == 404
