from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Self-assessment")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .questionnaire import seed_questionnaire

        post_migrate.connect(seed_questionnaire, sender=self,
                             dispatch_uid="assessment.seed_questionnaire")
