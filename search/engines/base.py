"""The engine interface both search engines implement, and what they share."""

import logging
from dataclasses import dataclass, field, replace
from operator import attrgetter

from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django_countries import countries

from core.text import LANGUAGES, fold, query_variants, words
from practices.cards import Card
from practices.catalogue import Taxonomy
from practices.models import Stage
from practices.models.pages import Status

from ..documents import shown_version
from ..highlight import snippet
from ..language import all_known, concept_terms, named_concepts, suggest, term_variants

logger = logging.getLogger("kb.search")
FACETS = ("type", "dimension", "challenge", "country", "language", "status", "funding",
          "reuse")
TYPES = ("practice", "event", "resource")  # what a result is (search.documents.INDEXED)
SORTS = ("relevance", "newest", "title", "reused")  # reused: by territories reusing it
MAX_WORDS = 32  # a query's distinct words searched; the rest of a pasted paragraph is ignored


@dataclass
class SearchQuery:
    q: str = ""
    lang: str = "en"
    dimension: list = field(default_factory=list)
    challenge: list = field(default_factory=list)
    country: list = field(default_factory=list)
    language: list = field(default_factory=list)
    status: list = field(default_factory=list)
    funding: list = field(default_factory=list)
    reuse: list = field(default_factory=list)  # stages of validated transfers
    # practices, unless events or toolbox resources are asked for (the catalogue is the
    # practices' first)
    type: list = field(default_factory=lambda: ["practice"])
    tag: str = ""
    sort: str = "relevance"
    page: int = 1
    page_size: int = 12
    bbox: tuple | None = None  # (south, west, north, east)
    highlight: bool = True
    facets: bool = True  # the facet counts (the catalogue, the API and feeds show them)
    for_map: bool = False  # only where the matches are: no card details

    def filters(self, skip=None):
        return {name: getattr(self, name) for name in FACETS
                if name != skip and getattr(self, name)}

    @property
    def offset(self):
        return (self.page - 1) * self.page_size


@dataclass
class Terms:
    """What a query means once language handling is done."""

    words: list  # each: set of folded variants of one query word
    expansions: list  # glossary terms (any language)
    folded: list = field(default_factory=list)  # each query word folded, as typed
    # (how, variants of each word) of each expansion, `how` being "expansions" (a glossary
    # term of a concept the query names), "corrected" (the query with its typos corrected)
    # or "corrected_expansions" (a glossary term of a concept the corrected query names)
    expansion_words: list = field(default_factory=list)
    corrected: str | None = None  # the query with its unknown words corrected, if any
    title: str = ""  # every word of the query folded: a title typed in full
    # (how, slug) of each glossary concept named: "expansions" (by the query) or
    # "corrected_expansions" (by the corrected query only)
    concepts: list = field(default_factory=list)

    @classmethod
    def of(cls, query: SearchQuery, corrections=True, correct=suggest):
        text = query.q.strip()
        # Words that fold to nothing (Arabic letters, tatweel, cuneiform) cannot match the
        # folded index; repeated words add nothing; MAX_WORDS bounds the query's size.
        found = [(w, query_variants(w, query.lang)) for w in dict.fromkeys(words(text))]
        found = [(w, v) for w, v in found if v]
        # One- and two-letter words ("a", "e", "in") are stop words in PostgreSQL's text
        # search and would make an AND of every word match nothing: required only when the
        # query has nothing longer.
        if any(len(fold(w)) > 2 for w, _v in found):
            found = [(w, v) for w, v in found if len(fold(w)) > 2]
        found = found[:MAX_WORDS]
        variants = [v for _w, v in found]
        # the concepts the query names, and what a corrected query names (below what was
        # typed); `kinds`: each expansion's rank
        concepts = {slug: "expansions" for slug in
                    (named_concepts(text, query.lang) if text else [])}
        kinds = {term: "expansions" for term in concept_terms(concepts, text)}
        # A word no visitor can read on the site is a typo: what the corrected query means
        # is searched too, below what was typed (and shown as "did you mean").
        corrected = (correct(text) if corrections and variants and not all_known(variants)
                     else None)
        if corrected:
            kinds.setdefault(corrected, "corrected")
            more = [slug for slug in named_concepts(corrected, query.lang)
                    if slug not in concepts]
            concepts.update(dict.fromkeys(more, "corrected_expansions"))
            for term in concept_terms(more, corrected):
                kinds.setdefault(term, "corrected_expansions")
        return cls(words=variants, expansions=list(kinds), folded=[fold(w) for w, _v in found],
                   expansion_words=[(kind, term_variants(term, query.lang))
                                    for term, kind in kinds.items()], corrected=corrected,
                   title=" ".join(fold(w) for w in words(text)),
                   concepts=[(kind, slug) for slug, kind in concepts.items()])

    @staticmethod
    def unsearchable(query: SearchQuery, terms) -> bool:
        """Text was typed but none of it can be searched: nothing matches (not everything)."""
        return bool(query.q.strip()) and not terms.words and not terms.expansions

    def highlight_terms(self):
        terms = set().union(*self.words) if self.words else set()
        for expansion in self.expansions:  # glossary terms: their distinctive words only
            terms.update(fold(w) for w in words(expansion) if len(w) > 4)
        return terms


@dataclass
class Hit:
    key: str  # the practice's translation key
    card: Card  # the version shown (practices.cards)
    highlight: str
    translations: list  # every published version's card


@dataclass
class SearchResponse:
    engine: str
    count: int
    page: int
    page_size: int
    hits: list
    facets: dict
    suggestion: str | None = None
    corrected_from: str | None = None
    q: str = ""  # the query the results are for (the corrected one after "did you mean")
    degraded: bool = False

    @property
    def num_pages(self):
        return max(1, -(-self.count // self.page_size))


class Engine:
    name = "base"

    def search(self, query: SearchQuery) -> SearchResponse:
        terms = Terms.of(query, correct=self.correct)
        count, keys, counts = self.run_terms(query, terms)
        highlighted = terms if query.highlight and (terms.words or terms.expansions) else None
        groups = self.cards(keys, text=bool(highlighted))
        suggestion = corrected = None
        if terms.corrected and count:
            typed = Terms.of(query, corrections=False)
            if self.run_terms(replace(query, facets=False, page=1, page_size=1), typed)[0]:
                suggestion = terms.corrected  # what was typed finds something: "did you mean"
            else:  # only the correction finds something: say that it is what is shown
                corrected, query = query.q, replace(query, q=terms.corrected)
        return SearchResponse(
            engine=self.name, count=count, page=query.page, page_size=query.page_size,
            hits=display_hits(keys, groups, query.lang, highlighted),
            facets=label_facets(counts, query), suggestion=suggestion,
            corrected_from=corrected, q=query.q,
        )

    @staticmethod
    def correct(text):
        """The query with its unknown words corrected ("did you mean"), or None: from the
        vocabulary each process keeps in memory (search.language)."""
        return suggest(text)

    def run_terms(self, query, terms):
        if Terms.unsearchable(query, terms):
            return 0, [], {}
        return self.run(query, terms)

    def run(self, query, terms):
        """Return (number of groups, translation keys of the page in order,
        {facet: {value: count}})."""
        raise NotImplementedError

    def cards(self, keys, text=False):
        """{translation key: {"cards": [each published version's card data], "bodies":
        {version id: its text} when `text`}} of these groups, as the last run read them."""
        raise NotImplementedError

    def autocomplete(self, prefix: str, lang: str, limit: int = 8) -> list[dict]:
        raise NotImplementedError

    def related(self, page, limit: int = 5) -> list:
        raise NotImplementedError


BRIEF = ("id", "language", "original_language", "title", "url", "latitude", "longitude")


def display_hits(keys, groups, lang, terms=None):
    """The version of each group to show (the visitor's language, else the original), with
    a snippet of that version's text around the query's words when `terms` are given: from
    the data the engine holds (no page is read).

    Both engines highlight here, from the version whose title is shown: Elasticsearch's own
    highlighter re-analysed every text sub-field through five hunspell analysers for each
    hit, three quarters of a search's time on the node."""
    wanted = terms.highlight_terms() if terms else set()
    hits = []
    for key in keys:
        group = groups.get(key)
        if not group or not group["cards"]:
            continue  # unpublished since it was indexed
        versions = [Card.of(data) for data in group["cards"]]
        shown = shown_version(versions, lang, attrgetter("language"))
        highlight = ""
        if wanted:
            body = group.get("bodies", {}).get(str(shown.id), "")
            highlight = snippet([shown.summary, body, shown.title], wanted)
        hits.append(Hit(key=key, card=shown, highlight=highlight, translations=versions))
    return hits


def label_facets(counts, query):
    """Facet values with labels in the visitor's language, selected ones flagged."""
    taxonomy = Taxonomy.for_locale_code(query.lang)
    with translation.override(query.lang):
        labels = {
            "dimension": {s: t.name for s, t in taxonomy.dimensions.items()},
            "challenge": {s: t.name for s, t in taxonomy.challenges.items()},
            "country": {code: str(countries.name(code)) for code in counts.get("country", {})},
            "language": {code: get_language_info(code)["name_local"] for code in LANGUAGES},
            "status": {value: str(label) for value, label in Status.choices},
            "funding": {s: t.name for s, t in taxonomy.funding.items()},
            "reuse": {value: str(label) for value, label in Stage.choices},
            "type": {"practice": _("Practices"), "event": _("Events"),
                     "resource": _("Toolbox resources")},
        }
    facets = {}
    for name in FACETS:
        selected = set(getattr(query, name))
        values = counts.get(name, {})
        ordered = list(labels[name]) if name != "country" else sorted(
            values, key=lambda c: labels["country"].get(c, c))
        facets[name] = [
            {"value": value, "label": labels[name].get(value, value),
             "count": values.get(value, 0), "selected": value in selected}
            for value in ordered if values.get(value) or value in selected
        ]
    return facets
