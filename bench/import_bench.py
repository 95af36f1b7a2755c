"""The import at several sizes, on SQLite and PostgreSQL, side by side in one run.

    .venv/bin/python bench/import_bench.py 1000 10000 100000
    BENCH_DATABASES=sqlite BENCH_CODE=/tmp/before .venv/bin/python bench/import_bench.py 1000

For each size, `bench/generate.py N` records (kept in bench/out/) are imported by
`manage.py import_practices` into a fresh migrated database of each kind (SQLite: a copy of
a migrated file; PostgreSQL 15 as .ci/run starts it: a database made from a migrated
template). Then the same file again (every record unchanged).

- `sqlite`, `postgresql`: the development settings; the background tasks run at once, in the
  importing process, so the time includes the indexing (Wagtail's search index, the database
  engine's entries, the reference index), Elasticsearch apart.
- `production`: PostgreSQL with the production settings, a Redis of its own as the cache, a
  django-tasks `db_worker` beside the import (it indexes each batch while the next is
  written) and Elasticsearch when BENCH_ELASTICSEARCH_URL names a node: the import's time,
  then the time until the worker has indexed the last batch ("indexed").

BENCH_KEEP=1 keeps the databases (bench/out/bench-N.sqlite3, PostgreSQL kb_bench_N) for the
other benches. BENCH_CODE runs another checkout's code (e.g. a `git worktree` of an earlier
commit) on the same files. Prints Markdown.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
CODE = Path(os.environ.get("BENCH_CODE", ROOT))
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG = os.environ.get("BENCH_POSTGRES", "postgres://kb:kb@127.0.0.1:5432")
DATABASES = os.environ.get("BENCH_DATABASES", "sqlite,postgresql,production").split(",")


ELASTICSEARCH = os.environ.get("BENCH_ELASTICSEARCH_URL", "")


def environment(url, production=False, redis_port=None):
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="kb.settings.dev",
               MEDIA_ROOT=str(OUT / "media"), ELASTICSEARCH_URL="")
    if production:
        env.update(DJANGO_SETTINGS_MODULE="kb.settings.production",
                   SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="127.0.0.1",
                   CACHE_URL=f"redis://127.0.0.1:{redis_port}/0",
                   ELASTICSEARCH_URL=ELASTICSEARCH, KB_SEARCH_INDEX_PREFIX="kbimportbench_",
                   KB_PRIVATE_MEDIA_ROOT=str(OUT / "private"),
                   WAGTAILADMIN_BASE_URL="http://127.0.0.1")
    return env


def run(url, *args, check=True, env=None):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=CODE, check=check,
                          env=env or environment(url), capture_output=True, text=True)


def psql(sql):
    subprocess.run(["psql", f"{PG}/postgres", "-qc", sql], check=True, capture_output=True)


def fresh(kind):
    """A migrated empty database of this kind, made from a template kept migrated (once per
    code: a template of an earlier checkout's migrations is brought up to date first)."""
    if kind == "sqlite":
        template = OUT / f"import-template-{CODE.name}.sqlite3"
        run(f"sqlite:///{template}", "migrate", "-v0")
        target = OUT / "import-bench.sqlite3"
        shutil.copy(template, target)
        return f"sqlite:///{target}"
    template = f"kb_import_template_{CODE.name.replace('-', '_')}"
    databases = subprocess.run(["psql", f"{PG}/postgres", "-tAc",
                                "SELECT datname FROM pg_database"],
                               capture_output=True, text=True).stdout.split()
    if template not in databases:
        psql(f"CREATE DATABASE {template}")
    run(f"{PG}/{template}", "migrate", "-v0")
    psql("DROP DATABASE IF EXISTS kb_import_bench")
    psql(f"CREATE DATABASE kb_import_bench TEMPLATE {template}")
    return f"{PG}/kb_import_bench"


def keep(kind, count):
    if kind == "sqlite":
        shutil.copy(OUT / "import-bench.sqlite3", OUT / f"bench-{count}.sqlite3")
    else:
        psql(f"DROP DATABASE IF EXISTS kb_bench_{count}")
        psql(f"ALTER DATABASE kb_import_bench RENAME TO kb_bench_{count}")


def records(count):
    path = OUT / f"practices-{count}.jsonl"
    if not path.exists():
        with path.open("w") as handle:
            subprocess.run([PYTHON, "bench/generate.py", str(count)], cwd=ROOT, stdout=handle,
                           check=True)
    return path


def timed(url, path, env=None):
    start = time.perf_counter()
    result = run(url, "import_practices", str(path), "--no-progress", check=False, env=env)
    seconds = time.perf_counter() - start
    summary = (result.stdout.strip().splitlines() or [result.stderr.strip()[-200:]])[-1]
    return seconds, summary


QUEUED = ("from django_tasks_db.models import DBTaskResult as T; "
          "print(T.objects.filter(status__in=['READY', 'RUNNING']).count())")


def production(count, path):
    """(import s, indexed s, again s, again indexed s, outcome) with a worker beside."""
    url = fresh("postgresql")
    redis_port = free_port()
    redis = subprocess.Popen(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1",
                              "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
    env = environment(url, production=True, redis_port=redis_port)
    if ELASTICSEARCH:
        requests.delete(f"{ELASTICSEARCH}/kbimportbench_*", timeout=30)
        run(url, "search_index", "rebuild", "--no-progress", env=env)
    worker = subprocess.Popen([PYTHON, "manage.py", "db_worker", "--interval", "0.2"],
                              cwd=CODE, env=env, stderr=subprocess.DEVNULL)
    try:
        figures, summaries = [], []
        for _ in range(2):
            start = time.perf_counter()
            seconds, summary = timed(url, path, env)
            while run(url, "shell", "-c", QUEUED, env=env).stdout.split()[-1] != "0":
                time.sleep(0.5)
            figures += [seconds, time.perf_counter() - start]
            summaries.append(summary)
        return (*figures, " / ".join(summaries))
    finally:
        worker.terminate()
        worker.wait()
        redis.terminate()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(sizes):
    print(f"code: {CODE}\n")
    print("| database | records | import s | records/s | indexed s | records/s | "
          "again (unchanged) s | records/s | outcome |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for count in sizes:
        path = records(count)
        for kind in DATABASES:
            if kind == "production":
                seconds, indexed, again, _again_indexed, summary = production(count, path)
            else:
                url = fresh(kind)
                seconds, summary = timed(url, path)
                indexed = seconds
                again, second = timed(url, path)
                summary += f" / {second}"
                if os.environ.get("BENCH_KEEP"):
                    keep(kind, count)
            print(f"| {kind} | {count:,} | {seconds:.1f} | {count / seconds:,.0f} | "
                  f"{indexed:.1f} | {count / indexed:,.0f} | {again:.1f} | "
                  f"{count / again:,.0f} | {summary} |", flush=True)


if __name__ == "__main__":
    main([int(n) for n in sys.argv[1:]] or [1000])
