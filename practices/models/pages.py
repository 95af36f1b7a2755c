"""Page types. Models stay thin: listing and lookup logic lives in practices/catalogue.py."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.pages import PublicPage, published
from core.validators import YEAR, ends_before_start

from ..admin_forms import LinkedPracticesForm, PracticeAdminForm
from ..blocks import BodyBlock
from ..hooks import CATALOGUE_CONTEXT, extra_context
from ..serializers import folded_text, search_document
from .indicators import Indicator
from .place import PLACE_FACTS, Place, coordinates_panel
from .taxonomy import labels as taxonomy_labels


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    DISCONTINUED = "discontinued", _("Discontinued")


class BudgetRange(models.TextChoices):
    """A practice's total budget, in bands (exact sums are rarely public)."""

    UNDER_10K = "under-10k", _("Under €10,000")
    FROM_10K = "10k-50k", _("€10,000 to €50,000")
    FROM_50K = "50k-250k", _("€50,000 to €250,000")
    FROM_250K = "250k-1m", _("€250,000 to €1 million")
    OVER_1M = "over-1m", _("Over €1 million")


class BasePage(PublicPage, Page):
    """Every public page: a short summary used in listings, meta description and cards."""

    summary = models.TextField(_("summary"), blank=True, max_length=1000,
                               help_text=_("Plain text, two or three sentences."))

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The address as the visitor reached it (share, print footer), not the Site record's.
        context["share_url"] = request.build_absolute_uri(self.url)
        return context


class SectionIndexPage(BasePage):
    """A section of the site in one language tree (made by `migrate`, one under each home
    page): its summary, and what it lists (`listing`)."""

    content_panels = Page.content_panels + [FieldPanel("summary")]
    parent_page_types = ["practices.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def listing(self, params) -> dict:
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing(request.GET))
        return context


class HomePage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["practices.PracticeIndexPage", "practices.PilotIndexPage",
                     "practices.TerritoryIndexPage", "practices.EventIndexPage",
                     "practices.ToolboxPage", "practices.StandardPage",
                     "participation.CallPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        from ..catalogue import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self))
        return context


class StandardPage(BasePage):
    """A page of text: About, the legal notice, the accessibility statement (linked from the
    footer by their role), or any page an editor adds."""

    ROLES = [("about", _("About")), ("legal", _("Contact and legal notice")),
             ("accessibility", _("Accessibility statement"))]
    body = StreamField(BodyBlock(), blank=True)
    role = models.CharField(_("footer link"), max_length=20, blank=True, choices=ROLES,
                            help_text=_("Linked from the footer of every page under this "
                                        "name; one page per role and language."))

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    promote_panels = Page.promote_panels + [FieldPanel("role")]
    parent_page_types = ["practices.HomePage", "practices.StandardPage"]
    subpage_types = ["practices.StandardPage"]


class PracticeIndexPage(BasePage):
    """The practice catalogue of one language: a filterable, paginated list."""

    content_panels = Page.content_panels + [FieldPanel("summary")]
    parent_page_types = ["practices.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(extra_context(CATALOGUE_CONTEXT, request, self))
        return context


class PracticeTag(TaggedItemBase):
    content_object = ParentalKey("practices.PracticePage", related_name="tagged_items",
                                 on_delete=models.CASCADE)


class PracticePage(BasePage, Place):
    """A good practice of a rural territory, in one language."""

    external_id = models.CharField(
        _("external ID"), max_length=100, blank=True, db_index=True,
        help_text=_("Identifier used by imports and exports; unique."),
    )
    original_language = models.CharField(
        _("original language"), max_length=5, choices=settings.LANGUAGES, blank=True,
        help_text=_("Language the practice was first written in."),
    )
    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    body = StreamField(BodyBlock(), blank=True)

    country = CountryField(_("country"))
    territory_page = models.ForeignKey(
        "practices.TerritoryPage", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="practices", verbose_name=_("territory profile"),
        help_text=_("The territory's page: its facts, its other practices, its pilot."))
    region = models.CharField(_("region"), max_length=120, blank=True)
    territory = models.CharField(_("municipality / EPCI"), max_length=160, blank=True)

    dimensions = ParentalManyToManyField("practices.Dimension", related_name="practices")
    challenges = ParentalManyToManyField("practices.Challenge", related_name="practices",
                                         blank=True)
    tags = ClusterTaggableManager(through=PracticeTag, blank=True)
    funding = ParentalManyToManyField("practices.FundingSource", related_name="practices",
                                      blank=True, verbose_name=_("funding sources"))
    budget_range = models.CharField(_("budget"), max_length=20, choices=BudgetRange.choices,
                                    blank=True)
    funding_share = models.PositiveSmallIntegerField(
        _("share funded (%)"), null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Part of the budget the funding sources paid, in per cent."))

    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.ONGOING)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True,
                                                  validators=YEAR)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True,
                                                validators=YEAR)

    lead_organisation = models.CharField(_("lead organisation"), max_length=200, blank=True)
    partners = models.TextField(_("partners"), blank=True, help_text=_("One per line."))
    resources = models.TextField(_("resources needed"), blank=True)
    results = models.TextField(_("evidence of success"), blank=True)
    lessons = models.TextField(_("what did not work"), blank=True)
    transferability = models.TextField(_("potential for transfer"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True,
                                      help_text=_("Never shown publicly."))

    validated_at = models.DateField(_("validated on"), null=True, blank=True)
    validation_note = models.TextField(_("validation note"), blank=True)

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []
    search_type = "practice"  # (its kind of search result: events and resources have theirs)
    base_form_class = PracticeAdminForm
    # A translation gets its own external ID; copying one would break uniqueness.
    exclude_fields_in_copy = ["external_id"]

    # What a practice cannot be published without comes first, with its title.
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("country"),
        FieldPanel("dimensions", widget=forms.CheckboxSelectMultiple),
        FieldPanel("challenges", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel([
            FieldPanel("resources"), FieldPanel("results"), FieldPanel("lessons"),
            FieldPanel("transferability"),
        ], heading=_("Capitalisation")),
    ]
    details_panels = [
        MultiFieldPanel([
            FieldPanel("territory_page"), FieldPanel("region"), FieldPanel("territory"),
            FieldRowPanel([FieldPanel("population"), FieldPanel("altitude_m")]),
            coordinates_panel(),
        ], heading=_("Territory")),
        MultiFieldPanel([
            FieldPanel("funding", widget=forms.CheckboxSelectMultiple),
            FieldRowPanel([FieldPanel("budget_range"), FieldPanel("funding_share")]),
        ], heading=_("Funding")),
        MultiFieldPanel([
            FieldPanel("status"),
            FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
            FieldPanel("lead_organisation"), FieldPanel("partners"), FieldPanel("website"),
            FieldPanel("contact_name"), FieldPanel("contact_email"),
        ], heading=_("Organisation")),
        MultiFieldPanel([
            FieldPanel("external_id"), FieldPanel("original_language"),
            FieldPanel("validated_at"), FieldPanel("validation_note"),
        ], heading=_("Editorial")),
    ]
    edit_handler = TabbedInterface([
        ObjectList(content_panels, heading=_("Content")),
        ObjectList(details_panels, heading=_("Details")),
        ObjectList([InlinePanel("updates", label=_("Follow-up updates"), help_text=_(
            "News of the practice after its publication (\"two years later\"): dated, "
            "shown on the page newest first, in its feed and in the API."))],
            heading=_("Updates")),
        ObjectList(Page.promote_panels, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ])

    translatable_fields = [
        TranslatableField("title"), TranslatableField("slug"), TranslatableField("summary"),
        TranslatableField("body"), TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("region"), TranslatableField("territory"),
        TranslatableField("lead_organisation"), TranslatableField("partners"),
        TranslatableField("resources"), TranslatableField("results"),
        TranslatableField("lessons"), TranslatableField("transferability"),
        TranslatableField("validation_note"), TranslatableField("updates"),
        *[SynchronizedField(name) for name in (
            "image", "country", "territory_page", "population", "altitude_m", "latitude",
            "longitude", "status",
            "start_year", "end_year", "website", "contact_name", "contact_email",
            "validated_at", "original_language", "budget_range", "funding_share",
        )],
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("territory"),
        index.SearchField("region"),
        index.SearchField("search_text"),
        index.FilterField("country"),
        index.FilterField("status"),
        index.FilterField("locale_id"),
    ]

    class Meta:
        verbose_name = _("practice")
        permissions = [("validate_practice", _("Can mark a practice as validated"))]
        constraints = [
            models.UniqueConstraint(fields=["external_id"], condition=~models.Q(external_id=""),
                                    name="unique_practice_external_id"),
        ]
        # the filter by country of the read API and the catalogue (100,000 practices, SQLite:
        # a filtered list 81 → 50 ms)
        indexes = [models.Index(fields=["country"], name="practice_country")]

    def clean(self):
        super().clean()
        if ends_before_start(self.start_year, self.end_year):
            raise ValidationError({"end_year": _("The end year is before the start year.")})

    def save(self, *args, **kwargs):
        if not self.original_language and self.locale_id:
            self.original_language = self.locale.language_code
        if self.territory_page_id:  # the place's facts are its profile's (where it has them)
            profiles = self._meta.get_field("territory_page").related_model.objects
            facts = profiles.filter(pk=self.territory_page_id).values(*PLACE_FACTS).first() or {}
            for name, value in facts.items():
                if value is not None:
                    setattr(self, name, value)
        if not self.external_id and self.pk:
            # A revision made before the id was given (a new translation's draft) must not
            # take it away when it is published.
            self.external_id = PracticePage.objects.filter(pk=self.pk).values_list(
                "external_id", flat=True).first() or f"kb-{self.pk}"
        self.__dict__.pop("_search_text", None)
        super().save(*args, **kwargs)
        if not self.external_id:
            # Every practice has a stable exchange id, however it was made (admin, translation,
            # copy, proposal), so an export always imports back.
            self.external_id = f"kb-{self.pk}"
            PracticePage.objects.filter(pk=self.pk).update(external_id=self.external_id)

    def copy_for_translation(self, locale, copy_parents=False, alias=False, exclude_fields=None):
        """Tags are words of one language: a new translation starts without the original's
        (an English page would show #covoiturage); its translator adds tags in its language.
        Imports give each language version its own tags the same way."""
        if not alias:
            exclude_fields = [*(exclude_fields or []), "tagged_items"]
        return super().copy_for_translation(locale, copy_parents=copy_parents, alias=alias,
                                            exclude_fields=exclude_fields)

    def search_text(self):
        """Folded, lemmatised text in every language the database search engine matches.

        Computed once per save: the search backend asks for it several times per update."""
        if "_search_text" not in self.__dict__:
            self.__dict__["_search_text"] = folded_text(search_document(self, taxonomy_labels()))
        return self.__dict__["_search_text"]

    @property
    def partner_list(self):
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    @property
    def is_validated(self):
        return self.validated_at is not None

    def get_context(self, request, *args, **kwargs):
        from ..catalogue import practice_context
        from ..transfers import practice_transfers

        context = super().get_context(request, *args, **kwargs)
        context.update(practice_context(self))
        context.update(practice_transfers(self))
        return context


class PracticeUpdate(TranslatableMixin, Orderable):
    """A dated follow-up of a practice, posted by its owner or an editor; translated with
    the page."""

    page = ParentalKey(PracticePage, related_name="updates", on_delete=models.CASCADE)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=5000)

    panels = [FieldPanel("date"), FieldPanel("title"), FieldPanel("text")]
    translatable_fields = [TranslatableField("title"), TranslatableField("text"),
                           SynchronizedField("date")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("follow-up update")
        ordering = ["sort_order"]

    def clean(self):
        super().clean()
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("An update tells what happened: its date cannot "
                                             "be in the future.")})


class PilotIndexPage(SectionIndexPage):
    """Lists the pilot territories accompanied by the programme."""

    subpage_types = ["practices.PilotTerritoryPage"]

    def listing(self, params):
        from ..catalogue import pilot_territories

        return {"territories": pilot_territories(self.locale_id)}


class PilotTerritoryPage(BasePage):
    """A pilot territory's journey through the programme."""

    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=120, blank=True)
    territory = models.CharField(_("municipality / EPCI"), max_length=160, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    local_action_group = models.TextField(
        _("local action group"), blank=True,
        help_text=_("Who takes part: elected officials, technicians, residents, associations."),
    )
    body = StreamField(BodyBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"), FieldPanel("image"),
        MultiFieldPanel([FieldPanel("country"), FieldPanel("region"), FieldPanel("territory"),
                         FieldPanel("population")], heading=_("Territory")),
        FieldPanel("local_action_group"),
        InlinePanel("sessions", label=_("Sessions of the pilot calendar")),
        FieldPanel("body"),
    ]
    parent_page_types = ["practices.PilotIndexPage"]
    subpage_types = ["practices.PilotResultPage"]

    class Meta:
        verbose_name = _("pilot territory")

    def get_context(self, request, *args, **kwargs):
        from ..agenda import pilot_sessions

        context = super().get_context(request, *args, **kwargs)
        context["results"] = (
            published(PilotResultPage.objects.child_of(self)).order_by("date")
        )
        context["sessions"] = pilot_sessions(self)
        return context


class Phase(models.TextChoices):
    """The pilot calendar of the call for interest (seed)."""

    WHERE_ARE_WE = "where-are-we", _("Where are we?")
    WHERE_ARE_WE_GOING = "where-are-we-going", _("Where are we going?")
    STUDY_VISIT = "study-visit", _("Study visit")
    HOW_DO_WE_GET_THERE = "how-do-we-get-there", _("How do we get there?")
    ARE_WE_GETTING_THERE = "are-we-getting-there", _("Are we getting there?")
    VALORISATION = "valorisation", _("How do we share and transfer our results?")


class PilotSession(Orderable, ClusterableModel):
    page = ParentalKey(PilotTerritoryPage, related_name="sessions", on_delete=models.CASCADE)
    phase = models.CharField(_("phase"), max_length=30, choices=Phase.choices)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    outcome = models.TextField(_("outcome"), blank=True)
    resources = ParentalManyToManyField("practices.ResourcePage", blank=True,
                                        related_name="sessions",
                                        verbose_name=_("toolbox resources used"))

    panels = [FieldPanel("phase"), FieldPanel("date"), FieldPanel("title"),
              FieldPanel("outcome"), FieldPanel("resources")]


class PilotResultPage(BasePage):
    """A result of a pilot territory: an experiment, an evaluation, a deliverable."""

    phase = models.CharField(_("phase"), max_length=30, choices=Phase.choices)
    date = models.DateField(_("date"))
    body = StreamField(BodyBlock(), blank=True)
    practices = ParentalManyToManyField("practices.PracticePage", blank=True,
                                        related_name="pilot_results")

    content_panels = Page.content_panels + [
        FieldPanel("summary"), FieldRowPanel([FieldPanel("phase"), FieldPanel("date")]),
        FieldPanel("body"),
        InlinePanel("indicators", label=_("Indicators")),
        FieldPanel("practices", widget=forms.CheckboxSelectMultiple),
    ]
    base_form_class = LinkedPracticesForm
    parent_page_types = ["practices.PilotTerritoryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("pilot result")

    def get_context(self, request, *args, **kwargs):
        from ..catalogue import localized_pages, published

        context = super().get_context(request, *args, **kwargs)
        groups = PracticePage.objects.filter(
            translation_key__in=self.practices.values("translation_key")
        )
        context["linked_practices"] = localized_pages(
            published(groups).select_related("locale"), self.locale_id
        )
        return context


class PilotIndicator(Orderable, Indicator):
    page = ParentalKey(PilotResultPage, related_name="indicators", on_delete=models.CASCADE)
