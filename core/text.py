"""Text and language utilities every layer may use: accent folding, words and lemmas in the
site's languages (the database search index and both engines' query analysis)."""

import re
from functools import lru_cache

from anyascii import anyascii
from django.conf import settings
from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries import TrieDictionaryFactory

LANGUAGES = [code for code, _name in settings.LANGUAGES]
WORD = re.compile(r"\w+", re.UNICODE)
# simplemma's own dictionaries as compact tries (marisa-trie), built once into the user's cache
# directory (~/.cache/simplemma, or $XDG_CACHE_HOME): a process then opens the five languages
# in milliseconds instead of unpacking them in about 4 s; the lemmas are the same.
LEMMATIZER = Lemmatizer(lemmatization_strategy=DefaultStrategy(
    dictionary_factory=TrieDictionaryFactory()))


def fold(text: str) -> str:
    """Lower case without accents: "Bürgerbus" -> "burgerbus", "mobilité" -> "mobilite"."""
    return _fold(text) if text and len(text) <= 40 else anyascii(text or "").lower()


@lru_cache(maxsize=200_000)
def _fold(word):  # (a corpus repeats its words: indexing folds each one once)
    return anyascii(word).lower()


def words(text: str) -> list[str]:
    return WORD.findall((text or "").lower())


@lru_cache(maxsize=100_000)
def lemma(word: str, language: str) -> str:
    try:
        return LEMMATIZER.lemmatize(word, lang=language).lower()
    except ValueError:
        return word


def warm_up():
    """Open the lemmatiser's dictionaries now (about 7 s for the five languages the first
    time, when their tries are built and cached; milliseconds after that), so that a web
    worker's first search does not pay for it (kb/wsgi.py)."""
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
