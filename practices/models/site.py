"""What every page's footer shows: the partners' and funders' logos (editable snippet)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class FooterLogo(Orderable):
    """A partner or funder of the programme, shown in the footer of every page."""

    PARTNER, FUNDER = "partner", "funder"
    name = models.CharField(_("name"), max_length=150,
                            help_text=_("Read by screen readers as the logo's text."))
    kind = models.CharField(_("kind"), max_length=10, default=PARTNER,
                            choices=[(PARTNER, _("partner")), (FUNDER, _("funder"))])
    logo = models.ForeignKey("wagtailimages.Image", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("logo"))
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("logo"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("footer logo")
        verbose_name_plural = _("footer logos")

    def __str__(self):
        return self.name
