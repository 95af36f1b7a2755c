import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.production")
application = get_wsgi_application()

from core.text import warm_up  # noqa: E402 (needs the apps loaded above)

warm_up()  # before the first request, not during it
# What start-up made (apps, URL patterns, the lemmatiser's tables: ~200,000 objects) is left
# out of the garbage collector's full passes, which walked all of it: a 100-150 ms pause every
# few hundred requests (bench/RESULTS.md, the read API at 100,000 practices)
gc.freeze()
