"""Validators shared by the model, the import format and the public proposal form."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

FIRST_YEAR, LAST_YEAR = 1950, 2100
YEAR = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def year_field(**kwargs):
    """An optional year between FIRST_YEAR and LAST_YEAR, as a form field."""
    return forms.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False,
                              **kwargs)


def ends_before_start(start, end) -> bool:
    """True when both years are given and the end is before the start."""
    return bool(start and end and end < start)
