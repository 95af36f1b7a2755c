"""The weekly digest of issue 17: the time to build it (which subscription gets which new and
updated results, alerts.digests.build) for 10,000 subscriptions against 1,000 new practices,
on the database engine and on Elasticsearch's percolator, side by side in one run; then the
time to write the e-mails (to memory: no SMTP server in a benchmark).

    DATABASE_URL=sqlite:///bench/out/bench-10000.sqlite3 .venv/bin/python \
        bench/alerts_bench.py --subscriptions 10000 --new 1000 \
        [--elasticsearch http://127.0.0.1:9201]

The subscriptions are made once (idempotent: `bench-alert-*@example.org`): 80 % follow a
search — one of a few hundred distinct ones, as visitors follow the same few filters (a
dimension, a country, a challenge, with or without a word) — and 20 % a practice. "New":
the `--new` most recent practices get a publication date inside the week (their search
entries stay as they are: only the date moves).
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.utils import timezone  # noqa: E402

from alerts import digests  # noqa: E402
from alerts.models import Subscription  # noqa: E402
from core.pages import published  # noqa: E402
from practices.models import PracticePage  # noqa: E402
from practices.models.taxonomy import CHALLENGE_SLUGS, DIMENSION_SLUGS  # noqa: E402
from search.engines.database import DatabaseEngine  # noqa: E402

WORDS = ["bench", "school", "shop", "bus", "energy", "cooperative", "broadband", "forest",
         "care", "tourism", ""]
COUNTRIES = ["AT", "CH", "DE", "FR", "IT", "SI", "LI"]


def searches(rnd, count):
    made = set()
    while len(made) < count:
        parts = []
        word = rnd.choice(WORDS)
        if word:
            parts.append(f"q={word}")
        for name, values in (("dimension", DIMENSION_SLUGS), ("country", COUNTRIES),
                             ("challenge", CHALLENGE_SLUGS)):
            if rnd.random() < 0.5:
                parts.append(f"{name}={rnd.choice(values)}")
        made.add("&".join(parts))
    return sorted(made)


def make_subscriptions(total, since):
    have = Subscription.objects.filter(email__startswith="bench-alert-").count()
    if have >= total:
        return 0
    rnd = random.Random(17)
    pool = searches(rnd, 400)
    keys = list(published(PracticePage.objects.all()).values_list("translation_key", flat=True)
                .distinct()[:5000])
    rows = []
    for n in range(have, total):
        follows_practice = rnd.random() < 0.2
        rows.append(Subscription(
            email=f"bench-alert-{n}@example.org", language=rnd.choice(["en", "fr", "de", "it",
                                                                      "sl"]),
            frequency=Subscription.WEEKLY, status=Subscription.ACTIVE,
            query="" if follows_practice else rnd.choice(pool),
            practice_key=rnd.choice(keys) if follows_practice else None,
            confirmed_at=since, sent_until=since))
    Subscription.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def make_new(count, now):
    """The `count` newest practice groups published within the week."""
    keys = list(published(PracticePage.objects.all()).order_by("-first_published_at")
                .values_list("translation_key", flat=True).distinct()[:count])
    moments = [now - timedelta(hours=1 + i % 150) for i in range(len(keys))]
    for key, moment in zip(keys, moments, strict=True):
        PracticePage.objects.filter(translation_key=key).update(last_published_at=moment)
    return len(keys)


def timed(label, function, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    print(f"{label}: median {statistics.median(times):.2f} s, best {min(times):.2f} s "
          f"({runs} runs)")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--new", type=int, default=1_000)
    parser.add_argument("--elasticsearch", default="")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    now = timezone.now()
    since = now - timedelta(days=7)
    made = make_subscriptions(args.subscriptions, since)
    Subscription.objects.filter(email__startswith="bench-alert-").update(sent_until=since)
    new = make_new(args.new, now)
    subs = Subscription.objects.filter(email__startswith="bench-alert-", status="active")
    distinct = subs.exclude(query="").values("query", "language").distinct().count()
    print(f"{subs.count()} subscriptions ({made} made now), {distinct} distinct searches "
          f"(query, language), {subs.filter(query='').count()} practices followed; "
          f"{new} practices new in the week; {DatabaseEngine.__name__} index: "
          f"{published(PracticePage.objects.all()).count()} practice versions")
    settings.ELASTICSEARCH_URL = ""
    built = timed("build, database engine", lambda: digests.build("weekly", now), args.runs)
    print(f"  digests with results: {sum(1 for _s, keys in built if keys)}, results listed: "
          f"{sum(len(keys) for _s, keys in built)}")
    if args.elasticsearch:
        settings.ELASTICSEARCH_URL = args.elasticsearch
        from search.engines.elastic import ElasticsearchEngine

        engine = ElasticsearchEngine(args.elasticsearch, timeout=120)
        if not engine.client.indices.exists_alias(name=engine.alias):
            print("  (building the Elasticsearch index first)")
            engine.rebuild()
        from alerts.matching import UNSUPPORTED

        built_es = timed("build, Elasticsearch", lambda: digests.build("weekly", now),
                         args.runs)
        print("  matched by " + ("msearch: this node has no percolator module"
                                 if args.elasticsearch in UNSUPPORTED else "the percolator"))
        same = sum(1 for (a, ka), (b, kb) in zip(built, built_es, strict=True)
                   if a.pk == b.pk and set(ka) == set(kb))
        print(f"  digests with results: {sum(1 for _s, keys in built_es if keys)}; the same "
              f"results as the database engine: {same} of {len(built)}")
        settings.ELASTICSEARCH_URL = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    engine = DatabaseEngine()
    with_results = [(s, keys) for s, keys in built if keys]
    start = time.perf_counter()
    for subscription, keys in with_results:
        digests.message(subscription, keys, engine).send()
    spent = time.perf_counter() - start
    print(f"write {len(with_results)} digest e-mails (to memory): {spent:.2f} s "
          f"({len(mail.outbox)} messages)")


if __name__ == "__main__":
    main()
