"""The Elasticsearch engine at several corpus sizes, side by side in one run.

    DATABASE_URL=sqlite:///$PWD/bench/out/bench-10000.sqlite3 \
    BENCH_ELASTICSEARCH_URL=http://127.0.0.1:9201 \
        .venv/bin/python bench/elastic_sizes.py 1k=kb1k_ 10k=kb10k_ 100k=kb100k_

Each `label=prefix` names an index the engine reads (alias `<prefix>practice-languages`, built by
`search_index rebuild` or bench/scale_up.py). The bench's eight faceted, highlighted searches
(bench/search_compare.py QUERIES) run against each index in turn, query by query (the
machine's load falls on all alike), after a warm-up round: p50/p95 of the in-process
`engine.search()` (query, facets, snippets, cards, the check that the shown practices are
still published) and of the node's own `took` (a multi-search: its longest part). Prints
Markdown.
"""

import os
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
from search_compare import node_time  # noqa: E402

from search.engines.base import SearchQuery  # noqa: E402
from search.engines.elastic import ElasticsearchEngine  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "12"))
# BENCH_COLD=1: the node's request cache (counts and facets of a query asked before) emptied
# before each search
COLD = os.environ.get("BENCH_COLD") == "1"


def main(targets):
    settings.DEBUG = False
    url = os.environ["BENCH_ELASTICSEARCH_URL"]
    engines = {}
    for target in targets:
        label, prefix = target.split("=", 1)
        settings.KB_SEARCH_INDEX_PREFIX = prefix
        engines[label] = ElasticsearchEngine(url, timeout=30)  # (its alias is set here)
    took = []
    node_time(took)
    samples = {label: {"engine": [], "took": []} for label in engines}
    for round_ in range(ROUNDS + 1):
        for q, lang, filters in QUERIES:
            for label, engine in engines.items():
                took.clear()
                if COLD:  # every search as if never asked before
                    engine.client.indices.clear_cache(index=engine.alias, request=True)
                start = time.perf_counter()
                engine.search(SearchQuery(q=q, lang=lang, **filters))
                if round_:  # (the first round warms up)
                    samples[label]["engine"].append((time.perf_counter() - start) * 1000)
                    samples[label]["took"] += took
    print("| index | documents (groups) | searches | engine.search p50/p95 (ms) "
          "| node took p50/p95 (ms) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, engine in engines.items():
        count = engine.client.count(index=engine.alias)["count"]
        found = samples[label]
        print(f"| {label} | {count} | {len(found['engine'])} | "
              "{:.1f} / {:.1f} | ".format(*percentiles(found["engine"])) +
              "{:.0f} / {:.0f} |".format(*percentiles(found["took"])))


if __name__ == "__main__":
    main(sys.argv[1:])
