"""The anonymous page cache: Django's cache middleware (pages in each worker's memory, or in
Redis: KB_PAGE_CACHE_STORE), kept to what every visitor may be served.

Served from the cache and stored in it: GET and HEAD requests of a visitor without a session
(no session or messages cookie), outside the admin and the documents (which check
permissions), whose response is a 200 that sets no cookie, renders no CSRF token, is not
marked private or uncacheable, and was not answered by a fallback (a search while
Elasticsearch is down, `uncacheable()`). The key is Django's: the whole address (host, path
with the language prefix, query string) and the headers the response varies on.

Invalidation: every key holds a stamp (core.memo.Versioned) that any change of content
moves — a model saved or deleted anywhere but the apps of IGNORED (publishing and
unpublishing save the page), many-to-many relations, Wagtail's move (which rewrites the
paths under the page without saving them), and the search indexes written after a change
(`changed()`) — so a publish, an unpublish, a move, a deletion, a translation or a taxonomy
or glossary edit is seen by the next request of every process; the stamp read at the start
of a request keys what it stores (a page rendered while content changed is stored under the
stamp nobody reads any more). Entries expire after KB_PAGE_CACHE_SECONDS anyway. Browsers
are told `max-age=KB_PAGE_BROWSER_SECONDS` (0 by default: they ask again, the server answers
from its cache), never the server's lifetime.
"""

import re
import threading

from django.conf import settings
from django.core.signals import setting_changed
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware import cache as django_cache
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from wagtail.signals import post_page_move

from .memo import Versioned

PAGES = Versioned("kb:core:pages-version", lambda: None)  # (only its stamp is used)
# Writes that change nothing a visitor is served: sessions, logins, task queue rows, the
# admin's own log and search, Wagtail's reference index, e-mail alerts (apps, or app.model).
IGNORED = {"sessions", "auth", "wagtailusers", "contenttypes", "admin", "django_tasks",
           "django_tasks_database", "modelsearch", "wagtailsearch",
           "wagtailcore.referenceindex",
           "alerts"}  # (alert subscriptions and digests: no public page shows them)
EXCLUDED = ("/admin/", "/django-admin/", "/documents/")
PRIVATE = re.compile(r"\b(private|no-cache|no-store)\b", re.IGNORECASE)
_request = threading.local()  # .prefix: the key prefix of this thread's request; .bypass


def changed(sender=None, **kwargs):
    """Content changed: no cached page is served again (a signal receiver too)."""
    meta = getattr(sender, "_meta", None)
    if meta is None or not {meta.app_label, meta.label_lower} & IGNORED:
        PAGES.bump()


def uncacheable():
    """What the current request answers must not be stored (a degraded answer)."""
    _request.bypass = True


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(changed, dispatch_uid=f"kb-pages-{signal}")
    post_page_move.connect(changed, dispatch_uid="kb-pages-moved")
    setting_changed.connect(changed, dispatch_uid="kb-pages-settings")  # (tests)


def eligible(request):
    cookies = request.COOKIES
    return (settings.KB_PAGE_CACHE_SECONDS > 0 and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies
            and not request.path_info.startswith(EXCLUDED))


def for_browsers(response, state):
    response.headers["Cache-Control"] = f"max-age={settings.KB_PAGE_BROWSER_SECONDS}"
    response.headers.pop("Expires", None)
    response.headers["X-Page-Cache"] = state
    return response


class RequestPrefix:
    """The key prefix of the request this thread serves (the stamp it started with)."""

    @property
    def key_prefix(self):
        return getattr(_request, "prefix", "")

    @key_prefix.setter
    def key_prefix(self, value):
        pass  # (Django's __init__ sets the fixed one of its settings)


class FetchFromCacheMiddleware(RequestPrefix, django_cache.FetchFromCacheMiddleware):
    """Below the locale's choice (Django's key holds the active language), above everything
    else: a cached page skips the rest of the stack."""

    def process_request(self, request):
        _request.bypass = False
        if not eligible(request):
            request._cache_update_cache = False
            return None
        _request.prefix = f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}kb-page:{PAGES.stamp()}"
        response = super().process_request(request)
        if response is None:
            return None
        # If-None-Match / If-Modified-Since against the stored page's ETag / Last-Modified
        # (the view that would have answered 304 is not called)
        response = get_conditional_response(
            request, etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response)
        return for_browsers(response, "hit")


class UpdateCacheMiddleware(RequestPrefix, django_cache.UpdateCacheMiddleware):
    """Above everything that shapes a page (locale, session, CSRF, clickjacking headers),
    below the headers made per request (CORS, CSP, security), which a cached page gets
    again on its way out."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.cache_timeout = settings.KB_PAGE_CACHE_SECONDS

    def _should_update_cache(self, request, response):
        return (super()._should_update_cache(request, response)
                and not getattr(_request, "bypass", False)
                and not response.cookies  # a session, CSRF or language cookie
                # a CSRF token was rendered (the key is set when one is asked for)
                and "CSRF_COOKIE_NEEDS_UPDATE" not in request.META)

    def process_response(self, request, response):
        if not self._should_update_cache(request, response) or PRIVATE.search(
                response.get("Cache-Control", "")):  # (never_cache: kept by no cache at all)
            return response
        response = super().process_response(request, response)
        # stored: Django marked it with the server's lifetime (Expires), which browsers are
        # not to keep
        if response.status_code == 200 and response.has_header("Expires"):
            return for_browsers(response, "miss")
        return response
