"""Dates and numbers as each language writes them, from the Unicode CLDR (through Babel):
"2 dicembre 2026" (Django's Italian formats give "02 Dicembre"), "9.000 abitanti", "1 500 m"."""

from datetime import datetime

from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import format_decimal
from django.utils import timezone
from django.utils.translation import get_language

BABEL_LOCALES = {"en": "en_GB"}  # a European programme: "2 December 2026"


def babel_locale():
    code = (get_language() or "en").split("-")[0]
    return BABEL_LOCALES.get(code, code)


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def long_date(value):
    return format_date(_local(value), "long", locale=babel_locale()) if value else ""


def month_year(value):
    return format_skeleton("yMMMM", _local(value), locale=babel_locale()) if value else ""


def long_datetime(value):
    if not value:
        return ""
    value = _local(value)
    return f"{long_date(value)}, {format_time(value, 'short', locale=babel_locale())}"


def number(value):
    """A whole or decimal number with the language's grouping and decimal signs."""
    if value is None or value == "":
        return ""
    return format_decimal(value, locale=babel_locale())


def event_span(start, end):
    """When an event happens, in its own time zone (both values carry it): "12 March 2027,
    09:30–17:00 (CET)", or from one day to another."""
    if not start or not end:
        return ""

    def day(value):
        return format_date(value, "long", locale=babel_locale())

    def hour(value):  # (an aware value keeps its own zone in Babel)
        return format_time(value, "short", locale=babel_locale())

    if start.date() == end.date():
        return f"{day(start)}, {hour(start)}–{hour(end)} ({start.tzname()})"
    return f"{day(start)}, {hour(start)} – {day(end)}, {hour(end)} ({start.tzname()})"
