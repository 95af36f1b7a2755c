"""Background indexing (django-tasks): immediate in dev and tests, a db_worker in production."""

from django.conf import settings
from django_tasks import task


@task()
def index_practices(page_ids: list[int], database: bool = False) -> int:
    """(Re)index these practice pages: live & public ones are written, the others (drafts,
    private, expired, deleted) removed. Wagtail already updates its own (database) index when
    a page is saved; `database=True` refreshes it too, for changes made elsewhere (labels)."""
    from wagtail.search.backends import get_search_backends

    from practices.catalogue import published
    from practices.models import PracticePage

    visible = set(published(PracticePage.objects.filter(pk__in=page_ids))
                  .values_list("pk", flat=True))
    if database:
        pages = list(PracticePage.objects.filter(pk__in=page_ids))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(PracticePage, pages)
    if settings.ELASTICSEARCH_URL:
        from .engines.elastic import ElasticsearchEngine

        engine = ElasticsearchEngine(settings.ELASTICSEARCH_URL)
        # index_pages writes every published version of these pages' groups: a translation
        # published or withdrawn changes its whole group (available languages).
        engine.index_pages(page_ids)
        engine.delete_ids(set(page_ids) - visible)
    return len(visible)


@task()
def index_translation_groups(translation_keys: list[str]) -> int:
    """Reindex every version of these practices (e.g. after a taxonomy label changed)."""
    from practices.models import PracticePage

    ids = list(PracticePage.objects.filter(translation_key__in=translation_keys)
               .values_list("pk", flat=True))
    return index_practices.call(ids, database=True)
