"""Production: PostgreSQL, a shared Redis cache, HTTPS, secrets from the environment.
Fails fast, with the reason, when one of them is missing."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import PAGES_CACHE

# WAGTAILADMIN_BASE_URL: the public address that e-mails to editors and proposers link to
# (the default, http://127.0.0.1:8000, is the laptop's).
for _name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CACHE_URL", "WAGTAILADMIN_BASE_URL"):
    if not os.environ.get(_name):
        raise ImproperlyConfigured(f"Set the {_name} environment variable (see docs/settings.md)")

# SQLite serialises every writer and lives beside one process: fine for `make run`, not for
# several gunicorn workers, a db_worker and a cron (docs/deployment.md).
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":  # noqa: F405
    raise ImproperlyConfigured(
        "Production runs on PostgreSQL: set DATABASE_URL=postgres://user:password@host/name "
        "(SQLite is for the one-command laptop site, `make run`).")

# Rate limits, the search circuit breaker and cached pages are shared by every web worker.
if not os.environ["CACHE_URL"].startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("CACHE_URL must be a Redis URL, e.g. redis://127.0.0.1:6379/0")
CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache",
                      "LOCATION": os.environ["CACHE_URL"]},
          "pages": PAGES_CACHE}  # (KB_PAGE_CACHE_STORE)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true") == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
