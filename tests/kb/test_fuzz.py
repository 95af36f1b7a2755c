"""A property-based fuzz (Hypothesis) over every public GET parameter: odd text, numbers,
dates and repeated names never produce a 5xx."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from tests.kb.test_hostile_queries import LONG_QUERY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_corpus")]


PARAMETERS = {
    "/en/practices/": ["q", "dimension", "challenge", "country", "language", "status", "sort",
                       "page", "tag", "bbox"],
    "/fr/pratiques/": ["q", "page", "sort", "country"],
    "/api/v1/search/": ["q", "lang", "dimension", "country", "status", "sort", "page",
                        "page_size", "bbox"],
    "/api/v1/search/suggest/": ["q", "lang"],
    "/api/v1/search/points/": ["q", "bbox", "country"],
    "/api/v1/practices/": ["q", "updated_since", "page", "page_size", "language", "country"],
    "/api/v1/pilots/": ["language", "updated_since", "page", "page_size"],
    "/api/v1/pilot-results/": ["language", "updated_since", "page"],
    "/api/v1/taxonomy/": ["lang"],
    "/en/feeds/practices.rss": ["q", "dimension", "country", "sort", "page_size"],
    "/de/feeds/practices.atom": ["q", "status", "tag"],
    "/en/feeds/pilot-results.rss": ["q"],
    "/exports/practices.csv": ["q", "dimension", "country", "bbox"],
    "/exports/practices.json": ["q", "language", "tag"],
    "/exports/practices.xlsx": ["q", "status"],
    "/embed/practices/": ["q", "lang", "limit", "dimension", "sort"],
    "/oembed/": ["url", "format", "maxwidth", "maxheight"],
}
ODD_TEXT = st.one_of(
    st.text(max_size=40),  # any Unicode, control characters and surrogates included
    st.sampled_from(["", "²", "٣", "-0", "1e999", "9" * 4400, "NaN", "2026-13-45",
                     "http://[::1/", "2104-12-31T00:47:44-22:56", "../../etc/passwd",
                     "<script>alert(1)</script>",
                     "' OR 1=1 --", "%00", "ـــ", "𒀀", LONG_QUERY, "0,0,0,0", "90,180,-90,-180",
                     "mobility", "FR", "fr", "governance", "newest", "title", "json"]),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
)
REQUESTS = st.sampled_from(sorted(PARAMETERS)).flatmap(lambda url: st.tuples(
    st.just(url),
    st.lists(st.tuples(st.sampled_from(PARAMETERS[url]), ODD_TEXT), max_size=6)))
FUZZED = []


@settings(max_examples=examples(300), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(request=REQUESTS)
def test_no_public_parameter_produces_a_server_error(client, request):
    url, pairs = request
    query = [(name, value.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
             for name, value in pairs]  # what a browser can send: UTF-8
    response = client.get(url, query)  # repeated names are sent repeated
    FUZZED.append(response.status_code)
    assert response.status_code < 500, (url, query, response.getvalue()[:500])


def test_fuzz_report():
    """The number of fuzzed requests and server errors (printed for the closing note)."""
    assert all(status < 500 for status in FUZZED)
    print(f"\nfuzzed {len(FUZZED)} requests, 5xx: {sum(s >= 500 for s in FUZZED)}, "
          f"statuses: {sorted(set(FUZZED))}")
