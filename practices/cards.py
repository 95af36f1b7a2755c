"""A practice card: what a listing shows of one practice version (title, link, place,
summary, dimensions, picture), as plain data. The search index stores it with each version
(search/documents.py), so that a page of results renders without reading a page object;
the home page builds it from the pages it lists."""

import re
from dataclasses import dataclass, field, fields
from datetime import datetime

from django.db.models import Prefetch
from django_countries import countries
from wagtail.images import get_image_model

from .models.events import EventKind
from .models.toolbox import ResourceKind
from .serializers import CARD_RENDITION


def card_pictures():
    """A prefetch of the cards' pictures: each image with its card-sized rendition."""
    return Prefetch("image__renditions", queryset=get_image_model().get_rendition_model()
                    .objects.filter(filter_spec=CARD_RENDITION))


PLAIN_SLUG = re.compile(r"[-a-z0-9_]+")


class Addresses:
    """Pages' `url` and `full_url`, worked out by Wagtail once per parent page and language
    (site, language prefix, the parent's path: a fifth of a search document's build time)
    and followed by each page's slug — when the first page showed that its address is
    exactly that (trailing slash, a slug with nothing to escape); else Wagtail's, per page."""

    def __init__(self):
        self.bases = {}

    def of(self, page):
        return self.at(page.url_path, page.slug, page.locale_id, lambda: page)

    def at(self, url_path, slug, locale_id, page):
        """The address of the page at `url_path`; `page()` gives the page object when
        Wagtail has to work it out."""
        key = (url_path[:-len(slug) - 1], locale_id)
        base = self.bases.get(key)
        if base is not None and PLAIN_SLUG.fullmatch(slug):
            return base[0] + slug + "/", base[1] + slug + "/"
        page = page()
        url, full_url = page.url, page.full_url
        tail = slug + "/"
        if (url and full_url and url.endswith(tail) and full_url.endswith(tail)
                and PLAIN_SLUG.fullmatch(slug)):
            self.bases[key] = url[:-len(tail)], full_url[:-len(tail)]
        return url, full_url


def card_data(page, addresses=None) -> dict:
    """A version's card as JSON-ready data (a practice's; an event's or a toolbox resource's
    has their `type` and what else a listing shows of them). The page needs its locale, image
    (with the card's rendition prefetched, else one query per picture) and dimensions/challenges
    (prefetch_terms). Its text, for search snippets, is stored apart (search/documents.py).
    `addresses` (Addresses) works out many pages' addresses faster."""
    url, full_url = (addresses.of(page) if addresses is not None
                     else (page.url, page.full_url))
    image = None
    if page.image_id:
        rendition = page.image.get_rendition(CARD_RENDITION)
        image = {"url": rendition.url, "width": rendition.width, "height": rendition.height}
    country = getattr(page, "country", None)
    data = {
        "id": page.pk, "language": page.locale.language_code,
        "original_language": getattr(page, "original_language", "")
        or page.locale.language_code,
        "external_id": getattr(page, "external_id", ""), "title": page.title, "url": url,
        "full_url": full_url, "summary": page.summary,
        "country": country.code if country else "", "territory": getattr(page, "territory", ""),
        # (in the taxonomy's order, as a card lists them)
        "dimensions": [d.slug for d in page.dimensions.all()],
        "challenges": [c.slug for c in page.challenges.all()]
        if hasattr(page, "challenges") else [],
        "validated": getattr(page, "validated_at", None) is not None, "image": image,
        "latitude": float(page.latitude) if getattr(page, "latitude", None) is not None
        else None,
        "longitude": float(page.longitude) if getattr(page, "longitude", None) is not None
        else None,
    }
    if page.search_type != "practice":  # an event (with its start), a resource (its step)
        data.update(type=page.search_type, kind=page.kind,
                    start=page.start.isoformat() if hasattr(page, "start") else "",
                    step=getattr(page, "step", ""))
    return data


@dataclass
class Card:
    id: int
    language: str
    title: str
    url: str
    full_url: str = ""
    original_language: str = ""
    external_id: str = ""
    summary: str = ""
    country: str = ""
    territory: str = ""
    dimensions: list = field(default_factory=list)
    challenges: list = field(default_factory=list)
    validated: bool = False
    image: dict | None = None
    latitude: float | None = None
    longitude: float | None = None
    type: str = "practice"  # or "event", "resource" (search results of every kind)
    kind: str = ""  # an event's or a resource's kind
    start: str = ""  # an event's start (ISO 8601)
    step: str = ""  # a resource's step of the pilot journey

    @classmethod
    def of(cls, data):
        """From stored data (keys the class does not know are left out)."""
        return cls(**{name: data[name] for name in NAMES if name in data})

    @classmethod
    def from_page(cls, page):
        return cls.of(card_data(page))

    @property
    def kind_label(self):
        kinds = {"event": EventKind, "resource": ResourceKind}.get(self.type)
        return kinds(self.kind).label if kinds and self.kind in kinds.values else ""

    @property
    def start_at(self):
        return datetime.fromisoformat(self.start) if self.start else None

    @property
    def country_name(self):
        return countries.name(self.country) if self.country else ""


NAMES = [f.name for f in fields(Card)]
