"""Background indexing (django-tasks): immediate in dev and tests, a db_worker in production."""

from django.conf import settings
from django_tasks import task
from wagtail.search.backends import get_search_backends

from practices.catalogue import prefetch_terms
from practices.models import PracticePage

from . import backlog
from .documents import documents_kept
from .engines import elastic
from .engines.database import DatabaseEngine


@task()
def index_practices(page_ids: list[int], database: bool = False, entries: bool = False) -> int:
    """(Re)index these practice pages: live & public ones are written, the others (drafts,
    private, expired, deleted) removed, in the database engine's index and in Elasticsearch.
    Wagtail updates its own index (the admin's search) when a page is saved;
    `database=True` refreshes it too, for changes made elsewhere (labels). The database
    engine's index is written where pages change (signal_handlers._index_now), here only with
    `entries=True` (after an import, a taxonomy change)."""
    if database:
        pages = list(PracticePage.objects.filter(pk__in=page_ids).select_related("locale"))
        prefetch_terms(pages)  # (its text holds the labels of its terms, and its tags)
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(PracticePage, pages)
    with documents_kept():  # (both indexes write the same documents)
        if entries:
            DatabaseEngine.index_pages(page_ids)
        if settings.ELASTICSEARCH_URL:
            backlog.sync(page_ids)
    return len(page_ids)


@task()
def retry_index_backlog() -> int:
    """Retry the practices whose indexing failed (search/backlog.py)."""
    pending = backlog.pending_ids()
    if pending and settings.ELASTICSEARCH_URL:
        backlog.sync([])
    return len(pending)


@task()
def index_translation_groups(translation_keys: list[str]) -> int:
    """Reindex every version of these practices (e.g. after a taxonomy label changed)."""
    ids = list(PracticePage.objects.filter(translation_key__in=translation_keys)
               .values_list("pk", flat=True))
    return index_practices.call(ids, database=True, entries=True)


@task()
def index_concepts(slugs: list[str]) -> int:
    """Glossary concepts changed: the Elasticsearch documents that named them, or name them
    now, are written again (each lists the concepts its texts name)."""
    if not settings.ELASTICSEARCH_URL:
        return 0
    engine = elastic.ElasticsearchEngine(settings.ELASTICSEARCH_URL,
                                         timeout=settings.KB_INDEX_TIMEOUT)
    ids = sorted(engine.naming(slugs))
    for start in range(0, len(ids), 500):
        backlog.sync(ids[start:start + 500])
    return len(ids)
