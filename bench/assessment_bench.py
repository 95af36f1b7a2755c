"""Time to render a self-assessment result (in process, DEBUG off).

    DATABASE_URL=sqlite:///bench/out/bench-10000.sqlite3 .venv/bin/python bench/assessment_bench.py

Migrates the database, creates one completed assessment (and an earlier one to compare with,
so the page draws both profiles), then GETs its result page BENCH_REQUESTS times (default
200) and reports p50/p95 and the SQL queries per page. Appends to bench/RESULTS.md.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from assessment.models import Assessment  # noqa: E402
from assessment.questionnaire import current_version, save_answers  # noqa: E402
from practices.models import PracticePage  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_REQUESTS", "200"))


def completed(levels, series=None):
    assessment = Assessment.objects.create(
        version=current_version(), language="en", territory_name="Bench village",
        country="FR", population=1200, altitude_m=900, body_type=Assessment.MUNICIPALITY,
        **({"series": series} if series else {}))
    codes = [q["code"] for q in assessment.version.content["questions"]]
    save_answers(assessment, {code: levels[i % len(levels)] for i, code in enumerate(codes)})
    return assessment


def main():
    call_command("migrate", verbosity=0)
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    before = completed([2, 1, 3, None])
    after = completed([3, 2, 4, 5], series=before.series)
    client = Client()
    url = f"/en/assessment/{after.token}/result/"
    for _ in range(5):  # warm up: renditions of the suggested practices' pictures exist
        client.get(url)
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql)
                                    or execute(sql, *args)):
        status = client.get(url).status_code
    if status != 200:
        raise SystemExit(f"result page answered HTTP {status}")
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
    cuts = statistics.quantiles(samples, n=100)
    Assessment.objects.filter(series=before.series).delete()
    practices = PracticePage.objects.count()
    report = (f"\n## Self-assessment result page ({ROUNDS} requests, in process, "
              f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, "
              f"{practices:,} practices)\n\n"
              "Result compared with an earlier assessment (radar with both profiles, table, "
              "profile sentence, 3 matched practices for each of the two weakest dimensions, "
              f"closest pilot territories): p50 {cuts[49]:.1f} ms, p95 {cuts[94]:.1f} ms, "
              f"{len(queries)} SQL queries (bench/assessment_bench.py).\n")
    print(report)
    with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as handle:
        handle.write(report)


if __name__ == "__main__":
    main()
