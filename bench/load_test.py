"""A bounded load test on loopback: the production deployment (gunicorn, production settings,
PostgreSQL, Redis, Elasticsearch when given: tests/kb/deployment.py) under `wrk` (Debian's
package: apt-get install wrk), side by side in one run.

    TEST_DATABASE_URL=postgres://kb:kb@127.0.0.1:5432/kb \
    BENCH_ELASTICSEARCH_URL=http://127.0.0.1:9201 .venv/bin/python bench/load_test.py

Each scenario runs BENCH_SECONDS (10) with BENCH_CONNECTIONS (8) concurrent clients on two
threads: a static file (WhiteNoise, the ceiling of this gunicorn), a practice page and the
mixed public pages (home, catalogue and its searches, practices, a pilot, the API's lists and
search) — from the page cache (visitors without a session) and rendered (a session cookie:
the page cache does not answer) — once per page store (KB_PAGE_CACHE_STORE: each worker's
memory, or Redis shared by all). Prints requests/s, p50/p95 latency and errors (connection
errors, timeouts and answers other than 2xx/3xx) as Markdown.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.kb.deployment import production_site  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
# wrk's script: the paths in turn, the same headers on each, and the figures as JSON
SCRIPT = """
local paths = {%(paths)s}
local headers = {%(headers)s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "seconds": %%f, "errors": %%d, "p50": %%f, "p95": %%f}\\n',
    summary.requests, summary.duration / 1e6,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""


def lua_string(text):
    return json.dumps(text)  # (a JSON string is a Lua string literal for these characters)


def run_wrk(url, paths, headers, tmp):
    script = tmp / "load.lua"
    script.write_text(SCRIPT % {
        "paths": ", ".join(lua_string(p) for p in paths),
        "headers": ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items())})
    result = subprocess.run(
        ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{SECONDS}s", "--timeout", "10s",
         "-s", str(script), url], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def public_paths(site):
    """The mixed public pages: what visitors ask for, in the demo's languages."""
    api = site.get("/api/v1/practices/", params={"page_size": 12}).json()["results"]
    pilots = site.get("/api/v1/pilots/").json()["results"]
    practices = [p["url"].split("://", 1)[-1].split("/", 1)[1] for p in api[:6]]
    pilot = pilots[0]["url"].split("://", 1)[-1].split("/", 1)[1]
    return ["/en/", "/fr/", "/de/", "/en/practices/", "/fr/pratiques/?dimension=mobility",
            "/en/practices/?q=energy", "/de/praxisbeispiele/?q=Mitfahrbank",
            "/it/pratiche/?q=telemedicina", *[f"/{p}" for p in practices], f"/{pilot}",
            "/api/v1/practices/", "/api/v1/search/?q=covoiturage&lang=fr",
            "/api/v1/pilots/"]


def measure(tmp, database_url, elasticsearch_url, store):
    with production_site(tmp, database_url, elasticsearch_url, workers=WORKERS,
                         KB_PAGE_CACHE_STORE=store) as site:
        home = site.get("/en/").text
        css = next(part.split('"')[0] for part in home.split('href="')[1:]
                   if part.startswith("/static/") and '.css"' in part.split(">")[0])
        site.wait_for_tasks()  # (measured once the demo's indexing is done)
        mixed = public_paths(site)
        practice = mixed[8]
        for path in mixed:  # every page answers, and is in the cache once
            if site.get(path).status_code != 200:
                raise SystemExit(f"{path} does not answer 200")
        proxy = {"X-Forwarded-Proto": "https"}
        session = {**proxy, "Cookie": "sessionid=none-valid"}
        scenarios = [("static file (WhiteNoise)", [css], proxy),
                     ("practice page, from the page cache", [practice], proxy),
                     ("practice page, rendered", [practice], session),
                     (f"mixed public pages ({len(mixed)}), from the page cache", mixed, proxy),
                     (f"mixed public pages ({len(mixed)}), rendered", mixed, session)]
        return [(name, run_wrk(site.url, paths, headers, tmp))
                for name, paths, headers in scenarios]


def main():
    database_url = os.environ["TEST_DATABASE_URL"]
    elasticsearch_url = os.environ.get("BENCH_ELASTICSEARCH_URL", "")
    tmp = Path(tempfile.mkdtemp(prefix="kb-load-"))
    stores = os.environ.get("BENCH_STORES", "process shared").split()
    results = {store: measure(tmp, database_url, elasticsearch_url, store) for store in stores}
    engine = "Elasticsearch" if elasticsearch_url else "the database engine"
    print(f"gunicorn {WORKERS} sync workers, production settings, PostgreSQL, Redis, {engine}; "
          f"wrk {CONNECTIONS} connections, {SECONDS} s each; KB_PAGE_CACHE_STORE: "
          f"{', '.join(stores)} (the site started again for each)\n")
    print("| KB_PAGE_CACHE_STORE | scenario | requests | requests/s | p50 (ms) | p95 (ms) "
          "| errors |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for store, rows in results.items():
        for name, r in rows:
            print(f"| {store} | {name} | {r['requests']} | {r['requests'] / r['seconds']:.1f} | "
                  f"{r['p50']:.1f} | {r['p95']:.1f} | {r['errors']} |")


if __name__ == "__main__":
    main()
