"""Background work of practices (django-tasks: immediate in dev and tests, a db_worker in
production)."""

from django.db import transaction
from django_tasks import task

from .agenda import fetch_recording as fetch_embed
from .models import EventPage


@task()
def fetch_recording(page_id: int) -> bool:
    """Fetch the embed of an event's recording once it is published, so that no visitor waits
    for the video platform (practices.agenda.recording reads the stored one)."""
    page = EventPage.objects.filter(pk=page_id).first()
    return bool(page) and fetch_embed(page)


def event_published(sender, instance, **kwargs):
    if instance.recording_url:
        transaction.on_commit(lambda: fetch_recording.enqueue(instance.pk))
