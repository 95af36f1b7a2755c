"""The search document of a translation group: its published versions' texts side by side,
the taxonomy and place they share. Elasticsearch indexes it as it is; the database engine
keeps the same in its own table (search.models.SearchEntry)."""

from datetime import UTC, datetime

from core.text import LANGUAGES, fold, words
from practices.catalogue import prefetch_terms, published
from practices.models import PracticePage
from practices.models.taxonomy import labels as taxonomy_labels
from practices.serializers import folded_labels, folded_text, search_document


def shown_version(versions, lang):
    """The version of a group a visitor sees: their language, else the original."""
    return (next((v for v in versions if v.locale.language_code == lang), None)
            or next((v for v in versions if v.locale.language_code == v.original_language),
                    None)
            or versions[0])


TEXT = ("title", "summary", "body", "place", "labels", "folded", "folded_labels",
        "title_keys")  # one value per version
SHARED = ("country", "dimensions", "challenges", "status", "tags")  # union over versions


def build_documents(pages):
    """One document per translation group of these pages; `pages` must be every published
    version of their groups."""
    labels = taxonomy_labels()
    by_group = {}
    for page in sorted(pages, key=lambda p: p.pk):
        by_group.setdefault(str(page.translation_key), []).append(page)
    for key, versions in by_group.items():
        parts = [search_document(page, labels) for page in versions]
        for part in parts:
            part.update(folded=folded_text(part, labels=False), folded_labels=folded_labels(part),
                        title_keys=" ".join(fold(w) for w in words(part["title"])))
        languages = sorted({part["language"] for part in parts})
        doc = {name: [part[name] for part in parts if part[name]] for name in TEXT}
        doc.update({name: sorted({value for part in parts for value in
                                  (part[name] if isinstance(part[name], list) else
                                   [part[name]]) if value}) for name in SHARED})
        doc.update(
            translation_key=key, version_ids=[part["id"] for part in parts],
            versions=[{"id": part["id"], "language": part["language"],
                       "last_published_at": part["last_published_at"]} for part in parts],
            available_languages=languages,
            tag_slugs=sorted({item.tag.slug for page in versions
                              for item in page.tagged_items.all()}),
            shown_title={lang: fold(shown_version(versions, lang).title) for lang in LANGUAGES},
            location=[part["location"] for part in parts if part["location"]][:1] or None,
            first_published_at=max(part["first_published_at"] or datetime.now(UTC)
                                   for part in parts),
            suggest={"input": list(dict.fromkeys(
                [page.title for page in versions] + doc["tags"]))[:20],
                "contexts": {"language": languages}})
        yield doc


def group_pages(keys):
    """Every published version of these translation groups, ready for build_documents."""
    pages = list(published(PracticePage.objects.filter(translation_key__in=keys))
                 .select_related("locale"))
    prefetch_terms(pages)
    return pages


