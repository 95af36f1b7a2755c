"""RSS and Atom feeds, read by a real feed parser (feedparser)."""

import feedparser
import pytest

from practices.models import PracticePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue_corpus")]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def practice_of(entry):
    path = "/" + entry.link.split("://", 1)[1].split("/", 1)[1]
    return next(p for p in PracticePage.objects.live() if p.url == path)


@pytest.mark.parametrize("language", ["en", "fr", "de", "it", "sl"])
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_practice_feeds_parse_in_every_language(client, language, kind):
    feed = parse(client, f"/{language}/feeds/practices.{kind}")
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    assert feed.feed.get("language", language) == language
    assert len(feed.entries) == 9  # one per translation group
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)  # newest first


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_filtered_feed_contains_only_matching_practices(client, kind):
    feed = parse(client, f"/de/feeds/practices.{kind}?dimension=mobility&country=AT&country=CH")
    assert feed.entries
    for entry in feed.entries:
        practice = practice_of(entry)
        assert practice.country.code in ("AT", "CH")
        assert "mobility" in practice.dimensions.values_list("slug", flat=True)
    everything = parse(client, f"/de/feeds/practices.{kind}")
    assert len(feed.entries) < len(everything.entries)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_pilot_result_feeds(client, kind, catalogue_corpus):
    feed = parse(client, f"/en/feeds/pilot-results.{kind}")
    assert [e.title for e in feed.entries] == [catalogue_corpus["result"].title]
    assert feed.entries[0].link.endswith(catalogue_corpus["result"].url)
    assert parse(client, f"/fr/feeds/pilot-results.{kind}").entries == []  # English only


def test_catalogue_page_links_its_filtered_feed(client):
    html = client.get("/en/practices/?dimension=mobility").content.decode()
    assert 'type="application/rss+xml"' in html
    assert "/en/feeds/practices.rss?dimension=mobility" in html
