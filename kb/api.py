"""The one API object, /api/v1/: each app's router mounted on it (search, then reuse)."""

from django.http import JsonResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from reuse.api import router as reuse_router
from search.api import router as search_router


class KnowledgeBaseAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation):
        """`<app>_api_<function>`, whichever module of the app's API holds the function, so
        that splitting an app's API into modules does not rename the operations clients use."""
        function = operation.view_func
        return f"{function.__module__.split('.')[0]}_api_{function.__name__}"


api = KnowledgeBaseAPI(title="Smart Villages Knowledge Base API", version="1",
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
