"""Dimensions and challenges: translatable snippets with a stable, language-neutral slug."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

# The stable slugs of DESIGN.md (seeded by migration; the API's OpenAPI schema lists them).
DIMENSION_SLUGS = ("governance", "people", "living", "environment", "economy", "mobility")
CHALLENGE_SLUGS = ("depopulation", "service-access", "mobility", "rural-urban", "low-carbon",
                   "digital", "local-economy")


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    slug = models.SlugField(
        max_length=40,
        help_text=_("Stable identifier used in URLs, imports and the API; same in every language."),
    )
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"),
              FieldPanel("sort_order")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"),
                     index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @classmethod
    def slugs(cls) -> list[str]:
        """Every slug, in the editors' order (sort_order), once whatever the languages."""
        return list(dict.fromkeys(cls.objects.order_by("sort_order", "slug")
                                  .values_list("slug", flat=True)))

    @classmethod
    def labels(cls, language_code) -> dict[str, str]:
        """{slug: name in this language} in the editors' order (an untranslated term keeps
        its slug)."""
        names = dict(cls.objects.filter(locale__language_code=language_code)
                     .values_list("slug", "name"))
        return {slug: names.get(slug, slug) for slug in cls.slugs()}


class Dimension(TaxonomyTerm):
    """One of the six smart dimensions (governance, people, living, environment, economy,
    mobility)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_dimension_slug")
        ]


class Challenge(TaxonomyTerm):
    """A rural challenge a practice answers (depopulation, service access, …)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_challenge_slug")
        ]
