"""Search benchmark on a synthetic corpus, both engines and Wagtail's stock search side by side.

    bench/search_bench.sh 1000     # runs this with its own database and Elasticsearch index

Reports p50/p95 of a faceted, highlighted search per engine and of
`Page.objects.live().search(q)`, full reindex throughput (our Elasticsearch rebuild vs
Wagtail's `update_index`) and the peak memory of the process. Appends to bench/RESULTS.md.
"""

import os
import resource
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from wagtail.models import Page  # noqa: E402

from practices.models import PracticePage  # noqa: E402
from search.engines.base import SearchQuery  # noqa: E402
from search.engines.database import DatabaseEngine  # noqa: E402
from search.engines.elastic import ElasticsearchEngine  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from bench_queries import QUERIES, percentiles  # noqa: E402

# Requests per line: 200 on small corpora, fewer where one search can take seconds.
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "0"))
BUDGET = float(os.environ.get("BENCH_SEARCH_BUDGET", "20"))  # seconds, then interrupted


def bounded(function):
    """Run a search; interrupt SQLite after BUDGET seconds (Wagtail's stock search is
    quadratic on SQLite and would run for many minutes on 100k pages). Returns False when
    interrupted: the sample then counts as the budget, a lower bound."""
    from django.db import OperationalError, connection

    connection.ensure_connection()
    raw = connection.connection
    timer = threading.Timer(BUDGET, raw.interrupt) if hasattr(raw, "interrupt") else None
    if timer:
        timer.start()
    try:
        function()
        return True
    except OperationalError:
        return False
    finally:
        if timer:
            timer.cancel()


def time_calls(function, requests):
    interrupted = 0
    for q, lang, filters in QUERIES:  # warm up
        bounded(lambda q=q, lang=lang, filters=filters: function(q, lang, filters))
    samples = []
    for i in range(requests):
        q, lang, filters = QUERIES[i % len(QUERIES)]
        start = time.perf_counter()
        finished = bounded(lambda q=q, lang=lang, filters=filters: function(q, lang, filters))
        samples.append((time.perf_counter() - start) * 1000)
        interrupted += not finished
    return (*percentiles(samples), interrupted)


def main(label):
    settings.DEBUG = False  # no query log in a measurement
    es_url = os.environ["BENCH_ELASTICSEARCH_URL"]
    settings.KB_SEARCH_INDEX_PREFIX = "kbbench_"
    elastic = ElasticsearchEngine(es_url, timeout=120)
    pages = PracticePage.objects.live().count()

    start = time.perf_counter()
    _name, documents = elastic.rebuild()
    es_seconds = time.perf_counter() - start
    start = time.perf_counter()
    call_command("update_index", verbosity=0)
    wagtail_seconds = time.perf_counter() - start
    wagtail_objects = Page.objects.count()

    database = DatabaseEngine()
    took = []  # the node's own time per search request (Elasticsearch's `took`)
    client_search = elastic.client.search

    def timed_search(*args, **kwargs):
        response = client_search(*args, **kwargs)
        took.append(response["took"])
        return response

    elastic.client.search = timed_search

    def ours(engine):
        def run(q, lang, filters):
            response = engine.search(SearchQuery(q=q, lang=lang, **filters))
            return [h.highlight for h in response.hits]
        return run

    def stock(q, lang, filters):
        return list(Page.objects.live().search(q)[:12])

    requests = REQUESTS or (200 if pages <= 2000 else 40 if pages <= 20000 else 16)
    es_row = ("Elasticsearch engine: faceted + highlighted, 12 results",
              time_calls(ours(elastic), requests))
    took_p50, took_p95 = percentiles(took[-requests:])
    rows = [
        es_row,
        ("Elasticsearch node's own `took` for those searches", (took_p50, took_p95, 0)),
        ("database engine: faceted + highlighted, 12 results",
         time_calls(ours(database), requests)),
        ("Wagtail stock `Page.objects.live().search(q)[:12]`", time_calls(stock, requests)),
    ]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        f"\n## Search on {label} synthetic practices ({pages} live pages, "
        f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})",
        "",
        f"{requests} searches per line, 8 queries in 5 languages with facet filters "
        "(bench/search_bench.py, same data, same run).",
        "",
        "| search | p50 (ms) | p95 (ms) |", "| --- | ---: | ---: |",
        *[f"| {name} | {p50:.1f} | {p95:.1f} |"
          + (f" ({cut} of {requests} interrupted at {BUDGET:.0f} s: lower bound)" if cut else "")
          for name, (p50, p95, cut) in rows],
        "",
        "| full reindex | documents | seconds | documents/s |", "| --- | ---: | ---: | ---: |",
        f"| Elasticsearch `search_index rebuild` | {documents} | {es_seconds:.1f} | "
        f"{documents / es_seconds:.0f} |",
        f"| Wagtail `update_index` (all pages, images, documents) | {wagtail_objects} pages | "
        f"{wagtail_seconds:.1f} | {wagtail_objects / wagtail_seconds:.0f} |",
        "",
        f"Peak memory (max RSS) of the process serving these searches: {peak:.0f} MB.",
    ]
    if os.environ.get("BENCH_IMPORT_SECONDS"):
        seconds = float(os.environ["BENCH_IMPORT_SECONDS"])
        lines.append(f"Import through `import_practices`: {label} records in {seconds:.0f} s "
                     f"({int(label) / seconds:.1f} records/s).")
    report = "\n".join(lines) + "\n"
    print(report)
    with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as handle:
        handle.write(report)


if __name__ == "__main__":
    main(sys.argv[1])
