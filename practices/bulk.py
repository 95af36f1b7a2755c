"""New practice pages made many at a time: the import's path for records it has not seen.

Each page is what Wagtail's own path makes of it — a node of the tree under its language's
catalogue (path, depth, the parent's child count, url_path, a slug unique among its
siblings), one revision holding its content, its publication (live revision, publication
dates, the `wagtail.create` and `wagtail.publish` log entries, the `page_published` signal
every listener of the site relies on), its dimensions, challenges and tags — written with a
few queries per batch instead of ~70 per page. Records of pages that exist already, and the
rare shapes this path does not know (a translation whose original lives outside its
catalogue), go through `exchange.write_record`, one by one.
"""

import uuid
from dataclasses import dataclass

from anyascii import anyascii
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import CharField, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Lower
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published

from .models import PracticePage, PracticeTag, taxonomy

# fields a page's validation leaves alone here: set here, not from the record (a foreign key's
# validation is a query of its own), or checked by the record's form against the same list
UNCHECKED = ["path", "slug", "url_path", "country",
             *(f.name for f in PracticePage._meta.concrete_fields if f.is_relation)]
# what a translation keeps of its original that no record carries (as copy_for_translation)
KEPT_FROM_ORIGINAL = ("image_id", "validated_at", "validation_note", "seo_title",
                      "search_description", "show_in_menus", "territory_page_id")


def slug_base(title, external_id):
    return slugify(anyascii(title))[:70] or slugify(external_id)


def unique_slug(parent, title, external_id, page=None):
    """A slug for `page` (or a new page) among the children of `parent`, from its title."""
    base = slug_base(title, external_id)
    siblings = parent.get_children()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    slug, n = base, 2
    while siblings.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@dataclass
class NewRecord:
    line: int
    data: dict
    original: PracticePage | None  # the page a translation translates


class RowFailed(Exception):
    """A record that cannot be written: the field at fault and why."""

    def __init__(self, field_name, message):
        super().__init__(message)
        self.field = field_name
        self.message = message


class Tree:
    """The catalogues the import writes under, and what it has given out in them: the slugs
    of their children (read once per import) and the last child's position (read once per
    batch: another writer may have added a page since)."""

    def __init__(self, indexes):
        self.indexes = indexes  # language code -> PracticeIndexPage
        self._slugs = {}

    def forget(self):
        """A page was added by another path (exchange.write_record): read the slugs again."""
        self._slugs.clear()

    def slugs(self, parent):
        if parent.pk not in self._slugs:
            self._slugs[parent.pk] = set(Page.objects.child_of(parent)
                                         .values_list("slug", flat=True))
        return self._slugs[parent.pk]

    def unique_slug(self, parent, base):
        taken = self.slugs(parent)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        return slug

    @staticmethod
    def next_paths(parent, count):
        """The paths of `count` new last children of `parent` (treebeard's numbering)."""
        last = (Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path").values_list("path", flat=True).first())
        position = Page._str2int(last[-Page.steplen:]) if last else 0
        return [Page._get_path(parent.path, parent.depth + 1, position + n)
                for n in range(1, count + 1)]


def tags_named(names):
    """The taggit tags of these names (case-insensitive, as TAGGIT_CASE_INSENSITIVE makes
    the admin's tag field), made when missing: {lower-cased name: tag}."""
    wanted = {name.lower(): name for name in names}
    found = {}
    for attempt in range(2):
        missing = wanted.keys() - found.keys()
        if missing:  # (SQLite's LOWER knows ASCII letters only: the names as written too)
            for tag in (Tag.objects.annotate(lower=Lower("name"))
                        .filter(Q(lower__in=missing) | Q(name__in=set(names)))
                        .order_by("pk")):
                found.setdefault(tag.name.lower(), tag)
        missing = wanted.keys() - found.keys()
        if not missing:
            break
        if attempt == 0:  # new tags in one statement; a slug taken by another name is
            Tag.objects.bulk_create(  # left to taggit's own numbering below
                [Tag(name=wanted[key], slug=Tag().slugify(wanted[key])) for key in missing],
                ignore_conflicts=True)
    for key in wanted.keys() - found.keys():
        found[key] = Tag.objects.create(name=wanted[key])
    return found


def build_page(record, locale, parent, tree, fill, terms, tags):
    """An unsaved page of a record, with its relations in memory (its revision's content)."""
    data, original = record.data, record.original
    page = PracticePage(locale=locale, live=False, depth=parent.depth + 1, numchild=0,
                        content_type=ContentType.objects.get_for_model(PracticePage))
    if original is not None:
        page.translation_key = original.translation_key
        for name in KEPT_FROM_ORIGINAL:
            setattr(page, name, getattr(original, name))
    else:
        page.translation_key = uuid.uuid4()
    fill(page, data, original)
    page.draft_title = page.title
    page.slug = tree.unique_slug(parent, slug_base(data["title"], data["external_id"]))
    page.url_path = f"{parent.url_path}{page.slug}/"
    # (a term missing in this language is left out, as the one-by-one path's query does)
    page.dimensions = [terms["dimension"][(locale.pk, s)] for s in data["dimensions"]
                       if (locale.pk, s) in terms["dimension"]]
    page.challenges = [terms["challenge"][(locale.pk, s)] for s in data["challenges"]
                       if (locale.pk, s) in terms["challenge"]]
    page.funding = [terms["funding"][(locale.pk, s)] for s in data["funding"]
                    if (locale.pk, s) in terms["funding"]]
    page.wagtail_admin_comments = []  # (else its revision's content reads them: none yet)
    page.updates = []  # (nor its follow-up updates: a new practice has none)
    page.tagged_items = [PracticeTag(tag=tags[name.lower()])
                         for name in dict.fromkeys(n.lower() for n in data["tags"])]
    try:
        page.clean_fields(exclude=UNCHECKED)
    except ValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        raise RowFailed(name, "; ".join(messages)) from exc
    return page


def create_pages(records, locales, tree, fill):
    """Write the pages of these records; returns the pages made, in the records' order, and
    the records refused [(record, RowFailed)] (one bad record fails alone)."""
    now = timezone.now()
    known = taxonomy.TERMS.get()
    terms = {kind: {(t.locale_id, t.slug): t for t in known[kind]}
             for kind in ("dimension", "challenge", "funding")}
    tags = tags_named([name for r in records for name in r.data["tags"]])
    pages, parents, refused = [], {}, []
    for record in records:
        locale = locales[record.data["language"]]
        parent = tree.indexes[record.data["language"]]
        try:
            page = build_page(record, locale, parent, tree, fill, terms, tags)
        except RowFailed as exc:
            refused.append((record, exc))
            continue
        page.live = bool(record.data["published"])
        page.has_unpublished_changes = not page.live
        page.first_published_at = page.last_published_at = now if page.live else None
        page.latest_revision_created_at = now
        pages.append(page)
        parents.setdefault(parent.pk, (parent, []))[1].append(page)
    if not pages:
        return pages, refused
    for parent, children in parents.values():
        for page, path in zip(children, tree.next_paths(parent, len(children)), strict=True):
            page.path = path
    base_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
    rows = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in base_fields}) for page in pages])
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.id = page.page_ptr_id = row.pk
        page._state.adding = False
    # their own table's rows (Django's bulk_create refuses a model with a parent table: its
    # rows are written above), then the signal a save sends, as a fixture's load sends it
    PracticePage.objects.all()._batched_insert(pages, PracticePage._meta.local_concrete_fields,
                                               None)
    for page in pages:
        post_save.send(sender=PracticePage, instance=page, created=True, raw=True,
                       using=PracticePage.objects.db, update_fields=None)
    for parent, children in parents.values():
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(children))
        parent.numchild += len(children)
    base_type = ContentType.objects.get_for_model(Page).pk
    revisions = Revision.objects.bulk_create([Revision(
        content_type_id=page.content_type_id, base_content_type_id=base_type,
        object_id=str(page.pk),
        created_at=now, object_str=page.title, content=page.serializable_data())
        for page in pages])
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.live_revision = revision if page.live else None
    # each page's only revision (one statement: bulk_update's would weigh every row)
    ids = [page.pk for page in pages]
    Page.objects.filter(pk__in=ids).update(latest_revision=Subquery(
        Revision.objects.filter(base_content_type_id=base_type,
                                object_id=Cast(OuterRef("pk"), CharField())).values("pk")[:1]))
    Page.objects.filter(pk__in=[page.pk for page in pages if page.live]).update(
        live_revision=F("latest_revision"))
    write_relations(pages)
    log(pages, revisions, now)
    for page, revision in zip(pages, revisions, strict=True):
        if page.live:
            # (`made_in_bulk`: a page made here and now, which nothing else links yet)
            page_published.send(sender=PracticePage, instance=page, revision=revision,
                                made_in_bulk=True)
    return pages, refused


def write_relations(pages):
    for relation in ("dimensions", "challenges", "funding"):
        through = getattr(PracticePage, relation).through
        column = f"{getattr(PracticePage, relation).field.related_model._meta.model_name}_id"
        through.objects.bulk_create([
            through(practicepage_id=page.pk, **{column: term.pk})
            for page in pages for term in getattr(page, relation).all()])
    items = []
    for page in pages:
        for item in page.tagged_items.all():
            item.content_object_id = page.pk
            items.append(item)
    PracticeTag.objects.bulk_create(items)


def log(pages, revisions, now):
    """The history Wagtail's admin shows for a page made and published by its forms."""
    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        actions = ["wagtail.create"] + (["wagtail.publish"] if page.live else [])
        entries += [PageLogEntry(content_type_id=page.content_type_id, label=page.title,
                                 action=action, timestamp=now, page_id=page.pk, data={},
                                 revision=revision if action == "wagtail.publish" else None,
                                 content_changed=True)
                    for action in actions]
    PageLogEntry.objects.bulk_create(entries)
