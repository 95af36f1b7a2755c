from django.apps import AppConfig


class KbConfig(AppConfig):
    """The top layer: it may import every app, and none imports it."""

    name = "kb"
    verbose_name = "Smart Villages knowledge base"
