"""Propose a practice in Chromium with the keyboard only; axe-core on the form and errors."""

import re

import pytest

from tests.e2e.test_browse import serious_violations

pytestmark = pytest.mark.browser


def tab_to(page, element_id, limit=80):
    """Press Tab until the element has focus (the keyboard path a visitor takes)."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def test_propose_with_the_keyboard_only(page, site_url):
    page.goto(f"{site_url}/it/")
    tab_to(page, "")  # start from the document
    page.get_by_role("link", name="Proponi una pratica").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/it/propose/$"))
    assert serious_violations(page) == []

    # Send it half-filled first: errors are announced and nothing typed is lost.
    tab_to(page, "id_name")
    page.keyboard.type("Giulia Rossi")
    tab_to(page, "id_email")
    page.keyboard.type("giulia@example.org")
    tab_to(page, "id_summary")
    page.keyboard.type("Un bus a chiamata collega le frazioni al fondovalle.")
    page.locator("main button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_role("alert").wait_for(timeout=10_000)
    assert page.locator("#id_summary").input_value().startswith("Un bus a chiamata")
    assert page.locator("#id_title-errors").is_visible()
    assert serious_violations(page) == []

    tab_to(page, "id_title")
    page.keyboard.type("Bus a chiamata della Val Varaita")
    tab_to(page, "id_country")
    page.keyboard.type("Italia")
    tab_to(page, "id_dimensions_5")  # sixth dimension: Smart mobility
    page.keyboard.press("Space")
    page.locator("main button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/it/propose/thanks/$"))
    assert "Bus a chiamata della Val Varaita" in page.locator("main").inner_text()
    assert serious_violations(page) == []


def test_call_for_interest_form_passes_axe(page, site_url):
    page.goto(f"{site_url}/fr/appel-territoire-pilote/")
    assert page.locator("#id_territory").is_visible()
    assert serious_violations(page) == []
