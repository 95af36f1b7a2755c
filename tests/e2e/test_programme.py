"""Events, the toolbox and e-mail alerts in Chromium, with axe-core on each new page: a
registration made with the keyboard only and cancelled from its e-mail's link, the toolbox
walked step by step, a search followed by e-mail, confirmed and managed from the links of
the e-mails the site sent."""

import re

import pytest

from tests.e2e.test_browse import serious_violations

pytestmark = pytest.mark.browser


def link_in(text, name):
    return re.search(rf"https?://[^/\s]+(/\S*/{name}/\S+/)", text).group(1)


def test_register_to_an_event_with_the_keyboard_and_cancel(page, site_url, mailbox):
    page.goto(f"{site_url}/en/events/")
    assert serious_violations(page) == []
    upcoming = page.locator("section[aria-labelledby=upcoming-heading] h3 a")
    assert upcoming.count() >= 3
    page.locator("section[aria-labelledby=upcoming-heading] h3 a",
                 has_text="Final Alpine event").click()
    assert "(CET)" in page.locator("aside").inner_text()
    assert serious_violations(page) == []
    register = page.locator("aside a.button")
    register.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/events/\d+/register/$"))
    assert serious_violations(page) == []
    page.locator("#id_email").focus()
    page.keyboard.type("wrong address")
    page.keyboard.press("Enter")  # refused: the errors are listed, the text kept
    page.wait_for_selector("#kb-errors")
    assert serious_violations(page) == []
    page.locator("#id_name").focus()
    page.keyboard.type("Mojca Novak")
    page.locator("#id_email").fill("")
    page.locator("#id_email").focus()
    page.keyboard.type("mojca@example.org")
    page.locator("#id_consent").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/register/sent/$"))
    [(to, subject, text)] = [m for m in mailbox() if m[0] == "mojca@example.org"]
    assert subject == "Your place at “Final Alpine event of the Smart Villages programme”"
    page.goto(site_url + link_in(text, "events/registration"))
    assert serious_violations(page) == []
    page.locator("main form button[type=submit]").click()
    assert "Your registration is cancelled" in page.locator("main").inner_text()


def test_a_past_event_shows_its_minutes_and_documents(page, site_url):
    page.goto(f"{site_url}/en/events/study-visit-ostana/")
    assert page.locator("#minutes-heading").count() == 1
    assert page.locator("#documents-heading").count() == 1
    assert serious_violations(page) == []
    calendar = page.request.get(f"{site_url}/en/events/study-visit-ostana/ics/")
    assert calendar.ok and calendar.headers["content-type"].startswith("text/calendar")


def test_the_toolbox_walks_the_pilot_journey(page, site_url):
    page.goto(f"{site_url}/en/toolbox/")
    steps = page.locator("section.journey-step h2")
    assert steps.count() == 5
    assert serious_violations(page) == []
    page.locator("nav.journey-nav a").nth(2).click()  # "How do we get there?"
    assert page.url.endswith("#step-how-do-we-get-there")
    page.locator("#step-how-do-we-get-there h3 a").first.click()
    assert page.locator("aside").inner_text().count("How do we get there?") == 1
    assert serious_violations(page) == []
    page.goto(f"{site_url}/fr/boite-a-outils/?kind=template")
    assert serious_violations(page) == []


def test_follow_a_search_by_e_mail_confirm_and_manage(page, site_url, mailbox):
    page.goto(f"{site_url}/en/practices/?q=bench&dimension=mobility")
    page.locator("a", has_text="by e-mail").click()
    page.wait_for_url(re.compile(r"/alerts/follow/\?"))
    assert "“bench” · Smart mobility" in page.locator("main").inner_text()
    assert serious_violations(page) == []
    page.locator("form.contact-form button[type=submit]").click()
    page.wait_for_selector("#kb-errors")
    assert serious_violations(page) == []
    page.locator("#id_email").fill("follower@example.org")
    page.locator("#id_consent").check()
    page.locator("form.contact-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/alerts/follow/sent/$"))
    assert serious_violations(page) == []
    [(_to, subject, text)] = [m for m in mailbox() if m[0] == "follower@example.org"]
    assert subject == "Confirm your Smart Villages alert"
    page.goto(site_url + link_in(text, "alerts/confirm"))
    assert serious_violations(page) == []
    page.locator("main form button[type=submit]").click()
    assert "Your alert is active" in page.locator("main").inner_text()
    page.locator("main a", has_text="See and change all your alerts").click()
    assert serious_violations(page) == []
    assert "“bench” · Smart mobility" in page.locator("main").inner_text()
    page.locator("main form button", has_text="Stop this alert").click()
    assert "You follow nothing any more." in page.locator("main").inner_text()


@pytest.mark.parametrize("path", [
    "/fr/evenements/", "/de/veranstaltungen/?kind=webinar", "/it/cassetta-degli-attrezzi/",
    "/sl/orodjarna/", "/en/practices/?type=event&type=resource",
])
def test_the_new_pages_in_every_language_pass_axe(page, site_url, path):
    page.goto(f"{site_url}{path}")
    assert page.locator("h1").count() == 1
    assert serious_violations(page) == []
