"""A circuit breaker in front of Elasticsearch.

A stopped node refuses connections at once, but a frozen one (overloaded, paused, a network
partition) lets every request wait for its timeout. After one failure the breaker opens: for
COOL_DOWN seconds every search goes straight to the database engine, while one background
thread per process probes the node and closes the breaker as soon as it answers. The state is
kept in the cache, so with Redis (production) every web worker sees it at once.
"""

import hashlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from elasticsearch import Elasticsearch

logger = logging.getLogger("kb.search")
COOL_DOWN = 30  # seconds the breaker stays open without a successful probe
PROBE_INTERVAL = 1.0
PROBE_TIMEOUT = 1.0
PROBE_FOR = 3600
_probes = {}  # url -> probing thread of this process
_lock = threading.Lock()
_opened = set()  # urls whose breaker this process opened
_recovered = []  # callbacks run when a node answers again (e.g. retry the index backlog)


def hosts(url):
    """The node addresses of ELASTICSEARCH_URL: one node, or a cluster's, comma-separated."""
    return [host.strip() for host in url.split(",") if host.strip()]


def _key(url):
    return "kb:search:breaker:" + hashlib.sha256(url.encode()).hexdigest()[:16]


def is_open(url) -> bool:
    return cache.get(_key(url)) is not None


def trip(url, reason=""):
    """Open the breaker for `url` and make sure a probe is running."""
    if not is_open(url):
        logger.warning("Elasticsearch unreachable (%s): searches use the database engine "
                       "until it answers again", reason)
    cache.set(_key(url), time.time(), COOL_DOWN)
    _opened.add(url)
    with _lock:
        thread = _probes.get(url)
        if thread is None or not thread.is_alive():
            thread = threading.Thread(target=_probe, args=(url,), daemon=True,
                                      name="kb-elasticsearch-probe")
            _probes[url] = thread
            thread.start()


def reset(url):
    cache.delete(_key(url))


def reset_all():
    """Close every breaker this process opened (tests)."""
    for url in list(_opened):
        reset(url)


def on_recovery(callback):
    """Register `callback(url)`, run by the probe when the node answers again."""
    if callback not in _recovered:
        _recovered.append(callback)
    return callback


def _probe(url):
    client = Elasticsearch(hosts(url), request_timeout=PROBE_TIMEOUT, max_retries=0)
    give_up = time.monotonic() + PROBE_FOR  # then the next request tries the node itself
    while time.monotonic() < give_up and url == settings.ELASTICSEARCH_URL:
        time.sleep(PROBE_INTERVAL)
        try:
            client.cluster.health()
        except Exception:  # noqa: BLE001 — still down: keep the breaker open
            cache.set(_key(url), time.time(), COOL_DOWN)
            continue
        reset(url)
        logger.warning("Elasticsearch answers again: searches use it again")
        with _lock:
            _probes.pop(url, None)
        for callback in list(_recovered):
            try:
                callback(url)
            except Exception:  # a callback's failure must not kill the probe silently
                logger.exception("recovery callback %s failed", callback)
        return
    with _lock:
        _probes.pop(url, None)
