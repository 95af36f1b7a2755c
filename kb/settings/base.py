"""Production-safe defaults. Secrets and hosts come from the environment (docs/settings.md)."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "core",
    "practices",
    "search",
    "reuse",
    "participation",
    "assessment",
    "alerts",
    "kb",  # the project: settings, URLs, the API, project-wide commands (load_demo)
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "ninja",
    "modelcluster",
    "taggit",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "corsheaders",
    "csp",
    "django_ratelimit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.pagecache.UpdateCacheMiddleware",
    "kb.middleware.PreviewFramingMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kb.middleware.LocaleMiddleware",
    "core.pagecache.FetchFromCacheMiddleware",  # (its key holds the language chosen above)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "kb.urls"
WSGI_APPLICATION = "kb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction starts: concurrent requests (autosave,
    # imports) queue instead of failing with "database is locked" or losing an update.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE",
                                                          timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: one Wagtail tree per locale, URLs prefixed /en/ /fr/ /de/ /it/ /sl/.
LANGUAGE_CODE = "en"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("sl", _("Slovenian")),
]
WAGTAIL_I18N_ENABLED = True
# Addresses stay ASCII ("epicerie-solidaire", not "%C3%A9picerie"), as imports make them.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# "Translate this page" creates a draft: a copy still holding the original's text must not
# go live (and count as available) before the translator publishes it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Paris"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Smart Villages Knowledge Base"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "docx", "xlsx", "csv", "txt"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

TAGGIT_CASE_INSENSITIVE = True
COUNTRIES_FIRST = ["AT", "CH", "DE", "FR", "IT", "LI", "SI"]
COUNTRIES_FIRST_BREAK = "──────────"
COUNTRIES_FIRST_SORT = True

# Background tasks (search indexing, e-mails): a worker runs `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Reserved for the search issue: unset = database search engine.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

PAGES_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages",
               "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("KB_PAGE_CACHE_ENTRIES", "1000"))}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
          "pages": PAGES_CACHE}
if os.environ.get("CACHE_URL", "").startswith(("redis://", "rediss://", "unix://")):
    CACHES["default"] = {"BACKEND": "django_redis.cache.RedisCache",
                         "LOCATION": os.environ["CACHE_URL"]}

# The anonymous page cache (core/pagecache.py): how long the server keeps a page (0: off),
# and how long a browser may (0: it asks again and is answered from the server's cache).
KB_PAGE_CACHE_SECONDS = int(os.environ.get("KB_PAGE_CACHE_SECONDS", "600"))
KB_PAGE_BROWSER_SECONDS = int(os.environ.get("KB_PAGE_BROWSER_SECONDS", "0"))
# Where pages are kept: "process" — each worker's memory (up to KB_PAGE_CACHE_ENTRIES pages,
# ~50 KB each; no network hop: +34 % requests/s against Redis, bench/load_test.py), or
# "shared" — the default cache (Redis in production: a page rendered once for every worker
# and machine). Either way the stamp that invalidates them is in the default cache.
KB_PAGE_CACHE_STORE = os.environ.get("KB_PAGE_CACHE_STORE", "process")
CACHE_MIDDLEWARE_ALIAS = "pages" if KB_PAGE_CACHE_STORE == "process" else "default"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kb@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "").lower() in ("1", "true", "yes")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Security defaults; production.py turns on HTTPS-only behaviour.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

KB_CATALOGUE_PAGE_SIZE = 12
# Map tiles for the catalogue map (Leaflet is served from static files, never from a CDN).
KB_MAP_TILE_URL = os.environ.get("KB_MAP_TILE_URL",
                                 "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
KB_MAP_ATTRIBUTION = os.environ.get("KB_MAP_ATTRIBUTION", "© OpenStreetMap contributors")
KB_SEARCH_INDEX_PREFIX = os.environ.get("KB_SEARCH_INDEX_PREFIX", "kbsv_")
# false: build the index without the hunspell sub-fields (a cluster that cannot load custom
# dictionaries; `search_index check` says which are missing)
KB_SEARCH_HUNSPELL = os.environ.get("KB_SEARCH_HUNSPELL", "true") == "true"
# Replicas of the index's shard (a cluster of several nodes: 1 keeps every search answered
# while a node is down); added once a rebuild has filled the index.
KB_SEARCH_REPLICAS = int(os.environ.get("KB_SEARCH_REPLICAS", "0"))
# Seconds a search (and a practice page's related practices) waits for Elasticsearch before
# answering from the database; after a failure the circuit breaker skips it (search/breaker.py).
KB_SEARCH_TIMEOUT = float(os.environ.get("KB_SEARCH_TIMEOUT", "2"))
KB_RELATED_TIMEOUT = float(os.environ.get("KB_RELATED_TIMEOUT", "0.5"))
KB_INDEX_TIMEOUT = float(os.environ.get("KB_INDEX_TIMEOUT", "10"))

# --- Reuse: API, embeds, exports (issue "Reuse everywhere") ---------------------------------
# Cross-origin GET on the API and oEmbed for partners' sites (django-cors-headers).
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/(api/|oembed/).*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Link"]

# Which sites may frame /embed/ pages (CSP frame-ancestors; "*" = any). Every other page
# refuses framing (X-Frame-Options DENY and frame-ancestors 'none').
KB_EMBED_FRAME_ANCESTORS = os.environ.get("KB_EMBED_FRAME_ANCESTORS", "*").split()
# Licence of the open data (exports, API, feeds).
KB_DATA_LICENCE = os.environ.get("KB_DATA_LICENCE", "CC BY 4.0")
KB_DATA_LICENCE_URL = os.environ.get("KB_DATA_LICENCE_URL",
                                     "https://creativecommons.org/licenses/by/4.0/")


def _tile_source(url):
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}" if parts.netloc else ""


# Content Security Policy (django-csp). The Wagtail admin keeps its own inline scripts.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", _tile_source(KB_MAP_TILE_URL)],
        "frame-src": ["'self'", "https:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Participation: public forms, uploads, e-mail ----------------------------------------
# Files sent with public submissions: private (never served) until an editor publishes.
KB_PRIVATE_MEDIA_ROOT = Path(os.environ.get("KB_PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
KB_UPLOAD_IMAGE_MAX_BYTES = 8_000_000
KB_UPLOAD_IMAGE_MAX_PIXELS = 40_000_000
KB_UPLOAD_DOCUMENT_MAX_BYTES = 15_000_000
KB_UPLOAD_MAX_FILES = 3  # images, and documents, per submission
KB_PUBLIC_FORM_RATE = os.environ.get("KB_PUBLIC_FORM_RATE", "5/h")  # POSTs per IP and form
RATELIMIT_VIEW = "core.ratelimit.rate_limited"
KB_CONTACT_RETENTION_DAYS = int(os.environ.get("KB_CONTACT_RETENTION_DAYS", "90"))
# Event participants: deleted this many days after their event (purge_registrations), and
# reminded this many hours before it (send_event_reminders).
KB_EVENT_ATTENDEE_RETENTION_DAYS = int(os.environ.get("KB_EVENT_ATTENDEE_RETENTION_DAYS",
                                                      "30"))
KB_EVENT_REMINDER_HOURS = int(os.environ.get("KB_EVENT_REMINDER_HOURS", "48"))
# An alert's digest lists this many results, newest first; the rest through a link
KB_ALERT_DIGEST_ITEMS = int(os.environ.get("KB_ALERT_DIGEST_ITEMS", "20"))
# How many page routes each process keeps in memory (core/routing.py): ~35 KB each with a
# practice page's object and what it keeps (measured on the demo), ~35 MB for the default
KB_ROUTE_MEMO_SIZE = int(os.environ.get("KB_ROUTE_MEMO_SIZE", "1000"))
