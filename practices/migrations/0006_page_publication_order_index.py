"""An index of Wagtail's pages in the order the read API, the feeds and the exports list them
(last publication, then id): a page of the list, or the versions after a cursor, is read from
it instead of sorting every published practice (100,000 on a large network)."""

from django.db import migrations

INDEX = "kb_page_last_published_id"


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0005_taxonomy_synonyms"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (last_published_at, id)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
