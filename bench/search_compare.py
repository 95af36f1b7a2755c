"""Search before and after a change, side by side in one run, on the same database and node.

    DATABASE_URL=sqlite:///$PWD/bench/out/bench-10000.sqlite3 \
    BENCH_ELASTICSEARCH_URL=http://127.0.0.1:9201 BENCH_BEFORE=6330fab \
        .venv/bin/python bench/search_compare.py

"Before" is the code at BENCH_BEFORE, checked out in a git worktree (bench/out/before-<rev>);
"after" is this checkout. Each side is measured by its own processes, in blocks taken in
turns (before, after, before, after...: the machine's load falls on both alike), each block
a fresh process with a warm-up round, then BENCH_ROUNDS rounds of the bench's eight faceted
searches (bench/search_bench.py QUERIES) on each engine:

- `engine.search()` in-process (matching, facets, snippets, cards), p50/p95;
- the node's own `took` (Elasticsearch);
- the catalogue's search page, request to response through Django's test client (routing,
  search, template), p50/p95, and its SQL queries.

Each side builds its own Elasticsearch index the first time (its own alias prefix). Prints
Markdown; the caller copies it to bench/RESULTS.md.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from bench_queries import QUERIES, percentiles  # noqa: E402

BEFORE = os.environ.get("BENCH_BEFORE", "6330fab")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "6"))
BLOCKS = int(os.environ.get("BENCH_BLOCKS", "4"))


def node_time(took):
    """Append each search's `took` to `took`: a search or, for a multi-search (whose parts
    the node runs in parallel), the longest of its parts."""
    from elasticsearch.dsl import MultiSearch, Search

    execute, execute_many = Search.execute, MultiSearch.execute

    def timed(search, *args, **kwargs):
        response = execute(search, *args, **kwargs)
        took.append(response.took)
        return response

    def timed_many(search, *args, **kwargs):
        responses = execute_many(search, *args, **kwargs)
        took.append(max(response.took for response in responses))
        return responses

    Search.execute, MultiSearch.execute = timed, timed_many


def measure(engine_name, build):
    """One block of one side (run in the side's checkout): JSON of the samples."""
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from practices.models import PracticeIndexPage, PracticePage
    from search.engines import get_engine
    from search.engines.base import SearchQuery

    settings.DEBUG, settings.ALLOWED_HOSTS = False, ["*"]
    if engine_name == "database":
        settings.ELASTICSEARCH_URL = ""
    engine = get_engine()
    if build and engine_name == "elasticsearch":
        engine.rebuild()
    took = []
    node_time(took)
    catalogues = {page.locale.language_code: page.url for page in
                  PracticeIndexPage.objects.select_related("locale")}
    client, samples = Client(), {"engine": [], "page": [], "queries": []}
    for round_ in range(ROUNDS + 1):
        for q, lang, filters in QUERIES:
            took_before = len(took)
            start = time.perf_counter()
            engine.search(SearchQuery(q=q, lang=lang, **filters))
            elapsed = (time.perf_counter() - start) * 1000
            url = f"{catalogues[lang]}?{urlencode({'q': q, **filters}, doseq=True)}"
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                status = client.get(url).status_code
            page = (time.perf_counter() - start) * 1000
            if status != 200:
                raise SystemExit(f"{url}: {status}")
            if round_:
                samples["engine"].append(elapsed)
                samples["page"].append(page)
                samples["queries"].append(len(queries))
            else:  # (the first round warms caches up)
                del took[took_before:]
    samples["took"] = took
    samples["practices"] = PracticePage.objects.live().count()
    print(json.dumps(samples))


def worktree(rev):
    path = ROOT / "bench" / "out" / f"before-{rev}"
    if not path.exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(path), rev], cwd=ROOT,
                       check=True, capture_output=True)
    return path


def block(checkout, engine_name, prefix, build):
    environment = {**os.environ, "KB_COMPARE_ONE": f"{engine_name}:{int(build)}",
                   "KB_SEARCH_INDEX_PREFIX": prefix,
                   "ELASTICSEARCH_URL": os.environ.get("BENCH_ELASTICSEARCH_URL", "")}
    out = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), __file__], cwd=checkout,
                         env=environment, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    sides = {"before": worktree(BEFORE), "after": ROOT}
    engines = ["database"] + (["elasticsearch"] if os.environ.get("BENCH_ELASTICSEARCH_URL")
                              else [])
    print(f"before = {BEFORE}, after = this checkout; {BLOCKS} blocks of {ROUNDS} rounds "
          f"of {len(QUERIES)} searches per side and engine, in turns\n")
    print("| engine | side | practices | engine.search p50/p95 (ms) | node took p50/p95 (ms) "
          "| search page p50/p95 (ms) | SQL queries per search page |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for engine_name in engines:
        merged = {side: {"engine": [], "page": [], "took": [], "queries": []} for side in sides}
        practices = {}
        for number in range(BLOCKS):
            for side, checkout in sides.items():
                found = block(checkout, engine_name, f"kbcmp{side}_", build=number == 0)
                practices[side] = found["practices"]
                for name in merged[side]:
                    merged[side][name] += found[name]
        for side, found in merged.items():
            took = ("{:.0f} / {:.0f}".format(*percentiles(found["took"])) if found["took"]
                    else "—")
            print(f"| {engine_name} | {side} | {practices[side]} | "
                  "{:.1f} / {:.1f} | ".format(*percentiles(found["engine"])) + took +
                  " | {:.1f} / {:.1f} | ".format(*percentiles(found["page"])) +
                  f"{min(found['queries'])}–{max(found['queries'])} |")


if __name__ == "__main__":
    if os.environ.get("KB_COMPARE_ONE"):
        name, build = os.environ["KB_COMPARE_ONE"].split(":")
        measure(name, build == "1")
    else:
        main()
