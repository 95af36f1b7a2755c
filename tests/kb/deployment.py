"""The deployment of docs/deployment.md, started for real on loopback ports: PostgreSQL (a
database of its own), Redis, production settings, `migrate`, the demo imported,
`collectstatic`, `check --deploy`, the search index built, gunicorn behind what a TLS proxy
would send, a django-tasks `db_worker`. Used by tests/kb/test_production.py and by the load
test (bench/load_test.py)."""

import os
import secrets
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parents[2]
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


class Site:
    def __init__(self, url, env):
        self.url, self.env = url, env

    def get(self, path, headers=None, **kwargs):
        return requests.get(self.url + path, headers={**PROXY, **(headers or {})}, timeout=30,
                            allow_redirects=False, **kwargs)

    def wait_for_tasks(self, seconds=600):
        """Until the task worker has run every task queued (the demo's indexing: each index
        write moves the page cache's stamp)."""
        queued = ("from django_tasks_db.models import DBTaskResult as T; "
                  "print(T.objects.filter(status__in=['READY', 'RUNNING']).count())")
        wait_for(lambda: self.manage("shell", "-c", queued).stdout.split()[-1] == "0",
                 seconds, "the task queue emptied")

    def manage(self, *args, check=True, timeout=600):
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, timeout=timeout)
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result


@contextmanager
def production_site(tmp, database_url, elasticsearch_url, workers=2, **settings):
    """The site served by gunicorn (`workers` processes) on a fresh database named after this
    process, with a Redis of its own; `settings`: more environment (KB_SEARCH_TIMEOUT=...)."""
    import psycopg

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
        CACHE_URL=f"redis://127.0.0.1:{redis_port}/0", ELASTICSEARCH_URL=elasticsearch_url,
        KB_SEARCH_INDEX_PREFIX=f"kbsmoke{os.getpid()}_", MEDIA_ROOT=str(tmp / "media"),
        KB_PRIVATE_MEDIA_ROOT=str(tmp / "private"), STATIC_ROOT=str(tmp / "static"),
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        **{key: str(value) for key, value in settings.items()})
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
        if elasticsearch_url:
            site.manage("search_index", "rebuild", "--no-progress")
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "kb.wsgi", "--workers", str(workers), "--bind",
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
        if elasticsearch_url:
            with suppress(Exception):
                requests.delete(f"{elasticsearch_url}/kbsmoke{os.getpid()}_*", timeout=10)
