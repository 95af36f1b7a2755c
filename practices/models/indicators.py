"""An outcome indicator with its value before and after: a pilot result's and a transfer's."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class Indicator(models.Model):
    label = models.CharField(_("indicator"), max_length=150)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True,
                                   blank=True)

    panels = [FieldPanel("label"), FieldRowPanel([FieldPanel("value"), FieldPanel("unit"),
                                                  FieldPanel("baseline")])]

    class Meta:
        abstract = True
