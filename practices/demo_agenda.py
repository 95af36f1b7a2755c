"""Demo content of the agenda and the toolbox (fixtures/events.json, fixtures/toolbox.json):
events dated from today (upcoming ones stay upcoming), past ones with minutes, slides and a
recording; resources along the five steps of the pilot journey, used by the pilots' sessions."""

import io
import json
import zoneinfo
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files import File
from django.utils import timezone
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.models import Locale

from .demo import DIMENSION_COLOURS, FIXTURES, landscape_png
from .exchange import body_from_text
from .models import (
    Dimension,
    EventDocument,
    EventIndexPage,
    EventPage,
    PilotTerritoryPage,
    PracticePage,
    ResourceDocument,
    ResourcePage,
    ToolboxPage,
)
from .models.taxonomy import Challenge


def demo_document(title, seed):
    """A PDF made here (a page with a drawn landscape), no download."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    picture = Image.open(io.BytesIO(landscape_png(seed, DIMENSION_COLOURS["governance"],
                                                   size=(842, 595))))
    buffer = io.BytesIO()
    picture.save(buffer, "PDF", title=title)
    return Document.objects.create(title=title, file=File(buffer, name=f"{seed}.pdf"))


def _terms(model, slugs, locale):
    return list(model.objects.filter(slug__in=slugs, locale=locale))


def _translate(page, locale, text, fields):
    copy = page.copy_for_translation(locale).specific
    for name, value in fields(text).items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy


def _event_text(text):
    return {"title": text["title"], "summary": text["summary"],
            "body": body_from_text(text["body"]),
            "minutes": text.get("minutes", "")}


def _decimal(value):
    return None if value is None else Decimal(str(value))


def load_events(today=None):
    """The demo's events, idempotent (by slug in their original language)."""
    created = 0
    today = today or timezone.localdate()
    for data in json.loads((FIXTURES / "events.json").read_text(encoding="utf-8")):
        locale = Locale.objects.get(language_code=data["language"])
        if EventPage.objects.filter(slug=data["slug"], locale=locale).exists():
            continue
        zone = zoneinfo.ZoneInfo(data["time_zone"])
        day = today + timedelta(days=data["days_from_now"])

        def at(when, days=0, day=day, zone=zone):
            return datetime.combine(day + timedelta(days=days), time.fromisoformat(when),
                                    tzinfo=zone)

        text = data[data["language"]]
        page = EventPage(
            locale=locale, slug=data["slug"], kind=data["kind"], time_zone=data["time_zone"],
            start=at(data["start"]), end=at(data["end"], data.get("duration_days", 0)),
            venue=data["venue"], address=data["address"], country=data["country"],
            latitude=_decimal(data["latitude"]), longitude=_decimal(data["longitude"]),
            online_url=data["online_url"], capacity=data["capacity"],
            registration_deadline=at("12:00", data["deadline_days_from_now"]
                                     - data["days_from_now"]),
            recording_url=data.get("recording_url", ""), **_event_text(text))
        EventIndexPage.objects.get(locale=locale).add_child(instance=page)
        page.languages.set(Locale.objects.filter(language_code__in=data["languages"]))
        page.dimensions.set(_terms(Dimension, data["dimensions"], locale))
        page.practices.set(PracticePage.objects.filter(external_id__in=data["practices"]))
        page.territories.set(PilotTerritoryPage.objects.filter(slug__in=data["pilots"]))
        if data.get("slides"):
            page.documents.add(EventDocument(document=demo_document(data["slides"],
                                                                    data["slug"])))
        page.save_revision().publish()
        created += 1
        for code in sorted(set(data) & {"en", "fr", "de", "it", "sl"} - {data["language"]}):
            _translate(page, Locale.objects.get(language_code=code), data[code], _event_text)
    return created


def _resource_text(text):
    return {"title": text["title"], "summary": text["summary"],
            "body": body_from_text(text["body"])}


def load_toolbox():
    """The demo's resources in English (and their other languages), each linked to the
    pilot sessions of its step that used it."""
    created, used = 0, {}
    english = Locale.objects.get(language_code="en")
    toolbox = ToolboxPage.objects.get(locale=english)
    for data in json.loads((FIXTURES / "toolbox.json").read_text(encoding="utf-8")):
        if ResourcePage.objects.filter(slug=data["slug"], locale=english).exists():
            continue
        page = ResourcePage(
            locale=english, slug=data["slug"], kind=data["kind"], step=data["step"],
            resource_language=data["language"], licence=data["licence"], author=data["author"],
            year=data["year"], link=data.get("link", ""), **_resource_text(data["en"]))
        toolbox.add_child(instance=page)
        page.dimensions.set(_terms(Dimension, data["dimensions"], english))
        page.challenges.set(_terms(Challenge, data["challenges"], english))
        if data["kind"] in ("template", "guide"):
            page.documents.add(ResourceDocument(document=demo_document(data["en"]["title"],
                                                                       data["slug"])))
        page.save_revision().publish()
        created += 1
        for code in sorted(set(data) & {"fr", "de", "it", "sl"}):
            _translate(page, Locale.objects.get(language_code=code), data[code], _resource_text)
        for pilot_slug, phase in data["pilot_sessions"]:
            used.setdefault(pilot_slug, {}).setdefault(phase, []).append(page)
    for pilot in PilotTerritoryPage.objects.filter(slug__in=used):  # each language's version
        pilot = pilot.get_latest_revision_as_object()
        sessions = list(pilot.sessions.all())  # (the live page reads them again each time)
        for session in sessions:
            session.resources.add(*used[pilot.slug].get(session.phase, []))
        pilot.sessions = sessions
        pilot.save_revision().publish()  # (the links in the revision an editor starts from)
    return created
