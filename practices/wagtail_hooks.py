from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Challenge, Dimension


class DimensionViewSet(SnippetViewSet):
    model = Dimension
    icon = "cogs"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class ChallengeViewSet(SnippetViewSet):
    model = Challenge
    icon = "warning"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 250
    items = (DimensionViewSet, ChallengeViewSet)


register_snippet(TaxonomyGroup)
