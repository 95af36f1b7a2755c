"""Render times of the practice page and the catalogue on the demo corpus (make bench).

200 requests each through Django's full request stack (in process, DEBUG off, SQLite file
database loaded by `make demo`), after 20 warm-up requests. Prints and writes bench/RESULTS.md.
"""

import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from practices.models import PracticeIndexPage, PracticePage  # noqa: E402

REQUESTS = 200
WARM_UP = 20


def measure(client, urls):
    for url in (urls * WARM_UP)[:max(WARM_UP, len(urls))]:  # every URL once: renditions exist
        client.get(url)
    timings, queries = [], []
    for i in range(REQUESTS):
        url = urls[i % len(urls)]
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - start
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        timings.append(elapsed * 1000)
        queries.append(len(ctx.captured_queries))
    cuts = statistics.quantiles(timings, n=100)
    return {"p50": cuts[49], "p95": cuts[94], "queries": (min(queries), max(queries)),
            "pages": len(set(urls))}


def main():
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    practices = [p.url for p in PracticePage.objects.live().order_by("id")]
    index = PracticeIndexPage.objects.get(locale__language_code="en").url
    catalogue = [index, f"{index}?dimension=mobility", f"{index}?country=AT&country=IT",
                 f"{index}?challenge=digital&status=ongoing", f"{index}?page=2"]
    results = {
        "practice page (each of the demo practices in turn)": measure(client, practices),
        "catalogue page (5 filter combinations, 12 per page)": measure(client, catalogue),
    }
    lines = [
        "# Benchmarks",
        "",
        "## Page render time on the demo corpus (`make bench`)",
        "",
        f"{REQUESTS} requests per page type after a warm-up visiting every URL (at least {WARM_UP} "
        "requests; image renditions are generated then), through Django's "
        "full request stack in one process (DEBUG off, SQLite, database search). "
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}.",
        "",
        "| page | distinct URLs | p50 (ms) | p95 (ms) | SQL queries per request |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, r in results.items():
        low, high = r["queries"]
        span = f"{low}" if low == high else f"{low}–{high}"
        lines.append(f"| {name} | {r['pages']} | {r['p50']:.1f} | {r['p95']:.1f} | {span} |")
    report = "\n".join(lines) + "\n"
    print(report)
    results = ROOT / "bench" / "RESULTS.md"
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    search_sections = old[old.index("\n## Search on"):] if "\n## Search on" in old else ""
    results.write_text(report + extra_sections() + search_sections, encoding="utf-8")


def extra_sections():
    """The `make run` timing written by bench/make_run_time.sh, kept in RESULTS.md."""
    path = ROOT / "bench" / "make_run.md"
    return "\n" + path.read_text(encoding="utf-8") if path.exists() else ""


if __name__ == "__main__":
    main()
