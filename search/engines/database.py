"""The zero-set-up engine: Wagtail's database search backend for text, the ORM for facets."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Max, Q, Value, When
from rapidfuzz import fuzz
from wagtail.search.query import And, Or, PlainText

from core.text import fold, words
from practices.catalogue import published
from practices.models import PracticePage

from .base import FACETS, Engine, Terms, display_hits


def text_query(terms):
    clauses = []
    if terms.words:
        clauses.append(And([Or([PlainText(v) for v in sorted(variants)])
                            for variants in terms.words]))
    for expansion in terms.expansions:
        folded = " ".join(fold(w) for w in words(expansion))
        if folded:
            clauses.append(PlainText(folded, operator="and"))
    return clauses[0] if len(clauses) == 1 else Or(clauses)


def ranked_page_ids(query):
    """Ids of the practice pages (any state) matching `query`, best first.

    Wagtail's SQLite backend orders by relevance through a correlated subquery that runs the
    FTS MATCH again for every matching row: 16 s for a common word on 10,000 practices. On
    SQLite the index is read here once, with the same BM25 weights as Wagtail's ranking
    (40 ms on the same data); other databases keep Wagtail's own ordering.
    """
    results = PracticePage.objects.only("id").search(query, order_by_relevance=True)
    if connection.vendor != "sqlite":  # (the SQLite backend's models exist only there)
        return [page.pk for page in results]
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
        SQLiteSearchQueryCompiler,
    )

    compiler = results.query_compiler
    if not isinstance(compiler, SQLiteSearchQueryCompiler):  # SQLite without FTS5
        return [page.pk for page in results]
    match = MatchExpression(compiler.fields or compiler.FTS_TABLE_FIELDS,
                            compiler.build_search_query(normalize(compiler.query), config=None))
    rank = compiler._build_rank_expression(compiler.get_search_vectors(), None)
    rows = (SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type=ContentType.objects.get_for_model(PracticePage))
            .annotate(score=rank).order_by("score")  # ordering keeps FTS the outer loop
            .values_list("score", "index_entry__object_id"))
    return [-negated for _score, negated in sorted((score, -int(pk)) for score, pk in rows)]


TITLE_WINDOW = 200  # ranked groups whose titles are compared with the query


def title_matches_first(keys, text):
    """A practice whose own title is what was typed (exactly, or nearly: a typo, another
    inflection) comes first; BM25 alone may rank it below longer texts sharing its words."""
    typed = " ".join(fold(w) for w in words(text))
    if not typed or not keys:
        return keys
    window = keys[:TITLE_WINDOW]
    closeness = {}
    rows = published(PracticePage.objects.filter(translation_key__in=window)).values_list(
        "translation_key", "title")
    for key, title in rows:
        score = fuzz.ratio(typed, " ".join(fold(w) for w in words(title)))
        closeness[str(key)] = max(closeness.get(str(key), 0), score if score >= 85 else 0)
    window = sorted(window, key=lambda k: -closeness.get(k, 0))  # stable: BM25 order kept
    return window + keys[TITLE_WINDOW:]


def apply_filters(queryset, filters):
    if filters.get("dimension"):
        queryset = queryset.filter(dimensions__slug__in=filters["dimension"])
    if filters.get("challenge"):
        queryset = queryset.filter(challenges__slug__in=filters["challenge"])
    if filters.get("country"):
        queryset = queryset.filter(country__in=filters["country"])
    if filters.get("status"):
        queryset = queryset.filter(status__in=filters["status"])
    if filters.get("language"):  # practices available in one of these languages
        available = published(PracticePage.objects.filter(
            locale__language_code__in=filters["language"])).values("translation_key")
        queryset = queryset.filter(translation_key__in=available)
    return queryset


class DatabaseEngine(Engine):
    name = "database"

    def run(self, query, terms):
        keys, base = self.matching_keys(query, terms)
        page_keys = keys[query.offset:query.offset + query.page_size]
        return len(keys), page_keys, (self.facets(base, query) if query.facets else {})

    def matching_keys(self, query, terms=None):
        """Every matching translation group in the query's order (exact, no result window),
        and the queryset the facets count from (text, map area and tag applied)."""
        terms = terms or Terms.of(query)
        if Terms.unsearchable(query, terms):
            return [], PracticePage.objects.none()
        base = published(PracticePage.objects.all())
        ranked = None
        if terms.words or terms.expansions:
            ids = ranked_page_ids(text_query(terms))
            # Only published versions may match: a word found in a draft or private
            # translation must not bring its published sibling (or the count) with it.
            keys = dict(published(PracticePage.objects.filter(pk__in=ids))
                        .values_list("pk", "translation_key"))
            ranked = list(dict.fromkeys(str(keys[pk]) for pk in ids if pk in keys))
            base = base.filter(translation_key__in=ranked)
        if query.bbox:
            south, west, north, east = query.bbox
            base = base.filter(latitude__gte=south, latitude__lte=north)
            if west <= east:
                base = base.filter(longitude__gte=west, longitude__lte=east)
            else:  # across the antimeridian
                base = base.filter(Q(longitude__gte=west) | Q(longitude__lte=east))
        if query.tag:
            base = base.filter(tags__slug=query.tag)
        filtered = apply_filters(base, query.filters())
        return self.ordered_keys(filtered, query, ranked), base

    @staticmethod
    def ordered_keys(filtered, query, ranked):
        present = {str(k) for k in filtered.values_list("translation_key", flat=True)}
        if query.sort == "relevance" and ranked is not None:
            return title_matches_first([k for k in ranked if k in present], query.q)
        if query.sort == "title":  # by the title shown: visitor's language, else original
            titles = {}
            rows = filtered.order_by("id").values_list(
                "translation_key", "title", "locale__language_code", "original_language")
            for key, title, language, original in rows:
                rank = 0 if language == query.lang else 1 if language == original else 2
                key = str(key)
                if key not in titles or rank < titles[key][0]:
                    titles[key] = (rank, title)
            return sorted(present, key=lambda k: (fold(titles[k][1]), k))
        newest = (filtered.order_by().values("translation_key")
                  .annotate(latest=Max("first_published_at")).order_by("-latest"))
        return list(dict.fromkeys(str(row["translation_key"]) for row in newest))

    @staticmethod
    def facets(base, query):
        """{facet: {value: number of translation groups}}, each facet counted with the other
        facets' filters (a visitor sees what choosing a value would give), in one query."""
        fields = {"dimension": "dimensions__slug", "challenge": "challenges__slug",
                  "country": "country", "status": "status",
                  "language": "locale__language_code"}
        counts = []
        for name in FACETS:
            queryset = apply_filters(base, query.filters(skip=name))
            if name == "language":  # count groups by the languages they are available in
                queryset = published(PracticePage.objects.filter(
                    translation_key__in=queryset.values("translation_key")))
            counts.append(queryset.order_by().annotate(value=F(fields[name])).values("value")
                          .annotate(n=Count("translation_key", distinct=True),
                                    facet=Value(name)).values_list("facet", "value", "n"))
        found = {name: {} for name in FACETS}
        for name, value, n in counts[0].union(*counts[1:], all=True):
            if value:
                found[name][value] = n
        return found

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
