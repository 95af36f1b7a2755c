from django.db import migrations


def update_roles(apps, schema_editor):
    from participation.roles import create_roles

    create_roles()  # idempotent: adds the permissions on applications to Editors


class Migration(migrations.Migration):
    dependencies = [("participation", "0004_calls"), ("participation", "0002_roles")]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
