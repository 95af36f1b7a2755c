from django import template
from django.utils.html import format_html
from django.utils.translation import get_language_info

from ..catalogue import language_links, site_chrome, untranslated_language
from ..serializers import CARD_RENDITION

register = template.Library()


@register.simple_tag
def card_image(image):
    """The decorative picture of a card (catalogue, search, home, pilots, the embed): an
    image, or a practice card's picture (`{"url", "width", "height"}`, practices.cards)."""
    if not image:
        return ""
    if not isinstance(image, dict):
        rendition = image.get_rendition(CARD_RENDITION)
        image = {"url": rendition.url, "width": rendition.width, "height": rendition.height}
    return format_html('<img src="{}" width="{}" height="{}" alt="" loading="lazy">',
                       image["url"], image["width"], image["height"])


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    page = context.get("page")
    current = context.get("LANGUAGE_CODE")
    request = context.get("request")
    path = request.get_full_path() if request is not None and page is None else ""
    return {"links": language_links(page, path), "current": current}


def page_chrome(context):
    """The header's and footer's links, read from the cache once per rendered page."""
    language = context.get("LANGUAGE_CODE")
    if context.render_context.get("kb_chrome_language") != language:
        context.render_context["kb_chrome"] = site_chrome(language)
        context.render_context["kb_chrome_language"] = language
    return context.render_context["kb_chrome"]


@register.inclusion_tag("includes/site_footer.html", takes_context=True)
def site_footer(context):
    chrome = page_chrome(context)
    return {"pages": chrome["pages"], "logos": chrome["logos"],
            "LANGUAGE_CODE": context.get("LANGUAGE_CODE")}


@register.simple_tag(takes_context=True)
def site_sections(context):
    return page_chrome(context)["sections"]


@register.inclusion_tag("includes/untranslated_notice.html", takes_context=True)
def untranslated_notice(context):
    page = context.get("page")
    wanted = untranslated_language(context.get("request"), page)
    if wanted is None:
        return {}
    return {"wanted": wanted, "wanted_name": get_language_info(wanted)["name_local"],
            "shown": page.locale.language_code,
            "shown_name": get_language_info(page.locale.language_code)["name_local"]}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.inclusion_tag("includes/places_map.html")
def places_map(places, name, label):
    """A map of these places ({name, url, lat, lon, label}), drawn by static/js/places_map.js
    (hidden without JavaScript: the page lists them)."""
    from django.conf import settings

    return {"places": places, "name": name, "label": label,
            "tiles": settings.KB_MAP_TILE_URL, "attribution": settings.KB_MAP_ATTRIBUTION}
