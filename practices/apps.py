from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Practices"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .site_structure import ensure_site_structure

        # A fresh database is a working site: locales, home pages, catalogue and taxonomy.
        post_migrate.connect(ensure_site_structure, sender=self)
