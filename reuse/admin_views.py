"""Admin page "Embed the catalogue": pick filters, get the widget and iframe snippets."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.text import LANGUAGES
from practices.catalogue import catalogue_url, country_choices
from practices.models import Challenge, Dimension, FundingSource
from practices.models.pages import Status


def term_choices(model):
    return [(t.slug, t.name) for t in model.objects.filter(locale__language_code="en")
            .order_by("sort_order")]


class EmbedForm(forms.Form):
    lang = forms.ChoiceField(label=_("Language"), choices=[(c, c.upper()) for c in LANGUAGES])
    dimension = forms.MultipleChoiceField(label=_("Dimensions"), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    challenge = forms.MultipleChoiceField(label=_("Rural challenges"), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    country = forms.MultipleChoiceField(label=_("Countries"), required=False,
                                        widget=forms.CheckboxSelectMultiple)
    status = forms.MultipleChoiceField(label=_("Status"), required=False,
                                       choices=Status.choices, widget=forms.CheckboxSelectMultiple)
    funding = forms.MultipleChoiceField(label=_("Funding sources"), required=False,
                                        widget=forms.CheckboxSelectMultiple)
    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    limit = forms.IntegerField(label=_("Number of practices"), min_value=1, max_value=24,
                               initial=6)
    heading = forms.CharField(label=_("Heading (optional)"), required=False, max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = term_choices(Dimension)
        self.fields["challenge"].choices = term_choices(Challenge)
        self.fields["funding"].choices = term_choices(FundingSource)
        self.fields["country"].choices = country_choices()


FILTERS = ("dimension", "challenge", "country", "status", "funding")  # as embed.js reads them


def snippets(request, data):
    """(widget snippet, iframe snippet, embed page URL) for cleaned form data."""
    from django.utils.html import escape
    from wagtail.models import Locale

    filters = [(name, value) for name in FILTERS for value in data.get(name) or []]
    if data.get("q"):
        filters.append(("q", data["q"]))
    lang, limit = data["lang"], data.get("limit") or 6
    locale = Locale.objects.filter(language_code=lang).first()
    full = request.build_absolute_uri(catalogue_url(locale.pk) if locale else f"/{lang}/")
    full += f"?{urlencode(filters)}" if filters else ""
    attributes = "".join(
        f' data-{name}="{escape(" ".join(data.get(name) or []))}"'
        for name in FILTERS if data.get(name))
    if data.get("q"):
        attributes += f' data-q="{escape(data["q"])}"'
    if data.get("heading"):
        attributes += f' data-heading="{escape(data["heading"])}"'
    script = request.build_absolute_uri(settings.STATIC_URL + "kb/embed.js")  # stable name
    widget = (f'<script src="{script}" async></script>\n'
              f'<div data-kb-practices data-lang="{lang}" data-limit="{limit}"{attributes}>\n'
              f'  <a href="{escape(full)}">Smart Villages</a>\n</div>')
    page = request.build_absolute_uri(reverse("reuse:embed-practices")) + "?" + urlencode(
        [*filters, ("lang", lang), ("limit", limit)])
    iframe = (f'<iframe src="{escape(page)}" title="Smart Villages" width="100%" '
              f'height="600" loading="lazy" style="border:0"></iframe>')
    return widget, iframe, page


class EmbedBuilderView(WagtailAdminTemplateMixin, View):
    """GET-only form: choosing filters reloads the page (and, with JavaScript, the preview)
    with the snippets for those filters."""

    template_name = "reuse/admin_embed.html"
    page_title = _("Embed the catalogue")
    header_icon = "code"
    _show_breadcrumbs = True  # the header names this screen, not "Home"

    def get_breadcrumbs_items(self):
        return [{"url": reverse("wagtailadmin_home"), "label": _("Home")},
                {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        form = EmbedForm(data=request.GET or None, initial={"lang": "en", "limit": 6})
        data = form.cleaned_data if form.is_bound and form.is_valid() else {"lang": "en",
                                                                           "limit": 6}
        widget, iframe, page = snippets(request, data)
        return self.render_to_response(self.get_context_data(
            form=form, widget=widget, iframe=iframe, preview_url=page))
