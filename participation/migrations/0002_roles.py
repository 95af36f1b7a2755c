from django.db import migrations


class Migration(migrations.Migration):
    """Kept for the migration graph. Groups, permissions and the workflow are seeded after
    every `migrate` (participation.roles.seed_roles, a post_migrate handler): a migration must
    not run today's app code against yesterday's tables."""

    dependencies = [
        ("participation", "0001_initial"),
        ("practices", "0002_alter_practicepage_options"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = []
