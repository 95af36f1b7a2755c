import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# One media folder per test process (pytest-xdist workers each have a database of their own).
MEDIA_ROOT = BASE_DIR / "var" / f"test-media{os.environ.get('PYTEST_XDIST_WORKER', '')}"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The test database is SQLite in memory with a shared cache, where a second thread (the
# oEmbed test's HTTP server) gets "table is locked" at once instead of waiting: keep SQLite's
# default deferred transactions there. Browser tests run a real server on a file database
# with the IMMEDIATE mode of base.py.
DATABASES["default"].get("OPTIONS", {}).pop("transaction_mode", None)  # noqa: F405
# One process, local-memory cache: rate limits count per process, which is what a laptop
# needs; production requires a shared Redis (kb/settings/production.py).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
