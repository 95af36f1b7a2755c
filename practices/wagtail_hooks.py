from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Challenge, Dimension, FooterLogo, FundingSource, Transfer


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


class FundingSourceViewSet(TaxonomyViewSet):
    model = FundingSource
    icon = "pick"


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 250
    items = (DimensionViewSet, ChallengeViewSet, FundingSourceViewSet)


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


class TransferViewSet(SnippetViewSet):
    """Who reuses which practice: editors validate what visitors started and add their own."""

    model = Transfer
    icon = "resubmit"
    menu_label = _("Transfers")
    add_to_admin_menu = True
    menu_order = 240
    list_display = ["__str__", "stage", "status", "organisation", "updated_at"]
    list_filter = ["status", "stage"]
    search_fields = ["adaptation", "organisation", "external_id"]


register_snippet(TransferViewSet)


@hooks.register("insert_editor_js")
def map_picker_js():
    """The coordinates' map picker (static/js/admin_map_picker.js), with vendored Leaflet."""
    return format_html('<script src="{}" defer></script><script src="{}" defer data-tiles="{}" '
                       'data-attribution="{}" data-label="{}"></script>',
                       static("vendor/leaflet/leaflet.js"), static("js/admin_map_picker.js"),
                       settings.KB_MAP_TILE_URL, settings.KB_MAP_ATTRIBUTION,
                       _("Map: click to set the coordinates"))


@hooks.register("insert_editor_css")
def map_picker_css():
    return format_html('<link rel="stylesheet" href="{}">', static("vendor/leaflet/leaflet.css"))
