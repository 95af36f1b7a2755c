"""The entries' transfers: the stages of a practice's validated transfers (a filter and facet)
and the number of territories reusing it (the "reused" order). The entries found here get
"?", which `search.engines.database.ensure_entries` reads after `migrate` as "written
before": it writes them all again. As in 0005 and 0007, adding a column makes Django rebuild
the table on SQLite, and the triggers that keep the FTS5 table in step are made again."""

from importlib import import_module

from django.db import migrations, models

triggers_again = import_module("search.migrations.0005_search_entry_cards").triggers_again


class Migration(migrations.Migration):

    dependencies = [
        ('kbsearch', '0007_search_entry_funding'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, triggers_again),
        migrations.AddField(
            model_name='searchentry',
            name='reuse',
            field=models.CharField(default='?', max_length=60),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='searchentry',
            name='reuse',
            field=models.CharField(default='', max_length=60),
        ),
        migrations.AddField(
            model_name='searchentry',
            name='reused',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(triggers_again, triggers_again),
    ]
