"""One serializer of a practice: every shape that leaves the site (the exchange record, the
read API, the search API's result, the search document) picks its fields from `FIELDS` and
may add its own."""

from functools import lru_cache
from html import unescape as html_unescape

from django.utils import translation
from django.utils.html import strip_tags
from django_countries import countries

from core.text import LANGUAGES, index_terms

CARD_RENDITION = "fill-480x300"  # the picture of a practice card (catalogue, search, embed)


def body_to_text(body):
    """The text of the paragraphs, read from the stored data (no block is built: a body's
    images would otherwise be fetched)."""
    parts = []
    for block in body.raw_data:
        if block["type"] == "paragraph":
            html = block["value"].replace("<br>", "\n").replace("<br/>", "\n")
            html = html.replace("</p>", "\n\n")
            text = html_unescape(strip_tags(html)).strip()
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


# --- the search document of a language version (Elasticsearch puts a translation group's
# versions side by side in one document) ----------------------------------------------------

DOCUMENT_FIELDS = ("id", "translation_key", "external_id", "language", "title", "summary",
                   "body", "tags", "country", "dimensions", "challenges", "status",
                   "first_published_at", "last_published_at")


@lru_cache(maxsize=256)
def country_names(code: str) -> tuple[str, ...]:
    names = []
    for language in LANGUAGES:
        with translation.override(language):
            names.append(str(countries.name(code)))
    return tuple(dict.fromkeys(names))


def search_document(page, labels) -> dict:
    document = practice_data(page, DOCUMENT_FIELDS)
    label_text = [name for slug in document["dimensions"]
                  for name in labels["dimension"].get(slug, [])]
    label_text += [name for slug in document["challenges"]
                   for name in labels["challenge"].get(slug, [])]
    names = list(country_names(page.country.code)) if page.country else []
    location = None
    if page.latitude is not None and page.longitude is not None:
        location = {"lat": float(page.latitude), "lon": float(page.longitude)}
    document.update(place=" ".join(filter(None, [page.territory, page.region, *names])),
                    labels=label_text, location=location)
    return document


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
