from django.db import migrations


class Migration(migrations.Migration):
    """Kept for the migration graph. Groups, permissions and the workflow are seeded after
    every `migrate` (participation.roles.seed_roles, a post_migrate handler): a migration must
    not run today's app code against yesterday's tables."""

    dependencies = [("assessment", "0001_initial"), ("participation", "0006_submissionfile_attached")]

    operations = []
