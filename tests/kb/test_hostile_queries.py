"""Odd search text never gets a 5xx and never finds everything: the queries that once broke
a channel, read by every channel that takes a query."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_corpus")]


SEARCH_CHANNELS = ["/en/practices/", "/api/v1/search/", "/api/v1/search/points/",
                   "/api/v1/practices/", "/en/feeds/practices.rss", "/en/feeds/practices.atom",
                   "/exports/practices.csv", "/exports/practices.xlsx",
                   "/exports/practices.json", "/embed/practices/", "/api/v1/search/suggest/"]
FOLDS_TO_NOTHING = ["ـــ", "𒀀𒀁", "مرحبا بالعالم", "mobilité ـ"]
LONG_QUERY = " ".join(f"w{i}x" for i in range(150))


@pytest.mark.parametrize("q", [*FOLDS_TO_NOTHING, LONG_QUERY, "a\x00b", "x\x0by"])
def test_queries_that_once_broke_every_channel(client, q):
    for url in SEARCH_CHANNELS:
        response = client.get(url, {"q": q})
        assert response.status_code in (200, 400), (url, repr(q), response.status_code)


def test_text_that_folds_to_nothing_finds_nothing_rather_than_everything(client):
    data = client.get("/api/v1/search/", {"q": "ـــ"}).json()
    assert data["count"] == 0 and data["results"] == []
    assert "mobility" not in client.get("/exports/practices.csv", {"q": "ـــ"}).getvalue().decode()
    # a word that folds to something still counts: the Arabic letters are ignored
    assert client.get("/api/v1/search/", {"q": "mobility ـــ"}).json()["count"] > 0


def test_the_search_box_says_which_query_it_shows(client, settings):
    """'Showing results for' names the corrected query, not the typo again."""
    settings.ELASTICSEARCH_URL = ""  # the database engine has no fuzzy match: a correction
    body = client.get("/en/practices/", {"q": "Mitfahrbnak"}).content.decode()
    assert "No result for “Mitfahrbnak”. Showing results for “mitfahrbank”." in body
