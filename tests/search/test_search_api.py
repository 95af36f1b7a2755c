"""The search API's answer (DESIGN.md's contract) and bad input, on both engines, over a
small corpus built with factories."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_corpus")]


API_KEYS = {"count", "engine", "page", "results", "facets"}
RESULT_KEYS = {"id", "external_id", "url", "title", "summary", "language", "country",
               "dimensions", "challenges", "highlight", "translations", "type"}


def test_api_answers_the_design_contract(engine_name, client):
    response = client.get("/api/v1/search/", {"q": "mobilité", "lang": "fr",
                                              "country": ["at", "fr"]})
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= API_KEYS and data["engine"] == engine_name
    assert data["count"] == 2 and data["page"] == 1
    result = data["results"][0]
    assert set(result) == RESULT_KEYS
    assert set(result["translations"][0]) == {"language", "url", "external_id"}
    # DESIGN.md's five facets, the funding sources and the transfers' stages (issue 16), what
    # a result is (issue 17: practices by default)
    assert set(data["facets"]) == {"dimension", "challenge", "country", "language", "status",
                                   "funding", "reuse", "type"}
    assert data["facets"]["type"] == [{"value": "practice", "label": "Pratiques", "count": 2,
                                       "selected": True}]
    assert set(data["facets"]["country"][0]) == {"value", "label", "count", "selected"}
    assert "contact" not in response.content.decode().lower()


BAD = [
    {"q": 'mobility AND (bus OR "village ~ * ? \\ / : ^'},
    {"q": "x" * 5000},
    {"dimension": "nope"}, {"country": "ZZ"}, {"status": "secret"}, {"language": "xx"},
    {"reuse": "copied"},
    {"page": "-1"}, {"page": "abc"}, {"page_size": "10000"}, {"sort": "price"},
    {"bbox": "1,2,3"}, {"lang": "tlh"}, {"q": "<script>alert(1)</script>"},
]


@pytest.mark.parametrize("params", BAD)
def test_bad_input_never_breaks_the_api_or_the_page(engine_name, client, params):
    api = client.get("/api/v1/search/", params)
    assert api.status_code in (200, 400)
    if api.status_code == 400:
        assert api.json()["error"]
    page = client.get("/en/practices/", params)
    assert page.status_code == 200
    assert api["Content-Type"].startswith("application/json")  # data, never HTML
    assert "<script>alert(1)</script>" not in page.content.decode()
