"""A visitor in Chromium: home page, switch language, open a practice; axe-core on each."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser


def serious_violations(page, context=None):
    results = Axe().run(page, context=context)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_home_switch_language_open_practice(page, site_url):
    page.goto(f"{site_url}/en/")
    assert page.locator("h1").inner_text() == "Smart Villages Knowledge Base"
    assert serious_violations(page) == []

    # Keyboard: the first Tab reaches the skip link, which moves focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.get_by_role("link", name=re.compile(r"^FR\b")).click()
    page.wait_for_url(f"{site_url}/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Base de connaissances Smart Villages"

    page.get_by_role("link", name=re.compile(r"Parcourir \d+ pratiques")).click()
    page.wait_for_url(re.compile(r"/fr/pratiques/$"))
    assert serious_violations(page) == []

    page.get_by_role("checkbox", name="Mobilité intelligente").check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.wait_for_url(re.compile(r"dimension=mobility"))

    page.get_by_role("link", name="Bancs de covoiturage du Queyras").click()
    page.wait_for_url(re.compile(r"/fr/pratiques/bancs-de-covoiturage-du-queyras/$"))
    assert page.locator("h1").inner_text() == "Bancs de covoiturage du Queyras"
    assert page.get_by_text("Mobilité intelligente").first.is_visible()
    assert serious_violations(page) == []

    # The switcher leads to the English translation of this practice.
    page.get_by_role("link", name=re.compile(r"^EN\b")).click()
    page.wait_for_url(re.compile(r"/en/practices/car-pooling-benches-in-the-queyras/$"))
    assert page.locator("h1").inner_text() == "Car-pooling benches in the Queyras"


@pytest.mark.parametrize("path", [
    "/en/practices/car-pooling-benches-in-the-queyras/",
    "/fr/pratiques/france-services-itinerante-en-ubaye/",
])
def test_practice_prints_as_a_one_page_factsheet(page, site_url, path):
    page.goto(f"{site_url}{path}")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.locator(".practice-facts").is_visible()
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"factsheet printed on {pages} pages"


def test_search_with_suggestions_and_map(page, site_url):
    page.goto(f"{site_url}/de/praxisbeispiele/")
    box = page.get_by_label("Praxisbeispiele suchen")
    box.press_sequentially("Bürg", delay=50)
    # (no wait_for_function: it evaluates a string, which the site's CSP rightly forbids)
    page.locator("#kb-suggestions option").first.wait_for(state="attached", timeout=5000)
    options = page.eval_on_selector_all("#kb-suggestions option", "els => els.map(e => e.value)")
    assert "Bürgerbus Oberes Lechtal" in options

    box.fill("covoiturage")
    box.press("Enter")
    page.wait_for_url(re.compile(r"q=covoiturage"))
    assert page.locator("#results-heading").inner_text() == "3 Praxisbeispiele"
    assert page.locator(".card-highlight mark").count() >= 1
    page.wait_for_selector("#kb-map .leaflet-marker-icon")
    assert page.locator("#kb-map .leaflet-marker-icon").count() == 3
    assert serious_violations(page) == []

    page.get_by_role("button", name="In diesem Ausschnitt suchen").click()
    page.wait_for_url(re.compile(r"bbox="))
    assert page.locator("#results-heading").inner_text() == "3 Praxisbeispiele"


def test_language_switch_on_a_practice_without_that_language(page, site_url):
    page.goto(f"{site_url}/en/practices/car-pooling-benches-in-the-queyras/")
    german = page.get_by_role("link", name=re.compile(r"^DE\*? Deutsch"))
    assert german.inner_text().startswith("DE*")  # untranslated, and visibly so
    german.click()
    # The visitor stays on the practice (its French original) with a notice in German.
    page.wait_for_url(re.compile(r"/fr/pratiques/bancs-de-covoiturage-du-queyras/\?lang=de$"))
    assert page.locator("h1").inner_text() == "Bancs de covoiturage du Queyras"
    notice = page.locator(".untranslated-notice")
    assert notice.get_attribute("lang") == "de"
    assert notice.inner_text().startswith("Deutsch: noch nicht übersetzt.")
    assert serious_violations(page) == []


def test_mobile_catalogue_shows_results_first_without_overflow(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR",
                                  is_mobile=True, has_touch=True)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(f"{site_url}/fr/pratiques/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        header = page.locator(".site-header").bounding_box()
        assert header["height"] < 0.4 * 844
        first = page.locator(".cards .card").first.bounding_box()
        assert first["y"] < 844, "the first result is below the first screen"
        # Filters wait behind a disclosure, which opens with the keyboard.
        dimension = page.get_by_role("checkbox", name=re.compile("Mobilité intelligente"))
        assert not dimension.is_visible()
        page.locator("#kb-filters summary").focus()
        page.keyboard.press("Enter")
        dimension.check()
        page.get_by_role("button", name="Appliquer les filtres").click()
        page.wait_for_url(re.compile(r"dimension=mobility"))
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert serious_violations(page) == []
    finally:
        context.close()


def test_map_clusters_practices_that_overlap(page, site_url):
    page.goto(f"{site_url}/en/practices/")
    page.wait_for_selector("#kb-map .marker-cluster")
    points = page.request.get(site_url + page.locator("#kb-map").get_attribute("data-points-url"))
    clusters = page.locator("#kb-map .marker-cluster")
    counted = sum(int(text) for text in clusters.all_inner_texts())
    single = page.locator("#kb-map .leaflet-marker-icon:not(.marker-cluster)").count()
    # Every practice on the map is either its own marker or counted in a cluster.
    assert counted + single == len(points.json()) > single


def test_share_a_practice_by_copying_its_link(browser, site_url):
    context = browser.new_context(locale="en-GB",
                                  permissions=["clipboard-read", "clipboard-write"])
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    page = context.new_page()
    try:
        url = f"{site_url}/en/practices/car-pooling-benches-in-the-queyras/"
        page.goto(url)
        page.get_by_role("button", name="Copy link").click()
        page.get_by_text("Link copied.").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == url
        mail = page.get_by_role("link", name="E-mail the link").get_attribute("href")
        assert mail.startswith("mailto:?subject=Car-pooling%20benches") and "queyras" in mail
        assert page.get_by_role("button", name="Print").is_visible()
        assert serious_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("path", [
    "/en/about/", "/fr/mentions-legales/", "/de/barrierefreiheit/", "/it/territori-pilota/",
    "/sl/pilotna-obmocja/", "/en/data/", "/fr/privacy/", "/fr/appel-territoire-pilote/",
    "/en/practices/?q=school&dimension=people", "/fr/territoires/",
    "/de/gemeinden/?country=AT&size=2000-10000&open=1", "/it/territori/comune-di-tirano/",
])
def test_more_page_types_pass_axe(page, site_url, path):
    page.goto(f"{site_url}{path}")
    assert page.locator("h1").count() == 1
    assert serious_violations(page) == []


def test_a_reused_practice_shows_its_territories_and_takes_a_reuse_request(page, site_url):
    transfers = page.request.get(f"{site_url}/api/v1/transfers/?page_size=100").json()
    shop = next(t for t in transfers["results"] if t["external_id"] == "demo-transfer-03")
    page.goto(shop["practice"]["url"])
    reused = page.locator("section.transfers")
    assert reused.locator("li.transfer").count() == 3
    page.wait_for_selector("section.transfers .leaflet-marker-icon")  # the reusing places
    assert serious_violations(page) == []
    page.locator("section.transfers a.button").click()  # "We want to reuse this practice"
    assert page.locator("h1").count() == 1 and serious_violations(page) == []
    page.locator("form.contact-form button[type=submit]").click()  # empty: refused, kept
    page.wait_for_selector("#kb-errors")
    assert serious_violations(page) == []
    territory = page.request.get(shop["territory"]["url"])
    assert territory.ok


def test_territory_with_transfers_passes_axe(page, site_url):
    transfers = page.request.get(f"{site_url}/api/v1/transfers/?page_size=100").json()
    kobarid = next(t for t in transfers["results"] if t["external_id"] == "demo-transfer-01")
    page.goto(kobarid["territory"]["url"])
    assert page.locator("li.transfer").count() >= 1
    assert serious_violations(page) == []


def test_introduction_from_a_territory_like_mine(page, site_url):
    page.goto(f"{site_url}/en/territories/?open=1")
    page.locator("article.card a").first.click()
    assert serious_violations(page) == []  # a profile with its matches
    page.locator("aside a.button").click()  # "Ask for an introduction", in the page's language
    page.wait_for_url(re.compile(r"/introduction/\d+/$"))
    for name, value in (("name", "Ana Kos"), ("email", "ana@example.org"),
                        ("organisation", "Občina Bovec"), ("from_territory", "Bovec"),
                        ("message", "Shall we meet?")):
        page.locator(f"#id_{name}").fill(value)
    page.locator("form.contact-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/introduction/\d+/sent/"))
    assert serious_violations(page) == []
