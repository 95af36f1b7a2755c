"""Language handling shared by both search engines: glossary expansion, typo suggestions and
the per-language analysis choice (folding and lemmas are core.text)."""

import json
from pathlib import Path

from django.conf import settings
from rapidfuzz import fuzz, process

from core.memo import Versioned
from core.text import fold, lemma, query_variants, words
from practices.catalogue import published
from practices.models import PracticePage, taxonomy

from .models import GlossaryConcept, GlossaryTerm

# Elasticsearch: hunspell dictionary per language (files from Debian's hunspell packages).
HUNSPELL_LOCALES = {"en": "en_US", "fr": "fr_FR", "de": "de_DE", "it": "it_IT", "sl": "sl_SI"}
STOPWORDS = {"en": "_english_", "fr": "_french_", "de": "_german_", "it": "_italian_",
             "sl": "_none_"}
# Bumped in the shared cache whenever what the vocabulary or the glossary is made of changes;
# each process keeps its own copy of the data and reloads it when the stamp moved (core.memo).
VERSION_KEY = "kb:search:language-version"
GLOSSARY_KEY = "kb:search:glossary-version"


# --- glossary and vocabulary ---------------------------------------------------------------


def _load_glossary():
    concepts = {}
    # A term's words, each as the set of its forms (folded, and its lemma in the term's
    # language), indexed by the forms of its first word: naming a concept is found in time
    # proportional to the query, whatever the glossary's size ("Sozialwohnungen" names
    # "Sozialwohnung").
    phrases = {}
    # A term's words as a query's expansion searches them (each a set of variants: its
    # lemma in every language), indexed by the variants of its first word: the concepts a
    # practice's text names (concepts_in).
    mentions = {}
    for term in GlossaryTerm.objects.select_related("concept").order_by("concept__slug", "id"):
        slug = term.concept.slug
        concepts.setdefault(slug, []).append(term.term)
        if all(len(w) <= 2 for w in words(term.term)):
            continue  # "AI", "IA", "P+R": read as the Italian "ai", the French "a"...
        forms = tuple({fold(w), fold(lemma(w, term.language))} for w in words(term.term))
        for first in forms[:1][0] if forms else ():
            phrases.setdefault(first, []).append((forms, slug))
        variants = term_variants(term.term, term.language)
        for first in variants[0] if variants else ():
            mentions.setdefault(first, []).append((variants[1:], slug))
    return {"concepts": concepts, "phrases": phrases, "mentions": mentions}


def _load_vocabulary():
    vocabulary = set()
    for kind in taxonomy.KINDS:
        for term in taxonomy.terms(kind):
            for name in (term.name, *term.synonym_list):
                vocabulary.update(fold(w) for w in words(name))
    for terms in glossary()["concepts"].values():
        for term in terms:
            vocabulary.update(fold(w) for w in words(term))
    # Only what a visitor may read: a private or draft page's words must not be suggested.
    texts = published(PracticePage.objects.all()).values_list(
        "title", "summary", "territory", "region")
    for row in texts.iterator():
        for text in row:
            vocabulary.update(fold(w) for w in words(text))
    vocabulary = sorted(w for w in vocabulary if len(w) > 3 and not w.isdigit())
    return {"vocabulary": vocabulary, "known": frozenset(vocabulary)}


GLOSSARY = Versioned(GLOSSARY_KEY, _load_glossary)
glossary = GLOSSARY.get
LANGUAGE_DATA = Versioned(VERSION_KEY, _load_vocabulary)
language_data = LANGUAGE_DATA.get


def invalidate():
    """Published text or taxonomy changed: every process reloads the vocabulary on its next
    use."""
    LANGUAGE_DATA.bump()


def glossary_changed():
    GLOSSARY.bump()
    LANGUAGE_DATA.bump()


def term_variants(text, lang):
    """The words of a glossary term as the query's are searched: each a set of variants
    (inflections match: "obroki" finds "topli obrok"); one- and two-letter words only when
    there is nothing longer."""
    found = [query_variants(w, lang) for w in words(text)]
    found = [v for v in found if v]
    longer = [v for v in found if max(map(len, v)) > 2]
    return longer or found


def named_concepts(query: str, language: str = "en") -> list[str]:
    """The glossary concepts the query names (by their longest mention): "covoiturage" ->
    ["car-pooling"], whose terms (concept_terms) are "car-pooling", "Mitfahrbank",
    "sopotništvo"..."""
    variants = [query_variants(w, language) for w in words(query)]
    phrases = glossary()["phrases"]
    spans = {}  # concept -> the words of the query that name it (its longest mention)
    for i, forms_here in enumerate(variants):
        for form in forms_here:
            for forms, slug in phrases.get(form, ()):
                if len(forms) <= len(variants) - i and all(
                        wanted & variants[i + j] for j, wanted in enumerate(forms)):
                    span = (i, i + len(forms))
                    if slug not in spans or span[1] - span[0] > spans[slug][1] - spans[slug][0]:
                        spans[slug] = span
    # The longest mention wins: "youth council" names the youth council, not young people.
    return [slug for slug, (start, end) in spans.items()
            if not any(s <= start and end <= e and (s, e) != (start, end)
                       for other, (s, e) in spans.items() if other != slug)]


def concept_terms(slugs, query: str) -> list[str]:
    """The terms of these concepts, in all languages, but those the query typed."""
    folded = f" {' '.join(fold(w) for w in words(query))} "
    expansions, concepts = [], glossary()["concepts"]
    for slug in slugs:
        for term in concepts.get(slug, ()):
            named = " ".join(fold(w) for w in words(term))
            if f" {named} " not in folded and term not in expansions:
                expansions.append(term)
    return expansions


def concepts_in(tokens) -> list[str]:
    """The glossary concepts a practice's text names: every word of one of their terms, by
    one of its variants, among its folded words and lemmas (`tokens`, a set), in any order
    — what a query's glossary expansion matches. Elasticsearch stores them with the
    practice: a query naming a concept looks one value up instead of testing a dozen terms'
    words against the texts."""
    found, mentions = set(), glossary()["mentions"]
    for token in tokens:
        for rest, slug in mentions.get(token, ()):
            if slug not in found and all(variants & tokens for variants in rest):
                found.add(slug)
    return sorted(found)


def all_known(variants_per_word) -> bool:
    """Every word (a set of its folded variants) of more than three letters is one a visitor
    can read on the site: nothing for typo tolerance to forgive."""
    known = language_data()["known"]
    return all(any(v in known for v in variants) for variants in variants_per_word
               if max(map(len, variants)) > 3)


def suggest(query: str) -> str | None:
    """A corrected query when some words are not in the index vocabulary ("did you mean")."""
    data = language_data()
    vocabulary, known = data["vocabulary"], data["known"]
    changed, corrected = False, []
    for word in words(query):
        folded = fold(word)
        if len(folded) <= 3 or folded in known or folded.isdigit():
            corrected.append(word)
            continue
        match = process.extractOne(folded, vocabulary, scorer=fuzz.ratio, score_cutoff=80)
        if match:
            corrected.append(match[0])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None


GLOSSARY_FILE = Path(settings.BASE_DIR) / "fixtures" / "glossary.json"


def seed_glossary():
    """Add the programme's concepts (fixtures/glossary.json) the glossary lacks, and the terms
    its concepts lack; what editors added or changed stays. (Migration kbsearch 0003 keeps
    a copy of this, as migrations must.)"""
    existing = {concept.slug: concept for concept in GlossaryConcept.objects.all()}
    have = set(GlossaryTerm.objects.values_list("concept_id", "language", "term"))
    new_terms = []
    for entry in json.loads(GLOSSARY_FILE.read_text(encoding="utf-8")):
        concept = existing.get(entry["slug"]) or GlossaryConcept.objects.create(
            slug=entry["slug"])
        for lang, terms in entry["terms"].items():
            new_terms += [GlossaryTerm(concept=concept, language=lang, term=term, sort_order=i)
                          for i, term in enumerate(terms)
                          if (concept.pk, lang, term) not in have]
    GlossaryTerm.objects.bulk_create(new_terms)


def ensure_glossary(sender=None, using="default", **kwargs):
    """An empty glossary (a flushed database) gets the programme's; editors own it after."""
    from django.db import connections

    if "kbsearch_glossaryconcept" not in connections[using].introspection.table_names():
        return
    if not GlossaryConcept.objects.exists():
        seed_glossary()
