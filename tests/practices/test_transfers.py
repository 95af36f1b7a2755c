"""Transfers (issue 16): a territory reusing a practice — what editors may record, what
visitors see on the practice and on both territories, and the public "We want to reuse this
practice" form with its refusals."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError

from participation.models import ContactMessage
from practices.models import (
    FundingSource,
    Stage,
    TerritoryPage,
    Transfer,
    TransferIndicator,
    TransferLink,
    TransferStatus,
)
from tests.factories import PracticePageFactory, TerritoryPageFactory, TransferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reset_rate_limits():
    cache.clear()


def test_lifecycle_from_exploring_to_implemented_with_dated_stages():
    transfer = TransferFactory(stage=Stage.EXPLORING, adapting_since=None, implemented_since=None,
                               status=TransferStatus.PENDING)
    transfer.full_clean()
    assert transfer.external_id == f"transfer-{transfer.pk}" and transfer.validated_at is None
    transfer.stage, transfer.adapting_since = Stage.ADAPTING, datetime.date(2025, 5, 2)
    transfer.status = TransferStatus.VALIDATED
    transfer.full_clean()
    transfer.save()
    assert transfer.validated_at is not None
    transfer.stage, transfer.implemented_since = Stage.IMPLEMENTED, datetime.date(2025, 11, 3)
    transfer.full_clean()
    transfer.save()
    assert [stage for stage, _label, _date in transfer.stage_dates()] == [
        "exploring", "adapting", "implemented"]


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"implemented_since": datetime.date(2025, 12, 1), "stage": Stage.ADAPTING},
     "implemented_since", "not reached"),
    ({"adapting_since": datetime.date(2024, 1, 1)}, "adapting_since", "before the stage"),
    ({"implemented_since": datetime.date.today() + datetime.timedelta(days=3)},
     "implemented_since", "future"),
    ({"implemented_since": None}, "implemented_since", "validated transfer gives the date"),
])
def test_validation_refuses_impossible_stage_dates(change, field, message):
    transfer = TransferFactory()
    for name, value in change.items():
        setattr(transfer, name, value)
    with pytest.raises(ValidationError) as refused:
        transfer.full_clean()
    assert message in " ".join(refused.value.message_dict[field])


def test_a_territory_reuses_a_practice_once_and_never_its_own():
    home = TerritoryPageFactory(title="Ostana", country="IT")
    practice = PracticePageFactory(territory_page=home)
    own = TransferFactory.build(practice=practice, territory=home)
    with pytest.raises(ValidationError, match="its own practice"):
        own.full_clean()
    first = TransferFactory(practice=practice)
    translation = PracticePageFactory(language="fr", translation_of=practice)
    again = TransferFactory.build(practice=translation, territory=first.territory)
    with pytest.raises(ValidationError, match="already has a transfer"):
        again.full_clean()
    first.status = TransferStatus.DECLINED
    first.save()
    again.full_clean()  # a declined request does not block a new one


def test_practice_shows_reused_by_its_territories_with_stages_and_map(client):
    practice = PracticePageFactory(title="Village bus")
    near = TerritoryPageFactory(title="Bovec", country="SI", latitude=Decimal("46.34"),
                                longitude=Decimal("13.55"))
    TransferFactory(practice=practice, territory=near, stage=Stage.IMPLEMENTED)
    TransferFactory(practice=practice, stage=Stage.EXPLORING, adapting_since=None,
                    implemented_since=None)
    TransferFactory(practice=practice, status=TransferStatus.PENDING,
                    territory=TerritoryPageFactory(title="Pending village"))
    html = client.get(practice.url).content.decode()
    assert "Reused by 2 territories" in html
    assert "Implemented: 1 · Exploring: 1" in html
    assert f'href="{near.url}">Bovec</a>' in html and "Pending village" not in html
    assert '"lat": 46.34' in html and "places_map.js" in html  # the map of reusing places
    assert "reuser@example.org" not in html  # the contact's address is never shown
    assert "Smaller vehicles: our roads are narrower." in html


def test_territory_lists_what_it_reuses_and_gives(client):
    giver = TerritoryPageFactory(title="Ostana", country="IT")
    taker = TerritoryPageFactory(title="Bovec", country="SI")
    practice = PracticePageFactory(title="Community shop", territory_page=giver)
    TransferFactory(practice=practice, territory=taker, stage=Stage.ADAPTING,
                    implemented_since=None)
    given = client.get(giver.url).content.decode()
    assert "Its practices reused elsewhere" in given and "Bovec" in given
    taken = client.get(taker.url).content.decode()
    assert "Practices this territory reuses" in taken and "Community shop" in taken
    assert "Adapting" in taken


def test_transfers_of_hidden_practices_stay_hidden(client):
    draft = PracticePageFactory(title="Draft practice", live=False)
    taker = TerritoryPageFactory(title="Bovec", country="SI")
    TransferFactory(practice=draft, territory=taker)
    assert "Draft practice" not in client.get(taker.url).content.decode()


# --- "We want to reuse this practice" --------------------------------------------------------

REQUEST = {"name": "Ana Kos", "email": "ana@example.org", "organisation": "Občina Bovec",
           "territory": "Bovec", "country": "SI", "stage": "exploring",
           "message": "We would run it with two volunteers.", "nickname": ""}


def test_reuse_form_makes_a_pending_transfer_and_relays_without_addresses(client):
    practice = PracticePageFactory(title="Village bus", contact_email="owner@example.org")
    html = client.get(practice.url).content.decode()
    assert f'href="/en/reuse/{practice.pk}/"' in html
    response = client.post(f"/en/reuse/{practice.pk}/", REQUEST)
    assert response.status_code == 302
    transfer = Transfer.objects.get()
    assert transfer.status == TransferStatus.PENDING and transfer.stage == "exploring"
    assert transfer.territory.title == "Bovec" and not transfer.territory.live  # a draft profile
    assert ContactMessage.objects.filter(page=practice, email="ana@example.org").exists()
    owner = [m for m in mail.outbox if m.to == ["owner@example.org"]]
    visitor = [m for m in mail.outbox if m.to == ["ana@example.org"]]
    assert len(owner) == 1 and owner[0].reply_to == ["ana@example.org"]
    assert "wants to reuse" in owner[0].body and "two volunteers" in owner[0].body
    assert len(visitor) == 1 and "owner@example.org" not in visitor[0].message().as_string()
    assert "Reused by" not in client.get(practice.url).content.decode()  # pending: not shown
    sent = client.get(response["Location"]).content.decode()
    assert "owner@example.org" not in sent and "editors will check" in sent


def test_reuse_form_keeps_what_was_typed_and_refuses_spam_and_floods(client, settings):
    practice = PracticePageFactory()
    url = f"/en/reuse/{practice.pk}/"
    response = client.post(url, {**REQUEST, "email": "not-an-address", "country": "XX"})
    html = response.content.decode()
    assert response.status_code == 400 and "We would run it with two volunteers." in html
    assert 'value="Občina Bovec"' in html and not Transfer.objects.exists()
    assert client.post(url, {**REQUEST, "nickname": "spam"}).status_code == 302
    assert not Transfer.objects.exists() and not mail.outbox
    assert not TerritoryPage.objects.filter(title="Bovec").exists()
    settings.KB_PUBLIC_FORM_RATE = "2/h"
    cache.clear()
    for _ in range(2):
        client.post(url, {**REQUEST, "name": ""})
    assert client.post(url, REQUEST).status_code == 429 and not Transfer.objects.exists()


def test_reuse_form_says_when_the_territory_already_reuses_it(client):
    practice = PracticePageFactory()
    TransferFactory(practice=practice, territory=TerritoryPageFactory(title="Bovec",
                                                                      country="SI"))
    response = client.post(f"/en/reuse/{practice.pk}/", REQUEST)
    assert response.status_code == 400
    assert "already has a transfer" in response.content.decode()
    assert Transfer.objects.count() == 1


def test_reuse_form_of_an_unpublished_practice_is_not_found(client):
    draft = PracticePageFactory(live=False)
    assert client.get(f"/en/reuse/{draft.pk}/").status_code == 404
    assert client.get("/en/reuse/99999999999999999999/").status_code == 404


def detailed(**kwargs):
    transfer = TransferFactory(funding_share=50, **kwargs)
    transfer.indicators.add(TransferIndicator(label="Riders", value=40))
    transfer.links.add(TransferLink(title="Plan", url="https://example.org/plan"))
    transfer.save()
    transfer.funding.set(FundingSource.objects.filter(slug="municipal")[:1])
    transfer.save()
    return transfer


def test_practice_and_territory_pages_read_transfers_in_constant_queries(client, settings):
    from tests.practices.test_queries import count_queries

    settings.KB_PAGE_CACHE_SECONDS = 0  # (each request renders)
    few, many = PracticePageFactory(), PracticePageFactory()
    detailed(practice=few)
    taker = TerritoryPageFactory(title="Bovec", country="SI")
    giver = TerritoryPageFactory(title="Ostana", country="IT")
    own = PracticePageFactory(territory_page=giver)
    for _ in range(4):
        detailed(practice=many)
        detailed(territory=taker)
        detailed(practice=own)
    assert "Riders" in client.get(many.url).content.decode()
    assert count_queries(client, few.url)[0] == count_queries(client, many.url)[0]
    reuses_one = detailed().territory
    assert count_queries(client, reuses_one.url)[0] == count_queries(client, taker.url)[0]
    gives_one = TerritoryPageFactory(title="Kals", country="AT")
    detailed(practice=PracticePageFactory(territory_page=gives_one))
    assert count_queries(client, gives_one.url)[0] == count_queries(client, giver.url)[0]


# --- the "reused" facet and order, on both engines --------------------------------------------


def reused_practices():
    bus = PracticePageFactory(title="Village bus", country="AT")
    bus_fr = PracticePageFactory(language="fr", translation_of=bus, title="Bus du village",
                                 country="AT")
    shop = PracticePageFactory(title="Community shop", country="AT")
    PracticePageFactory(title="Repair café", country="AT")
    for _ in range(2):
        TransferFactory(practice=bus_fr)  # (any version: the practice is its group)
    TransferFactory(practice=shop, stage=Stage.EXPLORING, adapting_since=None,
                    implemented_since=None)
    TransferFactory(practice=shop, status=TransferStatus.PENDING)  # not counted
    return {"bus": bus, "shop": shop}


@pytest.fixture(scope="module")
def reused(module_data):
    return module_data(reused_practices)


def facet(data, name):
    return {v["value"]: (v["label"], v["count"]) for v in data["facets"][name]}


def test_both_engines_filter_count_and_order_by_reuse(engine_name, client, reused):
    data = client.get("/api/v1/search/", {"country": "AT", "lang": "fr"}).json()
    assert facet(data, "reuse") == {"exploring": ("Exploration", 1),
                                    "implemented": ("Mise en œuvre", 1)}
    data = client.get("/api/v1/search/", {"country": "AT", "reuse": "implemented"}).json()
    assert [r["title"] for r in data["results"]] == ["Village bus"]
    data = client.get("/api/v1/search/", {"country": "AT", "sort": "reused"}).json()
    assert [r["title"] for r in data["results"]][:2] == ["Village bus", "Community shop"]
    page = client.get("/en/practices/", {"reuse": "exploring"}).content.decode()
    assert "<legend>Reused by a territory</legend>" in page
    assert "Community shop" in page and "Village bus" not in page
    assert '<option value="reused">Most reused</option>' in page


def test_validating_a_transfer_updates_both_engines(engine_name, client,
                                                    django_capture_on_commit_callbacks):
    def found():
        return client.get("/api/v1/search/", {"country": "LI", "reuse": "implemented"}).json()[
            "count"]

    with django_capture_on_commit_callbacks(execute=True):
        practice = PracticePageFactory(title="Snow school bus", country="LI")
    assert found() == 0
    with django_capture_on_commit_callbacks(execute=True):
        transfer = TransferFactory(practice=practice, status=TransferStatus.PENDING)
    assert found() == 0
    transfer.status = TransferStatus.VALIDATED
    with django_capture_on_commit_callbacks(execute=True):
        transfer.save()
    assert found() == 1
    with django_capture_on_commit_callbacks(execute=True):
        transfer.delete()
    assert found() == 0


def test_exports_and_feeds_take_the_reuse_filter(client, reused):
    feed = client.get("/en/feeds/practices.rss", {"reuse": "implemented"}).content.decode()
    assert "Village bus" in feed and "Community shop" not in feed
    exported = b"".join(client.get("/exports/practices.csv", {"reuse": "exploring"})
                        .streaming_content).decode()
    assert "Community shop" in exported and "Village bus" not in exported
    listed = client.get("/api/v1/practices/", {"reuse": "implemented"}).json()
    assert {r["title"] for r in listed["results"]} == {"Village bus", "Bus du village"}


# --- the read API -----------------------------------------------------------------------------


def test_read_api_lists_validated_transfers_without_contacts(client):
    practice = PracticePageFactory(title="Valley bus", contact_email="owner@example.org")
    near = TerritoryPageFactory(title="Bovec", country="SI")
    transfer = TransferFactory(practice=practice, territory=near)
    transfer.indicators.add(TransferIndicator(label="Passengers a week", baseline=0, value=140))
    transfer.links.add(TransferLink(title="Council decision",
                                    url="https://example.org/decision.pdf"))
    transfer.save()
    TransferFactory(practice=practice, status=TransferStatus.PENDING)
    TransferFactory(practice=PracticePageFactory(live=False))  # a draft's: never listed
    assert client.get("/api/v1/transfers/").json()["count"] >= 1
    response = client.get("/api/v1/transfers/", {"practice": practice.pk})
    data = response.json()
    assert data["count"] == 1 and "reuser@example.org" not in response.content.decode()
    answer = data["results"][0]
    assert answer["practice"]["title"] == "Valley bus"
    assert answer["territory"] == {"id": near.pk, "title": "Bovec", "country": "SI",
                                   "url": f"http://testserver{near.url}"}
    assert answer["stage"] == "implemented"
    assert answer["stage_dates"]["implemented"] == "2025-10-01"
    assert answer["indicators"] == [{"label": "Passengers a week", "baseline": 0.0,
                                     "value": 140.0, "unit": ""}]
    assert answer["documents"][0]["title"] == "Council decision"
    assert "contact_name" not in answer and "contact_email" not in answer
    assert client.get(f"/api/v1/transfers/{transfer.pk}/").json()["id"] == transfer.pk
    assert client.get("/api/v1/transfers/", {"stage": "exploring",
                                             "practice": practice.pk}).json()["count"] == 0
    assert client.get("/api/v1/transfers/", {"territory": near.pk}).json()["count"] == 1
    bad = client.get("/api/v1/transfers/", {"stage": "copied"})
    assert bad.status_code == 400 and bad.json()["field"] == "stage"
    assert client.get("/api/v1/transfers/99999999999999999999999/").status_code == 404
    detail = client.get(f"/api/v1/practices/{practice.pk}/").json()
    assert detail["reused_by"] == 1 and [t["id"] for t in detail["transfers"]] == [transfer.pk]
    listed = client.get("/api/v1/practices/", {"country": "FR"}).json()["results"]
    assert {r["title"]: r["reused_by"] for r in listed}["Valley bus"] == 1
    etag = client.get("/api/v1/transfers/").headers["ETag"]
    assert client.get("/api/v1/transfers/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_read_api_gives_follow_up_updates_newest_first(client):
    practice = PracticePageFactory(title="Valley bus")
    practice.updates.create(date=datetime.date(2024, 5, 1), title="One year later",
                            text="Twice the passengers.", locale=practice.locale)
    practice.updates.create(date=datetime.date(2026, 5, 1), title="Three years later",
                            text="A second line.", locale=practice.locale)
    practice.save_revision().publish()
    detail = client.get(f"/api/v1/practices/{practice.pk}/").json()
    assert [u["title"] for u in detail["updates"]] == ["Three years later", "One year later"]
    html = client.get(practice.url).content.decode()
    assert html.index("Three years later") < html.index("One year later")


# --- the exchange format ----------------------------------------------------------------------


def test_transfers_export_and_import_back_unchanged_in_every_format(tmp_path, client):
    from django.core.management import call_command

    practice = PracticePageFactory(title="Mountain car sharing", external_id="car-share")
    transfer = TransferFactory(practice=practice, territory=TerritoryPageFactory(
        title="Kals", country="AT", region="Tirol"), funding_share=30, budget_range="10k-50k")
    transfer.indicators.add(TransferIndicator(label="Cars", baseline=0, value=2.5, unit="cars"))
    transfer.links.add(TransferLink(title="Report", url="https://example.org/r.pdf"))
    transfer.save()
    for fmt in ("json", "jsonl", "csv", "xlsx"):
        target = tmp_path / f"transfers.{fmt}"
        call_command("export_transfers", format=fmt, output=str(target))
        out = __import__("io").StringIO()
        call_command("import_transfers", str(target), stdout=out)
        assert "created: 0, updated: 0" in out.getvalue() and "failed: 0" in out.getvalue(), (
            fmt, out.getvalue())
    public = b"".join(client.get("/exports/transfers.csv").streaming_content).decode()
    assert "Mountain" not in public and "car-share" in public and "reuser@" not in public
    assert '""label"": ""Cars""' in public


def test_transfer_import_creates_updates_and_reports_rows(tmp_path):
    import io
    import json

    from django.core.management import call_command
    from django.core.management.base import CommandError

    PracticePageFactory(title="Village bus 2", external_id="bus")
    rows = [
        {"external_id": "t1", "practice": "bus", "territory": "Bovec", "country": "si",
         "stage": "adapting", "exploring_since": "2025-01-10", "adapting_since": "2025-03-01",
         "indicators": [{"label": "Riders", "baseline": 0, "value": 40}],
         "documents": [{"title": "Plan", "url": "https://example.org/plan"}],
         "funding": "leader-eafrd"},
        {"external_id": "t2", "practice": "nope", "territory": "Kals", "country": "AT",
         "stage": "exploring"},
        {"external_id": "t3", "practice": "bus", "territory": "Kals", "country": "AT",
         "stage": "implemented", "implemented_since": "2024-01-01",
         "adapting_since": "2025-01-01"},
        {"external_id": "t4", "practice": "bus", "territory": "Kals", "country": "AT",
         "stage": "copied", "indicators": "[{\"label\": \"x\"}]"},
    ]
    source = tmp_path / "transfers.json"
    source.write_text(json.dumps(rows))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_transfers", str(source), stdout=io.StringIO(), stderr=err)
    errors = err.getvalue()
    assert "line 2, field practice: no practice with external_id nope" in errors
    assert "line 3, field implemented_since: A stage cannot start before" in errors
    assert "line 4, field stage: unknown stage copied" in errors
    assert "line 4, field indicators: each object needs label, value (missing value)" in errors
    transfer = Transfer.objects.get(external_id="t1")
    assert transfer.territory.title == "Bovec" and transfer.territory.country.code == "SI"
    assert transfer.status == "validated" and transfer.territory.live
    assert [i.label for i in transfer.indicators.all()] == ["Riders"]
    assert [f.slug for f in transfer.funding.all()] == ["leader-eafrd"]
    assert not Transfer.objects.filter(external_id__in=["t2", "t3", "t4"]).exists()
    assert not TerritoryPage.objects.filter(title="Kals").exists()  # nothing of a bad row
    rows[0]["stage"], rows[0]["implemented_since"] = "implemented", "2025-09-01"
    source.write_text(json.dumps(rows[:1]))
    out = io.StringIO()
    call_command("import_transfers", str(source), stdout=out)
    assert "created: 0, updated: 1" in out.getvalue()
    assert Transfer.objects.get(external_id="t1").stage == "implemented"
    assert Transfer.objects.filter(external_id="t1").count() == 1


def test_practice_json_ld_names_its_transfers_as_actions(client):
    import json

    practice = PracticePageFactory(title="Alpine bus")
    near = TerritoryPageFactory(title="Bovec", country="SI")
    transfer = TransferFactory(practice=practice, territory=near)
    transfer.indicators.add(TransferIndicator(label="Riders", baseline=3, value=40))
    transfer.save()
    html = client.get(practice.url).content.decode()
    blocks = [json.loads(part.split("</script>")[0])
              for part in html.split('<script type="application/ld+json">')[1:]]
    assert blocks[0]["@type"] == "CreativeWork"
    action = blocks[1]["@graph"][0]
    assert action["@type"] == "Action"
    assert action["actionStatus"] == "https://schema.org/CompletedActionStatus"
    assert action["agent"]["name"] == "Bovec" and action["agent"]["url"].endswith(near.url)
    assert action["object"]["@id"].endswith(practice.url)
    assert action["startTime"] == "2025-01-15"
    assert action["result"][0]["value"] == 40.0
    assert action["result"][0]["valueReference"]["value"] == 3.0


def test_follow_up_updates_have_their_own_feed(client):
    import feedparser

    practice = PracticePageFactory(title="Bus feed")
    practice.updates.create(date=datetime.date(2026, 5, 1), title="Three years later",
                            text="A second line & more.", locale=practice.locale)
    practice.save_revision().publish()
    html = client.get(practice.url).content.decode()
    url = f"/en/feeds/practices/{practice.pk}/updates.atom"
    assert f'href="{url}"' in html
    feed = feedparser.parse(client.get(url).content)
    assert [entry.title for entry in feed.entries] == ["Three years later"]
    assert feed.entries[0].summary == "A second line & more."
    assert client.get(f"/en/feeds/practices/{practice.pk}/updates.rss").status_code == 200
    draft = PracticePageFactory(live=False)
    assert client.get(f"/en/feeds/practices/{draft.pk}/updates.atom").status_code == 404


# --- the editors' admin -----------------------------------------------------------------------


def formsets(**counts):
    return {f"{name}-{key}": value for name in ("indicators", "links")
            for key, value in (("TOTAL_FORMS", counts.get(name, 0)), ("INITIAL_FORMS", 0),
                               ("MIN_NUM_FORMS", 0), ("MAX_NUM_FORMS", 1000))}


def test_editors_create_and_validate_a_transfer_in_the_admin(client, django_user_model):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert "Transfers" in client.get(reverse("wagtailadmin_home")).content.decode()
    practice = PracticePageFactory(title="Valley bus 9")
    taker = TerritoryPageFactory(title="Bovec", country="SI")
    add = reverse("wagtailsnippets_practices_transfer:add")
    data = {"practice": practice.pk, "territory": taker.pk, "stage": "adapting",
            "exploring_since": "2025-01-10", "adapting_since": "2024-12-01",
            "adaptation": "Smaller bus", "language": "en", "status": "validated",
            "external_id": "", **formsets(indicators=1),
            "indicators-0-label": "Riders", "indicators-0-value": "40",
            "indicators-0-baseline": "", "indicators-0-unit": "", "indicators-0-ORDER": "1"}
    refused = client.post(add, data)
    made = Transfer.objects.filter(practice=practice)
    assert refused.status_code == 200 and not made.exists()  # dates in the wrong order
    assert "A stage cannot start before the stage before it." in refused.content.decode()
    data["adapting_since"] = "2025-03-01"
    assert client.post(add, data).status_code == 302
    transfer = made.get()
    assert transfer.status == "validated" and transfer.validated_at is not None
    assert [i.label for i in transfer.indicators.all()] == ["Riders"]
    listing = client.get(reverse("wagtailsnippets_practices_transfer:list"),
                         {"status": "validated"}).content.decode()
    assert "Valley bus 9 → Bovec" in listing
    assert "Reused by 1 territory" in client.get(practice.url).content.decode()
