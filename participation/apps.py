from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = "Participation and editorial workflow"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from practices.models import PracticePage

        from .notices import tell_proposers
        from .roles import seed_roles

        post_migrate.connect(seed_roles, sender=self, dispatch_uid="kb-participation-roles")
        page_published.connect(tell_proposers, sender=PracticePage,
                               dispatch_uid="kb-tell-proposers")
