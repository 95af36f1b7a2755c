"""Keep the search indexes in step with publishing, through background tasks."""

import threading
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from modelsearch.signal_handlers import post_save_signal_handler as wagtail_index_on_save
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from practices.catalogue import prefetch_terms
from practices.models import Challenge, Dimension, PracticePage, TerritoryPage, Transfer

from . import language
from .documents import INDEXED
from .engines.database import DatabaseEngine
from .models import GlossaryConcept, GlossaryTerm

_deferred = threading.local()  # .ids: practice pages to index when deferred_indexing() ends
_concepts = threading.local()  # .slugs: glossary concepts changed in this transaction
CHUNK = 500


def _enqueue_pages(ids, database=False, entries=False):
    ids = [int(i) for i in ids]
    if getattr(_deferred, "ids", None) is not None:
        _deferred.ids.update(ids)
        return
    index_later(ids, database=database, entries=entries)


def index_later(ids, database=False, entries=False):
    """A background task indexes these practices once the transaction commits."""
    from .tasks import index_practices

    transaction.on_commit(lambda: index_practices.enqueue(ids, database=database,
                                                          entries=entries))


def _index_now(ids):
    """The database engine's index lives in the same database: written in the same
    transaction as the change, so that it is never seen without it (an import writes it
    once, at the end: deferred_indexing)."""
    if getattr(_deferred, "ids", None) is None:
        DatabaseEngine.index_pages(ids)


def _collect_saved(sender, instance, **kwargs):
    _deferred.ids.add(instance.pk)


@contextmanager
def deferred_indexing():
    """Index the practices saved inside the block in bulk, once per batch: what it yields
    indexes the practices saved since its last call (an import calls it after each batch;
    a background task worker then indexes one batch while the next is written), the end of
    the block those left.

    An import saves each page three times or more (tree insert, revision, publication) and
    every save would update Wagtail's search index, its reference index and ours. Meant for
    management commands: it swaps process-wide signal receivers while it runs.
    """
    _deferred.ids = set()
    post_save.disconnect(wagtail_index_on_save, sender=PracticePage)
    post_save.connect(_collect_saved, sender=PracticePage, dispatch_uid="kb-deferred")
    try:
        with disable_reference_index_auto_update():
            yield _index_collected
    finally:
        post_save.disconnect(_collect_saved, sender=PracticePage, dispatch_uid="kb-deferred")
        post_save.connect(wagtail_index_on_save, sender=PracticePage)
        _index_collected()
        _deferred.ids = None


def _index_collected():
    ids, _deferred.ids = sorted(_deferred.ids), set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        pages = list(PracticePage.objects.filter(pk__in=chunk))
        prefetch_terms(pages)
        prefetch_related_objects(pages, "updates")  # (the references look into them)
        write_references(pages)
        index_later(chunk, database=True, entries=True)


def write_references(pages):
    """Wagtail's reference index ("usage") of these practices, written again with three
    queries for all (its create_or_update_for_object reads and writes each on its own, three
    milliseconds a page)."""
    content_type = ContentType.objects.get_for_model(PracticePage)
    base = ContentType.objects.get_for_model(Page)
    rows = [ReferenceIndex(content_type=content_type, base_content_type=base, object_id=page.pk,
                           to_content_type_id=to_type, to_object_id=to_id,
                           model_path=model_path, content_path=content_path,
                           content_path_hash=ReferenceIndex._get_content_path_hash(content_path))
            for page in pages
            for to_type, to_id, model_path, content_path in
            set(ReferenceIndex._extract_references_from_object(page))]
    with transaction.atomic():
        ReferenceIndex.objects.filter(base_content_type=base,
                                      object_id__in=[str(p.pk) for p in pages]).delete()
        ReferenceIndex.objects.bulk_create(rows)


def practice_changed(sender, instance, **kwargs):
    """Published, unpublished or moved: both indexes again, after the commit. Wagtail's own
    update of its database index runs on post_save, before the page's dimensions, challenges
    and tags are written (and with the immediate task backend, at once): it would keep the
    previous ones."""
    language.invalidate()  # the "did you mean" vocabulary holds published words only
    _index_now([instance.pk])
    _enqueue_pages([instance.pk], database=True)


def page_moved(sender, instance, **kwargs):
    """A practice moved, or a page above practices moved or changed its slug: the results
    link to each practice by the address its card holds. A practice is indexed again at
    once; the practices under a page, in background tasks of CHUNK each (a catalogue holds
    thousands: their cards keep the old address for the seconds that takes)."""
    if isinstance(instance.specific_deferred, tuple(INDEXED.values())):
        practice_changed(sender, instance)
        return
    ids = [pk for model in INDEXED.values()
           for pk in model.objects.descendant_of(instance).values_list("pk", flat=True)]
    for start in range(0, len(ids), CHUNK):
        _enqueue_pages(ids[start:start + CHUNK], entries=True)


def image_changed(sender, instance, **kwargs):
    """A picture replaced or removed: the cards of the practices showing it hold its
    rendition's address (their image is set to none at the deletion, before this runs)."""
    ids = list(PracticePage.objects.filter(image_id=instance.pk).values_list("pk", flat=True))
    ids += getattr(instance, "_kb_practices", [])
    if ids:  # (after the commit too: the image editor removes the old renditions after save)
        _index_now(ids)
        _enqueue_pages(ids, entries=True)


def image_deleting(sender, instance, **kwargs):
    instance._kb_practices = list(PracticePage.objects.filter(image_id=instance.pk)
                                  .values_list("pk", flat=True))


def practice_deleted(sender, instance, **kwargs):
    language.invalidate()
    _index_now([instance.pk])
    _enqueue_pages([instance.pk])


def taxonomy_changed(sender, instance, **kwargs):
    from .tasks import index_translation_groups

    language.invalidate()
    keys = [str(k) for k in PracticePage.objects.filter(
        **{f"{sender._meta.model_name}s__slug": instance.slug}
    ).values_list("translation_key", flat=True).distinct()]
    if keys:
        transaction.on_commit(lambda: index_translation_groups.enqueue(keys))


def restriction_changed(sender, instance, **kwargs):
    """A page made private (or public again): reindex the practices under it."""
    ids = [pk for model in INDEXED.values() for pk in model.objects.descendant_of(
        instance.page, inclusive=True).values_list("pk", flat=True)]
    if ids:
        language.invalidate()
        _index_now(ids)
        _enqueue_pages(ids)


def transfer_changing(sender, instance, **kwargs):
    """(The practice a transfer named before this save: it may lose the transfer.)"""
    instance._kb_before = Transfer.objects.filter(pk=instance.pk).values_list(
        "practice_id", flat=True).first() if instance.pk else None


def transfer_changed(sender, instance, **kwargs):
    """A transfer added, validated, moved to another stage or removed: its practice's
    reuse facet and order in both engines (every version of the practices it names and
    named)."""
    named = {instance.practice_id, getattr(instance, "_kb_before", None)} - {None}
    ids = list(PracticePage.objects.filter(translation_key__in=PracticePage.objects.filter(
        pk__in=named).values("translation_key")).values_list("pk", flat=True))
    if ids:
        _index_now(ids)
        _enqueue_pages(ids)


def profile_published(sender, instance, **kwargs):
    """A territory profile published: its practices hold its place (their location on the
    map and in the documents), written by practices.territories.profile_published before."""
    ids = list(PracticePage.objects.filter(
        territory_page__translation_key=instance.translation_key).values_list("pk", flat=True))
    if ids:
        _index_now(ids)
        _enqueue_pages(ids, entries=True)


def glossary_changed(sender, instance, **kwargs):
    """Every process reads the glossary again; Elasticsearch's documents that named the
    concept, or name it now, are written again after the commit: by one task for all the
    concepts a transaction changed (the first callback takes them all; a rolled back
    change only adds a needless refresh to the next)."""
    language.glossary_changed()
    if not settings.ELASTICSEARCH_URL:
        return
    slug = instance.slug if isinstance(instance, GlossaryConcept) else (
        GlossaryConcept.objects.filter(pk=instance.concept_id)
        .values_list("slug", flat=True).first())
    if not hasattr(_concepts, "slugs"):
        _concepts.slugs = set()
    _concepts.slugs.add(slug or "")
    transaction.on_commit(_index_concepts)


def _index_concepts():
    from .tasks import index_concepts

    slugs, _concepts.slugs = getattr(_concepts, "slugs", set()), set()
    if slugs:
        index_concepts.enqueue(sorted(s for s in slugs if s))


def connect():
    for model in INDEXED.values():  # practices, events, toolbox resources
        for signal in (page_published, page_unpublished):
            signal.connect(practice_changed, sender=model, dispatch_uid=f"kb-{signal}-{model}")
        post_delete.connect(practice_deleted, sender=model, dispatch_uid=f"kb-deleted-{model}")
    post_page_move.connect(page_moved, dispatch_uid="kb-moved")
    page_slug_changed.connect(page_moved, dispatch_uid="kb-slug-changed")
    image = get_image_model()
    pre_delete.connect(image_deleting, sender=image, dispatch_uid="kb-image-deleting")
    for signal in (post_save, post_delete):
        signal.connect(image_changed, sender=image, dispatch_uid=f"kb-image-{signal}")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="kb-pvr")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="kb-pvrd")
    for model in (Dimension, Challenge):
        post_save.connect(taxonomy_changed, sender=model, dispatch_uid=f"kb-tax-{model}")
    page_published.connect(profile_published, sender=TerritoryPage,
                           dispatch_uid="kb-search-profile-published")
    pre_save.connect(transfer_changing, sender=Transfer, dispatch_uid="kb-transfer-before")
    post_save.connect(transfer_changed, sender=Transfer, dispatch_uid="kb-transfer")
    post_delete.connect(transfer_changed, sender=Transfer, dispatch_uid="kb-transfer-deleted")
    for model in (GlossaryConcept, GlossaryTerm):
        post_save.connect(glossary_changed, sender=model, dispatch_uid=f"kb-gl-{model}")
        post_delete.connect(glossary_changed, sender=model, dispatch_uid=f"kb-gld-{model}")
