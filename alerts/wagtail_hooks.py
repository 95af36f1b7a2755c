
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from practices.hooks import CATALOGUE_CONTEXT, PRACTICE_CONTEXT

from .models import Subscription
from .views import followed_query


@hooks.register(CATALOGUE_CONTEXT)
def follow_search_link(request, catalogue_page):
    query = followed_query(request.GET)
    return {"follow_url": reverse("alerts:follow") + (f"?{query}" if query else "")}


@hooks.register(PRACTICE_CONTEXT)
def follow_practice_link(page):
    return {"follow_practice_url": reverse("alerts:follow-practice", args=[page.pk])}


class SubscriptionViewSet(ModelViewSet):
    """Alert subscriptions, for the editors: how many follow what (addresses are personal
    data: no export)."""

    model = Subscription
    icon = "mail"
    menu_label = _("E-mail alerts")
    add_to_admin_menu = True
    menu_order = 295
    list_display = ["email", "status", "frequency", "language",
                    DateColumn("created_at", label=_("created"))]
    list_filter = ["status", "frequency", "language"]
    search_fields = ["email", "query"]
    inspect_view_enabled = True
    form_fields = ["status", "frequency"]


@hooks.register("register_admin_viewset")
def register_subscriptions():
    return SubscriptionViewSet("alert-subscriptions")


