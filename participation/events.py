"""Registration to events without an account: a place or the waiting list, the confirmation
with its cancel link, promotion from the waiting list when a place frees up, reminders."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.pages import published
from practices.models import EventPage

from .models import Registration


def open_events(pk):
    """The event `pk` if a visitor may register to it now (as a queryset)."""
    now = timezone.now()
    return published(EventPage.objects.filter(pk=pk, registration_open=True, start__gt=now)) \
        .filter(Q(registration_deadline__isnull=True) | Q(registration_deadline__gt=now))


def group(event):
    return Registration.objects.filter(event_key=event.translation_key)


def places_left(event):
    """Free places of the event (None: no limit)."""
    if event.capacity is None:
        return None
    return max(event.capacity - group(event).filter(status=Registration.CONFIRMED).count(), 0)


def register(form, event, language):
    """A place if one is free, else the waiting list; one registration per address. The
    event's rows are locked (PostgreSQL; SQLite's transactions are immediate) so two visitors
    never take the last place together."""
    data = form.cleaned_data
    with transaction.atomic():
        list(EventPage.objects.select_for_update().filter(translation_key=event.translation_key)
             .order_by("pk").values_list("pk", flat=True))
        active = group(event).exclude(status=Registration.CANCELLED)
        if active.filter(email__iexact=data["email"]).exists():
            raise ValidationError({"email": _(
                "This address is already registered to this event. The confirmation e-mail "
                "has the link to cancel.")})
        full = places_left(event) == 0
        registration = Registration.objects.create(
            event=event, event_key=event.translation_key, name=data["name"],
            email=data["email"], organisation=data["organisation"], language=language,
            status=Registration.WAITING if full else Registration.CONFIRMED,
            consent_at=timezone.now())
    tell(registration, "registered")
    return registration


def cancel(registration):
    """Cancel, and give a freed place to the first on the waiting list (who is told)."""
    with transaction.atomic():
        row = Registration.objects.select_for_update().get(pk=registration.pk)
        if row.status == Registration.CANCELLED:
            return None
        freed = row.status == Registration.CONFIRMED
        row.status, row.cancelled_at = Registration.CANCELLED, timezone.now()
        row.save(update_fields=["status", "cancelled_at"])
        promoted = promote(row.event) if freed else None
    if promoted is not None:
        tell(promoted, "promoted")
    return promoted


def promote(event):
    """The first on the waiting list takes a free place (inside the caller's transaction)."""
    if places_left(event) == 0:
        return None
    first = group(event).filter(status=Registration.WAITING).order_by("created_at", "pk") \
        .select_related("event").first()
    if first is None:
        return None
    first.status, first.promoted_at = Registration.CONFIRMED, timezone.now()
    first.save(update_fields=["status", "promoted_at"])
    return first


def manage_url(registration):
    with translation.override(registration.language):
        path = reverse("participation:registration", args=[registration.token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def version_for(registration):
    """The event as the registrant reads it: their language's version where published."""
    event = registration.event
    return (published(EventPage.objects.filter(translation_key=event.translation_key,
                                               locale__language_code=registration.language))
            .first() or event)


SUBJECTS = {
    "registered": lambda r: (_("Your place at “%(title)s”") if r.status == Registration.CONFIRMED
                             else _("You are on the waiting list of “%(title)s”")),
    "promoted": lambda r: _("A place is yours at “%(title)s”"),
    "reminder": lambda r: _("Reminder: “%(title)s” is coming up"),
}


def tell(registration, what):
    """E-mail the registrant in their language: confirmed or waiting, promoted, reminded;
    each message has the link to see and cancel the registration."""
    with translation.override(registration.language):
        event = version_for(registration)
        subject = SUBJECTS[what](registration) % {"title": event.title}
        body = render_to_string("participation/email_registration.txt", {
            "registration": registration, "event": event, "what": what,
            "manage_url": manage_url(registration),
            "event_url": event.full_url})
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email]).send()


def send_reminders(hours=None, now=None):
    """Remind the confirmed participants of events starting within `hours`: each once, even
    if two runs overlap (a row is claimed before its e-mail goes)."""
    now = now or timezone.now()
    hours = settings.KB_EVENT_REMINDER_HOURS if hours is None else hours
    due = Registration.objects.filter(
        status=Registration.CONFIRMED, reminded_at__isnull=True,
        event__start__gt=now, event__start__lte=now + timedelta(hours=hours),
        event__live=True).select_related("event")
    sent = 0
    for registration in due:
        claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True) \
            .update(reminded_at=now)
        if claimed:
            tell(registration, "reminder")
            sent += 1
    return sent


def purge(days=None, now=None):
    """Delete the registrations of events that ended more than `days` ago."""
    days = settings.KB_EVENT_ATTENDEE_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _detail = Registration.objects.filter(event__end__lt=cutoff).delete()
    return deleted
