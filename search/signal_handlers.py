"""Keep the search indexes in step with publishing, through background tasks."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from practices.models import Challenge, Dimension, PracticePage

from . import language
from .models import GlossaryConcept, GlossaryTerm


def _enqueue_pages(ids):
    from .tasks import index_practices

    ids = [int(i) for i in ids]
    transaction.on_commit(lambda: index_practices.enqueue(ids))


def practice_changed(sender, instance, **kwargs):
    # The "did you mean" vocabulary is not rebuilt here: rebuilding scans every live page,
    # so it refreshes on its cache timeout (language.CACHE_SECONDS) instead.
    _enqueue_pages([instance.pk])


def practice_moved(sender, instance, **kwargs):
    if isinstance(instance.specific_deferred, PracticePage):
        practice_changed(sender, instance)


def practice_deleted(sender, instance, **kwargs):
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
    ids = list(PracticePage.objects.descendant_of(instance.page, inclusive=True)
               .values_list("pk", flat=True))
    if ids:
        _enqueue_pages(ids)


def glossary_changed(sender, **kwargs):
    language.invalidate()


def connect():
    for signal in (page_published, page_unpublished):
        signal.connect(practice_changed, sender=PracticePage, dispatch_uid=f"kb-{signal}")
    post_page_move.connect(practice_moved, dispatch_uid="kb-moved")
    post_delete.connect(practice_deleted, sender=PracticePage, dispatch_uid="kb-deleted")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="kb-pvr")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="kb-pvrd")
    for model in (Dimension, Challenge):
        post_save.connect(taxonomy_changed, sender=model, dispatch_uid=f"kb-tax-{model}")
    for model in (GlossaryConcept, GlossaryTerm):
        post_save.connect(glossary_changed, sender=model, dispatch_uid=f"kb-gl-{model}")
        post_delete.connect(glossary_changed, sender=model, dispatch_uid=f"kb-gld-{model}")
