"""<head> metadata of public pages: canonical URL, hreflang alternates, Open Graph and
Twitter cards, oEmbed discovery and schema.org JSON-LD for practices."""


from django import template

from core.pages import published_translations
from practices.catalogue import HERO_RENDITION
from practices.models import EventPage, PracticePage, ResourcePage, TerritoryPage

from ..jsonld import json_ld
from ..views import embeddable, oembed_discovery_url

register = template.Library()


def practice_json_ld(page, url, image_url):
    place = {"@type": "Place", "name": page.territory or page.region or page.country.name,
             "address": {"@type": "PostalAddress", "addressCountry": page.country.code,
                         **({"addressRegion": page.region} if page.region else {})}}
    if page.latitude is not None and page.longitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": float(page.latitude),
                        "longitude": float(page.longitude)}
    keywords = [d.name for d in page.dimensions.all()] + [c.name for c in page.challenges.all()]
    keywords += [t.name for t in page.tags.all()]
    data = {
        "@context": "https://schema.org", "@type": "CreativeWork", "name": page.title,
        "description": page.summary, "url": url, "inLanguage": page.locale.language_code,
        "contentLocation": place, "keywords": ", ".join(keywords),
        "dateModified": (page.last_published_at or page.latest_revision_created_at).isoformat(),
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if image_url:
        data["image"] = image_url
    if page.lead_organisation:
        data["creator"] = {"@type": "Organization", "name": page.lead_organisation}
    funding = [{"@type": "Grant", "identifier": f.slug, "name": f.name}
               for f in page.funding.all()]
    if funding:
        data["funding"] = funding
    return json_ld(data)


def territory_json_ld(page, url):
    """A territory profile as a schema.org AdministrativeArea in its country."""
    data = {"@context": "https://schema.org", "@type": "AdministrativeArea",
            "name": page.title, "url": url, "description": page.summary,
            "containedInPlace": {"@type": "Country", "name": page.country.code},
            "address": {"@type": "PostalAddress", "addressCountry": page.country.code,
                        **({"addressRegion": page.region} if page.region else {})}}
    if page.latitude is not None and page.longitude is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": float(page.latitude),
                       "longitude": float(page.longitude)}
    if page.altitude_m is not None:
        data["geo"] = {**data.get("geo", {"@type": "GeoCoordinates"}),
                       "elevation": page.altitude_m}
    if page.population:
        data["additionalProperty"] = {"@type": "PropertyValue", "name": "population",
                                      "value": page.population}
    return json_ld(data)


def event_json_ld(page, url, image_url, languages):
    """An event as a schema.org Event: its attendance mode, its place and/or its online
    location, its languages and capacity; its slides and recording once it took place."""
    location = []
    if page.venue:
        place = {"@type": "Place", "name": page.venue,
                 "address": {"@type": "PostalAddress", "streetAddress": page.address,
                             **({"addressCountry": page.country.code} if page.country
                                else {})}}
        if page.latitude is not None and page.longitude is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": float(page.latitude),
                            "longitude": float(page.longitude)}
        location.append(place)
    if page.online_url:
        location.append({"@type": "VirtualLocation", "url": page.online_url})
    data = {
        "@context": "https://schema.org", "@type": "Event", "name": page.title,
        "description": page.summary, "url": url, "inLanguage": page.locale.language_code,
        "startDate": page.local_start.isoformat(), "endDate": page.local_end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{page.attendance_mode}",
        "location": location[0] if len(location) == 1 else location,
        "organizer": {"@type": "Organization", "name": "Smart Villages"},
    }
    if languages:
        data["availableLanguage"] = languages
    if page.capacity:
        data["maximumAttendeeCapacity"] = page.capacity
    if image_url:
        data["image"] = image_url
    if page.recording_url and page.is_past:
        data["recordedIn"] = {"@type": "VideoObject", "name": page.title,
                              "contentUrl": page.recording_url}
    return json_ld(data)


def resource_json_ld(page, url, request, attachments):
    """A toolbox resource as a schema.org LearningResource with its licence and files."""
    data = {"@context": "https://schema.org", "@type": "LearningResource", "name": page.title,
            "description": page.summary, "url": url, "inLanguage": page.resource_language,
            "learningResourceType": page.get_kind_display(),
            "educationalUse": page.get_step_display(),
            "license": page.licence_url or page.get_licence_display()}
    if page.author:
        data["author"] = {"@type": "Organization", "name": page.author}
    if page.year:
        data["dateCreated"] = str(page.year)
    files = [{"@type": "MediaObject", "name": item.label,
              "contentUrl": request.build_absolute_uri(item.document.url)}
             for item in attachments]
    if files:
        data["associatedMedia"] = files
    return json_ld(data)


ACTION_STATUS = {"exploring": "PotentialActionStatus", "adapting": "ActiveActionStatus",
                 "implemented": "CompletedActionStatus", "discontinued": "FailedActionStatus"}


def transfers_json_ld(shown, url, request):
    """A practice's transfers (practices.transfers.Shown): each a schema.org Action whose
    agent is the territory reusing the practice and whose object is the practice, its
    stage as the action's status, its outcome indicators as its results."""
    actions = []
    for item in shown:
        transfer = item.transfer
        agent = {"@type": "AdministrativeArea", "name": item.territory_name,
                 "address": {"@type": "PostalAddress",
                             "addressCountry": transfer.territory.country.code}}
        if item.territory is not None:
            agent["url"] = item.territory.get_full_url(request)
        action = {"@type": "Action", "name": item.stage_label, "agent": agent,
                  "object": {"@id": url}, "actionStatus": f"https://schema.org/"
                                                          f"{ACTION_STATUS[transfer.stage]}"}
        started = transfer.exploring_since or transfer.adapting_since or \
            transfer.implemented_since
        if started:
            action["startTime"] = started.isoformat()
        if transfer.discontinued_since:
            action["endTime"] = transfer.discontinued_since.isoformat()
        if transfer.adaptation:
            action["description"] = transfer.adaptation
        results = [{"@type": "PropertyValue", "name": i.label, "value": float(i.value),
                    **({"unitText": i.unit} if i.unit else {}),
                    **({"valueReference": {"@type": "PropertyValue", "name": "baseline",
                                           "value": float(i.baseline)}}
                       if i.baseline is not None else {})}
                   for i in transfer.indicators.all()]
        if results:
            action["result"] = results
        actions.append(action)
    return json_ld({"@context": "https://schema.org", "@graph": actions}) if actions else ""


@register.inclusion_tag("reuse/seo_head.html", takes_context=True)
def seo_head(context):
    request, page = context.get("request"), context.get("page")
    if request is None or page is None or not getattr(page, "pk", None):
        return {}
    page = page.specific
    url = page.get_full_url(request)
    image = getattr(page, "image", None)
    image_url = request.build_absolute_uri(image.get_rendition(HERO_RENDITION).url) \
        if image else ""
    alternates = [(v.locale.language_code, v.get_full_url(request))
                  for v in published_translations(page)]
    original = getattr(page, "original_language", "") or ""
    default = next((u for code, u in alternates if code == original), None)
    return {
        "url": url, "title": page.seo_title or page.title,
        "description": page.search_description or getattr(page, "summary", ""),
        "image_url": image_url, "language": page.locale.language_code,
        "alternates": sorted(alternates) if len(alternates) > 1 else [],
        "x_default": default, "kind": "article" if isinstance(page, PracticePage) else "website",
        "oembed": oembed_discovery_url(request, page) if embeddable(page) else "",
        "json_ld": (practice_json_ld(page, url, image_url) if isinstance(page, PracticePage)
                    else territory_json_ld(page, url) if isinstance(page, TerritoryPage)
                    # (what the page's own context read: its languages, its files)
                    else event_json_ld(page, url, image_url, context.get("language_codes", []))
                    if isinstance(page, EventPage)
                    else resource_json_ld(page, url, request, context.get("attachments", []))
                    if isinstance(page, ResourcePage) else ""),
        "transfers_json_ld": transfers_json_ld(context.get("transfers") or [], url, request)
        if isinstance(page, PracticePage) else "",
    }
