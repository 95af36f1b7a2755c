"""The one API object, /api/v1/: each app's router mounted on it (search, then reuse)."""

from django.http import JsonResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from reuse.api import router as reuse_router
from search.api import router as search_router

api = NinjaAPI(title="Smart Villages Knowledge Base API", version="1",
               urls_namespace="api-v1",
               description="Search the good practices of rural Alpine territories.")


@api.exception_handler(ValidationError)
def invalid(request, exc):
    """A parameter the schema refuses: 400 with the reason and the field, like the others."""
    first = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "params")]
    return JsonResponse({"error": first.get("msg", "invalid parameters"),
                         "field": location[0] if location else None,
                         "detail": exc.errors}, status=400)


api.add_router("", search_router)
api.add_router("", reuse_router)
