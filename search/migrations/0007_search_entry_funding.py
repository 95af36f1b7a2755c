"""The entries' funding sources (a filter and facet). The entries found here get "?", which
`search.engines.database.ensure_entries` reads after `migrate` as "written before": it
writes them all again. As in 0005, adding a column makes Django rebuild the table on
SQLite, and the triggers that keep the FTS5 table in step are made again after it."""

from importlib import import_module

from django.db import migrations, models

triggers_again = import_module("search.migrations.0005_search_entry_cards").triggers_again


class Migration(migrations.Migration):

    dependencies = [
        ('kbsearch', '0006_postgresql_matches'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, triggers_again),
        migrations.AddField(
            model_name='searchentry',
            name='funding',
            field=models.CharField(default='?', max_length=400),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='searchentry',
            name='funding',
            field=models.CharField(default='', max_length=400),
        ),
        migrations.RunPython(triggers_again, triggers_again),
    ]
