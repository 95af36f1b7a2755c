"""Admin forms of the questionnaire snippets: a question's or an advice's dimension is one of
the editors' Dimension snippets (practices), offered by its label in the editor's language."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from practices.models import Dimension


def dimension_choices():
    return list(Dimension.labels(get_language()).items())


class DimensionChoiceForm(WagtailAdminModelForm):
    dimension = forms.ChoiceField(label=_("dimension"), choices=dimension_choices)
