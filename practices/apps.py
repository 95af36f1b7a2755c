from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Practices"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from core.routing import ROUTES

        from .catalogue import site_changed
        from .models import EventPage, FooterLogo, TerritoryPage
        from .models.taxonomy import KINDS, connect_terms
        from .site_structure import ensure_site_structure
        from .tasks import event_published
        from .territories import profile_published

        # A fresh database is a working site: locales, home pages, catalogue and taxonomy.
        post_migrate.connect(ensure_site_structure, sender=self)
        # The header and footer links are cached; these change them.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(site_changed, dispatch_uid=f"kb-site-changed-{signal}")
        post_delete.connect(site_changed, sender=Page, dispatch_uid="kb-site-changed-delete")
        for signal in (post_save, post_delete):  # a page made private, or public again
            signal.connect(site_changed, sender=PageViewRestriction,
                           dispatch_uid=f"kb-site-changed-pvr-{signal}")
        for signal in (post_save, post_delete):
            signal.connect(site_changed, sender=FooterLogo,
                           dispatch_uid=f"kb-site-changed-logo-{signal}")
        # A profile published: its practices hold its place's facts (search, connected after
        # this app, then indexes them again)
        page_published.connect(profile_published, sender=TerritoryPage,
                               dispatch_uid="kb-profile-published")
        page_published.connect(event_published, sender=EventPage,
                               dispatch_uid="kb-event-published")
        connect_terms()  # the terms kept in memory are read again after a change
        for model in KINDS.values():  # (a page the routes keep holds the terms it showed)
            for signal in (post_save, post_delete):
                signal.connect(ROUTES.bump, sender=model,
                               dispatch_uid=f"kb-routes-{signal}-{model}")
