"""The multilingual glossary editors manage: one concept, terms in each language."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable


class GlossaryConcept(ClusterableModel):
    """A domain concept (e.g. car-pooling) whose terms in any language expand a query."""

    slug = models.SlugField(max_length=60, unique=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [FieldPanel("slug"), FieldPanel("note"), InlinePanel("terms", label=_("Terms"))]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("glossary concept")

    def __str__(self):
        return self.slug


class GlossaryTerm(Orderable):
    concept = ParentalKey(GlossaryConcept, related_name="terms", on_delete=models.CASCADE)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    term = models.CharField(_("term"), max_length=120)

    panels = [FieldPanel("language"), FieldPanel("term")]

    def __str__(self):
        return f"{self.term} ({self.language})"


class PendingIndex(models.Model):
    """A practice page whose Elasticsearch update failed or was held back while the node was
    unreachable: retried (with backoff) until the index has it, and kept out of the results
    that the index serves meanwhile (search/backlog.py)."""

    page_id = models.BigIntegerField(unique=True)
    attempts = models.PositiveIntegerField(default=0)
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("practice waiting for the search index")

    def __str__(self):
        return f"page {self.page_id} ({self.attempts} attempt(s))"


class SearchEntry(models.Model):
    """The database engine's index: one row per practice (translation group) that has a
    published, public version; its versions' search document (search/documents.py) as
    columns. Full-text search runs on SQLite's FTS5 table `kbsearch_entry_fts` (kept in step by
    triggers) or on PostgreSQL's `text_vector`, a generated tsvector column with a GIN index
    (migration 0004). Taxonomy labels are matched in memory, by the terms an entry has."""

    translation_key = models.CharField(max_length=36, unique=True)
    version_ids = models.TextField()  # " 12 34 ": which group a deleted page was in
    title_keys = models.TextField()  # each version's title folded, one per line
    text = models.TextField()  # the versions' own words and their lemmas, folded
    # " value value ": filters and facet counts
    country = models.CharField(max_length=40)
    status = models.CharField(max_length=60)
    dimensions = models.CharField(max_length=400)
    challenges = models.CharField(max_length=400)
    funding = models.CharField(max_length=400, default="")  # ("?": written before it, 0007)
    reuse = models.CharField(max_length=60, default="")  # stages ("?": before it, 0008)
    reused = models.PositiveIntegerField(default=0)  # territories reusing the practice
    type = models.CharField(max_length=20, default=" practice ")  # practice, event, resource
    languages = models.CharField(max_length=20)
    tags = models.TextField()
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    newest = models.DateTimeField()  # the newest version's first publication
    titles = models.JSONField()  # {language: the title a visitor of it sees, folded}
    cards = models.JSONField(default=list)  # each version's card (practices.cards)
    bodies = models.JSONField(default=dict)  # {version id: its text}: search snippets

    def __str__(self):
        return self.translation_key
