"""Highlighted snippets of a search hit, the same on both engines."""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from core.text import fold

WORD = re.compile(r"\w+", re.UNICODE)


def snippet(texts, terms, width=220):
    """The first text with a match, cut around it, matches in <mark>; escaped HTML."""
    if not terms:
        return ""
    matches_term = matcher(frozenset(terms))
    for text in texts:
        matches = [m for m in WORD.finditer(text or "") if matches_term(m.group())]
        if not matches:
            continue
        start = max(0, matches[0].start() - width // 3)
        end = min(len(text), start + width)
        out, position = [], start
        for match in matches:
            if match.start() < start or match.end() > end:
                continue
            out.append(escape(text[position:match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
        out.append(escape(text[position:end]))
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(text) else ""
        return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 (escaped above)
    return ""


@lru_cache(maxsize=64)
def matcher(terms):
    """Whether a word is a term, starts with a long one, or is one with a typo: one edit for
    words of 5-7 letters, two from 8 (the fuzziness both engines search with). Words seen
    are remembered: a page of hits repeats most of them."""
    prefixes = tuple(t for t in terms if len(t) > 4)
    typo_candidates = [t for t in terms if len(t) >= 5]

    @lru_cache(maxsize=4096)
    def matches(word):
        folded = fold(word)
        if folded in terms or folded.startswith(prefixes):
            return True
        if len(folded) < 5:
            return False
        allowed = 1 if len(folded) < 8 else 2
        return process.extractOne(folded, typo_candidates, scorer=Levenshtein.distance,
                                  score_cutoff=allowed) is not None

    return matches
