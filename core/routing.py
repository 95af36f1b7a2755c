"""Wagtail's page routing, remembered in each process.

Serving a page makes Wagtail find the site (one query), the active locale's root (one), walk
the tree one URL segment at a time (one query each) and read the page's view restrictions
(two): eight queries before the page's own work, for a search page three times the work of
the search. A route found once — the site and the live page object (specific, with what its
first request read and kept on it) — is kept per (host, language, path) until a page, a
site, a locale, a view restriction or an image changes anywhere (core.memo.Versioned), then
looked up again. The route is the same for every visitor: Wagtail routes live pages only
and checks view restrictions on each request, after routing (core.pages.PublicPage)."""

import copy
import threading

from cachetools import LRUCache
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.urls import re_path
from django.utils import translation
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .memo import Versioned

ROUTES = Versioned("kb:core:routes-version",
                   lambda: LRUCache(maxsize=settings.KB_ROUTE_MEMO_SIZE))
_lock = threading.Lock()  # (an LRU cache reorders itself on every read)
CHANGES = (Page, Site, Locale, PageViewRestriction, AbstractImage)


def serve(request, path):
    """Wagtail's `serve` view, routed from memory when the route is known."""
    if request.method in ("GET", "HEAD"):
        routes = ROUTES.get()
        key = (request.get_host(), translation.get_language(), path)
        with _lock:
            known = routes.get(key)
        if known is not None:
            site, page, args, kwargs = known
            request._wagtail_site = site
            # a copy per request: what a request sets on its page stays its own
            request._wagtail_route_for_request = (copy.copy(page), args, kwargs)
        else:
            route = Page.route_for_request(request, path)
            if route is not None:  # (a routable page's sub-route: its view and arguments)
                with _lock:
                    routes[key] = (Site.find_for_request(request), *route)
    return wagtail_views.serve(request, path)


def changed(sender, instance=None, **kwargs):
    if instance is None or isinstance(instance, CHANGES):
        ROUTES.bump()


def connect():
    for signal in (post_save, post_delete):
        signal.connect(changed, dispatch_uid=f"kb-routes-{signal}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(changed, dispatch_uid=f"kb-routes-{signal}")


# Wagtail's front-end URLs with this `serve` (kb/urls.py includes them in its place)
urlpatterns = [pattern for pattern in wagtail_urls.urlpatterns
               if getattr(pattern, "name", None) != "wagtail_serve"]
urlpatterns.append(re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"))
