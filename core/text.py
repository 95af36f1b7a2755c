"""Text and language utilities every layer may use: accent folding, words and lemmas in the
site's languages (the database search index and both engines' query analysis)."""

import re
from functools import lru_cache

import simplemma
from anyascii import anyascii
from django.conf import settings

LANGUAGES = [code for code, _name in settings.LANGUAGES]
WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents: "Bürgerbus" -> "burgerbus", "mobilité" -> "mobilite"."""
    return anyascii(text or "").lower()


def words(text: str) -> list[str]:
    return WORD.findall((text or "").lower())


@lru_cache(maxsize=100_000)
def lemma(word: str, language: str) -> str:
    try:
        return simplemma.lemmatize(word, lang=language).lower()
    except ValueError:
        return word


def warm_up():
    """Load the lemmatiser's dictionaries now (about 4 s for the five languages), so that a
    web worker's first search does not pay for it (kb/wsgi.py)."""
    for language in LANGUAGES:
        lemma("villages", language)


def index_terms(text: str, language: str) -> str:
    """Folded words and their lemmas, for the database engine's index."""
    seen = {}
    for word in words(text):
        seen[fold(word)] = seen[fold(lemma(word, language))] = None
    return " ".join(seen)


def query_variants(word: str, language: str) -> set[str]:
    """A query word, folded, with its lemma in each language (the query's language is
    unknown: a French visitor may type German)."""
    variants = {fold(word)}
    for lang in dict.fromkeys([language, *LANGUAGES]):
        variants.add(fold(lemma(word, lang)))
    return {v for v in variants if v}
