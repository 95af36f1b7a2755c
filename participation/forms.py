"""The public "propose a practice" form: sections, limits, honeypot, checked uploads."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.forms import PublicForm
from core.validators import ends_before_start, year_field
from practices.catalogue import Taxonomy
from practices.models import Stage
from practices.models.pages import BudgetRange, Status

from .uploads import check_document, check_image

LONG_TEXT = 5000
SECTIONS = [
    (_("About you"), ["name", "email", "organisation"]),
    (_("The practice"), ["title", "summary", "body", "status", "start_year", "end_year"]),
    (_("Where"), ["country", "region", "territory", "population", "altitude_m", "latitude",
                  "longitude"]),
    (_("Smart dimensions and rural challenges"), ["dimensions", "challenges", "tags"]),
    (_("Who and how"), ["lead_organisation", "partners", "resources", "results", "lessons",
                        "transferability", "website"]),
    (_("Funding"), ["funding", "budget_range", "funding_share"]),
    (_("Pictures and documents"), ["images", "documents"]),
]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, check=None, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)
        self.check = check

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > settings.KB_UPLOAD_MAX_FILES:
            raise ValidationError(_("At most %(n)d files.") % {"n": settings.KB_UPLOAD_MAX_FILES})
        checked, errors = [], []
        for upload in files:
            try:
                checked.append((upload, self.check(upload)))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return checked


def text(label, limit=LONG_TEXT, required=False, rows=4, help_text=""):
    return forms.CharField(label=label, required=required, max_length=limit, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows, "maxlength": limit}))


class ProposeForm(PublicForm):
    email = forms.EmailField(label=_("Your e-mail"), help_text=_(
        "We send you a confirmation. It is never shown on the site; visitors can write to "
        "you through a form that hides it."))
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    title = forms.CharField(label=_("Title of the practice"), max_length=255)
    summary = text(_("Summary"), 1000, required=True, rows=3,
                   help_text=_("Two or three sentences: what, where, for whom."))
    body = text(_("Description"), 20000, rows=8)
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices,
                               initial=Status.ONGOING)
    start_year = year_field(label=_("Start year"))
    end_year = year_field(label=_("End year"))
    country = forms.ChoiceField(label=_("Country"))
    region = forms.CharField(label=_("Region"), max_length=120, required=False)
    territory = forms.CharField(label=_("Municipality or inter-municipal body"),
                                max_length=160, required=False)
    population = forms.IntegerField(label=_("Population"), min_value=0, max_value=10_000_000,
                                     required=False)
    altitude_m = forms.IntegerField(label=_("Altitude (m)"), min_value=-500, max_value=5000,
                                    required=False)
    latitude = forms.DecimalField(label=_("Latitude"), min_value=-90, max_value=90,
                                  decimal_places=6, required=False)
    longitude = forms.DecimalField(label=_("Longitude"), min_value=-180, max_value=180,
                                   decimal_places=6, required=False)
    dimensions = forms.MultipleChoiceField(label=_("Smart dimensions"),
                                           widget=forms.CheckboxSelectMultiple)
    challenges = forms.MultipleChoiceField(label=_("Rural challenges"), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    tags = forms.CharField(label=_("Keywords"), max_length=300, required=False,
                           help_text=_("Separated by commas."))
    lead_organisation = forms.CharField(label=_("Lead organisation"), max_length=200,
                                        required=False)
    partners = text(_("Partners"), 2000, rows=3, help_text=_("One per line."))
    resources = text(_("Resources needed"))
    results = text(_("Evidence of success"))
    lessons = text(_("What did not work"))
    transferability = text(_("Potential for transfer"))
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    funding = forms.MultipleChoiceField(label=_("Funding sources"), required=False,
                                        widget=forms.CheckboxSelectMultiple)
    budget_range = forms.ChoiceField(label=_("Budget"), required=False,
                                     choices=[("", "—"), *BudgetRange.choices])
    funding_share = forms.IntegerField(
        label=_("Share funded (%)"), min_value=0, max_value=100, required=False,
        help_text=_("Part of the budget the funding sources paid, in per cent."))
    images = MultipleFileField(label=_("Pictures (JPEG, PNG or WebP)"), required=False,
                               check=check_image, help_text=_("Up to 3, 8 MB each."))
    documents = MultipleFileField(label=_("Documents (PDF, ODT, DOCX or XLSX)"),
                                  required=False, check=check_document,
                                  help_text=_("Up to 3, 15 MB each."))

    def __init__(self, *args, language="en", **kwargs):
        super().__init__(*args, **kwargs)
        taxonomy = Taxonomy.for_locale_code(language)
        for name in ("dimensions", "challenges", "funding"):
            self.fields[name].choices = [(t.slug, t.name) for t in taxonomy.ordered(name)]
        alpine = [(c, n) for c, n in countries if c in settings.COUNTRIES_FIRST]
        self.fields["country"].choices = [("", "—"), *alpine, *[
            (c, n) for c, n in countries if c not in settings.COUNTRIES_FIRST]]

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in SECTIONS]

    def clean(self):
        data = super().clean()
        if ends_before_start(data.get("start_year"), data.get("end_year")):
            self.add_error("end_year", _("The end year is before the start year."))
        return data

    def record(self, language, external_id):
        """The practice as a record of the exchange format (a draft)."""
        data = self.cleaned_data
        return {
            "external_id": external_id, "language": language, "translation_of": "",
            "title": data["title"], "summary": data["summary"], "body": data["body"],
            "country": data["country"], "region": data["region"],
            "territory": data["territory"], "latitude": data["latitude"],
            "longitude": data["longitude"], "status": data["status"],
            "start_year": data["start_year"], "end_year": data["end_year"],
            "population": data["population"], "altitude_m": data["altitude_m"],
            "lead_organisation": data["lead_organisation"] or data["organisation"],
            "partners": [p.strip() for p in data["partners"].splitlines() if p.strip()],
            "resources": data["resources"], "results": data["results"],
            "lessons": data["lessons"], "transferability": data["transferability"],
            "website": data["website"], "contact_name": data["name"],
            "contact_email": data["email"], "dimensions": data["dimensions"],
            "challenges": data["challenges"], "funding": data["funding"],
            "budget_range": data["budget_range"], "funding_share": data["funding_share"],
            "tags": [t.strip() for t in data["tags"].split(",") if t.strip()][:20],
            "published": False,
        }


class ContactForm(PublicForm):
    email = forms.EmailField(label=_("Your e-mail"), help_text=_(
        "The owner answers you at this address; you get a copy of your message."))
    message = forms.CharField(label=_("Message"), max_length=3000, widget=forms.Textarea(
        attrs={"rows": 5, "maxlength": 3000}))


class IntroductionForm(PublicForm):
    """"Ask for an introduction" to another territory: relayed, no address shown."""

    email = forms.EmailField(label=_("Your e-mail"), help_text=_(
        "The territory answers you at this address; it is never published."))
    organisation = forms.CharField(label=_("Your organisation"), max_length=200)
    from_territory = forms.CharField(label=_("Your territory (municipality or inter-municipal "
                                             "body)"), max_length=160)
    message = forms.CharField(label=_("Why would you like to meet?"), max_length=3000,
                              widget=forms.Textarea(attrs={"rows": 6, "maxlength": 3000}))


class ReuseForm(PublicForm):
    """"We want to reuse this practice": a pending transfer for the editors, a message for
    the practice's owner."""

    email = forms.EmailField(label=_("Your e-mail"), help_text=_(
        "The owner and the editors answer you at this address; it is never published."))
    organisation = forms.CharField(label=_("Your organisation"), max_length=200)
    territory = forms.CharField(label=_("Your territory (municipality or inter-municipal "
                                        "body)"), max_length=160)
    country = forms.ChoiceField(label=_("Country"), choices=[])
    stage = forms.ChoiceField(label=_("Where are you?"), widget=forms.RadioSelect,
                              initial=Stage.EXPLORING,
                              choices=[(v, label) for v, label in Stage.choices
                                       if v != Stage.DISCONTINUED])
    message = forms.CharField(label=_("What would you adapt, and why?"), max_length=3000,
                              widget=forms.Textarea(attrs={"rows": 5, "maxlength": 3000}),
                              help_text=_("Forwarded to the practice's owner; shown on the "
                                          "practice once the editors validate your "
                                          "transfer."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *[(c, n) for c, n in countries if c]]


class RegistrationForm(PublicForm):
    """Register to an event: no account, consent to keep the data until after the event."""

    email = forms.EmailField(label=_("Your e-mail"), help_text=_(
        "We send you the confirmation, the practical details and a reminder; it has the link "
        "to cancel. It is never published."))
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    consent = forms.BooleanField(label=_("I agree that the programme keeps my name, e-mail "
                                         "and organisation to organise this event."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = _(
            "Editors see the list of participants; it is deleted %(days)d days after the "
            "event.") % {"days": settings.KB_EVENT_ATTENDEE_RETENTION_DAYS}
