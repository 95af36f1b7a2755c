from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import routing
from reuse.sitemap import MultilingualSitemap
from reuse.urls import localized_urlpatterns as reuse_localized
from reuse.urls import urlpatterns as reuse_urls
from reuse.views import robots

from .api import api


def sitemap(request):
    return sitemap_view(request, sitemaps={"pages": MultilingualSitemap(request)})


urlpatterns = [
    path("api/v1/", api.urls),
    path("", include((reuse_urls, "reuse"))),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots, name="robots"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include((reuse_localized, "opendata"))),
    path("", include("participation.urls")),
    path("", include("assessment.urls")),
    path("", include("alerts.urls")),
    path("", include(routing)),  # Wagtail's pages, routed from memory once known
    prefix_default_language=True,
)
handler404 = "kb.views.not_found"
