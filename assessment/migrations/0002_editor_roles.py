from django.db import migrations


def update_roles(apps, schema_editor):
    from participation.roles import create_roles

    create_roles()  # idempotent: gives Editors the questionnaire and the assessments


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial"), ("participation", "0006_submissionfile_attached")]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
