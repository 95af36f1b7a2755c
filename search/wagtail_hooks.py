from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryConcept


class GlossaryViewSet(SnippetViewSet):
    """Editors keep the multilingual glossary that expands search queries."""

    model = GlossaryConcept
    menu_label = _("Glossary")
    icon = "doc-full"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["slug", "note"]
    search_fields = ["slug", "note"]


register_snippet(GlossaryViewSet)
