"""The zero-set-up engine: its own index table (search.models.SearchEntry, one row per
practice) with the database's full-text search — FTS5 on SQLite, tsvector and GIN on
PostgreSQL — ranked in the same tiers as Elasticsearch; filters and facet counts in Python
over the matching entries."""

import re
from collections import Counter
from dataclasses import replace

from django.db import connection, connections, transaction
from django.db.models import Case, Count, IntegerField, Max, Q, When
from wagtail.models import Page

from core import pagecache
from core.memo import Versioned
from core.text import fold, index_terms
from practices.catalogue import published
from practices.models import PracticePage, taxonomy

from ..documents import INDEXED, documents_for
from ..models import SearchEntry
from .base import FACETS, Engine, Terms, display_hits

# How a practice matched, best first (as on Elasticsearch, search/engines/elastic.py): a
# practice counts in its highest tier; within a tier, by BM25 (SQLite) or ts_rank
# (PostgreSQL) of the tier's words over its own text.
TIERS = ("title", "words", "lemmas", "labels", "expansions", "corrected",
         "corrected_expansions")
# What filters, facets and orders read of every entry, kept in each process's memory and read
# again when the index changes (core.memo): a search asks the database only which entries
# match. A row: (id, key, country, status, dimensions, challenges, languages, tags, latitude,
# longitude, newest, title_keys, funding, reuse, reused, type); the " value value " columns are
# what filters and facets read.
ROW_SQL = ("SELECT id, translation_key, country, status, dimensions, challenges, languages, "
           "tags, latitude, longitude, newest, title_keys, funding, reuse, reused, type "
           "FROM kbsearch_searchentry")
ID, KEY, TAGS, LATITUDE, LONGITUDE, NEWEST, TITLE_KEYS, REUSED = 0, 1, 7, 8, 9, 10, 11, 14
FACET_COLUMN = {"country": 2, "status": 3, "dimension": 4, "challenge": 5, "language": 6,
                "funding": 12, "reuse": 13, "type": 15}
# (constant column names; what the visitor typed is always a parameter)
# Each condition of a search, numbered, in one statement (UNION ALL of these). PostgreSQL's
# through kbsearch_matches() (migration 0006): a function planned with enable_seqscan off,
# since PostgreSQL estimates a query of many alternative words to match most rows and reads
# the whole table (36 ms at 10,000 practices) where its GIN index answers in 5 ms.
MATCHES = {
    "sqlite": ("SELECT {number}, rowid, -bm25(kbsearch_entry_fts) FROM kbsearch_entry_fts "
               "WHERE kbsearch_entry_fts MATCH %s"),
    "postgresql": "SELECT {number}, id, score FROM kbsearch_matches(%s)"}
SHOWN_TITLES = {  # {id: the title a visitor of a language sees}: sorting by title
    "sqlite": "SELECT id, json_extract(titles, '$.' || %s) FROM kbsearch_searchentry",
    "postgresql": "SELECT id, titles ->> %s FROM kbsearch_searchentry"}


def query_rows(cursor, sql, params=()):
    cursor.execute(sql, params)
    return cursor.fetchall()


def _load_rows():
    """{"rows": {id: row}, "tagged": {(facet, value): ids of the entries having it}}"""
    with connection.cursor() as cursor:
        rows = {row[ID]: row for row in query_rows(cursor, ROW_SQL)}
    tagged = {}
    for row in rows.values():
        for facet, column in FACET_COLUMN.items():
            for value in row[column].split():
                tagged.setdefault((facet, value), set()).add(row[ID])
    return {"rows": rows, "tagged": tagged}


ROWS = Versioned("kb:search:entries-version", _load_rows)


def clean(variant):
    """A folded word as the full-text syntax of both databases takes it: letters and digits."""
    return re.sub(r"[^a-z0-9]", "", variant)


def condition(variants_per_word):
    """[[variants of word 1], ...] -> [[clean variants], ...] without empty words."""
    found = [sorted({clean(v) for v in variants} - {""}) for variants in variants_per_word]
    return [variants for variants in found if variants]


def sqlite_match(conditions):
    """An FTS5 query: some condition holds, each of its words by one of its variants."""
    return " OR ".join("(" + " AND ".join("(" + " OR ".join(f'"{v}"' for v in variants) + ")"
                                          for variants in words) + ")"
                       for words in conditions if words)


def tsquery(conditions):
    return " | ".join("(" + " & ".join("(" + " | ".join(variants) + ")" for variants in words)
                      + ")" for words in conditions if words)


class FullText:
    """Which entries' own text matches conditions (each a list of words, each a list of
    variants), and how well (BM25 on SQLite, ts_rank on PostgreSQL; higher is better), on
    this database's full-text index: every condition of a search asked in one statement."""

    def __init__(self):
        self.known = {}  # tsquery of the conditions -> {id: score}

    def fetch(self, *conditions):
        """Score these conditions (those not known yet) with one query."""
        wanted = {}
        for condition_ in conditions:
            key = tsquery(condition_)
            if key and key not in self.known:
                wanted[key] = condition_
        if not wanted:
            return
        vendor = connection.vendor
        sql = " UNION ALL ".join(MATCHES[vendor].format(number=number)
                                 for number in range(len(wanted)))
        params = [sqlite_match(c) if vendor == "sqlite" else key for key, c in wanted.items()]
        keys = list(wanted)
        found = {key: {} for key in keys}
        with connection.cursor() as cursor:
            for number, id_, score in query_rows(cursor, sql, params):
                found[keys[number]][id_] = score
        self.known.update(found)

    def scores(self, conditions):
        self.fetch(conditions)
        return self.known.get(tsquery(conditions), {})

    def ids(self, conditions):
        return set(self.scores(conditions))


_LABELS = {"version": None, "words": {}}


def label_words():
    """{(kind, slug): the folded words and lemmas of all its labels and synonyms, in every
    language}: what the taxonomy terms of a practice are found by."""
    terms = {kind: taxonomy.terms(kind) for kind in taxonomy.KINDS}  # (reads TERMS once)
    if _LABELS["version"] != taxonomy.TERMS.version:
        found = {}
        for kind, kind_terms in terms.items():
            for term in kind_terms:
                language = term.locale.language_code
                for label in (term.name, *term.synonym_list):
                    found.setdefault((kind, term.slug), set()).update(
                        index_terms(label, language).split())
        _LABELS.update(version=taxonomy.TERMS.version, words=found)
    return _LABELS["words"]


def labelled(words, tagged, whole=False):
    """Ids of the entries whose taxonomy terms' labels hold these words (each by one of its
    variants): with `whole`, all of them in one term's labels."""
    labels = label_words()
    if whole:
        terms = [term for term, vocabulary in labels.items()
                 if all(set(variants) & vocabulary for variants in words)]
        return set().union(*(tagged.get(term, ()) for term in terms))
    found = None
    for variants in words:
        ids = set().union(*(tagged.get(term, ()) for term, vocabulary in labels.items()
                            if set(variants) & vocabulary))
        found = ids if found is None else found & ids
    return found or set()


class Tiers:
    """The entries a query matches, by tier (best first), each tier with the conditions that
    score the entries within it (BM25 of the entries' own text)."""

    def __init__(self, terms, query, loaded):
        words = condition(terms.words)
        typed = condition([{w} for w in terms.folded])
        expansions = {}
        for kind, variants in terms.expansion_words:
            if found := condition(variants):
                expansions.setdefault(kind, []).append(found)
        self.full_text = full_text = FullText()
        # every condition below, which also score the tiers, in one query
        full_text.fetch([typed], [words], *([[variants]] for variants in words),
                        *expansions.values())
        tagged, rows = loaded["tagged"], loaded["rows"]
        self.tiers = []  # (name, ids, conditions that score it)
        self.bonus = set()  # in the labels tier: every word in one term's labels
        if words:
            title = f"\n{terms.title}\n"
            with_typed = full_text.ids([typed])
            self.tiers += [
                ("title", {i for i in with_typed if i in rows and title in rows[i][TITLE_KEYS]},
                 [words]),
                ("words", with_typed, [typed]),
                ("lemmas", full_text.ids([words]), [words])]
            # each word in the practice's text or in its taxonomy terms' labels
            found = None
            for variants in words:
                ids = (full_text.ids([[variants]]) if len(words) > 1 else
                       self.tiers[-1][1]) | labelled([variants], tagged)
                found = ids if found is None else found & ids
            self.bonus = labelled(words, tagged, whole=True)
            self.tiers.append(("labels", found, [words]))
        for kind in ("expansions", "corrected", "corrected_expansions"):
            if expansions.get(kind):
                ids = full_text.ids(expansions[kind]).union(*(
                    labelled(expansion, tagged, whole=True) for expansion in expansions[kind]))
                self.tiers.append((kind, ids, expansions[kind]))
        self.tier_of = {}  # id -> its best tier's position
        for position in reversed(range(len(self.tiers))):
            self.tier_of.update(dict.fromkeys(self.tiers[position][1], position))

    def ordered(self, rows, end):
        """`rows` (matching entries) best first; scored only in the tiers the first `end`
        reach (a tier after them is only counted)."""
        by_tier = {}
        for row in rows:
            by_tier.setdefault(self.tier_of[row[ID]], []).append(row)
        out = []
        for position in sorted(by_tier):
            members = by_tier[position]
            if len(out) < end:
                name, _ids, conditions = self.tiers[position]
                scores = self.full_text.scores(conditions)
                if name == "labels":
                    for i in self.bonus:  # a term named by the whole query
                        scores[i] = scores.get(i, 0) + 1000
                members.sort(key=lambda r: (-scores.get(r[ID], 0), r[KEY]))
            else:
                members.sort(key=lambda r: r[KEY])
            out += members
        return out


def in_area(row, bbox):
    south, west, north, east = bbox
    latitude, longitude = row[LATITUDE], row[LONGITUDE]
    if latitude is None or not south <= latitude <= north:
        return False
    if west <= east:
        return west <= longitude <= east
    return longitude >= west or longitude <= east  # across the antimeridian


def filtered(ids, query, loaded):
    """(rows of the entries passing every filter, {facet: counts with the other facets'
    filters}): an entry failing one facet's filter still counts in that facet (AND across
    facets, OR within: what choosing the value would give). The map's area and the tag bind
    all."""
    rows, tagged = loaded["rows"], loaded["tagged"]
    if query.tag:
        ids = {i for i in ids if f" {query.tag} " in rows[i][TAGS]}
    if query.bbox:
        ids = {i for i in ids if in_area(rows[i], query.bbox)}
    passing = {name: set().union(*(tagged.get((name, value), ()) for value in values))
               for name, values in query.filters().items()}
    kept = set(ids).intersection(*passing.values())
    counts = {}
    if query.facets:
        for name in FACETS:
            column = FACET_COLUMN[name]
            others = [found for other, found in passing.items() if other != name]
            counted = set(ids).intersection(*others) if name in passing else kept
            # many entries share a column's text (" living mobility "): counted once each
            texts = Counter(rows[i][column] for i in counted)
            counts[name] = found = Counter()
            for text, n in texts.items():
                for value in text.split():
                    found[value] += n
    return [rows[i] for i in kept], counts


def ordered(rows, query, tiers, end):
    if query.sort == "relevance" and tiers is not None:
        return tiers.ordered(rows, end)
    if query.sort == "title":
        with connection.cursor() as cursor:
            titles = dict(query_rows(cursor, SHOWN_TITLES[connection.vendor], [query.lang]))
        return sorted(rows, key=lambda r: (titles.get(r[ID]) or "", r[KEY]))
    if query.sort == "reused":
        return sorted(rows, key=lambda r: (r[REUSED], r[NEWEST], r[KEY]), reverse=True)
    return sorted(rows, key=lambda r: (r[NEWEST], r[KEY]), reverse=True)


WRITTEN_BEFORE = "?"  # what migrations kbsearch 0007 and 0008 gave the entries they found


def ensure_entries(sender=None, using="default", **kwargs):
    """A database upgraded from before the engine had its own index (or whose index was
    emptied) gets it built after `migrate`."""
    introspection = connections[using].introspection
    if "kbsearch_searchentry" not in introspection.table_names():
        return
    with connections[using].cursor() as cursor:
        columns = {c.name for c in introspection.get_table_description(
            cursor, "kbsearch_searchentry")}
    if "reuse" not in columns:  # (migrated to before 0008 only)
        return
    if SearchEntry.objects.filter(cards=[]).exists() or SearchEntry.objects.filter(
            Q(funding=WRITTEN_BEFORE) | Q(reuse=WRITTEN_BEFORE)).exists() or (
            not SearchEntry.objects.exists() and published(PracticePage.objects.all()).exists()):
        DatabaseEngine.rebuild()  # (entries written before they held the cards: again)


def spaced(values):
    return f" {' '.join(values)} " if values else ""


def write_entries(keys):
    """The entries of these groups as their published versions are now (none: removed)."""
    documents = documents_for(keys)
    entries = [SearchEntry(
        translation_key=doc["translation_key"], version_ids=spaced(map(str, doc["version_ids"])),
        title_keys="".join(f"\n{title}" for title in doc["title_keys"]) + "\n",
        text=" ".join(doc["folded"]),
        country=spaced(doc["country"]), status=spaced(doc["status"]),
        dimensions=spaced(doc["dimensions"]), challenges=spaced(doc["challenges"]),
        funding=spaced(doc["funding"]), reuse=spaced(doc["reuse"]), reused=doc["reused"],
        type=spaced(doc["type"]),
        languages=spaced(doc["available_languages"]), tags=spaced(doc["tag_slugs"]),
        latitude=(doc["location"] or [{}])[0].get("lat"),
        longitude=(doc["location"] or [{}])[0].get("lon"),
        newest=doc["first_published_at"], titles=doc["shown_title"], cards=doc["cards"],
        bodies=doc["bodies"]) for doc in documents]
    with transaction.atomic():
        SearchEntry.objects.filter(translation_key__in=keys).delete()
        SearchEntry.objects.bulk_create(entries)
        ROWS.bump()
        pagecache.changed()  # (the catalogue's results come from here)
    return len(entries)


class DatabaseEngine(Engine):
    name = "database"

    def run(self, query, terms):
        loaded = ROWS.get()
        tiers = None
        if terms.words or terms.expansions:
            tiers = Tiers(terms, query, loaded)
            ids = tiers.tier_of.keys() & loaded["rows"].keys()
        else:
            ids = loaded["rows"].keys()
        kept, counts = filtered(ids, query, loaded)
        end = query.offset + query.page_size
        page = ordered(kept, query, tiers, end)[query.offset:end]
        return len(kept), [row[KEY] for row in page], counts

    def cards(self, keys, text=False):
        """From the entries (written with the change: never behind the pages)."""
        columns = ("translation_key", "cards", "bodies") if text else ("translation_key", "cards")
        return {row[0]: dict(zip(columns[1:], row[1:], strict=True)) for row in
                SearchEntry.objects.filter(translation_key__in=keys).values_list(*columns)}

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
        pages = dict(Page.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
        keys = {str(key) for key in pages.values()}
        deleted = [i for i in ids if i not in pages]
        if deleted:  # its group is found by the entry holding it
            holding = Q()
            for page_id in deleted:
                holding |= Q(version_ids__contains=f" {page_id} ")
            keys.update(SearchEntry.objects.filter(holding)
                        .values_list("translation_key", flat=True))
        return write_entries(keys)

    @staticmethod
    def rebuild(progress=None, batch=500):
        """Every entry again, from the published practices, events and resources."""
        keys = list(dict.fromkeys(str(k) for model in INDEXED.values()
                                  for k in published(model.objects.all())
                                  .order_by("translation_key")
                                  .values_list("translation_key", flat=True)))
        with transaction.atomic():
            SearchEntry.objects.all().delete()
            ROWS.bump()
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
        return [hit.card for hit in display_hits(keys, self.cards(keys),
                                                 page.locale.language_code)]
