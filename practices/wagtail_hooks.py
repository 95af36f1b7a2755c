from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Challenge, Dimension


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
