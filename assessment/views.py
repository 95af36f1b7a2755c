"""Self-assessment pages: start, one step per dimension, result, CSV, delete, assess again,
methodology. The token in the URL is the only key to an assessment."""

from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from core.ratelimit import form_rate
from core.spreadsheets import SafeWriter
from practices.catalogue import published_by_id
from practices.models import TerritoryPage
from search.params import whole_number

from . import matching, report
from .forms import StepForm, TamperedForm, TerritoryForm
from .models import Assessment
from .questionnaire import (
    Questionnaire,
    build_content,
    current_version,
    questionnaire,
    save_answers,
)


def private(view):
    """Find the assessment by token (404 otherwise) and keep its pages out of caches and
    search engines: the link is the key."""
    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        assessment = Assessment.objects.filter(token=token).select_related("version").first()
        if assessment is None:
            response = refuse(request, _("No self-assessment has this link. It may have been "
                                         "deleted, or the link was copied incompletely."), 404)
        else:
            response = view(request, assessment, *args, **kwargs)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    return wrapper


def refuse(request, message, status=400):
    return render(request, "assessment/refused.html", {"message": message}, status=status)


def resume_url(request, assessment):
    return request.build_absolute_uri(reverse("assessment:resume", args=[assessment.token]))


@ratelimit(key="ip", rate=form_rate, method="POST", block=True, group="assessment")
def start(request):
    """A new assessment; from a territory profile (`?territory=<id>`, kept in the form's
    address), its facts are the profile's."""
    profile_id = whole_number(request.GET.get("territory"))
    profile = published_by_id(TerritoryPage, profile_id).first() if profile_id else None
    form = TerritoryForm(request.POST or None, profile=profile)
    if request.method == "POST" and form.is_valid():
        assessment = form.save(commit=False)
        assessment.language = translation.get_language()
        assessment.version = current_version()
        assessment.territory = profile
        assessment.save()
        return redirect("assessment:step", assessment.token, 1)
    status = 400 if form.errors else 200
    return render(request, "assessment/start.html", {"form": form, "profile": profile},
                  status=status)


@private
def resume(request, assessment):
    """The first step with an unanswered question, or the result when there is none."""
    steps = questionnaire(assessment, translation.get_language()).steps()
    gap = next((number for number, (_dimension, items) in enumerate(steps, start=1)
                if any(item.code not in assessment.answers for item in items)), None)
    if gap is None:
        return redirect("assessment:result", assessment.token)
    return redirect("assessment:step", assessment.token, gap)


@private
def step(request, assessment, number):
    language = translation.get_language()
    form_data = questionnaire(assessment, language)
    steps = form_data.steps()
    if not 1 <= number <= len(steps):
        raise Http404
    dimension, items = steps[number - 1]
    if request.method == "POST":
        try:
            form = StepForm(items, form_data.levels, request.POST, token=assessment.token)
        except TamperedForm as refusal:
            return refuse(request, str(refusal))
        if form.is_valid():
            save_answers(assessment, form.answers())
            if request.headers.get("X-Autosave"):
                return HttpResponse(status=204)
            if "save" in request.POST:
                messages.success(request, _("Your answers are saved. Come back with your "
                                            "private link whenever you like."))
                return redirect("assessment:step", assessment.token, number)
            if "previous" in request.POST:
                return redirect("assessment:step", assessment.token, max(number - 1, 1))
            if number < len(steps):
                return redirect("assessment:step", assessment.token, number + 1)
            return redirect("assessment:result", assessment.token)
    else:
        form = StepForm(items, form_data.levels,
                        initial=StepForm.initial_for(items, assessment.answers))
    form.last_time = report.last_answers(assessment)  # only when a page is shown
    answered = sum(1 for code in form_data.codes if code in assessment.answers)
    return render(request, "assessment/step.html", {
        "assessment": assessment, "form": form, "number": number, "step_count": len(steps),
        "dimension": report.dimension_labels(language)[dimension], "levels": form_data.levels,
        "answered": answered, "question_count": len(form_data.codes),
        "resume_url": resume_url(request, assessment),
    }, status=400 if form.errors else 200)


@private
def result(request, assessment):
    language = translation.get_language()
    form_data = questionnaire(assessment, language)
    missing = len(form_data.codes - assessment.answers.keys())
    if missing:
        messages.warning(request, _("%(n)s question(s) still need an answer; choose “I don't "
                                    "know” if you are not sure.") % {"n": missing})
        return redirect("assessment:resume", assessment.token)
    others = list(report.series_members(assessment))
    compare = None
    if request.GET.get("compare"):
        compare = next((o for o in others if o.token == request.GET["compare"]), None)
        if compare is None:
            return refuse(request, _("Only assessments of the same territory, made with the "
                                     "same private links, can be compared."))
    elif others:
        compare = next((o for o in others if o.created_at < assessment.created_at), None)
    context = report.build(assessment, language, compare)
    context.update(assessment=assessment, others=others,
                   resume_url=resume_url(request, assessment))
    return render(request, "assessment/result.html", context)


@private
def answers_csv(request, assessment):
    form = questionnaire(assessment, translation.get_language())
    labels = report.dimension_labels(form.language)
    level_labels = {number: label for number, label, _text in form.levels}
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="self-assessment-{assessment.created_at:%Y-%m-%d}.csv"')
    response.write("\ufeff")  # spreadsheets open UTF-8 correctly with a BOM
    writer = SafeWriter(response)
    writer.writerow(["territory", "date", "dimension", "question_code", "question", "level",
                     "answer"])
    for item in form.items:
        level = assessment.answers.get(item.code)
        answered = item.code in assessment.answers
        writer.writerow([assessment.territory_name, f"{assessment.created_at:%Y-%m-%d}",
                         labels[item.dimension], item.code, item.text,
                         level if level is not None else "",
                         level_labels.get(level, _("I don't know")) if answered else ""])
    return response


@private
def delete(request, assessment):
    if request.method == "POST":
        assessment.delete()
        messages.success(request, _("Your self-assessment has been deleted."))
        return redirect("assessment:start")
    return render(request, "assessment/delete.html", {"assessment": assessment})


@require_POST
@ratelimit(key="ip", rate=form_rate, method="POST", block=True, group="assessment")
@private
def again(request, assessment):
    """A new assessment of the same territory; each question shows last time's answer."""
    fresh = Assessment.objects.create(
        series=assessment.series, version=current_version(),
        language=translation.get_language(), territory_name=assessment.territory_name,
        country=assessment.country, population=assessment.population,
        altitude_m=assessment.altitude_m, body_type=assessment.body_type)
    return redirect("assessment:step", fresh.token, 1)


def methodology(request):
    form = Questionnaire(build_content(), translation.get_language())  # a GET writes nothing
    labels = report.dimension_labels(form.language)
    return render(request, "assessment/methodology.html", {
        "thresholds": form.thresholds, "levels": form.levels,
        "steps": [(labels[d], items) for d, items in form.steps()],
        "population_bands": matching.band_labels(matching.POPULATION_BANDS, _("inhabitants")),
        "altitude_bands": matching.band_labels(matching.ALTITUDE_BANDS, "m"),
        "points": (matching.COUNTRY_POINTS, matching.POPULATION_POINTS,
                   matching.ALTITUDE_POINTS),
    })

