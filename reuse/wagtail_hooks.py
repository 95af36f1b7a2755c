from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import EmbedBuilderView


@hooks.register("register_admin_urls")
def embed_urls():
    return [path("embed-catalogue/", EmbedBuilderView.as_view(), name="kb_embed_builder")]


@hooks.register("register_admin_menu_item")
def embed_menu_item():
    return MenuItem(_("Embed the catalogue"), reverse("kb_embed_builder"), icon_name="code",
                    order=270)
