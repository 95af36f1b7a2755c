from django.db import migrations


class Migration(migrations.Migration):
    """Kept for the migration graph. Groups, permissions and the workflow are seeded after
    every `migrate` (participation.roles.seed_roles, a post_migrate handler): a migration must
    not run today's app code against yesterday's tables."""

    dependencies = [("participation", "0004_calls"), ("participation", "0002_roles")]

    operations = []
