"""The zero-set-up engine: its own index table (search.models.SearchEntry, one row per
practice) with the database's full-text search — FTS5 on SQLite, tsvector and GIN on
PostgreSQL — ranked in the same tiers as Elasticsearch; filters and facet counts in Python
over the matching entries."""

import json
import re
from dataclasses import dataclass, replace

from django.db import connection, transaction
from django.db.models import Case, Count, IntegerField, Max, Q, When

from core.text import fold
from core.text import words as words_of
from practices.catalogue import published
from practices.models import PracticePage

from ..documents import build_documents, group_pages
from ..models import SearchEntry
from .base import FACETS, Engine, Terms, display_hits

# How a practice matched, best first (as on Elasticsearch, search/engines/elastic.py): a
# practice counts in its highest tier; within a tier, by BM25 (SQLite) or ts_rank
# (PostgreSQL) of everything the query means over its text and labels.
TIERS = ("title", "words", "lemmas", "labels", "expansions", "corrected",
         "corrected_expansions")
ROW_COLUMNS = ", ".join(f"e.{name}" for name in (
    "translation_key", "country", "status", "dimensions", "challenges", "languages", "tags",
    "latitude", "longitude", "newest", "titles", "title_keys"))
# (constant column names; what the visitor typed is always a parameter)
SQLITE_ROWS = (f"SELECT -bm25(kbsearch_entry_fts, 1.0, 0.3), e.id, {ROW_COLUMNS} "  # noqa: S608
               "FROM kbsearch_entry_fts JOIN kbsearch_searchentry e "
               "ON e.id = kbsearch_entry_fts.rowid WHERE kbsearch_entry_fts MATCH %s")
POSTGRESQL_ROWS = (f"SELECT ts_rank(e.all_vector, q), e.id, {ROW_COLUMNS} "  # noqa: S608
                   "FROM kbsearch_searchentry e, to_tsquery('simple', %s) q "
                   "WHERE e.all_vector @@ q")
POSTGRESQL_IDS = {vector: f"SELECT id FROM kbsearch_searchentry WHERE {vector} @@ "  # noqa: S608
                  "to_tsquery('simple', %s)" for vector in ("text_vector", "all_vector")}
ALL_ROWS = f"SELECT 0, e.id, {ROW_COLUMNS} FROM kbsearch_searchentry e"  # noqa: S608


def clean(variant):
    """A folded word as the full-text syntax of both databases takes it: letters and digits."""
    return re.sub(r"[^a-z0-9]", "", variant)


def condition(variants_per_word):
    """[[variants of word 1], ...] -> [[clean variants], ...] without empty words."""
    found = [sorted({clean(v) for v in variants} - {""}) for variants in variants_per_word]
    return [variants for variants in found if variants]


def sqlite_match(columns, conditions):
    """An FTS5 query: some condition holds, each word by one of its variants, in `columns`."""
    alternatives = [" AND ".join("(" + " OR ".join(f'"{v}"' for v in variants) + ")"
                                 for variants in words) for words in conditions if words]
    return f"{{{' '.join(columns)}}} : ({' OR '.join(f'({a})' for a in alternatives)})"


def tsquery(conditions):
    return " | ".join("(" + " & ".join("(" + " | ".join(variants) + ")" for variants in words)
                      + ")" for words in conditions if words)


class FullText:
    """The entries matching tiers of conditions, on this database's full-text index."""

    def __init__(self):
        self.vendor = connection.vendor

    def rows(self, conditions):
        """(score, row) of every entry one of `conditions` (in text or labels) matches."""
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                cursor.execute(SQLITE_ROWS, [sqlite_match(["text", "labels"], conditions)])
            else:
                cursor.execute(POSTGRESQL_ROWS, [tsquery(conditions)])
            return cursor.fetchall()

    def ids(self, conditions, columns=("text", "labels")):
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                cursor.execute("SELECT rowid FROM kbsearch_entry_fts WHERE kbsearch_entry_fts "
                               "MATCH %s", [sqlite_match(columns, conditions)])
            else:
                vector = "all_vector" if "labels" in columns else "text_vector"
                cursor.execute(POSTGRESQL_IDS[vector], [tsquery(conditions)])
            return {row[0] for row in cursor.fetchall()}


@dataclass
class Row:
    score: float
    id: int
    translation_key: str
    country: str
    status: str
    dimensions: str
    challenges: str
    languages: str
    tags: str
    latitude: float | None
    longitude: float | None
    newest: object
    titles: object
    title_keys: str
    tier: int = len(TIERS)


def ranked_rows(terms, query):
    """Every entry the query matches, with the tier it matched in."""
    words = condition(terms.words)
    typed = condition([{w} for w in terms.folded])
    expansions = {}
    for kind, variants in terms.expansion_words:
        expansions.setdefault(kind, []).append(condition(variants))
    everything = [words] + [c for found in expansions.values() for c in found]
    if not any(everything):
        return []
    full_text = FullText()
    rows = [Row(*row) for row in full_text.rows(everything)]
    if not rows:
        return []
    tiers = []  # (tier, ids) from the narrowest down
    if words:
        tiers += [("words", full_text.ids([typed], ["text"])),
                  ("lemmas", full_text.ids([words], ["text"])),
                  ("labels", full_text.ids([words]))]
    for kind in ("expansions", "corrected"):
        if any(expansions.get(kind, [])):
            tiers.append((kind, full_text.ids(expansions[kind])))
    title = " ".join(fold(w) for w in words_of(query.q))
    for row in rows:
        if title and title in row.title_keys.split("\n"):
            row.tier = 0
            continue
        row.tier = next((TIERS.index(kind) for kind, ids in tiers if row.id in ids),
                        TIERS.index("corrected_expansions"))
    return rows


def all_rows():
    with connection.cursor() as cursor:
        cursor.execute(ALL_ROWS)
        return [Row(*row) for row in cursor.fetchall()]


def kept(row, query, skip=None):
    """Whether an entry passes the query's filters (all but `skip`'s): OR within a facet,
    AND across facets, the map's area and the tag."""
    for name, values in query.filters(skip=skip).items():
        field = getattr(row, FACET_FIELDS[name])
        if not any(f" {value} " in field for value in values):
            return False
    if query.tag and f" {query.tag} " not in row.tags:
        return False
    if query.bbox:
        south, west, north, east = query.bbox
        if row.latitude is None or not south <= row.latitude <= north:
            return False
        inside = west <= row.longitude <= east if west <= east else \
            row.longitude >= west or row.longitude <= east  # across the antimeridian
        if not inside:
            return False
    return True


FACET_FIELDS = {"dimension": "dimensions", "challenge": "challenges", "country": "country",
                "status": "status", "language": "languages"}


def ordered(rows, query):
    if query.sort == "relevance" and query.q.strip():
        return sorted(rows, key=lambda r: (r.tier, -r.score, r.translation_key))
    if query.sort == "title":
        return sorted(rows, key=lambda r: (r.titles.get(query.lang, ""), r.translation_key))
    return sorted(rows, key=lambda r: (r.newest, r.translation_key), reverse=True)


def facet_counts(rows, query):
    """{facet: {value: practices}}, each facet counted with the other facets' filters."""
    counts = {}
    for name in FACETS:
        values = {}
        for row in rows:
            if kept(row, query, skip=name):
                for value in getattr(row, FACET_FIELDS[name]).split():
                    values[value] = values.get(value, 0) + 1
        counts[name] = values
    return counts


def ensure_entries(sender=None, using="default", **kwargs):
    """A database upgraded from before the engine had its own index (or whose index was
    emptied) gets it built after `migrate`."""
    from django.db import connections

    if "kbsearch_searchentry" not in connections[using].introspection.table_names():
        return
    if not SearchEntry.objects.exists() and published(PracticePage.objects.all()).exists():
        DatabaseEngine.rebuild()


def spaced(values):
    return f" {' '.join(values)} " if values else ""


def write_entries(keys):
    """The entries of these groups as their published versions are now (none: removed)."""
    documents = list(build_documents(group_pages(keys)))
    entries = [SearchEntry(
        translation_key=doc["translation_key"], version_ids=spaced(map(str, doc["version_ids"])),
        title_keys="\n".join(doc["title_keys"]), text=" ".join(doc["folded"]),
        labels=" | ".join(label for labels in doc["folded_labels"] for label in labels),
        country=spaced(doc["country"]), status=spaced(doc["status"]),
        dimensions=spaced(doc["dimensions"]), challenges=spaced(doc["challenges"]),
        languages=spaced(doc["available_languages"]), tags=spaced(doc["tag_slugs"]),
        latitude=(doc["location"] or [{}])[0].get("lat"),
        longitude=(doc["location"] or [{}])[0].get("lon"),
        newest=doc["first_published_at"], titles=doc["shown_title"]) for doc in documents]
    with transaction.atomic():
        SearchEntry.objects.filter(translation_key__in=keys).delete()
        SearchEntry.objects.bulk_create(entries)
    return len(entries)


class DatabaseEngine(Engine):
    name = "database"

    def run(self, query, terms):
        rows = ranked_rows(terms, query) if terms.words or terms.expansions else all_rows()
        if isinstance(rows, list) and rows and isinstance(rows[0].titles, str):
            for row in rows:  # (SQLite returns JSON as text)
                row.titles = json.loads(row.titles)
        matching = ordered([row for row in rows if kept(row, query)], query)
        page = matching[query.offset:query.offset + query.page_size]
        return (len(matching), [row.translation_key for row in page],
                facet_counts(rows, query) if query.facets else {})

    def matching_keys(self, query, terms=None):
        """Every matching translation group in the query's order (exact, no result window)."""
        terms = terms or Terms.of(query)
        if Terms.unsearchable(query, terms):
            return []
        count, keys, _counts = self.run(replace(query, page=1, page_size=10**9,
                                                facets=False), terms)
        return keys

    # --- the index ---------------------------------------------------------------------------

    @staticmethod
    def index_pages(ids):
        """Write again the entries of the groups of these pages (published or not any more)."""
        ids = [int(i) for i in ids]
        if not ids:
            return 0
        keys = {str(k) for k in PracticePage.objects.filter(pk__in=ids)
                .values_list("translation_key", flat=True)}
        for page_id in ids:  # (a deleted page: its group is found by the entry holding it)
            keys.update(SearchEntry.objects.filter(version_ids__contains=f" {page_id} ")
                        .values_list("translation_key", flat=True))
        return write_entries(keys)

    @staticmethod
    def rebuild(progress=None, batch=500):
        """Every entry again, from the published practices."""
        keys = list(dict.fromkeys(str(k) for k in published(PracticePage.objects.all())
                                  .order_by("translation_key")
                                  .values_list("translation_key", flat=True)))
        with transaction.atomic():
            SearchEntry.objects.all().delete()
            total = 0
            for start in range(0, len(keys), batch):
                total += write_entries(set(keys[start:start + batch]))
                if progress:
                    progress(min(batch, len(keys) - start))
        return total


    def autocomplete(self, prefix, lang, limit=8):
        folded = fold(prefix).strip()
        if len(folded) < 2:
            return []
        pages = (published(PracticePage.objects.filter(
            Q(title__icontains=prefix.strip()) | Q(tags__name__icontains=prefix.strip())))
            .select_related("locale").order_by("-first_published_at").distinct()[:200])
        seen, out = set(), []
        for page in sorted(pages, key=lambda p: p.locale.language_code != lang):
            key = str(page.translation_key)
            if key in seen:
                continue
            seen.add(key)
            out.append({"title": page.title, "url": page.url,
                        "language": page.locale.language_code})
        return out[:limit]

    def related(self, page, limit=5):
        """Practices sharing the most taxonomy with this one, scored in SQL per translation
        group: 2 per dimension and per challenge in common (by slug: each language has its
        own labels), 1 for the same country; ties by group key."""
        score = Max(Case(When(country=page.country, then=1), default=0,
                         output_field=IntegerField()))
        shared = Q(country=page.country)
        for relation in ("dimensions", "challenges"):
            slugs = [term.slug for term in getattr(page, relation).all()]
            if slugs:  # (an empty IN would make the whole query empty)
                within = Q(**{f"{relation}__slug__in": slugs})
                score += 2 * Count(f"{relation}__slug", distinct=True, filter=within)
                shared |= within
        scored = (published(PracticePage.objects.exclude(translation_key=page.translation_key))
                  .filter(shared).order_by().values("translation_key").annotate(score=score)
                  .order_by("-score", "translation_key")
                  .values_list("translation_key", flat=True)[:limit])
        keys = [str(key) for key in scored]
        return [hit.page for hit in display_hits(keys, page.locale.language_code)]
