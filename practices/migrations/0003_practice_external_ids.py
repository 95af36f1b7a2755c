"""Practices made in the admin or by translation before every page got an exchange id."""

from django.db import migrations, models
from django.db.models import F, Value
from django.db.models.functions import Cast, Concat


def give_ids(apps, schema_editor):
    PracticePage = apps.get_model("practices", "PracticePage")
    as_text = Cast(F("page_ptr_id"), output_field=models.CharField(max_length=100))
    PracticePage.objects.filter(external_id="").update(external_id=Concat(Value("kb-"), as_text))


class Migration(migrations.Migration):
    dependencies = [("practices", "0002_alter_practicepage_options")]

    operations = [migrations.RunPython(give_ids, migrations.RunPython.noop)]
