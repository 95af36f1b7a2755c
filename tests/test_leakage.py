"""Nothing hidden ever leaves the site. For each hidden state a practice carries, in every
field, a word of its own; every public channel (search and its suggestions, "did you mean",
autocomplete, facet counts and totals, catalogue, API, feeds, exports, embeds, oEmbed,
sitemap, home, the territory profiles made from the places practices name, transfers: their
API, export and the practice page) is read on both engines and none of those words may
appear. Transfers carry words of their own: those of hidden practices, and those pending or
declined on a public practice."""

import io
import random
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Locale, PageViewRestriction

from practices.exchange import body_from_text
from practices.models import PracticePage, Transfer, TransferIndicator, TransferLink
from practices.territories import link_territories
from search import language
from tests.conftest import IN_CI
from tests.factories import PracticePageFactory, TerritoryPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue_corpus")]

STATES = ["draft", "unpublished", "password", "login", "expired", "translation", "pending",
          "transfers"]
TEXT_FIELDS = ["title", "summary", "region", "territory", "lead_organisation", "partners",
               "resources", "results", "lessons", "transferability", "contact_name",
               "seo_title", "search_description"]
HIDDEN_COUNTRY = "NO"  # no published practice is in Norway: it must appear in no facet
# The words searched for in every channel, spread over fields and states: a third under
# CI=true, a ninth on a laptop, from a random start so that laptop runs cover them all in
# turn (channels that list without a query show all of them; under CI=true the API's count
# is asked for every word).
STEP = 3 if IN_CI else 9
START = 0 if IN_CI else random.randrange(STEP)


def searched(words):
    return sorted(set(words))[START::STEP]


def letters(number):
    """A word no language has: 'qz' + letters for a number (digits are not indexed alike)."""
    out = ""
    for _ in range(3):
        number, rest = divmod(number, 26)
        out += chr(97 + rest)
    return f"qzv{out}"


def secret_fields(state_index):
    words = {name: f"{letters(state_index * 40 + i)}{name[:4]}"
             for i, name in enumerate([*TEXT_FIELDS, "body", "tag", "slug"])}
    fields = {name: f"Secret {words[name]}" for name in TEXT_FIELDS}
    fields.update(body=body_from_text(f"Body {words['body']}"), slug=words["slug"],
                  website=f"https://{words['slug']}.example.org/",
                  contact_email=f"{words['slug']}@example.org", country=HIDDEN_COUNTRY)
    return words, fields


def hidden_transfer(practice, index, status="validated"):
    """A transfer of `practice` whose every text is a word of its own (its territory's
    profile a draft)."""
    words = {name: f"{letters(index * 40 + 30 + i)}{name[:4]}" for i, name in enumerate(
        ["adaptation", "organisation", "territory", "indicator", "document", "contact"])}
    transfer = Transfer(
        practice=practice, stage="implemented", implemented_since=timezone.localdate(),
        territory=TerritoryPageFactory(title=f"Secret {words['territory']}", live=False),
        adaptation=f"Secret {words['adaptation']}", organisation=f"Secret {words['organisation']}",
        contact_name=f"Secret {words['contact']}", status=status)
    transfer.indicators = [TransferIndicator(label=f"Secret {words['indicator']}", value=1)]
    transfer.links = [TransferLink(title=f"Secret {words['document']}",
                                   url=f"https://{words['document']}.example.org/")]
    transfer.save()
    return words


def make_hidden(state, index):
    words, fields = secret_fields(index)
    tags = [words["tag"]]
    if state == "draft":
        page = PracticePageFactory(live=False, tags=tags, **fields)
        words |= hidden_transfer(page, index)
    elif state == "unpublished":
        page = PracticePageFactory(tags=tags, **fields)
        page.unpublish()
        words |= hidden_transfer(page, index)
    elif state in ("password", "login"):
        page = PracticePageFactory(tags=tags, **fields)
        PageViewRestriction.objects.create(page=page, restriction_type=state, password="pw1")
        words |= hidden_transfer(page, index)
    elif state == "expired":
        page = PracticePageFactory(tags=tags, **fields)
        page.expire_at = timezone.now() - timedelta(minutes=1)
        page.save_revision().publish()
        call_command("publish_scheduled", verbosity=0)  # Wagtail's cron: unpublished, expired
        words |= hidden_transfer(page, index)
    elif state == "translation":  # a published original, its French translation unpublished
        original = PracticePageFactory(title=f"Public original {index}")
        translation = original.copy_for_translation(Locale.objects.get(language_code="fr"))
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.country = original.country  # taxonomy and country are shared
        translation.tags.set(tags)
        translation.save()  # as wagtail-localize does: the row holds the translated text
        translation.save_revision()
    elif state == "transfers":  # a public practice, a pending and a declined transfer
        page = PracticePageFactory(title="Public reused practice")
        words = hidden_transfer(page, index, status="pending")
        words |= hidden_transfer(page, index + 1, status="declined")
    elif state == "pending":  # a live page with an unpublished revision
        page = PracticePageFactory(title=f"Public live page {index}")
        for name, value in fields.items():
            setattr(page, name, value)
        page.country = "FR"
        page.tags.set(tags)
        page.save_revision()
    return words


def texts(client, hidden_ids, words):
    """Every public output, as (channel, status, text)."""
    out = []

    def get(name, url, params=None):
        params = params or {}
        response = client.get(url, params)
        text = response.getvalue().decode("utf-8", "replace")
        if params.get("q"):  # the page repeats what the visitor typed: that is no leak
            text = text.replace(params["q"], "")
        out.append((name, response.status_code, text))

    page = 1
    while True:
        response = client.get("/api/v1/practices/", {"page_size": 100, "page": page})
        out.append(("api list", response.status_code, response.content.decode()))
        if not response.json()["next"]:
            break
        page += 1
    for word in searched(words):
        misspelled = word[:-1] + ("a" if word[-1] != "a" else "b")
        for q in (word, misspelled):
            get("api search", "/api/v1/search/", {"q": q})
            get("catalogue", "/en/practices/", {"q": q})
        get("suggest", "/api/v1/search/suggest/", {"q": word[:5]})
        get("suggest", "/api/v1/search/suggest/", {"q": word[:-1]})
    for q in ("secret", "body", "qzv"):
        get("api search", "/api/v1/search/", {"q": q, "lang": "fr"})
        get("api points", "/api/v1/search/points/", {"q": q})
        get("catalogue fr", "/fr/pratiques/", {"q": q})
        get("embed list", "/embed/practices/", {"q": q, "limit": 24})
        get("feed rss", "/en/feeds/practices.rss", {"q": q})
        get("feed atom", "/fr/feeds/practices.atom", {"q": q})
        for fmt in ("csv", "json", "jsonl"):
            get(f"export {fmt}", f"/exports/practices.{fmt}", {"q": q})
    get("territories", "/en/territories/")
    get("territories fr", "/fr/territoires/", {"country": HIDDEN_COUNTRY})
    get("api territories", "/api/v1/territories/", {"page_size": 100})
    get("api transfers", "/api/v1/transfers/", {"page_size": 100})
    for fmt in ("csv", "json"):
        get(f"export transfers {fmt}", f"/exports/transfers.{fmt}")
    reused = PracticePage.objects.get(title="Public reused practice")
    get("reused practice", reused.url)
    get("reused practice api", f"/api/v1/practices/{reused.pk}/")
    get("reused practice feed", f"/en/feeds/practices/{reused.pk}/updates.atom")
    get("feed all", "/en/feeds/practices.rss")
    get("export all", "/exports/practices.json")
    get("sitemap", "/sitemap.xml")
    get("home", "/en/")
    get("catalogue all", "/en/practices/")
    get("facets", "/api/v1/search/", {"page_size": 100})
    workbook = load_workbook(io.BytesIO(client.get("/exports/practices.xlsx").getvalue()))
    cells = " ".join(str(c) for row in workbook.worksheets[0].iter_rows(values_only=True)
                     for c in row)
    out.append(("export xlsx", 200, cells))
    for pk in hidden_ids:
        get("api detail", f"/api/v1/practices/{pk}/")
        get("embed card", f"/embed/card/{pk}/")
        get("oembed", "/oembed/", {"url": PracticePage.objects.get(pk=pk).full_url})
    return out


def test_no_hidden_word_reaches_any_channel(engine_name, client,
                                            django_capture_on_commit_callbacks):
    before = set(PracticePage.objects.values_list("pk", flat=True))
    words = {}
    with django_capture_on_commit_callbacks(execute=True):  # indexing runs as in production
        for index, state in enumerate(STATES):
            for word in make_hidden(state, index).values():
                words[word] = state
    link_territories()  # the places hidden practices name get profiles, as after `migrate`
    language.invalidate()  # the "did you mean" vocabulary is read again, hidden pages present
    hidden = [p.pk for p in PracticePage.objects.exclude(pk__in=before)
              if not p.live or p.expired or p.get_view_restrictions().exists()]
    outputs = texts(client, hidden, words)
    leaks = [(name, word, words[word]) for name, _status, text in outputs
             for word in re.findall(r"qzv[a-z]+", text) if word in words]
    assert not leaks, leaks[:10]
    # nor does a hidden word find anything (a count or a sibling would reveal it matched)
    found = {word: words[word] for word in (words if IN_CI else searched(words))
             if client.get("/api/v1/search/", {"q": word}).json()["count"]}
    assert not found, found
    assert all(status < 500 for _name, status, _text in outputs)
    for name in ("api detail", "embed card", "oembed"):
        assert {s for n, s, _t in outputs if n == name} == {404}, name
    # totals and facets: exactly the published practices, no hidden country
    facets = next(t for n, _s, t in outputs if n == "facets")
    groups = set(PracticePage.objects.live().public().filter(expired=False)
                 .values_list("translation_key", flat=True))
    assert f'"count": {len(groups)},' in facets
    assert f'"value": "{HIDDEN_COUNTRY}"' not in facets
    assert '"reuse": []' in facets  # no transfer a visitor may see: no practice counted
    # the channels do show published text: the test can fail
    seen = {name for name, _s, text in outputs if "Public live page" in text}
    assert {"api list", "catalogue all", "feed all", "export all", "export xlsx",
            "facets"} <= seen
    assert "Public reused practice" in next(t for n, _s, t in outputs if n == "reused practice")
    print(f"\nleak check ({engine_name}): {len(outputs)} responses × {len(words)} hidden "
          f"words in {len(STATES)} hidden states, leaks: {len(leaks)}")
