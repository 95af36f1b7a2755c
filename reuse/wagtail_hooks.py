from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from practices.hooks import PRACTICE_CONTEXT

from .admin_views import EmbedBuilderView


@hooks.register(PRACTICE_CONTEXT)
def updates_feed(page):
    """The Atom feed of a practice's follow-up updates, in the page's language."""
    with translation.override(page.locale.language_code):
        return {"updates_feed_url": reverse("opendata:practice-updates-atom", args=[page.pk])}


@hooks.register("register_admin_urls")
def embed_urls():
    return [path("embed-catalogue/", EmbedBuilderView.as_view(), name="kb_embed_builder")]


@hooks.register("register_admin_menu_item")
def embed_menu_item():
    return MenuItem(_("Embed the catalogue"), reverse("kb_embed_builder"), icon_name="code",
                    order=270)
