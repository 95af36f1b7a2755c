from django import forms
from django.utils.translation import gettext_lazy as _

from .models.pages import Status


class CatalogueFilterForm(forms.Form):
    """Query parameters of the catalogue: shareable, repeatable, validated."""

    dimension = forms.MultipleChoiceField(label=_("Smart dimension"), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    challenge = forms.MultipleChoiceField(label=_("Rural challenge"), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    country = forms.MultipleChoiceField(label=_("Country"), required=False,
                                        widget=forms.CheckboxSelectMultiple)
    status = forms.MultipleChoiceField(label=_("Status"), required=False,
                                       choices=Status.choices,
                                       widget=forms.CheckboxSelectMultiple)
    tag = forms.SlugField(label=_("Tag"), required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *, taxonomy, countries):
        if data is not None:
            data = data.copy()
            data.setlist("country", [c.upper() for c in data.getlist("country")])
        super().__init__(data)
        self.fields["dimension"].choices = [(s, d.name) for s, d in
                                            taxonomy.dimensions.items()]
        self.fields["challenge"].choices = [(s, c.name) for s, c in
                                            taxonomy.challenges.items()]
        self.fields["country"].choices = countries

    def cleaned_filters(self):
        """Valid filters only: an unknown value in one filter drops that filter, not the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def active_filters(self):
        """(label, value label) pairs shown above the results."""
        active = []
        for name, values in self.cleaned_filters().items():
            field = self.fields[name]
            if name == "tag":
                active.append((field.label, values))
                continue
            labels = dict(field.choices)
            active.extend((field.label, labels.get(v, v)) for v in values)
        return active
