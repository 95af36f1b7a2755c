from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import Assessment

UNKNOWN = "unknown"
PREFIX = "q-"


class TamperedForm(Exception):
    """A POST that no page of ours could have sent; refused whole."""


class TerritoryForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["territory_name", "country", "population", "altitude_m", "body_type"]
        help_texts = {
            "territory_name": _("The municipality or inter-municipal body you assess."),
            "population": _("Inhabitants, roughly."),
            "altitude_m": _("Altitude of the main village, in metres."),
        }
        widgets = {"body_type": forms.RadioSelect}

    def __init__(self, *args, profile=None, **kwargs):
        """`profile`: the territory profile the assessment starts from (its facts, shown
        read-only, are the profile's where it has them)."""
        self.profile = profile
        if profile is not None:
            kwargs["initial"] = {**PROFILE_FACTS(profile), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        if profile is not None:
            for name, value in PROFILE_FACTS(profile).items():
                if value not in (None, ""):
                    self.fields[name].disabled = True
        self.fields["country"].choices = [("", "—"), *countries]  # Alpine countries first
        self.fields["body_type"].choices = Assessment.BODY_CHOICES
        self.fields["territory_name"].widget.attrs["autocomplete"] = "organization"


def PROFILE_FACTS(profile):  # noqa: N802 (a table of what a profile fills)
    return {"territory_name": profile.title, "country": profile.country.code,
            "population": profile.population, "altitude_m": profile.altitude_m,
            "body_type": profile.kind or ""}


class StepForm(forms.Form):
    """The questions of one dimension: a level 1–5 or "I don't know" each. Every field is
    optional so partial answers can be saved; the result page asks for what is missing."""

    last_time = {}  # {code: level} of the previous assessment, shown under each question

    def __init__(self, items, levels, *args, token="", **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        self.token = token
        self.level_labels = {n: label for n, label, _text in levels}
        self.explanations = [text for _n, _label, text in levels]
        choices = [(str(n), label) for n, label, _text in levels]
        choices.append((UNKNOWN, _("I don't know")))
        for item in items:
            self.fields[PREFIX + item.code] = forms.ChoiceField(
                label=item.text, help_text=item.help, choices=choices, required=False,
                widget=forms.RadioSelect)
        if self.is_bound:
            self.refuse_tampering()

    def refuse_tampering(self):
        if self.data.get("assessment") != self.token:
            raise TamperedForm(_("This form belongs to another assessment."))
        unknown = [key for key in self.data if key.startswith(PREFIX) and key not in self.fields]
        if unknown:
            raise TamperedForm(_("This form contains a question that is not part of your "
                                 "assessment."))

    def answers(self):
        """{code: 1–5 or None} for the questions answered on this page."""
        answers = {}
        for item in self.items:
            value = self.cleaned_data.get(PREFIX + item.code)
            if value:
                answers[item.code] = None if value == UNKNOWN else int(value)
        return answers

    @classmethod
    def initial_for(cls, items, answers):
        return {PREFIX + item.code: (UNKNOWN if answers[item.code] is None
                                     else str(answers[item.code]))
                for item in items if item.code in answers}

    def questions(self):
        """(item, bound field, [(radio, explanation)], last time's answer) for the template."""
        explanations = [*self.explanations, _("You do not have the information: the question "
                                              "is left out of the score.")]
        return [(item, self[PREFIX + item.code],
                 list(zip(self[PREFIX + item.code], explanations, strict=True)),
                 self.answer_label(self.last_time[item.code])
                 if item.code in self.last_time else "")
                for item in self.items]

    def answer_label(self, level):
        return _("I don't know") if level is None else f"{level} · {self.level_labels[level]}"
