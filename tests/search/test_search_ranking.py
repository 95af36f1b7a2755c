"""Ranking on both engines over the demo corpus in five languages: a practice's own title
finds it first, and a snippet comes from the version whose title is shown."""

from html import unescape

import pytest
from django.utils.html import strip_tags

from practices.models import PracticePage
from search.engines import get_engine
from search.engines.base import SearchQuery
from search.language import fold
from tests.search.helpers import run

pytestmark = [pytest.mark.django_db, pytest.mark.demo]


def test_a_practices_own_title_ranks_first(engine_name):
    """Typed in its language (exactly, or lower case without accents), a practice's title
    finds that practice first, before practices that merely share its words."""
    pages = list(PracticePage.objects.live().public().select_related("locale"))
    misplaced = []
    for page in pages:
        for text in (page.title, fold(page.title)):
            response = get_engine().search(SearchQuery(
                q=text, lang=page.locale.language_code, page_size=3, highlight=False,
                facets=False))
            keys = [hit.key for hit in response.hits]
            if not keys or keys[0] != str(page.translation_key):
                misplaced.append(text)
    assert len(pages) >= 40 and misplaced == []


def test_the_highlight_comes_from_the_version_whose_title_is_shown(engine_name):
    """A French visitor sees the original of a German-and-English practice (no French
    version); its snippet is German text, never the English translation's."""
    highlighted = 0
    for q, lang in [("Mitfahrbank", "fr"), ("car-pooling", "it"), ("energy", "sl"),
                    ("shop", "de")]:
        for hit in run(engine_name, q=q, lang=lang, page_size=20).hits:
            if not hit.highlight:
                continue
            highlighted += 1
            shown = PracticePage.objects.get(pk=hit.card.id)
            text = " ".join([shown.title, shown.summary, str(shown.body)])
            fragment = unescape(strip_tags(str(hit.highlight))).replace("…", "").strip()
            assert fragment[:40] in " ".join(text.split()), (q, lang, shown.title, fragment)
    assert highlighted >= 4
