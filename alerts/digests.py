"""Subscribing (double opt-in) and the digests: each active subscription of a frequency gets
the new and updated matches since its last digest, in its language, once per period (a
Delivery row is written first: a second run of the same period sends nothing)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from practices.catalogue import site_chrome
from search.engines.base import display_hits, label_facets
from search.engines.database import DatabaseEngine

from . import matching
from .models import Delivery, Subscription

logger = logging.getLogger("kb.alerts")
SALT = "kb-alerts-manage"
LOOKBACK = {Subscription.DAILY: timedelta(days=1), Subscription.WEEKLY: timedelta(days=7)}


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def path(name, language, *args):
    with translation.override(language):
        return reverse(f"alerts:{name}", args=args)


def link(name, language, *args):
    return absolute(path(name, language, *args))


def manage_path(email, language):
    """The page of every alert of an address (a signed link: no account)."""
    return path("manage", language, signing.dumps(email.lower(), salt=SALT, compress=True))


def manage_link(email, language):
    return absolute(manage_path(email, language))


def email_of(signed):
    """The address a manage link was made for, or None (altered or made elsewhere)."""
    try:
        return signing.loads(signed, salt=SALT)
    except signing.BadSignature:
        return None


def describe(subscription):
    """What a subscription follows, in its language: the practice's title, or the search's
    words and chosen filters."""
    language = subscription.language
    if subscription.practice_key:
        group = DatabaseEngine().cards([str(subscription.practice_key)])
        hits = display_hits([str(subscription.practice_key)], group, language)
        return hits[0].card.title if hits else _("a practice no longer published")
    query = matching.saved_query(subscription.query, language)
    parts = [f"“{query.q}”"] if query.q else []
    with translation.override(language):
        facets = label_facets({}, query)
        parts += [value["label"] for name, values in facets.items() for value in values
                  if value["selected"] and not (name == "type" and query.type == ["practice"])]
        return " · ".join(parts) or _("every new practice")


def subscribe(form, language, *, query="", practice_key=None):
    """A pending subscription and its confirmation e-mail (an address following the same
    thing again gets the e-mail again; nothing is sent before it is confirmed)."""
    data = form.cleaned_data
    subscription, _created = Subscription.objects.update_or_create(
        email=data["email"].lower(), query=query, practice_key=practice_key,
        status__in=[Subscription.PENDING, Subscription.ACTIVE],
        defaults={"language": language, "frequency": data["frequency"]})
    with translation.override(language):
        EmailMessage(
            _("Confirm your Smart Villages alert"),
            render_to_string("alerts/email_confirm.txt", {
                "subscription": subscription, "what": describe(subscription),
                "confirm_url": link("confirm", language, subscription.token)}),
            settings.DEFAULT_FROM_EMAIL, [subscription.email]).send()
    return subscription


def confirm(subscription):
    if subscription.status == Subscription.PENDING:
        subscription.status = Subscription.ACTIVE
        subscription.confirmed_at = subscription.sent_until = timezone.now()
        subscription.save(update_fields=["status", "confirmed_at", "sent_until"])
        if subscription.query and settings.ELASTICSEARCH_URL:
            try:  # (else registered by the next digest run)
                matching.Percolator().register([(subscription.query, subscription.language)])
            except Exception as exc:  # noqa: BLE001
                logger.warning("Saving the alert's percolator query failed: %s", exc)
    return subscription


def unsubscribe(subscription):
    if subscription.status != Subscription.UNSUBSCRIBED:
        subscription.status = Subscription.UNSUBSCRIBED
        subscription.save(update_fields=["status"])


def catalogue_url_for(language):
    return site_chrome(language)["sections"].get("practices", "")  # (cached)


def period_of(frequency, moment):
    day = timezone.localtime(moment).date()
    if frequency == Subscription.DAILY:
        return day.isoformat()
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def build(frequency, now=None):
    """[(subscription, keys of its new and updated matches)] of the active subscriptions of
    this frequency not yet sent this period."""
    now = now or timezone.now()
    period = period_of(frequency, now)
    due = list(Subscription.objects.filter(status=Subscription.ACTIVE, frequency=frequency)
               .exclude(deliveries__period=period))
    if not due:
        return []
    start = {sub.pk: sub.sent_until or sub.confirmed_at or now - LOOKBACK[frequency]
             for sub in due}
    changed = matching.changed_since(min(start.values()), now)
    searches = {(sub.query, sub.language) for sub in due if not sub.practice_key}
    found = matching.matches(searches, changed)
    digests = []
    for sub in due:
        keys = ({str(sub.practice_key)} & set(changed) if sub.practice_key
                else found.get((sub.query, sub.language), set()))
        fresh = sorted((k for k in keys if changed[k] > start[sub.pk]),
                       key=lambda k: changed[k], reverse=True)
        digests.append((sub, fresh))
    return digests


def send(frequency, now=None):
    """Send this period's digests; returns (digests sent, subscriptions with nothing new).
    Safe to run twice, or twice at once: a period's Delivery row is made before its e-mail
    and removed if the e-mail fails (the next run tries again)."""
    now = now or timezone.now()
    period = period_of(frequency, now)
    sent = empty = 0
    engine = DatabaseEngine()
    for subscription, keys in build(frequency, now):
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(subscription=subscription, period=period,
                                                   items=len(keys))
        except IntegrityError:
            continue  # another run has it
        if keys:
            try:
                message(subscription, keys, engine).send()
            except Exception:
                delivery.delete()
                raise
            sent += 1
        else:
            empty += 1
        Subscription.objects.filter(pk=subscription.pk).update(sent_until=now)
    return sent, empty


def all_results_url(subscription):
    """The followed search on the catalogue, newest first (a practice: its page)."""
    if subscription.practice_key:
        return ""
    index = catalogue_url_for(subscription.language)
    query = "&".join(filter(None, [subscription.query, "sort=newest"]))
    return absolute(f"{index}?{query}") if index else ""


def message(subscription, keys, engine):
    """The digest e-mail: plain text (no pixel, no tracked link), in the subscriber's
    language, with one-click unsubscription (RFC 8058) and the page of their alerts."""
    language = subscription.language
    listed = keys[:settings.KB_ALERT_DIGEST_ITEMS]  # the newest; the rest on the site
    hits = display_hits(listed, engine.cards(listed), language)
    unsubscribe_url = link("unsubscribe", language, subscription.token)
    with translation.override(language):
        subject = ngettext("Smart Villages: %(n)d new or updated result for your alert",
                           "Smart Villages: %(n)d new or updated results for your alert",
                           len(keys)) % {"n": len(keys)}
        body = render_to_string("alerts/email_digest.txt", {
            "subscription": subscription, "what": describe(subscription), "hits": hits,
            "more": len(keys) - len(hits), "all_url": all_results_url(subscription),
            "base": absolute(""), "unsubscribe_url": unsubscribe_url,
            "manage_url": manage_link(subscription.email, language)})
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [subscription.email],
                        headers={"List-Unsubscribe": f"<{unsubscribe_url}>",
                                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                                 "List-Id": "Smart Villages alerts <alerts.smart-villages>",
                                 "Auto-Submitted": "auto-generated"})
