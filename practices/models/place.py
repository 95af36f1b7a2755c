"""Where a practice or a territory profile is: the fields and the admin panel they share."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

PLACE_FACTS = ("population", "altitude_m", "latitude", "longitude")  # what a profile owns


class Coordinates(models.Model):
    """Where something is (a practice, a territory profile, an event's venue)."""

    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True,
                                   blank=True,
                                   validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True,
                                    blank=True,
                                    validators=[MinValueValidator(-180), MaxValueValidator(180)])

    class Meta:
        abstract = True


class Place(Coordinates):
    """Population, altitude and coordinates: a practice's and a territory profile's."""

    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    altitude_m = models.IntegerField(_("altitude (m)"), null=True, blank=True,
                                     validators=[MinValueValidator(-500), MaxValueValidator(5000)])

    class Meta:
        abstract = True


def coordinates_panel():
    """Latitude and longitude with the admin's map picker."""
    return FieldRowPanel([
        FieldPanel("latitude", widget=forms.NumberInput(
            attrs={"data-kb-map-picker": "latitude", "step": "any"})),
        FieldPanel("longitude", widget=forms.NumberInput(
            attrs={"data-kb-map-picker": "longitude", "step": "any"})),
    ], help_text=_("Click the map or drag the marker to set the coordinates."))
