"""Data at scale on one database: the read API's lists, the open-data exports and the
Elasticsearch rebuild (with Wagtail's `update_index` beside it).

    DATABASE_URL=sqlite:///$PWD/bench/out/bench-100000.sqlite3 \
        .venv/bin/python bench/scale_bench.py api exports rebuild
    DATABASE_URL=postgres://kb:kb@127.0.0.1:5432/kb_bench_100000 BENCH_ELASTICSEARCH_URL=... \
        .venv/bin/python bench/scale_bench.py api exports rebuild update_index

In process, through Django's request stack (DEBUG off, the anonymous page cache off: every
request is computed). `api`: p50/p95 of 60 requests per kind of list, after a warm-up
(page 1, a deep page, a filtered page, a cursor page); `exports`: rows/s of the whole
catalogue per format, the body read to its end; `rebuild`: `search_index rebuild` into an
index of its own (prefix `kbscale_`), documents/s; `update_index`: Wagtail's own command
(its search index, every page model), pages/s. Prints Markdown rows.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")
os.environ["KB_SEARCH_INDEX_PREFIX"] = "kbscale_"
os.environ["ELASTICSEARCH_URL"] = os.environ.get("BENCH_ELASTICSEARCH_URL", "")

import django  # noqa: E402
from bench_queries import percentiles  # noqa: E402

django.setup()
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page  # noqa: E402

import kb.wsgi  # noqa: E402, F401 (a gunicorn worker's start-up: warm-up, gc.freeze)
from practices.models import PracticePage  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "60"))
DATABASE = connection.vendor


def get(client, url):
    start = time.perf_counter()
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code}")
    if response.streaming:
        size = sum(len(piece) for piece in response.streaming_content)
    else:
        size = len(response.content)
    return time.perf_counter() - start, response, size


def api(client, versions):
    deep = max(1, versions // 50 // 2)
    first = client.get("/api/v1/practices/?page_size=50").json()
    cursor = None
    for _ in range(min(deep, 40)):  # a cursor some pages in
        cursor = client.get("/api/v1/practices/?page_size=50"
                            + (f"&cursor={cursor}" if cursor else "")).json()["next_cursor"]
    kinds = {
        "list, page 1": "/api/v1/practices/?page_size=50",
        f"list, page {deep}": f"/api/v1/practices/?page_size=50&page={deep}",
        "list, cursor": f"/api/v1/practices/?page_size=50&cursor={cursor}",
        "list, filtered (dimension + country)":
            "/api/v1/practices/?page_size=50&dimension=mobility&country=AT",
    }
    if first["count"] != versions:
        raise SystemExit(f"the list counts {first['count']}, not {versions}")
    for name, url in kinds.items():
        get(client, url)  # warm-up
        samples = [get(client, url)[0] * 1000 for _ in range(REQUESTS)]
        p50, p95 = percentiles(samples)
        print(f"| {DATABASE} | {versions:,} | API {name} | {p50:.1f} | {p95:.1f} |", flush=True)


def exports(client, versions):
    for fmt in ("csv", "json", "jsonl", "xlsx"):
        seconds, _response, size = get(client, f"/exports/practices.{fmt}")
        print(f"| {DATABASE} | {versions:,} | export {fmt} ({size / 1e6:.0f} MB) | "
              f"{seconds:.1f} s | {versions / seconds:,.0f} rows/s |", flush=True)


def rebuild(versions):
    start = time.perf_counter()
    call_command("search_index", "rebuild", "--no-progress", stdout=open(os.devnull, "w"))  # noqa: SIM115
    seconds = time.perf_counter() - start
    groups = PracticePage.objects.live().values("translation_key").distinct().count()
    print(f"| {DATABASE} | {versions:,} | Elasticsearch rebuild ({groups:,} documents) | "
          f"{seconds:.1f} s | {groups / seconds:,.0f} documents/s |", flush=True)


def update_index(versions):
    pages = Page.objects.count()
    start = time.perf_counter()
    call_command("update_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
    seconds = time.perf_counter() - start
    print(f"| {DATABASE} | {versions:,} | Wagtail update_index ({pages:,} pages) | "
          f"{seconds:.1f} s | {pages / seconds:,.0f} pages/s |", flush=True)


def main(parts):
    settings.DEBUG, settings.ALLOWED_HOSTS = False, ["*"]
    settings.KB_PAGE_CACHE_SECONDS = 0
    client = Client()
    versions = PracticePage.objects.live().count()
    print("| database | published versions | measure | p50 ms / time | p95 ms / rate |")
    print("| --- | ---: | --- | ---: | ---: |")
    for part in parts:
        if part == "api":
            api(client, versions)
        elif part == "exports":
            exports(client, versions)
        elif part == "rebuild":
            rebuild(versions)
        elif part == "update_index":
            update_index(versions)


if __name__ == "__main__":
    main(sys.argv[1:] or ["api", "exports"])
