"""The database search engine on SQLite and on PostgreSQL, on the same records, in one run.

    .venv/bin/python bench/db_engine_bench.py \
        sqlite=sqlite:///bench/out/bench-10000.sqlite3 \
        postgresql=postgres://kb:kb@127.0.0.1:5432/kb_bench10k

Each database is read by its own process (Django binds one database at start-up), one after
the other: the bench's eight faceted searches, a warm-up round, then BENCH_ROUNDS rounds;
p50/p95 of `DatabaseEngine().search()` (matching, facets, snippets, cards). Prints Markdown.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))


def measure():
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")
    import django

    django.setup()
    from bench_queries import QUERIES, percentiles
    from django.conf import settings

    from practices.models import PracticePage
    from search.engines.base import SearchQuery
    from search.engines.database import DatabaseEngine

    settings.DEBUG = False
    engine, samples = DatabaseEngine(), []
    for round_ in range(ROUNDS + 1):
        for q, lang, filters in QUERIES:
            start = time.perf_counter()
            engine.search(SearchQuery(q=q, lang=lang, **filters))
            if round_:
                samples.append((time.perf_counter() - start) * 1000)
    p50, p95 = percentiles(samples)
    print(json.dumps({"pages": PracticePage.objects.live().count(), "p50": p50, "p95": p95,
                      "searches": len(samples)}))


def main(targets):
    print("| database | published practice pages | searches | p50 (ms) | p95 (ms) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for target in targets:
        label, url = target.split("=", 1)
        environment = {**os.environ, "DATABASE_URL": url, "KB_DB_BENCH_ONE": "1"}
        out = subprocess.run([sys.executable, __file__], env=environment, check=True,
                             capture_output=True, text=True).stdout.strip().splitlines()[-1]
        row = json.loads(out)
        print(f"| {label} | {row['pages']} | {row['searches']} | {row['p50']:.1f} "
              f"| {row['p95']:.1f} |")


if __name__ == "__main__":
    measure() if os.environ.get("KB_DB_BENCH_ONE") else main(sys.argv[1:])
