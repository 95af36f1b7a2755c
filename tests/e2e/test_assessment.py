"""A self-assessment completed in Chromium with the keyboard only; axe-core on every kind of
page; the printed result fits one A4 page."""

import re

import pytest

from tests.e2e.test_browse import serious_violations
from tests.e2e.test_propose import tab_to

pytestmark = pytest.mark.browser
DIMENSIONS = ["governance", "people", "living", "environment", "economy", "mobility"]


def choose(page, code, level):
    """Tab into the question's radio group, then arrow to the level (6th = I don't know)."""
    tab_to(page, f"id_q-{code}_0")
    page.keyboard.press("Space")
    for _ in range(level - 1):
        page.keyboard.press("ArrowRight")
    assert page.locator(f"#id_q-{code}_{level - 1}").is_checked()


def test_complete_an_assessment_with_the_keyboard(page, site_url):
    page.goto(f"{site_url}/fr/")
    page.get_by_role("link", name="Commencer une auto-évaluation").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/fr/assessment/$"))
    assert serious_violations(page) == []
    tab_to(page, "id_territory_name")
    page.keyboard.type("Névache")
    tab_to(page, "id_country")
    page.keyboard.type("France")
    tab_to(page, "id_population")
    page.keyboard.type("360")
    tab_to(page, "id_altitude_m")
    page.keyboard.type("1600")
    tab_to(page, "id_body_type_0")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/fr/assessment/[\w-]{32}/step/1/$"))
    assert serious_violations(page) == []
    token = page.url.split("/")[-4]

    levels = {"governance": 4, "people": 3, "living": 2, "environment": 5, "economy": 3,
              "mobility": 1}
    for step, dimension in enumerate(DIMENSIONS, start=1):
        assert f"Étape {step} sur 6" in page.locator("h1").inner_text()
        for number in range(1, 5):
            choose(page, f"{dimension}-{number}", 6 if (dimension, number) == (
                "economy", 4) else levels[dimension])
        page.get_by_role("button", name=re.compile("Enregistrer et continuer|Voir mon "
                                                   "résultat")).focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/fr/assessment/{token}/result/$"))
    main = page.locator("main").inner_text()
    assert "Où en est Névache" in main
    assert page.locator("svg[role=img] polygon.current").count() == 1
    rows = page.locator("table.scores tbody tr")
    assert rows.count() == 6 and "75" in rows.nth(0).inner_text()  # level 4 -> 75, A
    assert "A" in rows.nth(0).locator(".category").inner_text()
    weakest = page.locator(".weak-dimension h3").all_inner_texts()
    assert weakest[0].startswith("Mobilité") and weakest[1].startswith("Qualité de vie")
    assert serious_violations(page) == []

    # The printed report is one A4 page without the actions.
    page.emulate_media(media="print")
    assert not page.locator(".result-actions").is_visible()
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    page.emulate_media(media="screen")

    page.goto(f"{site_url}/fr/assessment/methodology/")
    assert serious_violations(page) == []


def test_pilot_page_with_assessments_passes_axe(page, site_url):
    page.goto(f"{site_url}/fr/territoires-pilotes/pays-des-ecrins/")
    assert page.locator("#assessments-heading").is_visible()
    assert serious_violations(page) == []


@pytest.mark.parametrize("lang", ["en", "fr", "de", "it", "sl"])
def test_radar_labels_are_whole_on_screen_and_in_print(page, lang):
    """Every dimension name is drawn inside the picture, however long ("Qualità della vita
    intelligente"), on screen and when printed."""
    import json
    from pathlib import Path

    from assessment.scoring import radar_svg

    taxonomy = json.loads((Path(__file__).resolve().parents[2] / "fixtures/taxonomy.json")
                          .read_text(encoding="utf-8"))
    labels = [d["labels"][lang]["name"] for d in taxonomy["dimensions"]]
    page.set_content(f'<!DOCTYPE html><html><body style="margin:0">'
                     f'{radar_svg(labels, [80, 20, 60, 100, 40, 0], [50] * 6, "radar")}'
                     f"</body></html>")
    outside = """() => { const svg = document.querySelector("svg"); const box = svg.viewBox.baseVal;
        return [...svg.querySelectorAll("text")].filter(t => { const b = t.getBBox();
          return b.x < box.x || b.y < box.y || b.x + b.width > box.x + box.width
                 || b.y + b.height > box.y + box.height; }).map(t => t.textContent); }"""
    drawn = page.locator("svg text").all_text_contents()
    assert [text.replace(" ", "") for text in drawn] == [
        label.replace(" ", "") for label in labels]  # every word of every name is drawn
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        assert page.evaluate(outside) == [], media
