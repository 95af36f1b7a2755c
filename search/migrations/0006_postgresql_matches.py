from django.db import migrations

# The database engine's full-text matches on PostgreSQL (search/engines/database.py): a
# function, so that the search's every condition goes in one statement and is planned with
# sequential scans off (PostgreSQL estimates a query of many alternative words to match most
# rows and would read the whole table; the GIN index answers in a seventh of the time). A
# SQL function with a SET clause is planned when it runs, under that setting.
CREATE = """
CREATE OR REPLACE FUNCTION kbsearch_matches(query text) RETURNS TABLE (id bigint, score real)
LANGUAGE sql STABLE SET enable_seqscan = off AS $$
    SELECT entry.id, ts_rank(entry.text_vector, matched)
    FROM kbsearch_searchentry entry, to_tsquery('simple', query) matched
    WHERE entry.text_vector @@ matched
$$
"""
DROP = "DROP FUNCTION IF EXISTS kbsearch_matches(text)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):

    dependencies = [
        ("kbsearch", "0005_search_entry_cards"),
    ]

    operations = [migrations.RunPython(create, drop)]
