from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from practices.hooks import BULK_IMPORT, CATALOGUE_CONTEXT, PRACTICE_CONTEXT

from .engines import related_practices
from .models import GlossaryConcept
from .signal_handlers import deferred_indexing
from .views import catalogue_context

# What search adds to practices (practices.hooks): the catalogue's listing, a practice's
# related practices, and one indexing pass at the end of an import.
hooks.register(CATALOGUE_CONTEXT, catalogue_context)
hooks.register(BULK_IMPORT, deferred_indexing)


@hooks.register(PRACTICE_CONTEXT)
def related(page):
    return {"related_practices": related_practices(page)}


class GlossaryViewSet(SnippetViewSet):
    """Editors keep the multilingual glossary that expands search queries."""

    model = GlossaryConcept
    menu_label = _("Glossary")
    icon = "doc-full"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["slug", "note"]
    # 270 concepts: editors find one by any of its terms ("covoiturage" -> car-pooling),
    # searched in the database (the glossary is not in the search index).
    search_fields = ["slug", "note", "terms__term"]
    search_backend_name = None


register_snippet(GlossaryViewSet)
