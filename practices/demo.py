"""Demo content: generated pictures (no download) and the pilot territories of fixtures/."""

import hashlib
import io
import json
import random
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale

from .blocks import BODY_IMAGE_RENDITION
from .catalogue import HERO_RENDITION
from .exchange import body_from_text
from .models import (
    PilotIndexPage,
    PilotIndicator,
    PilotResultPage,
    PilotSession,
    PilotTerritoryPage,
    PracticePage,
    PracticeUpdate,
    TerritoryPage,
)
from .serializers import CARD_RENDITION

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DIMENSION_COLOURS = {
    "governance": (55, 71, 79), "people": (106, 27, 154), "living": (173, 20, 87),
    "environment": (46, 125, 50), "economy": (141, 90, 0), "mobility": (21, 101, 192),
}


def landscape_png(seed: str, colour, size=(1200, 630)) -> bytes:
    """An Alpine landscape: sky gradient, three mountain ridges, a village of small houses."""
    rnd = random.Random(hashlib.sha256(seed.encode()).hexdigest())
    width, height = size
    img = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(img)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=(int(120 + 100 * t), int(170 + 60 * t), 235))
    for layer, shade in enumerate((0.35, 0.55, 0.8)):
        base = int(height * (0.45 + 0.15 * layer))
        points, x = [(0, height)], 0
        while x < width:
            points.append((x, base - rnd.randint(40, 220 - 50 * layer)))
            x += rnd.randint(80, 220)
        points += [(width, base - 60), (width, height)]
        tint = tuple(int(c * shade + 60 * (1 - shade)) for c in colour)
        draw.polygon(points, fill=tint)
        if layer == 0:  # snow caps on the far ridge
            for px, py in points[1:-2]:
                draw.polygon([(px - 25, py + 30), (px, py), (px + 25, py + 30)],
                             fill=(245, 248, 250))
    for _ in range(rnd.randint(5, 9)):
        hx, hy = rnd.randint(80, width - 120), rnd.randint(int(height * 0.8), height - 40)
        draw.rectangle([hx, hy, hx + 40, hy + 30], fill=(250, 240, 220))
        draw.polygon([(hx - 6, hy), (hx + 20, hy - 22), (hx + 46, hy)], fill=(150, 60, 40))
    buffer = io.BytesIO()
    img.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def demo_image(title, seed, colour):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    data = landscape_png(seed, colour)
    return Image.objects.create(
        title=title, file=ImageFile(io.BytesIO(data), name=f"demo-{seed}.png"),
    )


def illustrate_practices():
    """Give every practice without a picture a generated one, shared by its translations.

    The picture goes into the revision the import just made (live pages: the published
    one) instead of a second revision published again: a demo practice's history is its
    import, and loading the demo takes half the time."""
    count = 0
    pages = (PracticePage.objects.filter(image__isnull=True).select_related("latest_revision")
             .prefetch_related("dimensions"))
    for page in pages:
        sibling = page.get_translations().exclude(image=None).first()
        if sibling is not None:
            image = sibling.specific.image
        else:
            slug = next(iter(sorted(d.slug for d in page.dimensions.all())), "living")
            image = demo_image(page.title, page.external_id or str(page.pk),
                               DIMENSION_COLOURS.get(slug, (60, 90, 60)))
        page.image = image
        page.body.append(("image", {"image": image, "alt_text": "",
                                    "caption": page.territory or page.region,
                                    "credit": "Smart Villages"}))
        page.save(update_fields=["image", "body"], clean=False)
        revision = page.latest_revision
        if revision is None:
            page.save_revision()
        else:
            revision.content = page.serializable_data()
            revision.save(update_fields=["content"])
        count += 1
    return count


def prepare_renditions():
    """Make the sizes the pages show of every picture (cards, page heroes and sharing images,
    body images) now, so that no visitor waits for an image to be resized. Returns how many."""
    count = 0
    for image in get_image_model().objects.all():
        count += len(image.get_renditions(CARD_RENDITION, HERO_RENDITION, BODY_IMAGE_RENDITION))
    return count


def _territory_fields(data, text):
    return {
        "title": text["title"], "summary": text["summary"],
        "local_action_group": text["local_action_group"],
        "territory": text.get("territory", data["territory"]),
    }


@transaction.atomic
def load_pilots():
    """Create the pilot territories of fixtures/pilots.json in their language and English."""
    created = 0
    for data in json.loads((FIXTURES / "pilots.json").read_text(encoding="utf-8")):
        locale = Locale.objects.get(language_code=data["language"])
        index = PilotIndexPage.objects.get(locale=locale)
        if PilotTerritoryPage.objects.filter(slug=data["slug"], locale=locale).exists():
            continue
        image = demo_image(data["title"], data["slug"], DIMENSION_COLOURS["governance"])
        territory = index.add_child(instance=PilotTerritoryPage(
            locale=locale, slug=data["slug"], country=data["country"], region=data["region"],
            population=data["population"], image=image, **_territory_fields(data, data),
        ))
        for order, (phase, day, title, outcome, *_en) in enumerate(data["sessions"]):
            territory.sessions.add(PilotSession(phase=phase, date=date.fromisoformat(day),
                                                title=title, outcome=outcome,
                                                sort_order=order))
        territory.save_revision().publish()
        results = []
        for result in data["results"]:
            page = territory.add_child(instance=PilotResultPage(
                locale=locale, slug=result["slug"], title=result["title"],
                summary=result["summary"], phase=result["phase"],
                date=date.fromisoformat(result["date"]), body=body_from_text(result["body"]),
            ))
            for order, (label, _label_en, value, unit, baseline) in enumerate(
                    result["indicators"]):
                page.indicators.add(PilotIndicator(label=label, value=value, unit=unit,
                                                   baseline=baseline, sort_order=order))
            page.practices.set(PracticePage.objects.filter(external_id__in=result["practices"]))
            page.save_revision().publish()
            results.append((page, result))
        created += 1
        for code, text in data["translations"].items():
            translate_pilot(territory, results, data, Locale.objects.get(language_code=code),
                            text)
    return created


def translate_pilot(territory, results, data, locale, text):
    copy = territory.copy_for_translation(locale).specific
    for field, value in _territory_fields(data, text).items():
        setattr(copy, field, value)
    for session, (_p, _d, _t, _o, title_en, outcome_en) in zip(
            copy.sessions.all(), data["sessions"], strict=True):
        session.title, session.outcome = title_en, outcome_en
        session.save()
    copy.save_revision().publish()
    for page, result in results:
        translated = page.copy_for_translation(locale).specific
        english = result[locale.language_code]
        translated.title, translated.summary = english["title"], english["summary"]
        translated.body = body_from_text(english["body"])
        for indicator, row in zip(translated.indicators.all(), result["indicators"],
                                  strict=True):
            indicator.label = row[1]
            indicator.save()
        translated.save_revision().publish()


def add_key_figures(external_id, figures, quote=None):
    """Enrich one practice's body with headline figures and a quote."""
    page = PracticePage.objects.filter(external_id=external_id).first()
    if page is None or any(b.block_type == "key_figures" for b in page.body):
        return
    blocks = [("key_figures", {"figures": [
        {"value": v, "unit": u, "label": label} for v, u, label in figures]})]
    if quote:
        blocks.append(("quote", {"quote": quote[0], "attribution": quote[1]}))
    for position, block in enumerate(blocks):
        page.body.insert(position, block)
    page.save_revision().publish()




UPDATES = {  # external_id: [(date, title, text)] in that version's language
    "sv-it-001": [
        (date(2024, 6, 1), "Cinque anni dopo",
         "La bottega è aperta tutto l'anno, con un dipendente e dodici volontari; tre comuni "
         "vicini, e Saint-Véran in Francia, ne hanno ripreso il modello."),
    ],
    "sv-de-001": [
        (date(2023, 9, 1), "Zwei Jahre später",
         "42 Bänke in 16 Gemeinden; die Bänke in Kobarid (Slowenien) folgen unserem Modell."),
        (date(2025, 10, 1), "Neue Bänke an den Bushaltestellen",
         "Zehn neue Bänke stehen jetzt direkt an den Haltestellen des Landbusses."),
    ],
    "sv-fr-001": [
        (date(2025, 4, 15), "Deux ans après",
         "Le réseau compte désormais 18 bancs ; la commune d'Ostana, en Italie, étudie le "
         "dispositif."),
    ],
}


def add_updates():
    """Follow-up updates of a few demo practices (idempotent: a title already there is not
    added again). Returns how many were added."""
    added = 0
    for external_id, updates in UPDATES.items():
        page = PracticePage.objects.filter(external_id=external_id).first()
        if page is None:
            continue
        known = set(page.updates.values_list("title", flat=True))
        new = [PracticeUpdate(date=day, title=title, text=text, locale_id=page.locale_id)
               for day, title, text in updates if title not in known]
        if new:
            page.updates.add(*new)
            page.save_revision().publish()
            added += len(new)
    return added


def open_territories(names=("Občina Kobarid", "Commune de Saint-Véran", "Comune di Ostana",
                            "Gemeinde Grafenstein", "Občina Bovec", "Gemeinde Triesenberg")):
    """Some demo territories welcome exchanges (their "Ask for an introduction" button): the
    profile published again with a contact address of the example domain."""
    opened = 0
    for profile in TerritoryPage.objects.filter(title__in=names, open_to_exchange=False):
        profile.open_to_exchange = True
        profile.contact_email = f"contact@{profile.slug}.example.org"
        profile.save_revision().publish()
        opened += 1
    return opened
