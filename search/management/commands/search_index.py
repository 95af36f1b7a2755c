from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from practices.catalogue import published
from search.documents import INDEXED
from search.engines.database import DatabaseEngine
from search.engines.elastic import ElasticsearchEngine, missing_dictionaries


class Command(BaseCommand):
    help = ("Elasticsearch index: `rebuild` (new index, alias swap, no downtime), `update` "
            "(reindex what changed, drop what left), `check` (print drift, exit 1 if any). "
            "`rebuild --database`: the database engine's index (search.models.SearchEntry).")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "check"])
        parser.add_argument("--url", default=None, help="Defaults to ELASTICSEARCH_URL.")
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--database", action="store_true",
                            help="Rebuild the database engine's index instead.")

    def handle(self, *args, action, url, no_progress, database, **options):
        url = url or settings.ELASTICSEARCH_URL
        total = sum(published(model.objects.all()).count() for model in INDEXED.values())
        bar = tqdm(total=total, unit="doc", disable=no_progress or None, file=self.stderr._out,
                   desc=action)
        if database:
            if action != "rebuild":
                raise CommandError("the database engine's index is kept in step as pages "
                                   "are published: only `rebuild --database` applies")
            count = DatabaseEngine.rebuild()
            bar.close()
            self.stdout.write(self.style.SUCCESS(f"Indexed {count} practices in the database"))
            return
        if not url:
            raise CommandError("ELASTICSEARCH_URL is not set (for the database engine's own "
                               "index: `search_index rebuild --database`)")
        engine = ElasticsearchEngine(url, timeout=60)
        if action == "rebuild":
            name, count = engine.rebuild(progress=bar.update)
            bar.close()
            self.stdout.write(self.style.SUCCESS(f"Indexed {count} documents into {name}; "
                                                 f"alias {engine.alias} swapped"))
            return
        drift = self.drift(engine, bar)
        bar.close()
        if action == "check":
            for kind, ids in drift.items():
                self.stdout.write(f"{kind}: {len(ids)}" + (f" {sorted(ids)[:20]}" if ids else ""))
            self.check_dictionaries(engine)
            if any(drift.values()):
                raise CommandError("the index has drifted; run `search_index update`",
                                   returncode=1)
            self.stdout.write(self.style.SUCCESS("index in step with the published pages"))
            return
        engine.index_pages(list(drift["missing"] | drift["stale"]))
        engine.delete_ids(drift["orphaned"])
        self.stdout.write(self.style.SUCCESS(
            f"updated {len(drift['missing'] | drift['stale'])}, "
            f"removed {len(drift['orphaned'])}"))

    def check_dictionaries(self, engine):
        """Which hunspell dictionaries the cluster lacks; with KB_SEARCH_HUNSPELL on, a
        rebuild would fail: exit 1 and say what to do."""
        missing = missing_dictionaries(engine.client)
        if not missing:
            self.stdout.write("hunspell dictionaries: all five load on the cluster")
            return
        self.stdout.write(f"hunspell dictionaries missing: {', '.join(missing)}")
        if settings.KB_SEARCH_HUNSPELL:
            raise CommandError(
                "the cluster cannot load these hunspell dictionaries: install them "
                "(config/hunspell/, docs/deployment.md) or set KB_SEARCH_HUNSPELL=false and "
                "rebuild (the index then has the folded and lemmatised fields only)",
                returncode=1)

    @staticmethod
    def drift(engine, bar):
        indexed = engine.indexed_state()
        expected = {}
        for model in INDEXED.values():
            for pk, published_at in published(model.objects.all()).values_list(
                    "pk", "last_published_at").iterator():
                expected[pk] = published_at
                bar.update(1)
        missing = set(expected) - set(indexed)
        orphaned = set(indexed) - set(expected)
        stale = {pk for pk in set(expected) & set(indexed)
                 if expected[pk] and (indexed[pk] or "")[:19] != expected[pk].isoformat()[:19]}
        return {"missing": missing, "stale": stale, "orphaned": orphaned}
