"""What both engines index for a practice page: one document per language version."""

from functools import lru_cache

from django.core.cache import cache
from django.utils import translation
from django_countries import countries

from practices.exchange import body_to_text

from .language import LABELS_CACHE_KEY, LANGUAGES, index_terms


@lru_cache(maxsize=256)
def country_names(code: str) -> tuple[str, ...]:
    names = []
    for language in LANGUAGES:
        with translation.override(language):
            names.append(str(countries.name(code)))
    return tuple(dict.fromkeys(names))


def taxonomy_labels():
    """{"dimension": {slug: [labels in all languages]}, "challenge": {...}}, cached until a
    label changes (language.invalidate)."""
    return cache.get_or_set(LABELS_CACHE_KEY, _taxonomy_labels, 300)


def _taxonomy_labels():
    from practices.models import Challenge, Dimension

    labels = {"dimension": {}, "challenge": {}}
    for kind, model in (("dimension", Dimension), ("challenge", Challenge)):
        for slug, name in model.objects.values_list("slug", "name"):
            labels[kind].setdefault(slug, []).append(name)
    return labels


def practice_document(page, labels) -> dict:
    dimensions = sorted({d.slug for d in page.dimensions.all()})
    challenges = sorted({c.slug for c in page.challenges.all()})
    tags = [item.tag.name for item in page.tagged_items.all()]  # uses a prefetch if any
    body = body_to_text(page.body)
    label_text = [name for slug in dimensions for name in labels["dimension"].get(slug, [])]
    label_text += [name for slug in challenges for name in labels["challenge"].get(slug, [])]
    names = list(country_names(page.country.code)) if page.country else []
    location = None
    if page.latitude is not None and page.longitude is not None:
        location = {"lat": float(page.latitude), "lon": float(page.longitude)}
    return {
        "id": page.pk,
        "translation_key": str(page.translation_key),
        "external_id": page.external_id,
        "language": page.locale.language_code,
        "title": page.title,
        "summary": page.summary,
        "body": body,
        "place": " ".join(filter(None, [page.territory, page.region, *names])),
        "tags": tags,
        "labels": label_text,
        "country": page.country.code if page.country else "",
        "dimensions": dimensions,
        "challenges": challenges,
        "status": page.status,
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
        "location": location,
    }


def folded_text(document) -> str:
    """Everything searchable, folded and lemmatised (the database engine's index field)."""
    parts = [document["title"], document["summary"], document["body"], document["place"],
             " ".join(document["tags"]), " ".join(document["labels"])]
    return index_terms(" ".join(parts), document["language"])
