"""The editors' dashboard panel: what waits for review, where the catalogue stands."""

from django.conf import settings
from django.db.models import Count, F
from django.utils.translation import get_language_info
from django_countries.fields import Country
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from practices.catalogue import published
from practices.models import Dimension, PracticePage


def bars(rows):
    """[(label, count, percent of the largest)] for a small bar chart."""
    top = max((n for _label, n in rows), default=0) or 1
    return [(label, n, round(100 * n / top)) for label, n in rows]


class EditorialPanel(Component):
    name = "kb_editorial"
    order = 50
    template_name = "participation/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        waiting = WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type__model="page").order_by("-created_at")
        ids = [int(s.object_id) for s in waiting[:10]]
        pages = {p.pk: p for p in PracticePage.objects.filter(pk__in=ids)}
        live = published(PracticePage.objects.all())
        per_dimension = Dimension.objects.filter(locale__language_code="en").order_by(
            "sort_order")
        groups = {d.slug: live.filter(dimensions__slug=d.slug).values(
            "translation_key").distinct().count() for d in per_dimension}
        countries = (live.order_by().values("country")
                     .annotate(n=Count("translation_key", distinct=True)).order_by("-n"))
        translations = (PracticePage.objects.exclude(locale__language_code=F("original_language"))
                        .filter(has_unpublished_changes=True).select_related("locale")
                        .order_by("-latest_revision_created_at")[:5])
        total = live.values("translation_key").distinct().count()
        available = dict(live.order_by().values_list("locale__language_code")
                         .annotate(n=Count("translation_key", distinct=True)))
        coverage = [(get_language_info(code)["name_translated"], available.get(code, 0),
                     round(100 * available.get(code, 0) / total) if total else 0)
                    for code, _name in settings.LANGUAGES]
        return {
            "waiting_count": waiting.count(),
            "waiting": [(s, pages.get(int(s.object_id))) for s in waiting[:10]],
            "per_dimension": bars([(d.name, groups[d.slug]) for d in per_dimension]),
            "per_country": bars([(Country(row["country"]).name, row["n"])
                                 for row in countries]),
            "coverage": coverage,
            "practice_total": total,
            "translations": translations,
        }
