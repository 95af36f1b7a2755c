"""E-mail alerts without an account: a search (any catalogue filter and query) or a
practice followed by an address, confirmed by a link (double opt-in), sent as a daily or
weekly digest; one Delivery per subscription and period, so that a second run sends
nothing twice."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Subscription(models.Model):
    PENDING, ACTIVE, UNSUBSCRIBED = "pending", "active", "unsubscribed"
    STATUSES = [(PENDING, _("waiting for confirmation")), (ACTIVE, _("active")),
                (UNSUBSCRIBED, _("unsubscribed"))]
    DAILY, WEEKLY = "daily", "weekly"
    FREQUENCIES = [(DAILY, _("Daily")), (WEEKLY, _("Weekly"))]

    email = models.EmailField(_("e-mail"), db_index=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    frequency = models.CharField(_("frequency"), max_length=10, choices=FREQUENCIES,
                                 default=WEEKLY)
    # a search: its query string (q and the catalogue's filters); or a practice followed
    query = models.CharField(_("search"), max_length=2000, blank=True)
    practice_key = models.UUIDField(_("practice followed"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=15, choices=STATUSES, default=PENDING)
    token = models.CharField(max_length=43, unique=True, default=secrets.token_urlsafe)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    sent_until = models.DateTimeField(_("matches sent until"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("alert subscription")
        indexes = [models.Index(fields=["status", "frequency"], name="alert_due")]

    def __str__(self):
        return f"{self.email}: {self.query or self.practice_key}"


class Delivery(models.Model):
    """A digest of one subscription for one period (a day, an ISO week): written before the
    e-mail goes, so that a second run of the same period finds it and sends nothing."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE,
                                     related_name="deliveries")
    period = models.CharField(max_length=12)  # 2026-12-05, 2026-W49
    created_at = models.DateTimeField(auto_now_add=True)
    items = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscription", "period"],
                                               name="one_digest_per_period")]

    def __str__(self):
        return f"{self.subscription_id} {self.period}"
