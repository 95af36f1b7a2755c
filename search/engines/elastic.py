"""Elasticsearch 8 engine (elasticsearch.dsl): one document per translation group, holding the
text of every published language version. A search reads one hit per practice, facet counts
are plain `terms` counts and the total is the hit count: no collapse, no `cardinality`
(three quarters of a faceted search on the node when each version was a document). Uses only
core analysis (standard tokenizer, lowercase, stop, hunspell) so the same mapping runs on the
minimal test distribution and on any cluster."""

import logging
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from itertools import groupby, islice

from django.conf import settings
from elasticsearch import BadRequestError, Elasticsearch, NotFoundError
from elasticsearch.dsl import (
    A,
    Completion,
    Date,
    Document,
    GeoPoint,
    Index,
    Integer,
    Keyword,
    MultiSearch,
    Object,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch.helpers import bulk
from wagtail.models import Page

from core.text import LANGUAGES, fold, words
from practices.catalogue import prefetch_terms, published
from practices.models import EventPage, PracticePage, ResourcePage

from .. import backlog, breaker
from ..documents import build_documents, documents_for, published_ids, shown_version
from ..language import (
    HUNSPELL_LOCALES,
    STOPWORDS,
    all_known,
    concepts_in,
    glossary,
    term_variants,
)
from .base import BRIEF, FACETS, Engine, display_hits

logger = logging.getLogger("kb.search")
FIELD_OF = {"dimension": "dimensions", "challenge": "challenges", "country": "country",
            "status": "status", "language": "available_languages", "funding": "funding",
            "reuse": "reuse", "type": "type"}
TEXT_FIELDS = ("title", "summary", "body")
# How a practice matched, best first: a tier's score is above any BM25 score within the tier
# below (BM25 over a few text fields stays in the tens). "Exact title phrase > all query
# words > lemma/hunspell variants > taxonomy labels > glossary expansions > fuzzy"; a
# corrected typo counts as an expansion.
TIERS = {"title": 64_000, "words": 32_000, "lemmas": 16_000, "analysed": 8_000,
         "labels": 4_000, "expansions": 2_000, "fuzzy": 1_000, "corrected": 1_000,
         "corrected_expansions": 500}


RESCORED = 60  # the first matches ordered again by the finer measures (text_query): 5 pages


def language_analyzer(lang):
    filters = ["lowercase"]
    if STOPWORDS[lang] != "_none_":
        filters.append(token_filter(f"kb_{lang}_stop", "stop", stopwords=STOPWORDS[lang]))
    filters.append(token_filter(f"kb_{lang}_hunspell", "hunspell",
                                locale=HUNSPELL_LOCALES[lang], dedup=True))
    return analyzer(f"kb_{lang}", tokenizer="standard", filter=filters)


class PlainPracticeDocument(Document):
    """A translation group: its versions' texts side by side (lists), the taxonomy and place
    they share, and `versions` (id, language, last published) to check the index against."""

    translation_key = Keyword()
    version_ids = Integer()
    versions = Object(enabled=False)
    available_languages = Keyword()
    # every facet's values as "facet:value" (FIELD_OF): the facets a visitor has not chosen
    # from are counted by one aggregation, over one field
    facet_values = Keyword()
    title = Text(analyzer="standard")
    summary = Text(analyzer="standard")
    body = Text(analyzer="standard")
    place = Text(analyzer="standard")
    labels = Text(analyzer="standard")
    tags = Text(analyzer="standard", fields={"raw": Keyword()})
    tag_slugs = Keyword()
    # the versions' own words and lemmas; their taxonomy terms' labels and synonyms; both in
    # one field for the tiers that take either (a word is looked up once, not per field)
    folded = Text(analyzer="standard", copy_to="folded_any")
    folded_labels = Text(analyzer="standard", copy_to="folded_any")
    folded_any = Text(analyzer="standard")
    title_keys = Keyword()  # every version's title, folded: typed in full, it comes first
    # the glossary concepts its texts name (search.language.concepts_in): a query naming a
    # concept looks its slug up here
    concepts = Keyword()
    country = Keyword()
    dimensions = Keyword()
    challenges = Keyword()
    funding = Keyword()
    reuse = Keyword()  # the stages of its validated transfers
    reused = Integer()  # territories reusing it (sort "reused")
    type = Keyword()  # practice, event or resource (search.documents.INDEXED)
    status = Keyword()
    first_published_at = Date()  # the group's newest version (what "newest" sorts by)
    # The title a visitor of each language sees for the group (for sorting by title).
    shown_title = Object(properties={lang: Keyword() for lang in LANGUAGES})
    location = GeoPoint()
    # What a result shows of each version (practices.cards) and each version's text for
    # snippets, {version id: text}: read back, never searched
    cards = Object(enabled=False)
    bodies = Object(enabled=False)
    suggest = Completion(analyzer="standard", contexts=[{"name": "language", "type": "category"}])


class PracticeDocument(PlainPracticeDocument):
    """With each version's title, summary and body again under its language, through that
    language's stop words and hunspell dictionary (`analysed.<language>.<field>`: what the
    "analysed" tier asks in the visitor's language). Each text goes through one dictionary,
    its own: through all five (sub-fields of title, summary and body) the node spent 60 % of
    its indexing time there. An index for a cluster without dictionaries
    (KB_SEARCH_HUNSPELL=false) has the plain document: the folded and lemmatised fields carry
    the ranking (bench/relevance/)."""

    analysed = Object(properties={lang: Object(properties={
        name: Text(analyzer=language_analyzer(lang)) for name in TEXT_FIELDS})
        for lang in LANGUAGES})


def missing_dictionaries(client):
    """The languages whose hunspell dictionary the cluster cannot load (asked of the node's
    analyze API: no index is needed)."""
    missing = []
    for lang, locale in HUNSPELL_LOCALES.items():
        try:
            client.indices.analyze(tokenizer="standard", text="village",
                                   filter=[{"type": "hunspell", "locale": locale}])
        except BadRequestError:
            missing.append(f"{lang} ({locale})")
    return missing


def alias_name():
    """The live index's alias. Named after the document shape: an index of an older shape
    (one document per language version, alias `<prefix>practices`; groups without cards,
    `<prefix>practice-groups`; with cards, without the concepts named,
    `<prefix>practice-cards`; each text through all five dictionaries,
    `<prefix>practice-concepts`; without the funding sources, `<prefix>practice-languages`;
    without the transfers, `<prefix>practice-funding`; of practices only,
    `<prefix>practice-reuse`) is never read as one of this shape; `search_index rebuild`
    builds this one (docs/deployment.md)."""
    return f"{settings.KB_SEARCH_INDEX_PREFIX}practice-types"


def tokens(doc):
    """A document's folded words and lemmas, and its labels' (the words of `folded_any`)."""
    return set(" ".join([*doc["folded"], *(label for labels in doc["folded_labels"]
                                           for label in labels)]).split())


def source(doc):
    """What Elasticsearch stores of a document: with every facet's values in one field, the
    glossary concepts its texts name, and (in an index with the hunspell dictionaries) each
    version's texts under its language."""
    stored = {**doc, "facet_values": [f"{name}:{value}" for name, field in FIELD_OF.items()
                                      for value in doc[field]],
              "concepts": concepts_in(tokens(doc))}
    if not settings.KB_SEARCH_HUNSPELL:
        del stored["analysed"]
    return stored


def documents_of(pages, progress=None):
    """The documents of these pages (every published version of their groups)."""
    prefetch_terms(pages)
    yield from build_documents(pages)
    if progress:
        progress(len(pages))


REBUILD_THREADS = 2  # bulk requests in flight during a rebuild


def client(url, timeout):
    """A client of the node, or of a cluster's nodes (`url`: their addresses, comma-separated:
    a node that refuses the connection is skipped for the next; a timeout is not retried —
    the search falls back to the database at once, search.breaker)."""
    nodes = breaker.hosts(url)
    return Elasticsearch(nodes, request_timeout=timeout, retry_on_timeout=False,
                         max_retries=len(nodes) - 1)


def every_word(fields, variants_per_word):
    """Every word in one of the fields, by one of its variants (filters: a `terms` query
    tests a set of variants at once)."""
    def word(variants):
        found = [Q("terms", **{f: sorted(variants)}) if len(variants) > 1 else
                 Q("term", **{f: next(iter(variants))}) for f in fields]
        return found[0] if len(found) == 1 else Q("bool", should=found, minimum_should_match=1)
    found = [word(variants) for variants in variants_per_word]
    return found[0] if len(found) == 1 else Q("bool", filter=found)


def chunks(items, size):
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk


class ElasticsearchEngine(Engine):
    name = "elasticsearch"

    def __init__(self, url, timeout=5):
        self.client = client(url, timeout)
        self.alias = alias_name()
        self.withdrawn = set()  # backlog pages no longer published (search/backlog.py)
        self.sources = {}  # translation key -> what the last search read of its document

    # --- index management ------------------------------------------------------------------

    def create_index(self, name, building=False):
        """An index of this shape; `building`: to be filled in bulk, unsearched until
        `built()` (no refresh, no replica while it fills)."""
        index = Index(name, using=self.client)
        # Sorted by translation key: equal scores (and scores a float cannot tell apart next
        # to a tier's thousands) come in the key's order, the same in every index built from
        # the same practices — Lucene's insertion order changes with a rebuild, and page 2
        # would repeat or skip a result (bench/es_cluster.py).
        index.settings(number_of_shards=1, max_result_window=200_000,
                       number_of_replicas=0 if building else settings.KB_SEARCH_REPLICAS,
                       sort={"field": "translation_key", "order": "asc"},
                       **({"refresh_interval": "-1"} if building else {}))
        if settings.KB_SEARCH_HUNSPELL:
            index.document(PracticeDocument)
        else:
            logger.warning("Elasticsearch index %s built without hunspell sub-fields "
                           "(KB_SEARCH_HUNSPELL=false)", name)
            index.document(PlainPracticeDocument)
        index.create()
        return name

    def new_index_name(self):
        return f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"

    def ensure_index(self):
        if not self.client.indices.exists_alias(name=self.alias):
            name = self.create_index(self.new_index_name())
            self.client.indices.put_alias(index=name, name=self.alias)

    def write(self, documents, index=None, refresh=True, threads=1):
        """Index these documents; `threads` > 1: that many bulk requests at a time, the
        documents built meanwhile (an error raises, as with one)."""
        actions = ({"_index": index or self.alias, "_id": doc["translation_key"],
                    "_source": source(doc)} for doc in documents)
        if threads <= 1:
            return bulk(self.client, actions, chunk_size=500, refresh=refresh)[0]
        # (the documents are read and built in this thread: its database connection)
        count, sent = 0, deque()
        with ThreadPoolExecutor(threads) as pool:
            while chunk := list(islice(actions, 500)):
                sent.append(pool.submit(bulk, self.client, chunk, chunk_size=500))
                if len(sent) >= threads:
                    count += sent.popleft().result()[0]
            count += sum(request.result()[0] for request in sent)
        if refresh:
            self.client.indices.refresh(index=index or self.alias)
        return count

    def index_pages(self, pages):
        """Write again the groups of these pages (ids or pages): with their published
        versions, or removed when none is left."""
        ids = [getattr(p, "pk", p) for p in pages]
        if not ids:
            return 0
        self.ensure_index()
        keys = {str(k) for k in Page.objects.filter(pk__in=ids)
                .values_list("translation_key", flat=True)}
        return self.write_groups(keys | self.groups_holding(ids))

    def delete_ids(self, ids):
        """These pages are no longer published (or no longer exist): their groups are
        written again without them."""
        if ids and self.client.indices.exists_alias(name=self.alias):
            self.write_groups(self.groups_holding(ids))

    def groups_holding(self, ids):
        """The translation groups whose document holds one of these page ids (the index
        exists: both callers made sure of it)."""
        found = set()
        for chunk in chunks(sorted(int(i) for i in ids), 1000):
            search = Search(using=self.client, index=self.alias).filter(
                "terms", version_ids=chunk).source(False)
            found.update(hit.meta.id for hit in search.params(size=1000).scan())
        return found

    def write_groups(self, keys):
        if not keys:
            return 0
        documents = documents_for(keys)
        gone = keys - {doc["translation_key"] for doc in documents}
        count = self.write(documents) if documents else 0
        if gone:
            actions = ({"_op_type": "delete", "_index": self.alias, "_id": key}
                       for key in sorted(gone))
            bulk(self.client, actions, raise_on_error=False, refresh=True)
        return count

    def built(self, name):
        """A new index filled: made searchable, merged into one segment (a search visits
        every segment: at 100k the node's time halves), then given its replicas. The
        merged segment stays far below the 5 GB past which merging would stop."""
        self.client.indices.refresh(index=name)
        self.client.options(request_timeout=3600).indices.forcemerge(
            index=name, max_num_segments=1)
        self.client.indices.put_settings(index=name, settings={"index": {
            "refresh_interval": None, "number_of_replicas": settings.KB_SEARCH_REPLICAS}})

    def rebuild(self, progress=None, batch=500):
        """Build a new index beside the live one, then swap the alias in one request. The
        documents are built (here) while the node indexes the ones before (parallel bulk
        requests): the two take turns otherwise."""
        name = self.create_index(self.new_index_name(), building=True)
        total = self.write(self._all_documents(progress, batch), index=name, refresh=False,
                           threads=REBUILD_THREADS)
        self.built(name)
        old = list(self.client.indices.get_alias(name=self.alias).keys()) \
            if self.client.indices.exists_alias(name=self.alias) else []
        actions = [{"remove": {"index": o, "alias": self.alias}} for o in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        # Searches that resolved the alias just before the swap still read the retired
        # index: keep it until the next rebuild, drop anything older.
        existing = self.client.indices.get(index=f"{self.alias}-*", allow_no_indices=True)
        stale = [i for i in existing if i != name and i not in old]
        if stale:
            self.client.indices.delete(index=",".join(stale), ignore_unavailable=True)
        return name, total

    @staticmethod
    def _all_documents(progress, batch):
        """Every published practice's document, read `batch` pages at a time (whole
        translation groups: available_languages spans a group), then the events' and the
        toolbox resources'."""
        queryset = (published(PracticePage.objects.all()).select_related("locale")
                    .order_by("translation_key", "id"))
        pages = []
        for _key, group in groupby(queryset.iterator(chunk_size=batch),
                                   key=lambda p: p.translation_key):
            pages.extend(group)
            if len(pages) >= batch:
                yield from documents_of(pages, progress)
                pages = []
        yield from documents_of(pages, progress)
        for model in (EventPage, ResourcePage):  # (a few hundred at most)
            keys = {str(k) for k in published(model.objects.all())
                    .values_list("translation_key", flat=True)}
            if keys:
                yield from documents_for(keys)

    def naming(self, slugs):
        """The ids of the versions whose documents must be written again after these
        glossary concepts changed: those naming them as indexed, or naming a concept no
        longer in the glossary, and those whose texts name them now."""
        if not self.client.indices.exists_alias(name=self.alias):
            return set()
        concepts = glossary()["concepts"]
        indexed = Search(using=self.client, index=self.alias).extra(size=0)
        indexed.aggs.bucket("concepts", "terms", field="concepts", size=65_000)
        gone = {b.key for b in buckets(indexed.execute(), "concepts")} - set(concepts)
        wanted = [Q("terms", concepts=sorted(set(slugs) | gone))]
        wanted += [every_word(["folded_any"], variants) for slug in slugs
                   for term in concepts.get(slug, ()) if (variants := term_variants(term, "en"))]
        search = Search(using=self.client, index=self.alias).source(["version_ids"]).filter(
            Q("bool", should=wanted, minimum_should_match=1))
        return {i for hit in search.params(size=1000).scan() for i in hit.version_ids}

    def indexed_state(self):
        """{page id: last_published_at} of every version the index holds."""
        if not self.client.indices.exists_alias(name=self.alias):
            return {}
        search = Search(using=self.client, index=self.alias).source(["versions"])
        return {version["id"]: version["last_published_at"]
                for hit in search.params(size=1000).scan()
                for version in hit.to_dict().get("versions", [])}

    # --- search -------------------------------------------------------------------------

    def text_query(self, query, terms):
        """Ranked in tiers, each above any score of the one below (TIERS); within a tier by
        BM25 over the texts (title first) in every language's analysis."""
        tiers = []

        typed = " ".join(terms.folded)
        if terms.words:
            tiers += [
                ("title", Q("term", title_keys=terms.title)),
                ("words", every_word(["folded"], [{w} for w in terms.folded])),
                ("lemmas", every_word(["folded"], terms.words)),
                ("labels", every_word(["folded_any"], terms.words)),
            ]
            # the words through hunspell in the visitor's language (in every language:
            # 5× the cost, the same results on the graded set; an index built without them
            # has no such fields)
            if settings.KB_SEARCH_HUNSPELL:
                tiers.insert(3, ("analysed", Q("multi_match", query=query.q, operator="and",
                                               fields=[f"analysed.{query.lang}.{f}"
                                                       for f in TEXT_FIELDS])))
            if not all_known(terms.words):  # a typo to forgive
                tiers.append(("fuzzy", Q("match", folded={
                    "query": typed, "operator": "and", "fuzziness": "AUTO",
                    "prefix_length": 1})))
        # the glossary concepts named, by their slugs, stored with the practices naming them
        named = {}
        for kind, slug in terms.concepts:
            named.setdefault(kind, []).append(slug)
        tiers += [(kind, Q("terms", concepts=slugs)) for kind, slugs in named.items()]
        tiers += [(kind, every_word(["folded_any"], expansion))
                  for kind, expansion in terms.expansion_words
                  if expansion and kind == "corrected"]
        # A tier's score is constant (its rank); a practice in several tiers counts in the
        # highest (dis_max). A concept's expansions are one value looked up (the concepts a
        # practice names are found when it is indexed), not a dozen terms' words tested
        # against every text (bench/RESULTS.md). Within a
        # tier: BM25 of the query over the texts, how closely the query appears as a phrase
        # (lemmas sit between the words of the folded fields: a slop of 3), and BM25 of the
        # expansions' words.
        clauses = {}
        for name, clause in tiers:
            clauses.setdefault(name, []).append(clause)
        clauses = {name: found[0] if len(found) == 1 else
                   Q("bool", should=found, minimum_should_match=1)
                   for name, found in clauses.items()}
        ranked = Q("dis_max", queries=[Q("constant_score", boost=TIERS[name], filter=clause)
                                       for name, clause in clauses.items()])
        expanded = " ".join(fold(w) for e in terms.expansions for w in words(e))
        # Every match is scored by its tier and BM25 of its words (one field: the cost of a
        # search grows with the practices it matches); the first RESCORED of them (five
        # pages; past them the first order goes on) are ordered again by the finer measures
        # (`within`).
        first = Q("match", folded=typed or expanded)
        within = [Q("multi_match", query=query.q, fields=["title^3", "summary^2", "body"])]
        if typed:
            within += [Q("match_phrase", **{name: {"query": typed, "slop": 3}})
                       for name in ("folded", "folded_labels")]
        if expanded:  # (one query of all the expansions' words: phrases cost 2× the search)
            within.append(Q("match", folded={"query": expanded, "boost": 0.5}))
        matching = Q("bool", should=list(clauses.values()), minimum_should_match=1)
        return Q("bool", must=[ranked], should=[first]), Q("bool", should=within), matching

    def filter_clauses(self, query, skip=None):
        clauses = [Q("terms", **{FIELD_OF[name]: values})
                   for name, values in query.filters(skip=skip).items()]
        if self.withdrawn:  # not yet removed from the index: its group waits for the retry
            clauses.append(~Q("terms", version_ids=sorted(self.withdrawn)))
        if query.tag:
            clauses.append(Q("term", tag_slugs=query.tag))
        if query.bbox:
            south, west, north, east = query.bbox
            clauses.append(Q("geo_bounding_box", location={
                "top_left": {"lat": north, "lon": west},
                "bottom_right": {"lat": south, "lon": east}}))
        return clauses

    def run(self, query, terms):
        """Two requests in one round trip (msearch), which the node answers in parallel:
        the page of results — scored, filtered, with no exact total, so the node may skip
        matches that cannot reach the page — and the count with the facets — unscored, the
        text's matches as a filter, cacheable by the node (size 0)."""
        self.withdrawn = backlog.hidden_ids()
        filters = self.filter_clauses(query, skip="__none__")
        page = Search(using=self.client, index=self.alias)
        counted = Search(using=self.client, index=self.alias)
        if terms.words or terms.expansions:
            scored, finer, matching = self.text_query(query, terms)
            page = page.query(Q("bool", must=[scored], filter=filters))
            counted = counted.query(Q("bool", filter=[matching]))
            if query.sort == "relevance":
                page = page.extra(rescore={
                    # the same window for every page: pages past it follow on in the first
                    # order, never repeating or skipping a result of the pages before
                    "window_size": RESCORED,
                    "query": {"rescore_query": finer.to_dict()}})
        elif filters:
            page = page.query(Q("bool", filter=filters))
        if query.sort == "newest" or (query.sort == "relevance" and not query.q):
            page = page.sort("-first_published_at", "translation_key")
        elif query.sort == "title":
            page = page.sort(f"shown_title.{query.lang}", "translation_key")
        elif query.sort == "reused":
            page = page.sort("-reused", "-first_published_at", "translation_key")
        if query.for_map:
            page = page.source([f"cards.{name}" for name in BRIEF])
        else:
            page = page.source(["cards", "bodies"] if query.highlight and query.q.strip()
                               else ["cards"])
        page = page.extra(from_=query.offset, size=query.page_size, track_total_hits=False)
        if filters:
            counted = counted.post_filter(Q("bool", filter=filters))
        selected = query.filters()
        if query.facets:
            self.facet_aggregations(counted, query, selected, filters)
        counted = counted.extra(size=0, track_total_hits=True).params(request_cache=True)
        found, counts_found = MultiSearch(using=self.client, index=self.alias).add(
            page).add(counted).execute(raise_on_error=True)
        keys = self.read_hits(found)
        counts = {name: {} for name in FACETS} if query.facets else {}
        for name in counts:
            if name in counts_found.aggregations:
                counts[name] = {b.key: b.doc_count for b in buckets(counts_found, name)}
        if "others" in counts_found.aggregations:
            for bucket in buckets(counts_found, "others"):
                name, value = bucket.key.split(":", 1)
                if name not in selected:
                    counts[name][value] = bucket.doc_count
        return counts_found.hits.total.value, keys, counts

    def facet_aggregations(self, search, query, selected, filters):
        """Each facet a visitor chose from, counted with the other facets' filters; the
        others by one aggregation over `facet_values`, with every filter."""
        for name in FACETS:
            if name not in selected:
                continue
            values = A("terms", field=FIELD_OF[name], size=300)
            others = self.filter_clauses(query, skip=name)
            if others:
                search.aggs.bucket(name, "filter", Q("bool", filter=others)).bucket(
                    "values", values)
            else:  # (a filter aggregation of nothing costs 3× the search)
                search.aggs.bucket(name, values)
        if len(selected) < len(FACETS):
            values = A("terms", field="facet_values", size=1000)
            if filters:
                search.aggs.bucket("others", "filter", Q("bool", filter=filters)).bucket(
                    "values", values)
            else:
                search.aggs.bucket("others", values)

    def read_hits(self, response):
        self.sources = {hit.meta.id: hit.to_dict() for hit in response.hits}
        return list(self.sources)

    def cards(self, keys, text=False):
        """From the documents the search read; a version unpublished since it was indexed
        (its update is on its way: a background task) is left out, the group too if no
        version is left."""
        ids = {card["id"] for key in keys for card in self.sources[key].get("cards", [])}
        live = published_ids(ids) if ids else set()
        return {key: {"cards": [card for card in self.sources[key].get("cards", [])
                                if card["id"] in live],
                      "bodies": self.sources[key].get("bodies", {})} for key in keys}

    def correct(self, text):
        """The query with its unknown words corrected, by the node's term suggester over the
        published text it holds (the folded field: every version's words and lemmas); past
        its two edits ("Digitallotsinnen"), by the vocabulary in memory."""
        typed = words(text)
        folded = [fold(w) for w in typed]
        suggest = {"fix": {"text": " ".join(folded), "term": {
            "field": "folded", "suggest_mode": "missing", "min_word_length": 4,
            "prefix_length": 1, "max_edits": 2, "size": 1, "sort": "score"}}}
        response = self.client.search(index=self.alias, suggest=suggest, size=0)
        corrections = {entry["text"]: entry["options"][0]["text"]
                       for entry in response["suggest"]["fix"] if entry["options"]}
        if not corrections:
            return super().correct(text)
        return " ".join(corrections.get(f, w) for w, f in zip(typed, folded, strict=True))

    def autocomplete(self, prefix, lang, limit=8):
        prefix = prefix.strip()
        if len(prefix) < 2:
            return []
        suggest = {"titles": {"prefix": prefix, "completion": {
            "field": "suggest", "size": limit * 2, "skip_duplicates": True,
            "fuzzy": {"fuzziness": "AUTO"}, "contexts": {"language": LANGUAGES}}}}
        response = self.client.search(index=self.alias, suggest=suggest, source=False)
        options = response["suggest"]["titles"][0]["options"]
        # The index may lag behind (a failed update): what it suggests is read again from
        # the published pages, so a withdrawn practice or an old title is never served.
        groups = {}
        for page in published(PracticePage.objects.filter(
                translation_key__in=[o["_id"] for o in options])).select_related("locale"):
            groups.setdefault(str(page.translation_key), []).append(page)
        found = [suggested_version(groups[o["_id"]], o["text"], prefix, lang)
                 for o in options if o["_id"] in groups]
        found.sort(key=lambda page: page.locale.language_code != lang)  # stable: by score
        return [{"title": page.title, "url": page.url, "language": page.locale.language_code}
                for page in found[:limit]]

    def related(self, page, limit=5):
        # Taxonomy labels in all languages make practices alike across languages.
        search = (Search(using=self.client, index=self.alias)
                  .filter("term", type="practice")
                  .query(Q("more_like_this", fields=["labels", "folded"],
                           like=[{"_index": self.alias, "_id": str(page.translation_key)}],
                           min_term_freq=1, min_doc_freq=1, max_query_terms=40,
                           minimum_should_match="5%"))
                  .extra(size=limit).source(["cards"]))
        try:
            keys = self.read_hits(search.execute())
        except NotFoundError:
            keys = []
        return [hit.card for hit in display_hits(keys, self.cards(keys),
                                                 page.locale.language_code)]


def buckets(response, name):
    """A terms aggregation's buckets, under a filter aggregation or not."""
    found = response.aggregations[name]
    if "values" in found:
        found = found["values"]
    return found.buckets


def suggested_version(versions, text, prefix, lang):
    """The version of a suggested group to name: the visitor's if its title starts with what
    they typed, else the one whose title (or tag) was matched, else the one they would see."""
    mine = next((v for v in versions if v.locale.language_code == lang), None)
    if mine and fold(mine.title).startswith(fold(prefix)):
        return mine
    return next((v for v in versions if v.title == text), None) or shown_version(versions, lang)
