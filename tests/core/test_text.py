"""core: the text utilities every layer shares, the year validators and the rate-limit page."""

import pytest
from django import forms

from core.text import fold, index_terms, query_variants, words
from core.validators import FIRST_YEAR, LAST_YEAR, ends_before_start, year_field


def test_folding_removes_accents_and_case_in_every_language():
    assert fold("Mobilité") == "mobilite"
    assert fold("Bürgerbus") == "burgerbus"
    assert fold("Šola") == "sola"
    assert fold(None) == ""


def test_words_are_unicode_words():
    assert words("Car-pooling, l'école; Šola!") == ["car", "pooling", "l", "école", "šola"]


def test_index_terms_hold_folded_words_and_their_lemmas():
    terms = index_terms("Les villages alpins", "fr").split()
    assert "villages" in terms and "village" in terms and "alpin" in terms


def test_a_query_word_is_matched_by_its_lemma_in_any_language():
    assert "village" in query_variants("villages", "de")  # a German visitor typing French


@pytest.mark.parametrize(("start", "end", "wrong"), [
    (2020, 2019, True), (2020, 2020, False), (2020, None, False), (None, 2019, False)])
def test_an_end_before_the_start_is_refused(start, end, wrong):
    assert ends_before_start(start, end) is wrong


def test_year_fields_accept_the_programme_years_only():
    class Form(forms.Form):
        year = year_field()

    assert Form({"year": str(FIRST_YEAR)}).is_valid()
    assert Form({"year": ""}).is_valid()
    assert not Form({"year": str(LAST_YEAR + 1)}).is_valid()
    assert not Form({"year": str(FIRST_YEAR - 1)}).is_valid()
