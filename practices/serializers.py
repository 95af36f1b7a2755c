"""One serializer of a practice: every shape that leaves the site (the exchange record, the
read API, the search API's result, the search document) picks its fields from `FIELDS` and
may add its own."""

import json
import re
from functools import lru_cache
from html import unescape as html_unescape

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import translation
from django_countries import countries

from core.text import LANGUAGES, index_terms

CARD_RENDITION = "fill-480x300"  # the picture of a practice card (catalogue, search, embed)


TAG = re.compile(r"<[^>]*>")


def body_to_text(body):
    """The text of the paragraphs, read from the stored data (no block is built: a body's
    images would otherwise be fetched). Rich text is stored as the editor's well-formed
    HTML (a "<" of the text is "&lt;" there): its tags are dropped by a pattern, five times
    faster than Django's strip_tags, which parses HTML of any shape. `body`: a StreamField's
    value, or its stored JSON text."""
    parts = []
    for block in (json.loads(body or "[]") if isinstance(body, str) else body.raw_data):
        if block["type"] == "paragraph":
            html = block["value"].replace("<br>", "\n").replace("<br/>", "\n")
            html = html.replace("</p>", "\n\n")
            text = html_unescape(TAG.sub("", html)).strip()
            if text:
                parts.append(text)
    return "\n\n".join(parts)


def coordinate(value):
    return float(value) if value is not None else None


FIELDS = {
    "id": lambda p: p.pk,
    "external_id": lambda p: p.external_id,  # given by PracticePage.save ("kb-<pk>" by default)
    "translation_key": lambda p: str(p.translation_key),
    "language": lambda p: p.locale.language_code,
    "original_language": lambda p: p.original_language or p.locale.language_code,
    "title": lambda p: p.title,
    "summary": lambda p: p.summary,
    "body": lambda p: body_to_text(p.body),
    "country": lambda p: p.country.code if p.country else "",
    "region": lambda p: p.region,
    "territory": lambda p: p.territory,
    "latitude": lambda p: coordinate(p.latitude),
    "longitude": lambda p: coordinate(p.longitude),
    # slugs, sorted; the prefetches of the listings are used when there are some
    "dimensions": lambda p: sorted(d.slug for d in p.dimensions.all()),
    "challenges": lambda p: sorted(c.slug for c in p.challenges.all()),
    "funding": lambda p: sorted(f.slug for f in p.funding.all()),
    "budget_range": lambda p: p.budget_range,
    "funding_share": lambda p: p.funding_share,
    "tags": lambda p: sorted(item.tag.name for item in p.tagged_items.all()),
    "status": lambda p: p.status,
    "start_year": lambda p: p.start_year,
    "end_year": lambda p: p.end_year,
    "population": lambda p: p.population,
    "altitude_m": lambda p: p.altitude_m,
    "lead_organisation": lambda p: p.lead_organisation,
    "partners": lambda p: p.partner_list,
    "resources": lambda p: p.resources,
    "results": lambda p: p.results,
    "lessons": lambda p: p.lessons,
    "transferability": lambda p: p.transferability,
    "website": lambda p: p.website,
    "contact_name": lambda p: p.contact_name,
    "contact_email": lambda p: p.contact_email,
    "published": lambda p: p.live,
    "validated_at": lambda p: p.validated_at.isoformat() if p.validated_at else None,
    "validation_note": lambda p: p.validation_note,
    "first_published_at": lambda p: p.first_published_at,
    "last_published_at": lambda p: p.last_published_at,
}


def practice_data(page, fields) -> dict:
    """The named fields of a practice, in the order asked."""
    return {name: FIELDS[name](page) for name in fields}


# --- the same fields of many practices, read in bulk (whole exports): rows of one query, not
# page objects (building those and their relations is most of an export's time) -------------

def _same(value):
    return value


def _text(value):
    return value or ""


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


ROW_FIELDS = {  # field: (column, conversion) — the conversions of FIELDS above
    "id": ("id", _same), "external_id": ("external_id", _same),
    "translation_key": ("translation_key", str), "language": ("locale__language_code", _same),
    "original_language": ("original_language", _same), "title": ("title", _same),
    "summary": ("summary", _same), "body": ("body_json", body_to_text),
    "country": ("country", _text), "latitude": ("latitude", coordinate),
    "longitude": ("longitude", coordinate), "partners": ("partners", _lines),
    "published": ("live", _same),
    "validated_at": ("validated_at", lambda d: d.isoformat() if d else None),
    **{name: (name, _same) for name in (
        "region", "territory", "status", "start_year", "end_year", "population", "altitude_m",
        "budget_range", "funding_share",
        "lead_organisation", "resources", "results", "lessons", "transferability", "website",
        "contact_name", "contact_email", "validation_note", "first_published_at",
        "last_published_at")},
}
RELATIONS = {"dimensions": "dimension__slug", "challenges": "challenge__slug",
             "funding": "fundingsource__slug"}


def row_columns(fields):
    """The columns practice_data's `fields` are read from (with_body_text for the body)."""
    columns = ["id", *(ROW_FIELDS[name][0] for name in fields if name in ROW_FIELDS)]
    if "original_language" in fields:
        columns.append("locale__language_code")
    return list(dict.fromkeys(columns))


def with_body_text(queryset):
    """The body's stored JSON as text: a StreamField's value is built per row."""
    return queryset.annotate(body_json=Cast("body", TextField()))


def row_data(row, fields, related):
    """practice_data(page, fields) from a row of row_columns(fields); `related`: {field:
    {page id: values}} for the tags, dimensions and challenges asked."""
    data = {name: sorted(related[name].get(row["id"], [])) if name in related
            else ROW_FIELDS[name][1](row[ROW_FIELDS[name][0]]) for name in fields}
    if "original_language" in data:
        data["original_language"] = data["original_language"] or row["locale__language_code"]
    return data


def practices_data(ids, fields, chunk=1000):
    """practice_data(page, fields) for the pages of these ids, in their order, read `chunk`
    at a time: one query for the pages' columns and one per taxonomy or tags asked."""
    from .models import PracticePage

    columns = row_columns(fields)
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        rows = {row["id"]: row for row in
                with_body_text(PracticePage.objects.filter(pk__in=part)).values(*columns)}
        related = {name: {} for name in fields if name in ("tags", *RELATIONS)}
        for name, found in related.items():
            for page_id, value in _links(name, part):
                found.setdefault(page_id, []).append(value)
        for page_id in part:
            if page_id in rows:  # (else deleted meanwhile)
                yield row_data(rows[page_id], fields, related)


def _links(name, ids):
    """(page id, slug or tag name) of these pages' dimensions, challenges, funding or
    tags."""
    from .models import PracticePage, PracticeTag

    if name == "tags":
        return PracticeTag.objects.filter(content_object_id__in=ids).values_list(
            "content_object_id", "tag__name")
    return getattr(PracticePage, name).through.objects.filter(
        practicepage_id__in=ids).values_list("practicepage_id", RELATIONS[name])


# --- the search document of a language version (Elasticsearch puts a translation group's
# versions side by side in one document) ----------------------------------------------------

DOCUMENT_FIELDS = ("id", "translation_key", "external_id", "language", "title", "summary",
                   "body", "tags", "country", "dimensions", "challenges", "funding", "status",
                   "first_published_at", "last_published_at")


@lru_cache(maxsize=256)
def country_names(code: str) -> tuple[str, ...]:
    names = []
    for language in LANGUAGES:
        with translation.override(language):
            names.append(str(countries.name(code)))
    return tuple(dict.fromkeys(names))


LABELLED = {"dimension": "dimensions", "challenge": "challenges", "funding": "funding"}


def search_document(page, labels) -> dict:
    document = practice_data(page, DOCUMENT_FIELDS)
    label_text = [name for kind, relation in LABELLED.items() for slug in document[relation]
                  for name in labels[kind].get(slug, [])]
    names = list(country_names(page.country.code)) if page.country else []
    location = None
    if page.latitude is not None and page.longitude is not None:
        location = {"lat": float(page.latitude), "lon": float(page.longitude)}
    document.update(place=" ".join(filter(None, [page.territory, page.region, *names])),
                    labels=label_text, location=location)
    return document


def page_search_document(page, labels) -> dict:
    """The search document of an event or a toolbox resource version, in the shape of a
    practice's (search_document): what it has of a practice's fields, the rest empty."""
    dimensions = sorted(d.slug for d in page.dimensions.all())
    challenges = (sorted(c.slug for c in page.challenges.all())
                  if hasattr(page, "challenges") else [])
    country = getattr(page, "country", None)
    names = list(country_names(country.code)) if country else []
    latitude, longitude = getattr(page, "latitude", None), getattr(page, "longitude", None)
    return {
        "id": page.pk, "translation_key": str(page.translation_key), "external_id": "",
        "language": page.locale.language_code, "title": page.title, "summary": page.summary,
        "body": "\n\n".join(filter(None, [body_to_text(page.body),
                                          TAG.sub(" ", getattr(page, "minutes", "") or "")])),
        "tags": [], "country": country.code if country else "", "dimensions": dimensions,
        "challenges": challenges, "funding": [], "status": "",
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
        "place": " ".join(filter(None, [getattr(page, "venue", ""),
                                        getattr(page, "address", ""), *names])),
        "labels": [name for kind, slugs in (("dimension", dimensions),
                                            ("challenge", challenges))
                   for slug in slugs for name in labels[kind].get(slug, [])],
        "location": ({"lat": float(latitude), "lon": float(longitude)}
                     if latitude is not None and longitude is not None else None),
    }


def folded_text(document, labels=True) -> str:
    """What a practice is found by, folded and lemmatised: its own text, and (unless
    `labels` is false) the labels and synonyms of its taxonomy terms."""
    text = text_terms(" ".join([document["title"], document["summary"], document["body"],
                                document["place"], " ".join(document["tags"])]),
                      document["language"])
    if not labels:
        return text
    return " ".join(dict.fromkeys([*text.split(), *" ".join(folded_labels(document)).split()]))


@lru_cache(maxsize=2_000)
def text_terms(text, language):
    """(A practice's text is folded once when an import or a publication indexes it for
    Wagtail's search and then for the engine's: the same text, moments apart.)"""
    return index_terms(text, language)


def folded_labels(document) -> list[str]:
    """Each label and synonym of its taxonomy terms, folded and lemmatised, apart (a phrase
    never runs from one label into the next)."""
    return [label_terms(label, document["language"]) for label in document["labels"]]


@lru_cache(maxsize=10_000)
def label_terms(label, language):
    """(A taxonomy label is folded and lemmatised once per process, not once per practice.)"""
    return index_terms(label, language)
