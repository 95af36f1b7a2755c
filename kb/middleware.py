from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

# Addresses outside the language trees: their 404s are answers, not pages to localise.
UNPREFIXED = ("/api/", "/oembed/", "/embed/", "/exports/", "/static/", "/media/", "/documents/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware redirects a 404 on an unprefixed path to its /en/ twin when
    that twin resolves, and Wagtail's catch-all route makes every twin resolve: an API or
    oEmbed 404 would become a redirect to an HTML page. Those paths keep their 404."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)


class PreviewFramingMiddleware:
    """Wagtail renders a preview through the whole middleware stack with the page's public
    path, so the site's `frame-ancestors 'none'` would blank the admin's own preview panel.
    A preview may be framed by the site itself, nothing else; every other page stays 'none'.
    Sits below CSPMiddleware so its response is marked before the policy is written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            response._csp_replace = {"frame-ancestors": ["'self'"]}
        return response
