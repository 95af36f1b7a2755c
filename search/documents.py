"""The search document of a translation group: its published versions' texts side by side,
the taxonomy and place they share. Elasticsearch indexes it as it is; the database engine
keeps the same in its own table (search.models.SearchEntry)."""

import threading
from contextlib import contextmanager
from datetime import UTC, datetime

from django.db.models import prefetch_related_objects
from wagtail.models import Page

from core.text import LANGUAGES, fold, words
from practices.cards import Addresses, card_data, card_pictures
from practices.catalogue import prefetch_terms, published
from practices.models import EventPage, PracticePage, ResourcePage, Transfer, TransferStatus
from practices.models.taxonomy import labels as taxonomy_labels
from practices.serializers import (
    folded_labels,
    folded_text,
    page_search_document,
    search_document,
)

# What the search finds, by its kind of result (the `type` facet): practices, and the
# programme's events and toolbox resources (their documents in the practices' shape).
INDEXED = {"practice": PracticePage, "event": EventPage, "resource": ResourcePage}


def page_language(page):
    return page.locale.language_code


def shown_version(versions, lang, language=page_language):
    """The version of a group a visitor sees: their language, else the original (versions
    are pages, or cards with `language=attrgetter("language")`)."""
    return (next((v for v in versions if language(v) == lang), None)
            or next((v for v in versions
                     if language(v) == getattr(v, "original_language", None)), None)
            or versions[0])


TEXT = ("title", "summary", "body", "place", "labels", "folded", "folded_labels",
        "title_keys")  # one value per version
SHARED = ("country", "dimensions", "challenges", "funding", "status", "tags")  # union over versions


def reuse_of(keys):
    """{translation key: (stages of its validated transfers, territories reusing it)}."""
    found = {}
    for key, stage, territory in Transfer.objects.filter(
            practice__translation_key__in=keys, status=TransferStatus.VALIDATED).values_list(
            "practice__translation_key", "stage", "territory__translation_key"):
        stages, territories = found.setdefault(str(key), (set(), set()))
        stages.add(stage)
        territories.add(territory)
    return {key: (sorted(stages), len(territories)) for key, (stages, territories)
            in found.items()}


def build_documents(pages):
    """One document per translation group of these pages; `pages` must be every published
    version of their groups."""
    labels = taxonomy_labels()
    addresses = Addresses()
    for model in {type(page) for page in pages}:  # (each model's own relations)
        prefetch_related_objects([p for p in pages if type(p) is model], card_pictures())
    by_group = {}
    for page in sorted(pages, key=lambda p: p.pk):
        by_group.setdefault(str(page.translation_key), []).append(page)
    reuse = reuse_of(list(by_group))
    for key, versions in by_group.items():
        kind = versions[0].search_type
        parts = [search_document(page, labels) if kind == "practice"
                 else page_search_document(page, labels) for page in versions]
        for part in parts:
            part.update(folded=folded_text(part, labels=False), folded_labels=folded_labels(part),
                        title_keys=" ".join(fold(w) for w in words(part["title"])))
        languages = sorted({part["language"] for part in parts})
        doc = {name: [part[name] for part in parts if part[name]] for name in TEXT}
        doc.update({name: sorted({value for part in parts for value in
                                  (part[name] if isinstance(part[name], list) else
                                   [part[name]]) if value}) for name in SHARED})
        doc.update(
            type=[kind], translation_key=key, version_ids=[part["id"] for part in parts],
            versions=[{"id": part["id"], "language": part["language"],
                       "last_published_at": part["last_published_at"]} for part in parts],
            available_languages=languages,
            reuse=reuse.get(key, ([], 0))[0], reused=reuse.get(key, ([], 0))[1],
            # each version's texts under its language (Elasticsearch analyses them there)
            analysed={lang: {name: [part[name] for part in parts
                                    if part["language"] == lang and part[name]]
                             for name in ("title", "summary", "body")} for lang in languages},
            tag_slugs=sorted({item.tag.slug for page in versions if kind == "practice"
                              for item in page.tagged_items.all()}),
            # what a result shows of each version (practices.cards), and its text for snippets
            cards=[card_data(page, addresses) for page in versions],
            bodies={str(part["id"]): part["body"] for part in parts},
            shown_title={lang: fold(shown_version(versions, lang).title) for lang in LANGUAGES},
            location=[part["location"] for part in parts if part["location"]][:1] or None,
            first_published_at=max(part["first_published_at"] or datetime.now(UTC)
                                   for part in parts),
            suggest={"input": list(dict.fromkeys(
                [page.title for page in versions] + doc["tags"]))[:20],
                "contexts": {"language": languages}})
        yield doc


_kept = threading.local()  # .documents: {translation key: document or None} in documents_kept()


@contextmanager
def documents_kept():
    """Inside the block a translation group's document is built once: a background task
    writes the same groups to the database engine's index, then to Elasticsearch."""
    _kept.documents = {}
    try:
        yield
    finally:
        _kept.documents = None


def documents_for(keys):
    """The documents of these translation groups (none for a group with no published
    version left)."""
    kept = getattr(_kept, "documents", None)
    if kept is not None and keys <= kept.keys():
        return [kept[key] for key in keys if kept[key] is not None]
    documents = list(build_documents(group_pages(keys)))
    if kept is not None:
        kept.update(dict.fromkeys(keys))
        kept.update((doc["translation_key"], doc) for doc in documents)
    return documents


def group_pages(keys):
    """Every published version of these translation groups (practices, events, resources),
    ready for build_documents."""
    pages = list(published(PracticePage.objects.filter(translation_key__in=keys))
                 .select_related("locale"))
    prefetch_terms(pages)
    for model in (EventPage, ResourcePage):
        pages += published(model.objects.filter(translation_key__in=keys)).select_related(
            "locale", "image").prefetch_related(*page_relations(model))
    return pages


def published_ids(ids):
    """Which of these page ids (of the INDEXED models) are published: one query."""
    return set(published(Page.objects.filter(pk__in=ids)).values_list("pk", flat=True))


def page_relations(model):
    """What an event's or a resource's document reads of its relations."""
    return ["dimensions", *(["challenges"] if model is ResourcePage else [])]


