"""A document attached to a page (an event's slides, a resource's files)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class Attachment(Orderable):
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("document"))
    title = models.CharField(_("title"), max_length=200, blank=True,
                             help_text=_("Empty: the document's own title."))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def label(self):
        return self.title or self.document.title
