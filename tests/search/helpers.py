"""What the search test modules share: a search on the engine a test runs against, and the
practices (ids, translation groups) of its answer."""

from practices.models import PracticePage
from search.engines import get_engine
from search.engines.base import SearchQuery


def run(engine_name, **kwargs):
    response = get_engine().search(SearchQuery(**kwargs))
    assert response.engine == engine_name
    return response


def external_ids(response):
    return {hit.card.external_id for hit in response.hits}


def titles(response):
    return {hit.card.title for hit in response.hits}


def groups_with(**lookup):
    pages = PracticePage.objects.live().filter(**lookup)
    return {str(k) for k in pages.values_list("translation_key", flat=True)}


def keys(response):
    return {str(hit.key) for hit in response.hits}
