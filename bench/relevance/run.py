"""Relevance of both search engines on a graded set, through the public search API.

    .venv/bin/python bench/relevance/run.py                      # database engine (SQLite)
    .venv/bin/python bench/relevance/run.py --elasticsearch http://127.0.0.1:9201
    DATABASE_URL=postgres://kb:kb@127.0.0.1:5432/kb_relevance \
        .venv/bin/python bench/relevance/run.py

A fresh database (bench/out/relevance.sqlite3 unless DATABASE_URL names one) is migrated and
given corpus.jsonl through the importer; each query of queries.txt is asked of
/api/v1/search/ as a visitor would (q, lang, filters) on the database engine and, when a node
is given, on Elasticsearch (an index of its own, prefix `kbrel_`). A result counts for the
translation group it belongs to.

Prints nDCG@10, recall@10 and MRR per kind of query and engine, the number of queries
without any result although a relevant practice exists, and the weakest queries with what
came first. recall@10 is the share of the relevant practices found in the first ten, out of
at most ten (a taxonomy query with 18 relevant practices is complete with ten of them).
"""

import argparse
import json
import math
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
KINDS = ("same", "inflection", "accent", "typo", "xtax", "xconcept", "filtered")
KIND_NAMES = {"same": "same language", "inflection": "inflection", "accent": "accent-less",
              "typo": "typo", "xtax": "cross-language taxonomy label",
              "xconcept": "cross-language concept", "filtered": "filtered"}


def read_queries(path=HERE / "queries.txt"):
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, lang, q, filters, relevant = (part.strip() for part in line.split("|"))
        params = {"q": q, "lang": lang}
        if filters != "-":
            for pair in filters.split("&"):
                name, value = pair.split("=")
                params.setdefault(name, []).append(value)
        queries.append({"kind": kind, "params": params, "relevant": relevant})
    return queries


def grades(spec, corpus):
    """{group external id: grade} of a query's relevance spec."""
    if spec.startswith("@"):
        facet, slug = spec[1:].split("=")
        field = {"dimension": "dimensions", "challenge": "challenges"}[facet]
        return {r["external_id"]: 2 for r in corpus
                if "translation_of" not in r and slug in r[field]}
    return {item.split(":")[0]: int(item.split(":")[1]) for item in spec.split(",")}


def dcg(gains):
    return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def score(ranked, relevant, k=10):
    gains = [relevant.get(group, 0) for group in ranked[:k]]
    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    found = sum(1 for group in ranked[:k] if relevant.get(group, 0) > 0)
    wanted = min(k, sum(1 for g in relevant.values() if g > 0))
    first = next((i for i, group in enumerate(ranked) if relevant.get(group, 0) > 0), None)
    return {"ndcg": dcg(gains) / ideal if ideal else 0.0, "recall": found / wanted,
            "mrr": 1 / (first + 1) if first is not None else 0.0, "empty": not ranked}


def setup_django(elasticsearch):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.dev")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench/out/relevance.sqlite3'}")
    os.environ["KB_SEARCH_INDEX_PREFIX"] = "kbrel_"
    os.environ["ELASTICSEARCH_URL"] = ""  # the import writes no index; built after, at once
    sys.path.insert(0, str(ROOT))
    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":  # start from an empty schema
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0)
    call_command("import_practices", str(HERE / "corpus.jsonl"), no_progress=True)
    if elasticsearch:
        from django.test import override_settings

        with override_settings(ELASTICSEARCH_URL=elasticsearch):
            call_command("search_index", "rebuild", verbosity=0)


def ask(client, params):
    response = client.get("/api/v1/search/", {**params, "page_size": 10})
    if response.status_code != 200:
        raise SystemExit(f"{params}: HTTP {response.status_code} {response.content[:200]}")
    return response.json()


def run(engines, show):
    from django.test import Client, override_settings

    corpus = [json.loads(line) for line in (HERE / "corpus.jsonl").read_text().splitlines()]
    group_of = {r["external_id"]: r.get("translation_of", r["external_id"]) for r in corpus}
    queries = read_queries()
    for query in queries:  # a grade names a practice (a group's original), never a version
        unknown = set(grades(query["relevant"], corpus)) - set(group_of.values())
        if unknown:
            raise SystemExit(f"{query['params']['q']}: {unknown} are not originals")
    client = Client(HTTP_HOST="127.0.0.1")
    table = {}
    weakest = []
    for engine, url in engines:
        with override_settings(ELASTICSEARCH_URL=url):
            for query in queries:
                answer = ask(client, query["params"])
                if answer["engine"] != engine:  # Elasticsearch failed: not what is measured
                    raise SystemExit(f"{query['params']}: answered by {answer['engine']}")
                ranked = list(dict.fromkeys(group_of.get(r["external_id"], r["external_id"])
                                            for r in answer["results"]))
                relevant = grades(query["relevant"], corpus)
                result = score(ranked, relevant)
                table.setdefault((engine, query["kind"]), []).append(result)
                if result["ndcg"] < 0.8 or result["recall"] < 1:
                    weakest.append((engine, query, result, ranked[:5], answer["count"]))
    print(f"{len(corpus)} records ({len({g for g in group_of.values()})} practices), "
          f"{len(queries)} queries\n")
    print("| engine | kind | queries | nDCG@10 | recall@10 | MRR | without results |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for engine, _url in engines:
        everything = defaultdict(list)
        for kind in KINDS:
            rows = table.get((engine, kind), [])
            everything["all"] += rows
            print(row(engine, KIND_NAMES[kind], rows))
        print(row(engine, "**all**", everything["all"]))
    if show:
        print("\nWeakest queries (nDCG@10 < 0.8 or recall@10 < 1):")
        for engine, query, result, top, count in sorted(weakest, key=lambda w: w[2]["ndcg"]):
            params = {k: v for k, v in query["params"].items() if k != "q"}
            print(f"- {engine} {query['kind']} {query['params']['q']!r} {params} "
                  f"nDCG {result['ndcg']:.2f} recall {result['recall']:.2f} "
                  f"count {count} top {top}")


def row(engine, kind, rows):
    if not rows:
        return f"| {engine} | {kind} | 0 | | | | |"
    mean = {m: sum(r[m] for r in rows) / len(rows) for m in ("ndcg", "recall", "mrr")}
    empty = sum(1 for r in rows if r["empty"])
    return (f"| {engine} | {kind} | {len(rows)} | {mean['ndcg']:.3f} | {mean['recall']:.3f} "
            f"| {mean['mrr']:.3f} | {empty} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--elasticsearch", default="", help="URL of a node: also run there")
    parser.add_argument("--only-elasticsearch", action="store_true")
    parser.add_argument("--weakest", action="store_true", help="list the weakest queries")
    args = parser.parse_args()
    setup_django(args.elasticsearch)
    engines = [] if args.only_elasticsearch else [("database", "")]
    if args.elasticsearch:
        engines.append(("elasticsearch", args.elasticsearch))
    run(engines, args.weakest)


if __name__ == "__main__":
    main()
