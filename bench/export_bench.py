"""Open-data exports of the whole catalogue: time, rows per second and peak Python memory
per format, through Django's request stack (the body read to its end).

    DATABASE_URL=sqlite:///$PWD/bench/out/bench-10000.sqlite3 .venv/bin/python bench/export_bench.py
"""

import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from practices.models import PracticePage  # noqa: E402


def main():
    settings.DEBUG, settings.ALLOWED_HOSTS = False, ["*"]
    rows = PracticePage.objects.live().count()
    client = Client()
    print(f"{rows} published practice pages\n")
    print("| format | seconds | rows/s | MB | peak Python memory (MB) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for fmt in ("csv", "json", "jsonl", "xlsx"):
        start = time.perf_counter()
        size = size_of(client, fmt)
        seconds = time.perf_counter() - start
        tracemalloc.start()  # (a second export, traced: tracing slows Python down 2-3×)
        size_of(client, fmt)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"| {fmt} | {seconds:.2f} | {rows / seconds:,.0f} | {size / 1e6:.1f} | "
              f"{peak / 1e6:.1f} |")


def size_of(client, fmt):
    """The export's size in bytes, read to its end piece by piece as a client would (the
    pieces are not kept)."""
    response = client.get(f"/exports/practices.{fmt}")
    if not response.streaming:
        return len(response.content)
    return sum(len(piece) for piece in response.streaming_content)


if __name__ == "__main__":
    main()
