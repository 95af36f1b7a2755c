"""The pages and answers issue 16 added — territory list and profile, a practice with its
transfers, the reuse form, the transfers API, the catalogue filtered and sorted by reuse —
rendered in process (Django's full stack, DEBUG off, the page cache off), on the database of
DATABASE_URL: SQL queries and p50/p95 of 200 requests per kind after a warm-up
(render_bench.measure, which this reuses).

    DATABASE_URL=sqlite:///db.sqlite3 .venv/bin/python bench/transfer_bench.py demo
    DATABASE_URL=sqlite:///bench/out/bench-10000.sqlite3 .venv/bin/python \
        bench/transfer_bench.py 10k --transfers 2000

`--transfers N` first gives the database N validated transfers (between random published
practices and territory profiles, at random stages; idempotent: counted by external id
`bench-transfer-*`), indexed in the database engine.
"""

import argparse
import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from render_bench import measure  # noqa: E402  (the same timing: 200 requests, 20 warm-up)

from core.pages import published  # noqa: E402
from practices.models import (  # noqa: E402
    PracticeIndexPage,
    PracticePage,
    Stage,
    TerritoryIndexPage,
    TerritoryPage,
    Transfer,
    TransferIndicator,
)
from search.engines.database import DatabaseEngine  # noqa: E402


def add_transfers(wanted):
    have = Transfer.objects.filter(external_id__startswith="bench-transfer-").count()
    if have >= wanted:
        return 0
    rnd = random.Random(16)
    practices = list(published(PracticePage.objects.all()).values_list(
        "id", "territory_page__translation_key"))
    territories = list(TerritoryPage.objects.values_list("id", "translation_key"))
    made, pairs = [], set(Transfer.objects.values_list("practice_id", "territory_id"))
    while len(made) < wanted - have:
        practice, home = rnd.choice(practices)
        territory, key = rnd.choice(territories)
        if key == home or (practice, territory) in pairs:
            continue
        pairs.add((practice, territory))
        stage = rnd.choice(Stage.values)
        start = date(2020, 1, 1) + timedelta(days=rnd.randrange(1500))
        dates = {"exploring_since": start, "adapting_since": start + timedelta(days=90),
                 "implemented_since": start + timedelta(days=300),
                 "discontinued_since": start + timedelta(days=600)}
        reached = Stage.values.index(stage)
        made.append(Transfer(
            external_id=f"bench-transfer-{have + len(made)}", practice_id=practice,
            territory_id=territory, stage=stage, status="validated",
            adaptation="Adapted to a smaller village: fewer volunteers, a shorter season.",
            organisation="Municipality", **{name: value for i, (name, value) in
                                            enumerate(dates.items()) if i <= reached}))
    with transaction.atomic():
        Transfer.objects.bulk_create(made, batch_size=500)
        ids = dict(Transfer.objects.filter(external_id__in=[t.external_id for t in made])
                   .values_list("external_id", "id"))
        TransferIndicator.objects.bulk_create([TransferIndicator(
            transfer_id=ids[t.external_id], label="Users a month", baseline=0,
            value=rnd.randrange(10, 400), sort_order=0) for t in made], batch_size=500)
    practice_ids = [t.practice_id for t in made]
    for start in range(0, len(practice_ids), 500):
        DatabaseEngine.index_pages(practice_ids[start:start + 500])
    return len(made)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("label")
    parser.add_argument("--transfers", type=int, default=0)
    args = parser.parse_args()
    if args.transfers:
        print(f"transfers added: {add_transfers(args.transfers)}")
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.KB_PAGE_CACHE_SECONDS = 0
    settings.ELASTICSEARCH_URL = ""
    client = Client()
    reused = list(published(PracticePage.objects.filter(
        transfers__status="validated")).distinct().order_by("id")[:20])
    territories = list(published(TerritoryPage.objects.filter(
        transfers__status="validated")).distinct().order_by("id")[:20])
    territory_index = TerritoryIndexPage.objects.get(locale__language_code="en").url
    catalogue = PracticeIndexPage.objects.get(locale__language_code="en").url
    kinds = {
        "territory list": [territory_index, f"{territory_index}?country=AT",
                           f"{territory_index}?size=500-2000&open=1"],
        "territory profile (with transfers)": [t.url for t in territories],
        "practice with transfers": [p.url for p in reused],
        "reuse form": [f"/{p.locale.language_code}/reuse/{p.pk}/" for p in reused],
        "catalogue, most reused": [f"{catalogue}?sort=reused",
                                   f"{catalogue}?reuse=implemented&sort=reused"],
        "API transfers list": ["/api/v1/transfers/", "/api/v1/transfers/?stage=implemented"],
        "API practice detail (transfers, updates)": [f"/api/v1/practices/{p.pk}/"
                                                     for p in reused],
    }
    print(f"| {args.label} | page | SQL queries | p50 ms | p95 ms | pages |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for name, urls in kinds.items():
        found = measure(client, urls)
        low, high = found["queries"]
        counted = f"{low}" if low == high else f"{low}–{high}"
        print(f"| {args.label} | {name} | {counted} | {found['p50']:.1f} | {found['p95']:.1f} "
              f"| {found['pages']} |")


if __name__ == "__main__":
    main()
