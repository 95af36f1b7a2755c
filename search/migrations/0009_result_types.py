"""What each entry is — a practice, an event or a toolbox resource (the `type` filter and
facet); every entry written before is a practice's. As in 0005, 0007 and 0008, adding a
column makes Django rebuild the table on SQLite, and the triggers that keep the FTS5 table
in step are made again."""

from importlib import import_module

from django.db import migrations, models

triggers_again = import_module("search.migrations.0005_search_entry_cards").triggers_again


class Migration(migrations.Migration):

    dependencies = [
        ('kbsearch', '0008_search_entry_reuse'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, triggers_again),
        migrations.AddField(
            model_name='searchentry',
            name='type',
            field=models.CharField(default=' practice ', max_length=20),
        ),
        migrations.RunPython(triggers_again, triggers_again),
    ]
