"""Self-assessment: the questionnaire editors maintain, its frozen versions, and the
assessments territories fill in.

Editors edit Question, ScaleLevel and DimensionAdvice snippets (translatable) and the
thresholds (a site setting). An assessment is tied to a QuestionnaireVersion: a frozen copy
of the questions, levels and thresholds it was answered with, so later edits never change an
old result.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from practices.models import Dimension

from .admin_forms import DimensionChoiceForm


def dimension_field(**kwargs):
    """A dimension's slug. The dimensions are the editors' Dimension snippets (practices):
    the admin forms offer them (admin_forms.DimensionChoiceForm), their labels name them."""
    return models.CharField(max_length=20, **kwargs)


class Question(TranslatableMixin, models.Model):
    code = models.SlugField(_("code"), max_length=40,
                            help_text=_("Stable identifier, the same in every language."))
    dimension = dimension_field(verbose_name=_("dimension"))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("question"))
    help_text = models.TextField(_("explanation"), blank=True,
                                 help_text=_("Optional: what counts, with an example."))
    active = models.BooleanField(_("asked"), default=True,
                                 help_text=_("Untick to stop asking it in new assessments."))

    base_form_class = DimensionChoiceForm
    panels = [FieldPanel("text"), FieldPanel("help_text"),
              FieldRowPanel([FieldPanel("dimension"), FieldPanel("code"),
                             FieldPanel("sort_order")]), FieldPanel("active")]
    translatable_fields = [
        TranslatableField("text"), TranslatableField("help_text"),
        SynchronizedField("code", overridable=False),
        SynchronizedField("dimension", overridable=False),
        SynchronizedField("sort_order", overridable=False),
        SynchronizedField("active", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("assessment question")
        verbose_name_plural = _("assessment questions")
        ordering = ["sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["code", "locale"],
                                               name="unique_question_code")]

    def __str__(self):
        return self.text


class ScaleLevel(TranslatableMixin, models.Model):
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    label = models.CharField(_("label"), max_length=60)
    description = models.CharField(_("explanation"), max_length=250)

    panels = [FieldPanel("level"), FieldPanel("label"), FieldPanel("description")]
    translatable_fields = [TranslatableField("label"), TranslatableField("description"),
                           SynchronizedField("level", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("answer level")
        verbose_name_plural = _("answer levels")
        ordering = ["level"]
        constraints = [models.UniqueConstraint(fields=["level", "locale"],
                                               name="unique_scale_level")]

    def __str__(self):
        return f"{self.level} — {self.label}"


class DimensionAdvice(TranslatableMixin, models.Model):
    dimension = dimension_field(verbose_name=_("dimension"))
    text = models.TextField(_("advice"),
                            help_text=_("Shown when this dimension is among the weakest."))

    base_form_class = DimensionChoiceForm
    panels = [FieldPanel("dimension"), FieldPanel("text")]
    translatable_fields = [TranslatableField("text"),
                           SynchronizedField("dimension", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("dimension advice")
        verbose_name_plural = _("dimension advice")
        constraints = [models.UniqueConstraint(fields=["dimension", "locale"],
                                               name="unique_dimension_advice")]

    def __str__(self):
        term = Dimension.objects.filter(slug=self.dimension, locale_id=self.locale_id).first()
        return term.name if term else self.dimension


@register_setting(icon="table")
class AssessmentSettings(BaseGenericSetting):
    threshold_a = models.PositiveSmallIntegerField(
        _("category A from"), default=75, validators=[MaxValueValidator(100)])
    threshold_b = models.PositiveSmallIntegerField(
        _("category B from"), default=50, validators=[MaxValueValidator(100)])
    threshold_c = models.PositiveSmallIntegerField(
        _("category C from"), default=25, validators=[MaxValueValidator(100)])

    panels = [HelpPanel(content=_("A dimension's score (0–100) gets the first category whose "
                                  "threshold it reaches; below C it is D. Changes apply to "
                                  "new assessments only.")),
              FieldRowPanel([FieldPanel("threshold_a"), FieldPanel("threshold_b"),
                             FieldPanel("threshold_c")])]

    class Meta:
        verbose_name = _("self-assessment thresholds")

    def clean(self):
        from django.core.exceptions import ValidationError

        if not self.threshold_a > self.threshold_b > self.threshold_c:
            raise ValidationError(_("Thresholds must decrease from A to C."))

    @property
    def thresholds(self):
        return (("A", self.threshold_a), ("B", self.threshold_b), ("C", self.threshold_c))


class QuestionnaireVersion(models.Model):
    """A frozen copy of the questionnaire: {"questions": [{code, dimension, text: {lang}, help:
    {lang}}], "levels": {lang: [[label, description] × 5]}, "thresholds": [[cat, min] × 3]}."""

    digest = models.CharField(max_length=64, unique=True)
    content = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire version")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.pk} ({self.created_at:%Y-%m-%d})"


def new_token():
    return secrets.token_urlsafe(24)  # 192 random bits, 32 URL-safe characters


class Assessment(models.Model):
    MUNICIPALITY, INTERMUNICIPAL = "municipality", "intermunicipal"
    BODY_CHOICES = [(MUNICIPALITY, _("Municipality")),
                    (INTERMUNICIPAL, _("Inter-municipal body"))]

    token = models.CharField(max_length=43, unique=True, default=new_token, editable=False)
    series = models.CharField(max_length=43, default=new_token, db_index=True, editable=False,
                              help_text="Shared by the assessments of one territory over time.")
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.PROTECT,
                                related_name="assessments", editable=False)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    territory_name = models.CharField(_("territory name"), max_length=120)
    country = CountryField(_("country"))
    population = models.PositiveIntegerField(_("population"),
                                             validators=[MaxValueValidator(10_000_000)])
    altitude_m = models.IntegerField(_("altitude (m)"),
                                     validators=[MinValueValidator(-500), MaxValueValidator(5000)])
    body_type = models.CharField(_("assessed as"), max_length=20, choices=BODY_CHOICES)
    answers = models.JSONField(default=dict, editable=False)  # {code: 1–5, or None: don't know}
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True, editable=False)
    pilot = models.ForeignKey("practices.PilotTerritoryPage", verbose_name=_("pilot territory"),
                              null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    territory = models.ForeignKey(
        "practices.TerritoryPage", verbose_name=_("territory profile"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Started from this profile: its facts are the profile's."))
    published = models.BooleanField(
        _("shown on the pilot territory page and the territory profile"), default=False)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.territory_name} ({self.created_at:%Y-%m-%d})"


class DimensionScore(models.Model):
    """A completed assessment's result per dimension, stored for statistics."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    dimension = dimension_field()
    score = models.PositiveSmallIntegerField(null=True)
    category = models.CharField(max_length=1, blank=True)
    coverage = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "dimension"],
                                               name="unique_dimension_score")]

    def __str__(self):
        return f"{self.dimension}: {self.score}"
