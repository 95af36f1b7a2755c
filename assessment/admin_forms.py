"""Admin forms of the questionnaire snippets: a question's or an advice's dimension is one of
the editors' Dimension snippets (practices), offered by its label in the editor's language."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from practices.models import Dimension


def dimension_choices():
    labels = dict(Dimension.objects.filter(locale__language_code=get_language())
                  .values_list("slug", "name"))
    return [(slug, labels.get(slug, slug)) for slug in Dimension.slugs()]


class DimensionChoiceForm(WagtailAdminModelForm):
    dimension = forms.ChoiceField(label=_("dimension"), choices=dimension_choices)
