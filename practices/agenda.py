"""Listing and lookup services of the agenda (events) and the toolbox (resources), and the
iCalendar files of events. One page per translation group, in the visitor's language where
translated, as everywhere."""

from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django_countries import countries
from icalendar import Calendar, Event, vGeo
from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedException
from wagtail.embeds.models import Embed

from core.pages import published

from .catalogue import (
    Taxonomy,
    language_choices,
    languages_named,
    localized_pages,
    version_in,
)
from .models import (
    EventIndexPage,
    EventKind,
    EventPage,
    JourneyStep,
    PilotSession,
    PilotTerritoryPage,
    PracticePage,
    ResourceKind,
    ResourcePage,
    ToolboxPage,
)
from .models.toolbox import JOURNEY_HELP

PAST_PAGE_SIZE = 12
VIDEO_FILES = (".mp4", ".webm", ".ogv")


def filters_from(index, params, kinds=EventKind):
    """The chosen filters of an agenda or toolbox (kind, dimension, country, language) and
    the messages of the values that name nothing (the iCalendar feed answers 400 with them;
    the pages ignore them, as the catalogue does)."""
    taxonomy = Taxonomy.for_locale(index.locale_id)
    chosen = {"kind": params.get("kind", ""), "dimension": params.get("dimension", ""),
              "country": (params.get("country") or "").upper(),
              "language": params.get("language", "")}
    valid = {"kind": set(kinds.values), "dimension": set(taxonomy.dimensions),
             "country": set(dict(countries)),
             "language": {code for code, _name in settings.LANGUAGES}}
    errors = []
    for name, value in chosen.items():
        if value and value not in valid[name]:
            errors.append(_("Unknown %(name)s: %(value)s") % {"name": name, "value": value})
            chosen[name] = ""
    return chosen, errors


def _filtered(queryset, chosen):
    if chosen.get("kind"):
        queryset = queryset.filter(kind=chosen["kind"])
    if chosen.get("dimension"):
        queryset = queryset.filter(dimensions__slug=chosen["dimension"])
    if chosen.get("country"):
        queryset = queryset.filter(country=chosen["country"])
    if chosen.get("language"):
        field = ("languages__language_code" if queryset.model is EventPage
                 else "resource_language")
        queryset = queryset.filter(**{field: chosen["language"]})
    return queryset.distinct()


def events_for(locale_id, chosen, upcoming=None):
    """The published events (one per translation group), filtered; upcoming ones (not ended)
    soonest first, past ones latest first, all of them by start."""
    events = _filtered(published(EventPage.objects.all()), chosen).select_related("locale")
    now = timezone.now()
    if upcoming is True:
        events = events.filter(end__gte=now).order_by("start", "pk")
    elif upcoming is False:
        events = events.filter(end__lt=now).order_by("-start", "pk")
    else:
        events = events.order_by("start", "pk")
    return localized_pages(events, locale_id)


def agenda_listing(index, params):
    chosen, _errors = filters_from(index, params)
    taxonomy = Taxonomy.for_locale(index.locale_id)
    past = Paginator(events_for(index.locale_id, chosen, upcoming=False), PAST_PAGE_SIZE)
    present = set(published(EventPage.objects.exclude(country="")).order_by()
                  .values_list("country", flat=True).distinct())
    query = urlencode({k: v for k, v in chosen.items() if v})
    return {
        "upcoming": events_for(index.locale_id, chosen, upcoming=True),
        "past": past.get_page(params.get("page")),
        "chosen": chosen, "query": query,
        "kinds": EventKind.choices,
        "dimensions": taxonomy.ordered("dimensions"),
        "countries": [(code, name) for code, name in countries if code in present],
        "languages": language_choices(),
        "feed_url": index.url + index.reverse_subpage("feed") + (f"?{query}" if query else ""),
    }


def video_file(url):
    return url.lower().endswith(VIDEO_FILES)


def recording(page):
    """How the page shows its recording: a video file, an embed fetched when the event was
    published (practices.tasks; never fetched while a visitor waits), else a link."""
    url = page.recording_url
    if not url:
        return None
    if video_file(url):
        return {"video": url}
    embed = Embed.objects.filter(hash=embeds.get_embed_hash(url)).first()
    return {"embed": embed.html if embed and embed.html else "", "url": url}


def fetch_recording(page):
    """Fetch and store the embed of an event's recording (Wagtail's oEmbed finders); a
    provider that cannot be reached leaves the link."""
    if page.recording_url and not video_file(page.recording_url):
        try:
            embeds.get_embed(page.recording_url)
        except (EmbedException, OSError):
            return False
    return True


def event_context(page):
    taxonomy = Taxonomy.for_locale(page.locale_id)
    practices = localized_pages(
        published(PracticePage.objects.filter(translation_key__in=page.practices.values(
            "translation_key"))).select_related("locale").order_by("title"), page.locale_id)
    pilots = localized_pages(
        published(PilotTerritoryPage.objects.filter(translation_key__in=page.territories.values(
            "translation_key"))).select_related("locale").order_by("title"), page.locale_id)
    codes = sorted(page.languages.values_list("language_code", flat=True))
    return {
        "dimensions": taxonomy.localize(page.dimensions.all(), "dimensions"),
        "language_codes": codes, "languages_spoken": languages_named(codes),
        "linked_practices": practices, "pilots": pilots,
        "attachments": list(page.documents.select_related("document")),
        "recording": recording(page),
        "venue_places": [{"name": page.venue, "url": page.url, "lat": float(page.latitude),
                          "lon": float(page.longitude), "label": page.address}]
        if page.venue and page.latitude is not None and page.longitude is not None else [],
        "agenda": version_in(EventIndexPage, page.get_parent().pk, page.locale_id),
        "ics_url": page.url + page.reverse_subpage("ics"),
    }


def calendar_response(events, filename, name):
    """An iCalendar file (RFC 5545) of these events, each with its time zone; its UID is the
    translation group's, so a calendar keeps one entry whatever language it was taken in."""
    calendar = Calendar()
    calendar.add("prodid", "-//Smart Villages Knowledge Base//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("method", "PUBLISH")
    for page in events:
        calendar.add_component(calendar_event(page))
    if events:  # (each zone's rules over the years of these events only)
        calendar.add_missing_timezones(
            first_date=min(page.local_start for page in events).date() - timedelta(days=1),
            last_date=max(page.local_end for page in events).date() + timedelta(days=366))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar_event(page):
    event = Event()
    event.add("uid", f"event-{page.translation_key}@smart-villages-kb")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", page.local_start)
    event.add("dtend", page.local_end)
    event.add("summary", page.title)
    url = page.full_url
    event.add("description", "\n\n".join(filter(None, [page.summary, url])))
    event.add("url", url)
    place = ", ".join(filter(None, [page.venue, page.address,
                                    str(page.country.name) if page.country else ""]))
    event.add("location", place or page.online_url)
    if page.latitude is not None and page.longitude is not None:
        event.add("geo", vGeo((float(page.latitude), float(page.longitude))))
    event.add("categories", [str(EventKind(page.kind).label)])
    event.add("status", "CONFIRMED")
    if page.last_published_at:
        event.add("last-modified", page.last_published_at)
    return event


def toolbox_listing(index, params):
    """The toolbox walked step by step: each step of the pilot journey, what it is for and
    its resources (filtered by kind, dimension, challenge and language)."""
    chosen, _errors = filters_from(index, params, kinds=ResourceKind)
    taxonomy = Taxonomy.for_locale(index.locale_id)
    challenge = params.get("challenge", "")
    resources = _filtered(published(ResourcePage.objects.all()), chosen)
    if challenge in taxonomy.challenges:
        resources = resources.filter(challenges__slug=challenge)
    pages = localized_pages(resources.select_related("locale", "image").order_by("title"),
                            index.locale_id)
    steps = [{"value": value, "number": number, "label": label, "help": JOURNEY_HELP[value],
              "resources": [page for page in pages if page.step == value]}
             for number, (value, label) in enumerate(JourneyStep.choices, start=1)]
    return {
        "steps": steps,
        "chosen": {**chosen, "challenge": challenge if challenge in taxonomy.challenges else ""},
        "kinds": ResourceKind.choices,
        "dimensions": taxonomy.ordered("dimensions"),
        "challenges": taxonomy.ordered("challenges"),
        "languages": language_choices(),
    }


def pilot_sessions(pilot):
    """The pilot's sessions, each with `.used`: the published toolbox resources it used, in
    the pilot's language where translated."""
    sessions = list(pilot.sessions.prefetch_related("resources"))
    keys = {r.translation_key for s in sessions for r in s.resources.all()}
    versions = {page.translation_key: page for page in localized_pages(
        published(ResourcePage.objects.filter(translation_key__in=keys))
        .select_related("locale"), pilot.locale_id)}
    for session in sessions:
        session.used = [versions[r.translation_key] for r in session.resources.all()
                        if r.translation_key in versions]
    return sessions


def resource_context(page):
    """A resource's labels, files, the pilot sessions that used it and the other resources
    of its step."""
    taxonomy = Taxonomy.for_locale(page.locale_id)
    group = ResourcePage.objects.filter(translation_key=page.translation_key)
    pilots = {pilot.pk: pilot for pilot in localized_pages(
        published(PilotTerritoryPage.objects.filter(sessions__resources__in=group))
        .select_related("locale").distinct(), page.locale_id)}
    sessions = [(pilots[session.page_id], session) for session in PilotSession.objects.filter(
        page__in=list(pilots), resources__in=group).distinct().order_by("page_id", "date")]
    same_step = localized_pages(
        published(ResourcePage.objects.filter(step=page.step)
                  .exclude(translation_key=page.translation_key))
        .select_related("locale").order_by("title"), page.locale_id)[:4]
    return {
        "dimensions": taxonomy.localize(page.dimensions.all(), "dimensions"),
        "challenges": taxonomy.localize(page.challenges.all(), "challenges"),
        "attachments": list(page.documents.select_related("document")),
        "resource_language": get_language_info(page.resource_language)["name_translated"],
        "sessions": sessions, "same_step": same_step,
        "toolbox": version_in(ToolboxPage, page.get_parent().pk, page.locale_id),
        "step_help": JOURNEY_HELP[page.step],
    }
