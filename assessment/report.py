"""What the result page shows, built from an assessment (and optionally an earlier one)."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Locale

from practices.models import Dimension

from . import matching, neighbours, scoring
from .models import Assessment, DimensionAdvice
from .questionnaire import questionnaire


@dataclass
class Row:
    dimension: str
    label: str
    score: int | None
    category: str | None
    coverage: float
    previous: int | None = None
    difference: int | None = None


def dimension_labels(language):
    """{slug: name} of the editors' Dimension snippets in `language`, in their order (a
    dimension not translated yet keeps its slug)."""
    return Dimension.labels(language)


def rows(results, labels, previous=None):
    changes = scoring.differences(previous, results) if previous else {}
    return [Row(dimension, labels[dimension], r.score, r.category, r.coverage,
                previous[dimension].score if previous and dimension in previous else None,
                changes.get(dimension))
            for dimension, r in results.items()]


def _join(names):
    return names[0] if len(names) == 1 else _("%(first)s and %(second)s") % {
        "first": ", ".join(names[:-1]), "second": names[-1]}


def profile_sentence(name, table):
    """The overall profile in plain words."""
    scored = [row for row in table if row.score is not None]
    if not scored:
        return _("Every question was answered “I don't know”, so %(name)s has no profile yet: "
                 "ask the people who know each subject and assess again.") % {"name": name}
    ordered = sorted(scored, key=lambda row: -row.score)
    overall = int(sum(row.score for row in scored) / len(scored) + 0.5)  # half up
    if ordered[0].score - ordered[-1].score < 15:
        sentence = _("%(name)s has a balanced profile: every dimension scores between "
                     "%(low)s and %(high)s.") % {"name": name, "low": ordered[-1].score,
                                                  "high": ordered[0].score}
    else:
        pair = 2 if len(ordered) >= 4 else 1
        strong, weak = ordered[:pair], ordered[-pair:]
        sentence = _("%(name)s is strongest in %(strong)s and has the most room to progress in "
                     "%(weak)s.") % {
            "name": name,
            "strong": _join([f"{r.label} ({r.score})" for r in strong]),
            "weak": _join([f"{r.label} ({r.score})" for r in reversed(weak)])}
    sentence += " " + _("Overall score: %(score)s out of 100.") % {"score": overall}
    unscored = [row.label for row in table if row.score is None]
    if unscored:
        sentence += " " + _("No score for %(names)s: every answer there was “I don't know”.") % {
            "names": _join(unscored)}
    return sentence


def build(assessment, language, compare=None):
    form = questionnaire(assessment, language)
    results = form.results(assessment.answers)
    labels = dimension_labels(language)
    previous = (questionnaire(compare, language).results(compare.answers)
                if compare is not None else None)
    table = rows(results, labels, previous)
    locale = Locale.objects.filter(language_code=language).first()
    territory = matching.Territory(assessment.country, assessment.population,
                                   assessment.altitude_m)
    advice = {a.dimension: a.text for a in DimensionAdvice.objects.filter(locale=locale)}
    weakest = [{"dimension": d, "label": labels[d], "row": next(r for r in table
                                                                 if r.dimension == d),
                "advice": advice.get(d, ""),
                "practices": matching.matched_practices(territory, d, locale.pk)}
               for d in scoring.weakest(results)]
    scores = {d: r.score for d, r in results.items()}
    title = _("Smart dimensions of %(name)s, scores out of 100") % {
        "name": assessment.territory_name}
    ordered_labels = [labels[d] for d in results]
    unknown = sum(1 for code in form.codes if assessment.answers.get(code, None) is None)
    return {
        "table": table,
        "profile": profile_sentence(assessment.territory_name, table),
        "radar": scoring.radar_svg(
            ordered_labels, [scores[d] for d in results],
            previous=[previous[d].score if d in previous else None for d in results]
            if previous else None, title=title, size=340),
        "weakest": weakest,
        "pilots": matching.closest_pilots(scores, locale.pk, exclude_series=assessment.series),
        **territory_matches(territory, results, locale.pk),
        "thresholds": form.thresholds,
        "unknown_count": unknown,
        "question_count": len(form.codes),
        "compare": compare,
        "compare_date": date_format(compare.created_at, "DATE_FORMAT") if compare else "",
    }


def territory_matches(territory, results, locale_id):
    """Territory profiles like the assessed one (its facts, its two strongest dimensions)
    and able to help in its two weakest."""
    pages = neighbours.candidates(locale_id)
    scored = sorted((r.score, d) for d, r in results.items() if r.score is not None)
    strong = {d for _score, d in scored[-2:]}
    return {
        "similar_territories": neighbours.territories_like(territory, strong, locale_id,
                                                           pages=pages),
        "helping_territories": neighbours.territories_that_help(
            scoring.weakest(results), locale_id, pages=pages),
    }


def last_answers(assessment):
    """The answers of the territory's previous completed assessment ({} if none)."""
    earlier = series_members(assessment).filter(created_at__lt=assessment.created_at)
    return earlier.values_list("answers", flat=True).first() or {}


def series_members(assessment):
    """The other completed assessments of the same territory, newest first."""
    return (Assessment.objects.filter(series=assessment.series, completed_at__isnull=False)
            .exclude(pk=assessment.pk).order_by("-created_at"))
