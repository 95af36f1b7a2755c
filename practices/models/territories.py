"""Territory profiles: a municipality or an inter-municipal body with its facts (country,
region, population, altitude, place, languages), the practices it runs and its pilot
journey. Listing and lookup logic lives in practices/catalogue.py."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..hooks import TERRITORY_CONTEXT, extra_context
from .pages import BasePage, SectionIndexPage
from .place import Place, coordinates_panel


class TerritoryKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    INTERMUNICIPAL = "intermunicipal", _("Inter-municipal body")


class TerritoryIndexPage(SectionIndexPage):
    """Every territory profile of one language, filterable by country, size, altitude and
    openness to exchange."""

    subpage_types = ["practices.TerritoryPage"]

    def listing(self, params):
        from ..catalogue import territory_listing

        return territory_listing(self, params)


class TerritoryPage(BasePage, Place):
    """A territory's profile: its facts once, linked from its practices and its pilot."""

    kind = models.CharField(_("kind"), max_length=20, choices=TerritoryKind.choices,
                            blank=True)
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=120, blank=True)
    languages = ParentalManyToManyField("wagtailcore.Locale", blank=True, related_name="+",
                                        verbose_name=_("languages spoken"))
    body = RichTextField(_("description"), blank=True,
                         features=["bold", "italic", "link", "ol", "ul"])
    open_to_exchange = models.BooleanField(
        _("open to exchange"), default=False,
        help_text=_("The territory welcomes requests from other territories."))
    website = models.URLField(_("website"), blank=True)
    pilot = models.ForeignKey("practices.PilotTerritoryPage", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("pilot journey"))
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True,
        help_text=_("Never shown: introduction requests are relayed to it. Without one, "
                    "editors forward them."))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([
            FieldPanel("kind"), FieldPanel("country"), FieldPanel("region"),
            FieldRowPanel([FieldPanel("population"), FieldPanel("altitude_m")]),
            coordinates_panel(),
            FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
        ], heading=_("Facts")),
        FieldPanel("body"),
        FieldPanel("open_to_exchange"), FieldPanel("website"), FieldPanel("pilot"),
        MultiFieldPanel([FieldPanel("contact_name"), FieldPanel("contact_email")],
                        heading=_("Contact for introductions")),
    ]
    parent_page_types = ["practices.TerritoryIndexPage"]
    subpage_types = []

    translatable_fields = [
        TranslatableField("title"), TranslatableField("slug"), TranslatableField("summary"),
        TranslatableField("body"), TranslatableField("region"),
        TranslatableField("seo_title"), TranslatableField("search_description"),
        *[SynchronizedField(name) for name in (
            "kind", "country", "population", "altitude_m", "latitude", "longitude",
            "open_to_exchange", "website", "pilot", "contact_name", "contact_email")],
    ]

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")

    def get_context(self, request, *args, **kwargs):
        from ..catalogue import territory_context
        from ..transfers import territory_transfers

        context = super().get_context(request, *args, **kwargs)
        context.update(territory_context(self))
        context.update(territory_transfers(self))
        context.update(extra_context(TERRITORY_CONTEXT, self))  # matches, introductions
        return context
