"""Language handling shared by both search engines: glossary expansion, typo suggestions and
the per-language analysis choice (folding and lemmas are core.text)."""

import json
import threading
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from rapidfuzz import fuzz, process

from core.text import fold, words
from practices.catalogue import published
from practices.models import Challenge, Dimension, PracticePage

from .models import GlossaryConcept, GlossaryTerm

# Elasticsearch: hunspell dictionary per language (files from Debian's hunspell packages).
HUNSPELL_LOCALES = {"en": "en_US", "fr": "fr_FR", "de": "de_DE", "it": "it_IT", "sl": "sl_SI"}
STOPWORDS = {"en": "_english_", "fr": "_french_", "de": "_german_", "it": "_italian_",
             "sl": "_none_"}
# Bumped in the shared cache whenever what the vocabulary or the glossary is made of changes;
# each process keeps its own copy of the data and reloads it when the stamp moved.
VERSION_KEY = "kb:search:language-version"


# --- glossary and vocabulary ---------------------------------------------------------------


def _load_data():
    concepts = {}
    for term in GlossaryTerm.objects.select_related("concept"):
        concepts.setdefault(term.concept.slug, []).append(term.term)
    phrases = {}
    for slug, terms in concepts.items():
        for term in terms:
            phrases[fold(term)] = slug
    vocabulary = set()
    for model in (Dimension, Challenge):
        for name in model.objects.values_list("name", flat=True):
            vocabulary.update(fold(w) for w in words(name))
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


class _Loaded:
    """This process's glossary and vocabulary, and the version stamp they were read at."""

    lock = threading.Lock()
    version = None
    data = None


def language_data():
    """The glossary and the vocabulary, kept in memory: a request reads one small version
    stamp from the shared cache (never the data itself, which the cache would unpickle at
    every search), and the data is read again from the database only after a change."""
    version = cache.get(VERSION_KEY)
    if version is None:  # first use, or the cache was emptied
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    if _Loaded.version != version or _Loaded.data is None:
        with _Loaded.lock:
            if _Loaded.version != version or _Loaded.data is None:
                _Loaded.data, _Loaded.version = _load_data(), version
    return _Loaded.data


def invalidate():
    """Published text, taxonomy or glossary changed: every process reloads on its next use."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def glossary_expansions(query: str) -> list[str]:
    """Terms of every glossary concept named in the query, in all languages.

    "covoiturage" -> ["car-pooling", "Mitfahrbank", "sopotništvo", ...].
    """
    folded = f" {' '.join(fold(w) for w in words(query))} "
    data = language_data()
    found = []
    for phrase, slug in data["phrases"].items():
        phrase_words = " ".join(fold(w) for w in words(phrase))
        if phrase_words and f" {phrase_words} " in folded and slug not in found:
            found.append(slug)
    expansions = []
    for slug in found:
        for term in data["concepts"][slug]:
            if fold(term) not in folded and term not in expansions:
                expansions.append(term)
    return expansions


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
