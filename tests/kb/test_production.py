"""The deployment of docs/deployment.md, run for real: PostgreSQL, Redis, production settings,
`migrate`, the demo imported, `collectstatic`, `check --deploy`, gunicorn on a loopback port
behind what a TLS proxy would send, a django-tasks `db_worker`, Elasticsearch. Then what a
visitor fetches, concurrent requests, and a frozen search node (SIGSTOP): searches stay fast
on the database engine and the index converges by itself once the node is back."""

import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests

from tests.conftest import ES_URL, require

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.production
PROXY = {"X-Forwarded-Proto": "https"}  # the TLS-terminating proxy of docs/deployment.md


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with suppress(Exception):
            if check():
                return
        time.sleep(0.25)
    raise AssertionError(f"{what} did not happen within {seconds} s")


SEARCH_TIMEOUT = 2  # seconds a search waits for Elasticsearch (the production default)


class Site:
    def __init__(self, url, env):
        self.url, self.env = url, env

    def get(self, path, headers=None, **kwargs):
        return requests.get(self.url + path, headers={**PROXY, **(headers or {})}, timeout=30,
                            allow_redirects=False, **kwargs)

    def manage(self, *args, check=True, timeout=600):
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, timeout=timeout)
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    database_url = os.environ.get("TEST_DATABASE_URL", "")
    require(database_url.startswith("postgres"),
            "no PostgreSQL (TEST_DATABASE_URL) for the production smoke test")
    require(bool(ES_URL), "no Elasticsearch test node (TEST_ELASTICSEARCH_URL)")
    for program in ("redis-server",):
        require(subprocess.run(["which", program], capture_output=True).returncode == 0,
                f"{program} is not installed (apt-get install redis-server)")
    import psycopg

    tmp = tmp_path_factory.mktemp("production")
    name = f"kb_smoke_{os.getpid()}"
    admin = psycopg.connect(database_url, autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(database_url)
    redis_port, port = free_port(), free_port()
    processes = [subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"], stdout=subprocess.DEVNULL)]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "KB_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="kb.settings.production", SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=urlunsplit(parts._replace(path=f"/{name}")),
        CACHE_URL=f"redis://127.0.0.1:{redis_port}/0", ELASTICSEARCH_URL=ES_URL,
        KB_SEARCH_INDEX_PREFIX=f"kbsmoke{os.getpid()}_", MEDIA_ROOT=str(tmp / "media"),
        KB_PRIVATE_MEDIA_ROOT=str(tmp / "private"), STATIC_ROOT=str(tmp / "static"),
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        KB_SEARCH_TIMEOUT=str(SEARCH_TIMEOUT), KB_RELATED_TIMEOUT="0.5")
    site = Site(f"http://127.0.0.1:{port}", env)
    try:
        wait_for(lambda: socket.create_connection(("127.0.0.1", redis_port)), 20, "redis")
        # collectstatic and check --deploy need no data: they run while the database fills
        with ThreadPoolExecutor(max_workers=2) as pool:
            static = pool.submit(site.manage, "collectstatic", "--no-input")
            deploy = pool.submit(site.manage, "check", "--deploy", "--fail-level", "WARNING")
            site.manage("migrate", "--no-input")
            site.manage("load_demo")
            static.result()
            assert "no issues (0 silenced)" in deploy.result().stdout
        site.manage("search_index", "rebuild", "--no-progress")
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "kb.wsgi", "--workers", "2", "--bind",
             f"127.0.0.1:{port}", "--timeout", "60"], cwd=ROOT, env=env,
            stderr=open(tmp / "gunicorn.log", "w")))  # noqa: SIM115
        processes.append(subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.5"], cwd=ROOT, env=env,
            stderr=open(tmp / "worker.log", "w")))  # noqa: SIM115
        wait_for(lambda: site.get("/robots.txt").status_code == 200, 60, "gunicorn")
        yield site
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=20)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
        with suppress(Exception):
            requests.delete(f"{ES_URL}/kbsmoke{os.getpid()}_*", timeout=10)


def practice_url(site):
    result = site.get("/api/v1/search/", params={"q": "bench", "lang": "en"}).json()
    return urlsplit(result["results"][0]["url"]).path


def test_every_public_page_answers_200_with_production_headers(site):
    pages = ["/en/", "/fr/", "/en/practices/", "/de/praxisbeispiele/?q=Mitfahrbank",
             "/en/practices/?q=car-pooling&dimension=mobility", practice_url(site),
             "/en/assessment/", "/en/data/", "/api/v1/search/?q=covoiturage",
             "/api/v1/practices/", "/api/v1/openapi.json", "/api/v1/taxonomy/",
             "/en/feeds/practices.rss", "/fr/feeds/practices.atom",
             "/exports/practices.csv", "/exports/practices.xlsx", "/exports/practices.json",
             "/embed/practices/?limit=3", "/sitemap.xml", "/robots.txt"]
    for path in pages:
        response = site.get(path)
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
        assert response.headers["X-Content-Type-Options"] == "nosniff", path
        assert "max-age=31536000" in response.headers["Strict-Transport-Security"], path
    home = site.get("/en/")
    # the second visit of each page came from the page cache (Redis, shared by the workers),
    # with the headers every response gets
    assert home.headers["X-Page-Cache"] == "hit"
    assert "max-age=31536000" in home.headers["Strict-Transport-Security"]
    assert "frame-ancestors 'none'" in home.headers["Content-Security-Policy"]
    assert home.headers["X-Frame-Options"] == "DENY"
    assert "Smart" in home.text
    search = site.get("/api/v1/search/", params={"q": "covoiturage"}).json()
    assert search["engine"] == "elasticsearch" and search["count"] > 0
    # static files: hashed names from the manifest, compressed, cached for ever
    css = next(part.split('"')[0] for part in home.text.split('href="')[1:]
               if part.startswith("/static/") and '.css"' in part.split(">")[0])
    assert len(Path(css).stem.split(".")[-1]) == 12, css  # the manifest hash
    static = site.get(css, headers={"Accept-Encoding": "gzip"})
    assert static.status_code == 200 and static.headers["Content-Encoding"] == "gzip"
    assert "immutable" in static.headers["Cache-Control"]
    assert site.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    # plain HTTP is sent to HTTPS
    plain = requests.get(site.url + "/en/", allow_redirects=False, timeout=10)
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")


def test_concurrent_visitors_get_no_error(site):
    paths = ["/en/", "/en/practices/", "/api/v1/search/?q=energy", "/fr/pratiques/?q=banc",
             practice_url(site), "/exports/practices.json"] * 8
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda p: site.get(p).status_code, paths))
    assert statuses == [200] * len(paths)


def es_pid():
    """The test node's process (scripts/elasticsearch.sh), or None when it was not started
    there (TEST_ELASTICSEARCH_URL pointing elsewhere)."""
    result = subprocess.run(["scripts/elasticsearch.sh", "pid"], cwd=ROOT, text=True,
                            capture_output=True)
    return int(result.stdout) if result.returncode == 0 and result.stdout.strip() else None


# A visitor with a session: the page cache does not answer for them, every request is
# searched and rendered (what a search never asked before costs)
SESSION = {"sessionid": "none-valid"}


def timed_search(site, word):
    started = time.perf_counter()
    response = site.get("/api/v1/search/", params={"q": word, "lang": "fr"}, cookies=SESSION)
    return (time.perf_counter() - started) * 1000, response


def timed_get(site, path):
    started = time.perf_counter()
    assert site.get(path, cookies=SESSION).status_code == 200
    return (time.perf_counter() - started) * 1000


def test_a_frozen_search_node_does_not_stall_the_site(site):
    """The node is paused (SIGSTOP): it accepts connections and never answers."""
    pid = es_pid()
    require(pid is not None, "the test node was not started by scripts/elasticsearch.sh")
    target = site.get("/api/v1/search/", params={"q": "Mitfahrbank", "lang": "de"}).json()
    withdrawn = target["results"][0]
    words = ["bench", "energy", "mobilité", "Mitfahrbank", "school", "forest"] * 5
    up = [timed_search(site, word)[0] for word in words]  # the same searches, node up
    print(f"\nnode up: {len(up)} searches p50 {statistics.median(up):.0f} ms "
          f"p95 {statistics.quantiles(up, n=20)[-1]:.0f} ms")
    page_up = [timed_get(site, practice_url(site)) for _ in range(5)]
    os.kill(pid, signal.SIGSTOP)
    try:
        timings, engines = [], set()
        for word in words:
            ms, response = timed_search(site, word)
            assert response.status_code == 200
            timings.append(ms)
            engines.add(response.json()["engine"])
        page_ms = [timed_get(site, practice_url(site)) for _ in range(5)]
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"frozen node: {len(timings)} searches p50 {statistics.median(timings):.0f} ms "
              f"p95 {p95:.0f} ms (max {max(timings):.0f}); practice page max "
              f"{max(page_ms):.0f} ms (node up {max(page_up):.0f} ms)")
        assert engines == {"database"}
        # only the search that trips the breaker waits for the node's timeout; every
        # other one goes straight to the database engine (a machine-independent bound: half
        # the timeout, far above a database search, far below a wait)
        waited = [ms for ms in timings if ms >= 1000 * SEARCH_TIMEOUT / 2]
        assert len(waited) <= 1, timings
        # the page's related practices do not wait for the node either (KB_RELATED_TIMEOUT)
        assert statistics.median(page_ms) < statistics.median(page_up) + 400, (page_up, page_ms)
        # a practice withdrawn during the outage: its index update cannot reach the node
        site.manage("shell", "-c", "from practices.models import PracticePage; "
                    f"PracticePage.objects.get(pk={withdrawn['id']}).unpublish()")
        suggestions = site.get("/api/v1/search/suggest/",
                               params={"q": withdrawn["title"][:6]}).json()
        assert withdrawn["url"] not in str(suggestions)
    finally:
        os.kill(pid, signal.SIGCONT)
    # back: the backlog is retried without anyone running `search_index update`
    wait_for(lambda: site.manage("search_index", "check", "--no-progress",
                                 check=False).returncode == 0, 90, "index convergence")
    back = site.get("/api/v1/search/", params={"q": "Mitfahrbank", "lang": "de"}).json()
    assert withdrawn["url"] not in str(back)
    wait_for(lambda: site.get("/api/v1/search/", params={"q": "energy"},
                              cookies=SESSION).json()["engine"]
             == "elasticsearch", 30, "searches back on Elasticsearch")
