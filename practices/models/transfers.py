"""Transfers: a territory reusing a practice, from exploring it to having implemented it (or
given it up), with what it adapted, its outcome indicators and its documents. Editors create
and validate them; a visitor may start one (participation: "We want to reuse this practice"),
which waits as pending until an editor validates it. Only validated transfers of public
practices are shown (practices/catalogue.py: public_transfers)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.models import Orderable

from .indicators import Indicator
from .pages import BudgetRange, PracticePage
from .territories import TerritoryPage


class Stage(models.TextChoices):
    EXPLORING = "exploring", _("Exploring")
    ADAPTING = "adapting", _("Adapting")
    IMPLEMENTED = "implemented", _("Implemented")
    DISCONTINUED = "discontinued", _("Discontinued")


STAGE_DATES = {stage: f"{stage}_since" for stage in Stage.values}  # stage: its date's field


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Pending validation")
    VALIDATED = "validated", _("Validated")
    DECLINED = "declined", _("Declined")


def stage_date(label):
    return models.DateField(label, null=True, blank=True)


class Transfer(ClusterableModel):
    """A territory reusing a practice (any version of it: the practice is its translation
    group)."""

    external_id = models.CharField(
        _("external ID"), max_length=100, blank=True,
        help_text=_("Identifier used by imports and exports; unique."))
    practice = models.ForeignKey("practices.PracticePage", on_delete=models.CASCADE,
                                 related_name="transfers", verbose_name=_("practice"))
    territory = models.ForeignKey("practices.TerritoryPage", on_delete=models.CASCADE,
                                  related_name="transfers", verbose_name=_("territory"),
                                  help_text=_("The territory reusing the practice."))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices,
                             default=Stage.EXPLORING)
    exploring_since = stage_date(_("exploring since"))
    adapting_since = stage_date(_("adapting since"))
    implemented_since = stage_date(_("implemented since"))
    discontinued_since = stage_date(_("discontinued since"))
    adaptation = models.TextField(_("what was adapted, and why"), blank=True, max_length=5000)
    organisation = models.CharField(_("contact organisation"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True,
                                      help_text=_("Never shown publicly."))
    language = models.CharField(_("language of the texts"), max_length=5,
                                choices=settings.LANGUAGES, default="en")
    funding = ParentalManyToManyField("practices.FundingSource", related_name="transfers",
                                      blank=True, verbose_name=_("funding sources"))
    budget_range = models.CharField(_("budget"), max_length=20, choices=BudgetRange.choices,
                                    blank=True)
    funding_share = models.PositiveSmallIntegerField(
        _("share funded (%)"), null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)])
    status = models.CharField(_("status"), max_length=20, choices=TransferStatus.choices,
                              default=TransferStatus.PENDING, db_index=True)
    validated_at = models.DateTimeField(_("validated at"), null=True, blank=True,
                                        editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        PageChooserPanel("practice", "practices.PracticePage"),
        PageChooserPanel("territory", "practices.TerritoryPage"),
        MultiFieldPanel([
            FieldPanel("stage"),
            FieldRowPanel([FieldPanel(name) for name in STAGE_DATES.values()]),
        ], heading=_("Stage")),
        FieldPanel("adaptation"),
        MultiFieldPanel([FieldPanel("organisation"), FieldPanel("contact_name"),
                         FieldPanel("contact_email")], heading=_("Contact")),
        InlinePanel("indicators", label=_("Outcome indicators")),
        InlinePanel("links", label=_("Documents")),
        MultiFieldPanel([
            FieldPanel("funding", widget=forms.CheckboxSelectMultiple),
            FieldRowPanel([FieldPanel("budget_range"), FieldPanel("funding_share")]),
        ], heading=_("Funding")),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("language"),
                         FieldPanel("external_id")], heading=_("Editorial")),
    ]

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["external_id"], condition=~models.Q(external_id=""),
                                    name="unique_transfer_external_id"),
        ]

    def __str__(self):
        return f"{self.practice.title} → {self.territory.title}" if (
            self.practice_id and self.territory_id) else str(_("transfer"))

    def stage_dates(self):
        """[(stage, label, date)] of the stages with a date, in the stages' order."""
        return [(stage, label, getattr(self, STAGE_DATES[stage]))
                for stage, label in Stage.choices if getattr(self, STAGE_DATES[stage])]

    def clean(self):
        super().clean()
        errors = {}
        reached = Stage.values.index(self.stage) if self.stage in Stage.values else 0
        previous = None
        for position, (stage, _label) in enumerate(Stage.choices):
            name = STAGE_DATES[stage]
            date = getattr(self, name)
            if date is None:
                continue
            if date > timezone.localdate():
                errors[name] = _("A stage's date cannot be in the future.")
            elif position > reached:
                errors[name] = _("The transfer has not reached this stage.")
            elif previous and date < previous:
                errors[name] = _("A stage cannot start before the stage before it.")
            previous = date
        if self.status == TransferStatus.VALIDATED and not getattr(
                self, STAGE_DATES.get(self.stage, ""), None):
            errors.setdefault(STAGE_DATES.get(self.stage, "stage"), _(
                "A validated transfer gives the date its current stage began."))
        if self.practice_id and self.territory_id:
            practice = PracticePage.objects.filter(pk=self.practice_id).values_list(
                "translation_key", "territory_page__translation_key").first()
            territory_key = TerritoryPage.objects.filter(
                pk=self.territory_id).values_list("translation_key", flat=True).first()
            if practice and practice[1] is not None and practice[1] == territory_key:
                errors["territory"] = _("A territory does not reuse its own practice.")
            elif practice and Transfer.objects.exclude(pk=self.pk).exclude(
                    status=TransferStatus.DECLINED).filter(
                    practice__translation_key=practice[0],
                    territory__translation_key=territory_key).exists():
                errors["territory"] = _("This territory already has a transfer of this "
                                        "practice.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.status == TransferStatus.VALIDATED and self.validated_at is None:
            self.validated_at = timezone.now()
        elif self.status != TransferStatus.VALIDATED:
            self.validated_at = None
        super().save(*args, **kwargs)
        if not self.external_id:  # every transfer has a stable exchange id
            self.external_id = f"transfer-{self.pk}"
            Transfer.objects.filter(pk=self.pk).update(external_id=self.external_id)


class TransferIndicator(Orderable, Indicator):
    """An outcome indicator of a transfer: its baseline before, its value after."""

    transfer = ParentalKey(Transfer, related_name="indicators", on_delete=models.CASCADE)


class TransferLink(Orderable):
    """A document about a transfer (a decision, a report, a press article), by its address."""

    transfer = ParentalKey(Transfer, related_name="links", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)

    panels = [FieldPanel("title"), FieldPanel("url")]
