"""The Elasticsearch engine before and after one document per translation group, side by side.

    DATABASE_URL=sqlite:///bench/out/bench-10000.sqlite3 \
    BENCH_ELASTICSEARCH_URL=http://127.0.0.1:9201 .venv/bin/python bench/elastic_shape_bench.py

The engine "before" is search/engines/elastic.py at BENCH_BEFORE (default 56c3810: one
document per language version, collapsed on the group, groups counted with `cardinality`),
loaded from git next to today's. Both build their own index from the same database on the
same node (rebuild throughput), then answer the bench's eight faceted searches, in blocks of
six rounds taken in turns (before, after, before, after: the machine's load falls on both
alike, and one engine's searches do not run between the other's), after a warm-up round:
p50/p95 of the in-process `engine.search()` (query, facets, snippets, cards read from the
database) and of the node's own `took`. Prints Markdown; the caller copies it to
bench/RESULTS.md.
"""

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")

import django  # noqa: E402

django.setup()

from bench_queries import QUERIES, percentiles  # noqa: E402
from django.conf import settings  # noqa: E402

from practices.models import PracticePage  # noqa: E402
from search.engines import elastic  # noqa: E402
from search.engines.base import SearchQuery  # noqa: E402

BEFORE = os.environ.get("BENCH_BEFORE", "56c3810")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "24"))
BLOCKS = 4


def engine_before():
    """search.engines.elastic as it was at BEFORE, as a module of the same package."""
    source = subprocess.run(["git", "show", f"{BEFORE}:search/engines/elastic.py"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    spec = importlib.util.spec_from_loader("search.engines.elastic_before", loader=None)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "search.engines"
    exec(compile(source, f"{BEFORE}:search/engines/elastic.py", "exec"),  # noqa: S102
         module.__dict__)
    return module


def timed(engine):
    """The engine, with the node's `took` of each of its requests kept in engine.took."""
    engine.took = []
    search = engine.client.search

    def recorded(*args, **kwargs):
        response = search(*args, **kwargs)
        engine.took.append(response["took"])
        return response

    engine.client.search = recorded
    return engine


def search_page_times(url, engines):
    """/<lang>/<catalogue>/?q=…&<filters> answered with today's engine, as a visitor asks."""
    from django.test import Client
    from wagtail.models import Locale

    from practices.models import PracticeIndexPage

    settings.ELASTICSEARCH_URL = url
    settings.KB_SEARCH_INDEX_PREFIX = "kbshape_after_"
    settings.ALLOWED_HOSTS = ["*"]
    client, times = Client(), []
    catalogues = {index.locale_id: index.url for index in PracticeIndexPage.objects.all()}
    locales = {locale.language_code: locale.pk for locale in Locale.objects.all()}
    for round_ in range(ROUNDS + 1):
        for q, lang, filters in QUERIES:
            start = time.perf_counter()
            response = client.get(catalogues[locales[lang]], {"q": q, **filters})
            elapsed = (time.perf_counter() - start) * 1000
            if response.status_code != 200 or "may be incomplete" in response.content.decode():
                raise SystemExit(f"{q!r}: {response.status_code}, or answered by the database")
            if round_:
                times.append(elapsed)
    return times


def main():
    settings.DEBUG = False
    url = os.environ["BENCH_ELASTICSEARCH_URL"]
    engines = {}
    for label, module, prefix in (("before: a document per version", engine_before(),
                                   "kbshape_before_"),
                                  ("after: a document per group", elastic, "kbshape_after_")):
        settings.KB_SEARCH_INDEX_PREFIX = prefix
        engine = module.ElasticsearchEngine(url, timeout=120)
        start = time.perf_counter()
        _name, documents = engine.rebuild()
        seconds = time.perf_counter() - start
        engine.client.indices.forcemerge(index=engine.alias, max_num_segments=1)
        stats = engine.client.indices.stats(index=engine.alias, metric="store,docs")
        size = stats["_all"]["primaries"]["store"]["size_in_bytes"] / 1e6
        engines[label] = (timed(engine), prefix, documents, seconds, size)
    samples = {label: [] for label in engines}
    for block in range(BLOCKS):  # before, after, before, after...: the machine's load on both
        for label, (engine, prefix, *_rest) in engines.items():
            settings.KB_SEARCH_INDEX_PREFIX = prefix
            for _round in range(ROUNDS // BLOCKS + (block == 0)):  # + a warm-up round
                for q, lang, filters in QUERIES:
                    start = time.perf_counter()
                    response = engine.search(SearchQuery(q=q, lang=lang, **filters))
                    samples[label].append(((time.perf_counter() - start) * 1000,
                                           response.count))
    practices = PracticePage.objects.live().count()
    print(f"| {practices} published practice pages | documents | rebuild (s) | index (MB) "
          f"| `engine.search()` p50 / p95 (ms) | node `took` p50 / p95 (ms) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, (engine, _prefix, documents, seconds, size) in engines.items():
        measured = samples[label][len(QUERIES):]  # the first round warms up
        wall = percentiles([ms for ms, _count in measured])
        took = percentiles(engine.took[-len(measured):])
        print(f"| {label} | {documents} | {seconds:.1f} | {size:.1f} "
              f"| {wall[0]:.1f} / {wall[1]:.1f} | {took[0]:.1f} / {took[1]:.1f} |")
    page = search_page_times(url, engines)
    print(f"\nThe catalogue's search page on today's engine (request to response, Django's test "
          f"client, {len(page)} requests): p50 / p95 {percentiles(page)[0]:.1f} / "
          f"{percentiles(page)[1]:.1f} ms")
    counts = [[count for _ms, count in samples[label][:len(QUERIES)]] for label in engines]
    print(f"\nMatches per query (before / after): "
          f"{', '.join(f'{a}/{b}' for a, b in zip(*counts, strict=True))}")


if __name__ == "__main__":
    main()
