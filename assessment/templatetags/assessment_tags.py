from django import template
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from .. import report, scoring
from ..models import Assessment
from ..questionnaire import questionnaire

register = template.Library()


@register.inclusion_tag("assessment/pilot_assessments.html")
def pilot_assessments(page, profile=None):
    """A pilot territory's published assessments over time — or a territory profile's:
    those started from it and those of its pilot journey (`page` then the pilot, or None) —
    a table, and a radar of the latest over the first."""
    shown = Q(pilot__translation_key=page.translation_key) if page is not None else Q()
    if profile is not None:
        shown |= Q(territory__translation_key=profile.translation_key)
        page = profile
    if not shown:
        return {"rows": []}
    assessments = list(Assessment.objects.filter(
        shown, published=True, completed_at__isnull=False).select_related("version")
        .order_by("completed_at"))
    if not assessments:
        return {"rows": []}
    language = translation.get_language()
    labels = report.dimension_labels(language)
    history = [(a, questionnaire(a, language).results(a.answers)) for a in assessments]
    dimensions = list(history[-1][1])
    first, latest = history[0][1], history[-1][1]
    radar = scoring.radar_svg(
        [labels[d] for d in dimensions], [latest[d].score for d in dimensions],
        previous=[first[d].score if d in first else None for d in dimensions]
        if len(history) > 1 else None,
        title=_("Smart dimensions of %(name)s, scores out of 100") % {"name": page.title})
    return {"rows": [(a, [results.get(d) for d in dimensions])
                     for a, results in history],
            "labels": [labels[d] for d in dimensions], "radar": radar,
            "first": assessments[0], "latest": assessments[-1]}
