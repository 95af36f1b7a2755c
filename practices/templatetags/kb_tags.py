from django import template

from ..catalogue import language_links

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    page = context.get("page")
    current = context.get("LANGUAGE_CODE")
    return {"links": language_links(page), "current": current}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
