from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Challenge, Dimension, FooterLogo


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class DimensionViewSet(TaxonomyViewSet):
    model = Dimension
    icon = "cogs"


class ChallengeViewSet(TaxonomyViewSet):
    model = Challenge
    icon = "warning"


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 250
    items = (DimensionViewSet, ChallengeViewSet)


register_snippet(TaxonomyGroup)


class FooterLogoViewSet(SnippetViewSet):
    model = FooterLogo
    icon = "image"
    menu_label = _("Footer logos")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "kind", "url"]
    sort_order_field = "sort_order"


register_snippet(FooterLogoViewSet)
