"""Elasticsearch as a cluster: three test-distribution nodes on loopback (512 MB heaps), the
index with one replica, a bounded search load while one node is killed and started again,
then a rebuild with its alias swap under the same load.

    .venv/bin/python bench/es_cluster.py          # the demo database (db.sqlite3)
    DATABASE_URL=sqlite:///$PWD/bench/out/bench-10000.sqlite3 .venv/bin/python bench/es_cluster.py

The cluster: `ES_NODES=3 ES_PORT=9211 ES_BASE=/var/tmp/kb-es-cluster scripts/elasticsearch.sh`
(started here if it is not running; stopped with `... stop`). The engine is given the three
addresses (ELASTICSEARCH_URL, comma-separated), as a deployment would. Four threads search
the bench's eight faceted searches in turn, each search with a new engine (a new client, as
each request has), and compare what they get — the total and the first page's practices —
with the answers taken before any fault. Phases: all nodes up; the node holding the primary
shard killed (SIGKILL); that node started again, until the cluster is green; a rebuild.
Prints Markdown: searches, failures (an exception: the site would fall back to the database),
wrong answers, p50/p95 per phase, the time to green and the rebuild's.
"""

import logging
import os
import subprocess
import sys
import threading
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
from django.db import connection  # noqa: E402

from search.engines.base import SearchQuery  # noqa: E402
from search.engines.elastic import ElasticsearchEngine  # noqa: E402

PORT = int(os.environ.get("BENCH_CLUSTER_PORT", "9211"))
CLUSTER = ["env", "ES_NODES=3", f"ES_PORT={PORT}", "ES_BASE=/var/tmp/kb-es-cluster",
           "scripts/elasticsearch.sh"]
THREADS = 4


def cluster(*args):
    return subprocess.run([*CLUSTER, *args], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()


def answer(engine, q, lang, filters):
    response = engine.search(SearchQuery(q=q, lang=lang, **filters))
    return response.count, [hit.key for hit in response.hits]


class Load:
    """THREADS threads searching until stopped, each search recorded under the phase then."""

    def __init__(self, url, expected):
        self.url, self.expected = url, expected
        self.phase, self.stop = "all nodes up", threading.Event()
        self.records = []  # (phase, ok, correct, ms)
        self.wrong = []  # (phase, query, expected, got): the first few
        self.threads = [threading.Thread(target=self.run, args=(i,)) for i in range(THREADS)]

    def run(self, offset):
        turn = offset
        while not self.stop.is_set():
            q, lang, filters = QUERIES[turn % len(QUERIES)]
            turn += 1
            phase, started = self.phase, time.perf_counter()
            try:
                got = answer(ElasticsearchEngine(self.url, timeout=10), q, lang, filters)
                ok, correct = True, got == self.expected[q]
                if not correct and len(self.wrong) < 5:
                    self.wrong.append((phase, q, self.expected[q], got))
            except Exception:  # noqa: BLE001 — a failed search, counted
                ok = correct = False
            self.records.append((phase, ok, correct, (time.perf_counter() - started) * 1000))
        connection.close()

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()


def primary_node(engine):
    index = next(iter(engine.client.indices.get_alias(name=engine.alias)))
    shards = engine.client.cat.shards(index=index, format="json")
    name = next(s["node"] for s in shards if s["prirep"] == "p")
    return int(name.rsplit("-", 1)[1])


def main():
    # (the client logs each connection refused by the killed node before trying the next)
    logging.getLogger("elastic_transport").setLevel(logging.ERROR)
    url = cluster("start").splitlines()[-1]
    settings.ELASTICSEARCH_URL = url
    settings.KB_SEARCH_INDEX_PREFIX = "kbcluster_"
    settings.KB_SEARCH_REPLICAS = 1
    settings.DEBUG = False
    engine = ElasticsearchEngine(url, timeout=120)
    started = time.perf_counter()
    _name, documents = engine.rebuild()
    first_build = time.perf_counter() - started
    engine.client.cluster.health(wait_for_status="green", timeout="120s")
    expected = {q: answer(engine, q, lang, filters) for q, lang, filters in QUERIES}
    with Load(url, expected) as load:
        time.sleep(5)
        victim = primary_node(engine)
        load.phase = f"node {victim} (primary shard) killed"
        os.kill(int(cluster("pid", str(victim))), 9)
        time.sleep(10)
        load.phase = f"node {victim} started again, until green"
        restarted = time.perf_counter()
        cluster("start-node", str(victim))
        engine.client.options(request_timeout=300).cluster.health(
            wait_for_status="green", wait_for_nodes=3, timeout="240s")
        to_green = time.perf_counter() - restarted
        load.phase = "green again"
        time.sleep(5)
        load.phase = "rebuild and alias swap"
        started = time.perf_counter()
        engine.rebuild()
        rebuild = time.perf_counter() - started
        load.phase = "after the swap, until green"
        engine.client.options(request_timeout=300).cluster.health(
            wait_for_status="green", timeout="240s")
        replicated = time.perf_counter() - started - rebuild
        time.sleep(1)
    health = engine.client.cluster.health()
    print(f"3 nodes, 1 shard + 1 replica, {documents} documents "
          f"(first build {first_build:.1f} s); {THREADS} threads searching\n")
    print("| phase | searches | failed | wrong answers | p50 (ms) | p95 (ms) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for phase in dict.fromkeys(r[0] for r in load.records):
        rows = [r for r in load.records if r[0] == phase]
        times = [r[3] for r in rows]
        p50, p95 = percentiles(times) if len(times) > 1 else (times[0], times[0])
        print(f"| {phase} | {len(rows)} | {sum(not r[1] for r in rows)} | "
              f"{sum(r[1] and not r[2] for r in rows)} | {p50:.1f} | {p95:.1f} |")
    for phase, q, expected, got in load.wrong:
        print(f"\nwrong ({phase}): {q}: expected {expected}, got {got}")
    print(f"\nThe node started again → green: {to_green:.1f} s; the rebuild under load: "
          f"{rebuild:.1f} s, its replica made in {replicated:.1f} s more; the cluster at the "
          f"end: {health['status']}, {health['number_of_nodes']} nodes.")


if __name__ == "__main__":
    main()
