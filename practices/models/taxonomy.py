"""Dimensions, challenges and funding sources: translatable snippets with a stable,
language-neutral slug."""

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.memo import Versioned

# The stable slugs of DESIGN.md (seeded by migration; the API's OpenAPI schema lists them).
DIMENSION_SLUGS = ("governance", "people", "living", "environment", "economy", "mobility")
CHALLENGE_SLUGS = ("depopulation", "service-access", "mobility", "rural-urban", "low-carbon",
                   "digital", "local-economy")
# Seeded by fixtures/taxonomy.json; editors may add others.
FUNDING_SLUGS = ("leader-eafrd", "erdf", "interreg-alpine-space", "interreg-cross-border",
                 "esf-plus", "national", "regional", "municipal", "private", "crowdfunding")


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    slug = models.SlugField(
        max_length=40,
        help_text=_("Stable identifier used in URLs, imports and the API; same in every language."),
    )
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    synonyms = models.TextField(
        _("synonyms"), blank=True,
        help_text=_("Other words visitors type for this term in this language, one per line "
                    "(\"Lebensqualität\" for Smart living): a search for one finds the "
                    "practices tagged with the term."))
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"),
              FieldPanel("synonyms"), FieldPanel("sort_order")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("synonyms"),
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

    @property
    def synonym_list(self) -> list[str]:
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]

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


class FundingSource(TaxonomyTerm):
    """Where a practice's money came from: an EU fund or programme (LEADER/EAFRD, ERDF,
    Interreg, ESF+), a national, regional or municipal budget, private money, crowdfunding."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_funding_slug")
        ]


# --- the terms as pages, listings and indexing read them: every language's terms, kept in
# each process's memory and read again after an editor changes one (core.memo) ------------

KINDS = {"dimension": Dimension, "challenge": Challenge, "funding": FundingSource}


def _load():
    """{kind: [terms of every language, in the editors' order]}"""
    return {kind: list(model.objects.select_related("locale")) for kind, model in KINDS.items()}


TERMS = Versioned("kb:practices:taxonomy-version", _load)


def terms(kind, *, locale_id=None, language=None):
    """Terms of a kind in the editors' order, in one language (by locale id or code) or all."""
    return [t for t in TERMS.get()[kind]
            if (locale_id is None or t.locale_id == locale_id)
            and (language is None or t.locale.language_code == language)]


def slugs(kind):
    return {t.slug for t in TERMS.get()[kind]}


def ids(kind, wanted):
    """The ids of the terms (in every language) with these slugs. (A filter by ids lets
    PostgreSQL estimate its matches: joined to the slugs, a filtered list of 100,000
    practices took 110 ms instead of 4.)"""
    return [t.pk for t in TERMS.get()[kind] if t.slug in wanted]


def labels():
    """{"dimension": {slug: [labels and synonyms in all languages]}, "challenge": {...}}:
    what a practice tagged with the term is found by, whatever the visitor's language."""
    found = {}
    for kind in KINDS:
        found[kind] = {}
        for term in TERMS.get()[kind]:
            found[kind].setdefault(term.slug, []).extend([term.name, *term.synonym_list])
    return found


def connect_terms():
    for model in KINDS.values():
        for signal in (post_save, post_delete):
            signal.connect(TERMS.bump, sender=model, dispatch_uid=f"kb-terms-{signal}-{model}")
