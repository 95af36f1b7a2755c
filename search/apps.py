from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"
    label = "kbsearch"  # "search" would be ambiguous next to wagtail.search
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import backlog, signal_handlers
        from .engines.database import ensure_entries
        from .language import ensure_glossary

        backlog.register()
        signal_handlers.connect()
        post_migrate.connect(ensure_glossary, sender=self)
        post_migrate.connect(ensure_entries, sender=self)
