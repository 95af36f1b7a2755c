from django.db import migrations


def create_roles(apps, schema_editor):
    from participation.roles import create_roles as create

    create()


class Migration(migrations.Migration):
    """Groups Contributors, Editors, Validators and the "Editorial review" workflow."""

    dependencies = [
        ("participation", "0001_initial"),
        ("practices", "0002_alter_practicepage_options"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
