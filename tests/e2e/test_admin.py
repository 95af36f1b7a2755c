"""An editor in Chromium: translate a practice and publish the translation, preview a page,
place a practice on the map."""

import re

import pytest

from tests.e2e.conftest import ADMIN

pytestmark = pytest.mark.browser


def log_in(page, site_url):
    page.goto(f"{site_url}/admin/login/")
    page.fill("#id_username", ADMIN[0])
    page.fill("#id_password", ADMIN[1])
    page.click("button[type=submit]")
    page.wait_for_url(f"{site_url}/admin/")


def edit_url(page, site_url, title):
    """The editor of the original page with this title (translations were made after it)."""
    page.goto(f"{site_url}/admin/pages/search/?q={title}")
    hrefs = page.locator("a[href$='/edit/']", has_text=title).evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    return site_url + min(hrefs, key=lambda href: int(re.search(r"/(\d+)/edit/", href)[1]))


def available_in(page, site_url, language):
    found = page.request.get(f"{site_url}/api/v1/search/",
                             params={"q": "Bürgerbus", "language": language}).json()
    return found["count"]


def test_translate_then_publish(page, site_url):
    log_in(page, site_url)
    original = edit_url(page, site_url, "Bürgerbus Oberes Lechtal")
    page_id = re.search(r"/pages/(\d+)/edit/", original).group(1)
    page.goto(f"{site_url}/admin/localize/submit/page/{page_id}/")
    page.get_by_label("Italian").check()
    page.get_by_role("button", name=re.compile("Submit|Translate")).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    assert page.url != original  # the translation's own editor
    # The copy still holds the German text: a draft, not "available in Italian".
    assert available_in(page, site_url, "it") == 0
    page.get_by_role("button", name="Publish in Italian").click()
    page.wait_for_load_state("networkidle")
    assert available_in(page, site_url, "it") == 1


def test_the_preview_panel_shows_the_page(page, site_url):
    log_in(page, site_url)
    page.goto(edit_url(page, site_url, "Bürgerbus Oberes Lechtal"))
    page.locator("button[data-side-panel-toggle='preview']").click()
    frame = page.frame_locator("[data-side-panel='preview'] iframe").first
    assert frame.locator("h1").inner_text(timeout=10_000) == "Bürgerbus Oberes Lechtal"


def test_the_map_picker_sets_the_coordinates(page, site_url):
    log_in(page, site_url)
    page.goto(edit_url(page, site_url, "Bürgerbus Oberes Lechtal"))
    page.get_by_role("tab", name=re.compile("Details")).click()
    latitude = page.locator("input[data-kb-map-picker=latitude]")
    before = latitude.input_value()
    picker = page.locator("#kb-map-picker")
    picker.scroll_into_view_if_needed()
    box = picker.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.25)
    after = latitude.input_value()
    assert after != before and -90 <= float(after) <= 90
    longitude = float(page.locator("input[data-kb-map-picker=longitude]").input_value())
    assert -180 <= longitude <= 180
