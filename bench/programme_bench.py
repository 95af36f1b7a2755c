"""The pages and answers issue 17 added — the agenda, an event, the registration form, an
event's iCalendar file and the agenda's feed, the toolbox, a resource, the catalogue of
every result type, the follow form, the events and resources API, the open-data files of
events and resources, the DCAT-AP catalogue — rendered in process (Django's full stack,
DEBUG off, the page cache off) on the database of DATABASE_URL (the demo: `make run`'s):
SQL queries and p50/p95 of 200 requests per kind after a warm-up (render_bench.measure).

    DATABASE_URL=sqlite:///db.sqlite3 .venv/bin/python bench/programme_bench.py demo
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from render_bench import measure  # noqa: E402  (the same timing: 200 requests, 20 warm-up)

from core.pages import published  # noqa: E402
from practices.models import (  # noqa: E402
    EventIndexPage,
    EventPage,
    PracticeIndexPage,
    ResourcePage,
    ToolboxPage,
)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("label")
    args = parser.parse_args()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.KB_PAGE_CACHE_SECONDS = 0
    settings.ELASTICSEARCH_URL = ""
    client = Client()
    agenda = EventIndexPage.objects.get(locale__language_code="en").url
    toolbox = ToolboxPage.objects.get(locale__language_code="en").url
    catalogue = PracticeIndexPage.objects.get(locale__language_code="en").url
    events = list(published(EventPage.objects.all()).order_by("id"))
    resources = list(published(ResourcePage.objects.all()).order_by("id"))
    upcoming = [e for e in events if not e.is_past and e.accepts_registrations()]
    kinds = {
        "agenda": [agenda, f"{agenda}?kind=webinar", f"{agenda}?language=it"],
        "event page": [e.url for e in events],
        "registration form": [f"/{e.locale.language_code}/events/{e.pk}/register/"
                              for e in upcoming],
        "event .ics": [f"{e.url}ics/" for e in events],
        "agenda .ics feed": [f"{agenda}ics/", f"{agenda}ics/?kind=webinar"],
        "toolbox": [toolbox, f"{toolbox}?kind=template", f"{toolbox}?dimension=people"],
        "resource page": [r.url for r in resources],
        "catalogue, every type": [f"{catalogue}?type=practice&type=event&type=resource",
                                  f"{catalogue}?q=workshop&type=event&type=resource"],
        "follow form": ["/en/alerts/follow/?q=bench&dimension=mobility"],
        "API events list": ["/api/v1/events/"],
        "API resources list": ["/api/v1/resources/"],
        "DCAT-AP catalogue (Turtle)": ["/data/catalogue.ttl"],
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
