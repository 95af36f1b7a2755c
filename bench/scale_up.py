"""A search index of N× an imported corpus, for the engines' figures past what an import
gives in a session (the 100,000-practice index from the 10,000-record database).

    # the database engine's entries, 10× into a migrated database (PostgreSQL here)
    DATABASE_URL=sqlite:///$PWD/bench/out/bench-10000.sqlite3 \
        .venv/bin/python bench/scale_up.py entries 10 > bench/out/entries-100k.jsonl
    DATABASE_URL=postgres://kb:kb@127.0.0.1:5432/kb_bench100k \
        .venv/bin/python bench/scale_up.py load bench/out/entries-100k.jsonl
    # an Elasticsearch index of the same, under the alias the engine reads
    DATABASE_URL=sqlite:///$PWD/bench/out/bench-10000.sqlite3 ELASTICSEARCH_URL=... \
    KB_SEARCH_INDEX_PREFIX=kb100k_ .venv/bin/python bench/scale_up.py elasticsearch 10
    # ... and of the first 800 groups only (about 1,000 records)
    KB_SEARCH_INDEX_PREFIX=kb1k_ .venv/bin/python bench/scale_up.py elasticsearch 1 800

Copy k of a practice is a translation group of its own (its key derived from the original's)
with the same texts, taxonomy and cards: what a search costs grows with the postings and the
groups to count, which grow N×. The cards keep the original pages' ids, so a search's check
that its results are still published passes against the imported database.
"""

import json
import os
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from practices.models import PracticePage  # noqa: E402
from search.documents import build_documents, group_pages  # noqa: E402
from search.engines.database import ROWS  # noqa: E402
from search.models import SearchEntry  # noqa: E402

FIELDS = [f.name for f in SearchEntry._meta.concrete_fields if f.name != "id"]


def copy_key(key, number):
    return key if number == 0 else str(uuid.uuid5(uuid.UUID(key), str(number)))


def entries(factor):
    """Every entry, `factor` times, as JSON lines."""
    for entry in SearchEntry.objects.order_by("id").iterator(chunk_size=2000):
        row = {name: getattr(entry, name) for name in FIELDS}
        row["newest"] = row["newest"].isoformat()
        for number in range(factor):
            print(json.dumps({**row, "translation_key": copy_key(row["translation_key"],
                                                                 number)}))


def load(path, batch=2000):
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        rows = []
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                rows.append(SearchEntry(**json.loads(line)))
                if len(rows) == batch:
                    SearchEntry.objects.bulk_create(rows)
                    rows = []
        SearchEntry.objects.bulk_create(rows)
        ROWS.bump()
    print(f"{SearchEntry.objects.count()} entries", file=sys.stderr)


def elasticsearch(factor, limit=None, batch=500):
    from search.engines import get_engine

    engine = get_engine(timeout=120)
    name = engine.create_index(engine.new_index_name(), building=True)
    keys = list(dict.fromkeys(str(k) for k in PracticePage.objects.live().order_by(
        "translation_key").values_list("translation_key", flat=True)))[:limit]
    total = 0
    for start in range(0, len(keys), batch):
        documents = list(build_documents(group_pages(set(keys[start:start + batch]))))
        copies = [{**doc, "translation_key": copy_key(doc["translation_key"], number)}
                  for number in range(factor) for doc in documents]
        total += engine.write(copies, index=name, refresh=False)
    engine.built(name)
    if engine.client.indices.exists_alias(name=engine.alias):
        engine.client.indices.delete_alias(index="_all", name=engine.alias)
    engine.client.indices.put_alias(index=name, name=engine.alias)
    print(f"{total} documents in {name} (alias {engine.alias})", file=sys.stderr)


if __name__ == "__main__":
    command, argument = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None  # (elasticsearch: groups kept)
    {"entries": lambda: entries(int(argument)), "load": lambda: load(argument),
     "elasticsearch": lambda: elasticsearch(int(argument), limit)}[command]()
