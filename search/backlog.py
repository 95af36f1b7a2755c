"""Index updates that could not reach Elasticsearch, kept in the database until they do.

`sync` is the one way practices reach the index: it folds in the backlog, and on failure
puts everything back, opens the circuit breaker and schedules a retry with exponential
backoff (on a task backend that can defer; the immediate backend of dev and tests retries
when the breaker's probe sees the node again). Until then, pages in the backlog that are no
longer published are filtered out of whatever the index serves.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Max
from django.utils import timezone

from core import pagecache

from . import breaker, tasks
from .documents import published_ids
from .engines import elastic
from .models import PendingIndex

logger = logging.getLogger("kb.search")
FIRST_RETRY = 15  # seconds; doubled at each failed attempt
LAST_RETRY = 3600


def add(page_ids):
    page_ids = {int(i) for i in page_ids}
    PendingIndex.objects.bulk_create([PendingIndex(page_id=i) for i in page_ids],
                                     ignore_conflicts=True)
    PendingIndex.objects.filter(page_id__in=page_ids).update(attempts=F("attempts") + 1)


def pending_ids():
    return set(PendingIndex.objects.values_list("page_id", flat=True))


def hidden_ids():
    """Backlog pages no longer published: the index may still hold them."""
    pending = pending_ids()
    if not pending:
        return set()
    return pending - published_ids(pending)


def retry_delay(attempts):
    return timedelta(seconds=min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LAST_RETRY))


def schedule_retry():
    from django_tasks import default_task_backend


    if not default_task_backend.supports_defer:
        return  # the probe retries when the node answers (search/breaker.py)
    attempts = PendingIndex.objects.aggregate(n=Max("attempts"))["n"] or 1
    tasks.retry_index_backlog.using(run_after=timezone.now() + retry_delay(attempts)).enqueue()


def sync(page_ids, url=None):
    """Write these practices (and the backlog) to the index: published ones are indexed with
    their whole translation group, the others removed. Returns False when the node failed."""
    url = url or settings.ELASTICSEARCH_URL
    ids = {int(i) for i in page_ids} | pending_ids()
    if not ids:
        return True
    if breaker.is_open(url):
        add(ids)
        schedule_retry()
        return False
    visible = published_ids(ids)
    engine = elastic.ElasticsearchEngine(url, timeout=settings.KB_INDEX_TIMEOUT)
    try:
        engine.index_pages(sorted(ids))
        engine.delete_ids(ids - visible)
    except Exception as exc:  # noqa: BLE001 — any node failure: keep the work, retry later
        logger.warning("Indexing %d practice(s) failed, kept for a retry: %s", len(ids), exc)
        breaker.trip(url, reason=str(exc))
        add(ids)
        schedule_retry()
        return False
    PendingIndex.objects.filter(page_id__in=ids).delete()
    pagecache.changed()  # (a search page cached since the change would miss it)
    return True


def register():
    breaker.on_recovery(retry_on_recovery)


def retry_on_recovery(url):
    if url == settings.ELASTICSEARCH_URL and PendingIndex.objects.exists():
        tasks.retry_index_backlog.enqueue()
