"""The public read API under /api/v1/: practices, pilot territories and results, territory
profiles, transfers, events and toolbox resources, taxonomy.

Read-only, CORS open for GET (django-cors-headers), ETag/Last-Modified on every list and
detail, `updated_since` for incremental harvesting. Contact e-mails never appear. One module
per resource; each adds its routes to `router`, which kb/api.py mounts.
"""

# Each module adds its routes to the router, in the order of the OpenAPI document's paths.
# isort: off
from . import practices, pilots, territories, transfers, programme, taxonomy  # noqa: F401
# isort: on
from .common import router

__all__ = ["router"]
