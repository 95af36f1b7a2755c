"""The toolbox: methods, templates, guides, policy recommendations, studies and videos, each
serving a step of the pilot journey (the seed's five questions). Listing logic lives in
practices/agenda.py."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..admin_forms import TaxonomyAdminForm
from ..blocks import BodyBlock
from .attachments import Attachment
from .pages import BasePage, SectionIndexPage


class JourneyStep(models.TextChoices):
    """The pilot journey of the call for interest, as five questions (the slugs are the
    pilot calendar's phases: practices.models.Phase)."""

    WHERE_ARE_WE = "where-are-we", _("Where are we?")
    WHERE_DO_WE_WANT_TO_BE = "where-are-we-going", _("Where do we want to be?")
    HOW_DO_WE_GET_THERE = "how-do-we-get-there", _("How do we get there?")
    ARE_WE_GETTING_THERE = "are-we-getting-there", _("Are we getting there?")
    PROMOTE_AND_TRANSFER = "valorisation", _("How do we promote and transfer our results?")


JOURNEY_HELP = {
    JourneyStep.WHERE_ARE_WE: _("Take stock of the territory: its resources, needs and actors, "
                                "on the six smart dimensions."),
    JourneyStep.WHERE_DO_WE_WANT_TO_BE: _("Share a vision with residents and elected "
                                          "officials, and choose priorities."),
    JourneyStep.HOW_DO_WE_GET_THERE: _("Turn the priorities into an action plan, find "
                                       "partners and funding, start experiments."),
    JourneyStep.ARE_WE_GETTING_THERE: _("Follow indicators, evaluate and adjust what you do."),
    JourneyStep.PROMOTE_AND_TRANSFER: _("Tell others what worked, and help other territories "
                                        "take it up."),
}


class ResourceKind(models.TextChoices):
    METHOD = "method", _("Method")
    TEMPLATE = "template", _("Template")
    GUIDE = "guide", _("Guide")
    POLICY = "policy-recommendation", _("Policy recommendation")
    STUDY = "study", _("Study")
    VIDEO = "video", _("Video")


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "CC-BY-NC-4.0", "CC BY-NC 4.0"
    CC0 = "CC0-1.0", "CC0 1.0"
    ETALAB = "etalab-2.0", "Licence Ouverte 2.0"
    RESERVED = "all-rights-reserved", _("All rights reserved")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    Licence.ETALAB: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}


class ToolboxPage(SectionIndexPage):
    """The toolbox of one language: the resources, step by step along the pilot journey."""

    subpage_types = ["practices.ResourcePage"]

    class Meta:
        verbose_name = _("toolbox")

    def listing(self, params):
        from ..agenda import toolbox_listing

        return toolbox_listing(self, params)


class ResourcePage(BasePage):
    """A method, template, guide, policy recommendation, study or video."""

    kind = models.CharField(_("kind"), max_length=30, choices=ResourceKind.choices)
    step = models.CharField(_("pilot journey step"), max_length=30, choices=JourneyStep.choices)
    resource_language = models.CharField(_("language of the resource"), max_length=5,
                                choices=settings.LANGUAGES, help_text=_(
                                    "The language its documents and video are in."))
    licence = models.CharField(_("licence"), max_length=30, choices=Licence.choices,
                               default=Licence.CC_BY)
    author = models.CharField(_("author"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    link = models.URLField(_("link"), blank=True,
                           help_text=_("Where the resource lives, or its video."))
    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("description"))
    dimensions = ParentalManyToManyField("practices.Dimension", blank=True,
                                         related_name="resources",
                                         verbose_name=_("smart dimensions"))
    challenges = ParentalManyToManyField("practices.Challenge", blank=True,
                                         related_name="resources",
                                         verbose_name=_("rural challenges"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("step")]),
        FieldRowPanel([FieldPanel("resource_language"), FieldPanel("licence")]),
        FieldRowPanel([FieldPanel("author"), FieldPanel("year")]),
        FieldPanel("link"), FieldPanel("image"), FieldPanel("body"),
        InlinePanel("documents", label=_("Documents")),
        MultiFieldPanel([FieldPanel("dimensions", widget=forms.CheckboxSelectMultiple),
                         FieldPanel("challenges", widget=forms.CheckboxSelectMultiple)],
                        heading=_("Smart dimensions and rural challenges")),
    ]
    base_form_class = TaxonomyAdminForm  # the taxonomy of the page's own language
    parent_page_types = ["practices.ToolboxPage"]
    subpage_types = []

    translatable_fields = [
        TranslatableField("title"), TranslatableField("slug"), TranslatableField("summary"),
        TranslatableField("body"), TranslatableField("seo_title"),
        TranslatableField("search_description"),
        *[SynchronizedField(name) for name in (
            "kind", "step", "resource_language", "licence", "author", "year", "link", "image",
            "dimensions", "challenges", "documents")],
    ]

    search_type = "resource"  # (its kind of search result)

    class Meta:
        verbose_name = _("resource")

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    @property
    def step_number(self):
        return JourneyStep.values.index(self.step) + 1

    def get_context(self, request, *args, **kwargs):
        from ..agenda import resource_context

        context = super().get_context(request, *args, **kwargs)
        context.update(resource_context(self))
        return context


class ResourceDocument(Attachment):
    page = ParentalKey(ResourcePage, related_name="documents", on_delete=models.CASCADE)
