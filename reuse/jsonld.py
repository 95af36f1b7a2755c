"""JSON-LD in a page: escaped so that no text closes its <script> element."""

import json

from django.utils.safestring import mark_safe


def json_ld(data):
    text = json.dumps(data, ensure_ascii=False, indent=None)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e")  # noqa: S308
                     .replace("&", "\\u0026"))
