"""Language handling shared by both search engines: glossary expansion, typo suggestions and
the per-language analysis choice (folding and lemmas are core.text)."""

import json
from pathlib import Path

from django.conf import settings
from rapidfuzz import fuzz, process

from core.memo import Versioned
from core.text import fold, words
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


# --- glossary and vocabulary ---------------------------------------------------------------


def _load_data():
    concepts = {}
    for term in GlossaryTerm.objects.select_related("concept"):
        concepts.setdefault(term.concept.slug, []).append(term.term)
    phrases = {}  # each term's folded words, padded with spaces -> its concept
    for slug, terms in concepts.items():
        for term in terms:
            folded = " ".join(fold(w) for w in words(term))
            if folded:
                phrases[f" {folded} "] = slug
    vocabulary = set()
    for kind in taxonomy.KINDS:
        for term in taxonomy.terms(kind):
            vocabulary.update(fold(w) for w in words(term.name))
    for terms in concepts.values():
        for term in terms:
            vocabulary.update(fold(w) for w in words(term))
    # Only what a visitor may read: a private or draft page's words must not be suggested.
    texts = published(PracticePage.objects.all()).values_list(
        "title", "summary", "territory", "region")
    for row in texts.iterator():
        for text in row:
            vocabulary.update(fold(w) for w in words(text))
    vocabulary = sorted(w for w in vocabulary if len(w) > 3 and not w.isdigit())
    return {"concepts": concepts, "phrases": phrases, "vocabulary": vocabulary,
            "known": frozenset(vocabulary)}


LANGUAGE_DATA = Versioned(VERSION_KEY, _load_data)
language_data = LANGUAGE_DATA.get


def invalidate():
    """Published text, taxonomy or glossary changed: every process reloads on its next use."""
    LANGUAGE_DATA.bump()


def glossary_expansions(query: str) -> list[str]:
    """Terms of every glossary concept named in the query, in all languages.

    "covoiturage" -> ["car-pooling", "Mitfahrbank", "sopotništvo", ...].
    """
    folded = f" {' '.join(fold(w) for w in words(query))} "
    data = language_data()
    found = []
    for phrase, slug in data["phrases"].items():
        if phrase in folded and slug not in found:
            found.append(slug)
    expansions = []
    for slug in found:
        for term in data["concepts"][slug]:
            if fold(term) not in folded and term not in expansions:
                expansions.append(term)
    return expansions


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


def ensure_glossary(sender=None, using="default", **kwargs):
    """Seed the glossary from fixtures/glossary.json once; editors own it afterwards."""
    from django.db import connections

    if "kbsearch_glossaryconcept" not in connections[using].introspection.table_names():
        return
    if GlossaryConcept.objects.exists():
        return
    path = Path(settings.BASE_DIR) / "fixtures" / "glossary.json"
    for entry in json.loads(path.read_text(encoding="utf-8")):
        concept = GlossaryConcept.objects.create(slug=entry["slug"])
        GlossaryTerm.objects.bulk_create(
            GlossaryTerm(concept=concept, language=lang, term=term, sort_order=i)
            for lang, terms in entry["terms"].items() for i, term in enumerate(terms)
        )
