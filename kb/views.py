from django.http import JsonResponse
from django.views.defaults import page_not_found


def not_found(request, exception=None):
    """API addresses answer 404 in JSON (the OpenAPI schema says so), pages in HTML."""
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "not found", "field": None}, status=404)
    return page_not_found(request, exception)
