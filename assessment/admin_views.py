"""Editors' anonymous statistics over completed self-assessments (charts and CSV)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from core.spreadsheets import SafeWriter

from . import report, stats
from .models import DimensionScore


def _check(request):
    if not request.user.has_perm("assessment.view_assessment"):
        raise PermissionDenied


def _country(request):
    code = request.GET.get("country", "").upper()
    return code if code in dict(countries) else ""


def statistics(request):
    _check(request)
    country = _country(request)
    data = stats.statistics(country)
    labels = report.dimension_labels(translation.get_language())
    present = set(DimensionScore.objects.values_list("assessment__country", flat=True)
                  .distinct())
    names = dict(countries)
    return render(request, "assessment/admin_statistics.html", {
        "page_title": _("Self-assessment statistics"), "header_icon": "table",
        "stats": data, "labels": labels, "country": country,
        "country_choices": [(c, n) for c, n in countries if c in present],
        "dimensions": [(slug, labels[slug], agg) for slug, agg in data["dimensions"].items()],
        "countries": [(code, names[code], [(labels[s], agg) for s, agg in dims.items()])
                      for code, dims in data["countries"].items()],
    })


def statistics_csv(request):
    _check(request)
    country = _country(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"self-assessment-statistics{'-' + country if country else ''}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    SafeWriter(response).writerows(stats.export_rows(stats.statistics(country)))
    return response
