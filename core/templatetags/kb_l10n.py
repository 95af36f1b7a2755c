from django import template

from core import l10n

register = template.Library()
for _name in ("long_date", "month_year", "long_datetime", "number", "event_span"):
    register.filter(_name, getattr(l10n, _name))
