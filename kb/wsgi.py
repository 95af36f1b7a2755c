import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.production")
application = get_wsgi_application()

from core.text import warm_up  # noqa: E402 (needs the apps loaded above)

warm_up()  # before the first request, not during it
