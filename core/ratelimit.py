"""Rate limiting of the public forms (django-ratelimit), shared by every app that has one."""

from django.conf import settings
from django.shortcuts import render


def form_rate(group, request):
    """The rate of every public form's POST, per client address (KB_PUBLIC_FORM_RATE)."""
    return settings.KB_PUBLIC_FORM_RATE


def rate_limited(request, exception=None):
    """The page a visitor meets over the rate (RATELIMIT_VIEW)."""
    return render(request, "core/rate_limited.html", status=429)
