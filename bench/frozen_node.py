"""Search latency while Elasticsearch is frozen: a loopback socket that accepts connections
and never answers (what a SIGSTOPped or overloaded node looks like to a client).

    .venv/bin/python bench/frozen_node.py [requests]     # on the SQLite demo database

In process through Django's full request stack (DEBUG off): API searches and practice pages.
Run it on two checkouts to compare (the closing note of the production issue did: the code
before the circuit breaker and after). Appends to bench/RESULTS.md.
"""

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(os.environ.get("BENCH_ROOT", Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from practices.models import PracticePage  # noqa: E402

REQUESTS = int(sys.argv[1]) if len(sys.argv) > 1 else 40
WORDS = ["bench", "energy", "mobilité", "Mitfahrbank", "school", "forest", "covoiturage",
         "village"]


def blackhole():
    """A listening socket that accepts and never answers; returns its URL."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held = []

    def accept():
        while True:
            connection, _address = server.accept()
            held.append(connection)  # never read, never answered

    threading.Thread(target=accept, daemon=True).start()
    return f"http://127.0.0.1:{server.getsockname()[1]}"


def timed(client, path, params=None):
    started = time.perf_counter()
    status = client.get(path, params or {}).status_code
    if status != 200:
        raise SystemExit(f"{path} answered {status}")
    return (time.perf_counter() - started) * 1000


def p95(values):
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main():
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.ELASTICSEARCH_URL = blackhole()
    try:  # what kb/wsgi.py does before a web worker serves (absent before this issue)
        from core.text import warm_up
    except ImportError:
        pass
    else:
        warm_up()
    client = Client()
    practice = PracticePage.objects.live().public().first().url
    searches = [timed(client, "/api/v1/search/", {"q": WORDS[i % len(WORDS)]})
                for i in range(REQUESTS)]
    pages = [timed(client, practice) for _ in range(max(5, REQUESTS // 4))]
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    line = (f"| frozen node, commit {commit} | {REQUESTS} searches | "
            f"{statistics.median(searches):.0f} | {p95(searches):.0f} | {max(searches):.0f} | "
            f"practice page p95 {p95(pages):.0f} ms |")
    print(line)
    with open(Path(__file__).resolve().parent / "RESULTS.md", "a") as results:
        results.write(line + "\n")


if __name__ == "__main__":
    main()
