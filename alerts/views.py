"""Following a search or a practice by e-mail, confirming, managing and unsubscribing —
without an account: the links of the e-mails carry a secret token or a signed address."""

import logging

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.decorators import ratelimit

from core.ratelimit import form_rate
from practices.catalogue import published_by_id
from practices.models import PracticePage
from search.params import MAX_QUERY

from . import digests
from .forms import FollowForm
from .models import Subscription

logger = logging.getLogger("kb.alerts")
QUERY_LIMIT = 4 * MAX_QUERY  # a followed search's query string


def followed_query(params):
    """The catalogue's query string a visitor follows (its page number and order left out:
    a digest lists what is new)."""
    params = params.copy()
    for name in ("page", "sort", "sorted_for", "csrfmiddlewaretoken", "email", "frequency",
                 "consent", "nickname", "query"):
        params.pop(name, None)
    return params.urlencode()[:QUERY_LIMIT]


def follow_form(request, *, query="", practice=None):
    language = translation.get_language()
    form = FollowForm(request.POST or None)
    if request.method == "POST":
        if form.is_spam:
            logger.info("Honeypot filled: alert dropped")
            return redirect("alerts:sent")
        if form.is_valid():
            digests.subscribe(form, language, query=query,
                              practice_key=practice.translation_key if practice else None)
            return redirect("alerts:sent")
    subscription = Subscription(query=query, language=language,
                                practice_key=practice.translation_key if practice else None)
    return render(request, "alerts/follow.html", {
        "form": form, "practice": practice, "what": digests.describe(subscription),
        "query": query}, status=400 if form.errors else 200)


@ratelimit(key="ip", rate=form_rate, method="POST", block=True, group="alerts")
def follow_search(request):
    source = request.POST if request.method == "POST" else request.GET
    query = (source.get("query", "") if request.method == "POST"
             else followed_query(request.GET))
    return follow_form(request, query=query[:QUERY_LIMIT])


@ratelimit(key="ip", rate=form_rate, method="POST", block=True, group="alerts")
def follow_practice(request, page_id):
    practice = published_by_id(PracticePage, page_id).first()
    if practice is None:
        raise Http404
    return follow_form(request, practice=practice)


def sent(request):
    return render(request, "alerts/sent.html")


def by_token(token):
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is None:
        raise Http404
    return subscription


# The pages behind a secret link (a token, a signed address) name a person's alerts: never
# kept by the page cache or a browser's (never_cache).
@never_cache
@ratelimit(key="ip", rate=form_rate, method="POST", block=True, group="alerts-confirm")
def confirm(request, token):
    """The double opt-in: the link shows a button (mail scanners follow links, they do not
    press buttons)."""
    subscription = by_token(token)
    if request.method == "POST" and subscription.status == Subscription.PENDING:
        digests.confirm(subscription)
    return render(request, "alerts/confirm.html", {
        "subscription": subscription, "what": digests.describe(subscription),
        "manage_url": digests.manage_path(subscription.email, subscription.language)})


@never_cache
@csrf_exempt  # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click", no token
def unsubscribe(request, token):
    subscription = by_token(token)
    if request.method == "POST":
        digests.unsubscribe(subscription)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200)
    return render(request, "alerts/unsubscribe.html", {
        "subscription": subscription, "what": digests.describe(subscription),
        "done": subscription.status == Subscription.UNSUBSCRIBED})


@never_cache
def manage(request, signed):
    """Every alert of an address: its frequency changed, or stopped."""
    email = digests.email_of(signed)
    if email is None:
        raise Http404
    subscriptions = Subscription.objects.filter(email=email).exclude(
        status=Subscription.UNSUBSCRIBED).order_by("created_at")
    if request.method == "POST":
        chosen = subscriptions.filter(token=request.POST.get("token", "")).first()
        if chosen is not None:
            frequency = request.POST.get("frequency")
            if frequency in dict(Subscription.FREQUENCIES):
                chosen.frequency = frequency
                chosen.save(update_fields=["frequency"])
            elif request.POST.get("action") == "unsubscribe":
                digests.unsubscribe(chosen)
        return redirect(reverse("alerts:manage", args=[signed]))
    return render(request, "alerts/manage.html", {
        "email": email, "subscriptions": [(s, digests.describe(s)) for s in subscriptions],
        "frequencies": Subscription.FREQUENCIES})
