"""SQL queries and time per public view on the demo corpus, for the code in the current
directory: `python bench/query_counts.py [label]` prints one markdown table row per view.

Run it from two checkouts on the same demo database (DATABASE_URL) to compare before/after
side by side: each view is requested once to warm per-process caches, then 30 times."""

import os
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.test")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from practices.models import PracticePage  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
RUNS = 30


def views():
    practice = PracticePage.objects.filter(live=True, locale__language_code="en").first()
    return [("home", "/en/"), ("catalogue", "/en/practices/"),
            ("catalogue search", "/en/practices/?q=village"),
            ("practice page", practice.url), ("API search", "/api/v1/search/?q=village"),
            ("API practices list (100)", "/api/v1/practices/?page_size=100"),
            ("API pilots list (100)", "/api/v1/pilots/?page_size=100"),
            ("API pilot results list (100)", "/api/v1/pilot-results/?page_size=100")]


def main(label):
    client = Client()
    for name, url in views():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        count = len(queries)  # (the next request empties the connection's query log)
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[int(0.95 * (RUNS - 1))]
        print(f"| {label} | {name} | {status} | {count} | "
              f"{statistics.median(times):.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "now")
