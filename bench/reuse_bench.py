"""Reuse channels: widget size, public API page time, export time per format.

    DATABASE_URL=sqlite:///bench/out/bench-10000.sqlite3 .venv/bin/python bench/reuse_bench.py 10k
    make bench-reuse        # the demo corpus and, when present, the 10k synthetic corpus

In process through Django's full request stack (DEBUG off). Appends to bench/RESULTS.md.
"""

import gzip
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")

import django  # noqa: E402
from bench_queries import percentiles  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from practices.models import PracticePage  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))


def timed(client, url):
    start = time.perf_counter()
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    return (time.perf_counter() - start) * 1000, response


def main(label):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    live = PracticePage.objects.live().count()
    pages = max(1, live // 50)
    urls = [f"/api/v1/practices/?page_size=50&page={1 + i % pages}" for i in range(REQUESTS)]
    filtered = [f"/api/v1/practices/?page_size=50&dimension=mobility&country=AT&page="
                f"{1 + i % max(1, pages // 20)}" for i in range(REQUESTS)]
    rows = []
    for name, series in (("all practices", urls), ("dimension + country filter", filtered)):
        for url in series[:10]:
            client.get(url)  # warm up
        samples = [timed(client, url)[0] for url in series]
        rows.append((name, *percentiles(samples)))
    exports = []
    for fmt in ("csv", "xlsx", "json"):
        ms, response = timed(client, f"/exports/practices.{fmt}")
        exports.append((fmt, ms / 1000, len(response.getvalue()) / 1e6))
    widget = (ROOT / "reuse" / "static" / "kb" / "embed.js").read_bytes()
    lines = [
        f"\n## Reuse channels on {label} ({live} published practice pages, "
        f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})", "",
        f"Widget `static/kb/embed.js`: {len(widget)} bytes, {len(gzip.compress(widget, 9))} "
        "bytes gzipped.", "",
        f"Public API, 50 practices per page, {REQUESTS} requests each (bench/reuse_bench.py):",
        "", "| request | p50 (ms) | p95 (ms) |", "| --- | ---: | ---: |",
        *[f"| `/api/v1/practices/` {name} | {p50:.1f} | {p95:.1f} |" for name, p50, p95 in rows],
        "", "Export of the whole catalogue (`/exports/practices.FORMAT`):", "",
        "| format | seconds | MB |", "| --- | ---: | ---: |",
        *[f"| {fmt} | {seconds:.2f} | {size:.1f} |" for fmt, seconds, size in exports],
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as handle:
        handle.write(report)


if __name__ == "__main__":
    main(sys.argv[1])
