"""Funding sources, budget and the share funded (issue 16): imported and exported, shown on
the practice, filtered and counted by both engines, in the read API and in JSON-LD."""

import io
import json

import pytest
from django.core.management import call_command

from participation.forms import ProposeForm
from practices.exchange import FIELDS
from practices.models import PracticePage
from search.engines.database import WRITTEN_BEFORE, ensure_entries
from search.models import SearchEntry
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


def funded_practices():
    shop = PracticePageFactory(
        title="Village shop run by its customers", country="AT", dimensions=("economy",),
        funding=("crowdfunding", "leader-eafrd"), budget_range="50k-250k", funding_share=40)
    shop_fr = PracticePageFactory(
        language="fr", translation_of=shop, title="Épicerie tenue par ses clients",
        country="AT", dimensions=("economy",), funding=("crowdfunding", "leader-eafrd"),
        budget_range="50k-250k", funding_share=40)
    station = PracticePageFactory(title="Coworking in the old station", country="FR",
                                  dimensions=("economy",), funding=("erdf",),
                                  budget_range="250k-1m")
    repair = PracticePageFactory(title="Repair café", country="FR", dimensions=("environment",))
    return {"shop": shop, "shop_fr": shop_fr, "station": station, "repair": repair}


@pytest.fixture(scope="module")
def funded(module_data):
    return module_data(funded_practices)


def facet(data, name):
    return {v["value"]: (v["label"], v["count"], v["selected"]) for v in data["facets"][name]}


def test_both_engines_filter_and_count_funding_sources(engine_name, client, funded):
    data = client.get("/api/v1/search/", {"lang": "fr"}).json()
    assert facet(data, "funding") == {
        "leader-eafrd": ("LEADER / FEADER", 1, False), "erdf": ("FEDER", 1, False),
        "crowdfunding": ("Financement participatif", 1, False)}
    data = client.get("/api/v1/search/", {"lang": "fr", "funding": "leader-eafrd"}).json()
    assert [r["title"] for r in data["results"]] == ["Épicerie tenue par ses clients"]
    assert facet(data, "funding")["leader-eafrd"] == ("LEADER / FEADER", 1, True)
    # OR within the facet, as for the other facets
    data = client.get("/api/v1/search/", {"funding": ["erdf", "leader-eafrd"]}).json()
    assert data["count"] == 2
    # a funding source's name and synonyms find its practices (the labels tier)
    data = client.get("/api/v1/search/", {"q": "LEADER", "lang": "en"}).json()
    assert [r["title"] for r in data["results"]] == ["Village shop run by its customers"]
    page = client.get("/fr/pratiques/", {"funding": "erdf"}).content.decode()
    assert "<legend>Financement</legend>" in page
    assert 'name="funding" value="erdf" id="f-funding-erdf" checked' in page
    assert "Coworking in the old station" in page and "Repair café" not in page


def test_an_unknown_funding_source_is_refused_with_its_reason(client, funded):
    response = client.get("/api/v1/search/", {"funding": "lottery"})
    assert response.status_code == 400
    assert "funding" in json.dumps(response.json())
    # the catalogue drops it, as any edited address's bad value
    assert client.get("/en/practices/", {"funding": "lottery"}).status_code == 200


def test_the_practice_shows_its_funding_in_its_language_and_in_json_ld(client, funded):
    page = client.get(funded["shop_fr"].url).content.decode()
    assert '<dt>Financement</dt>' in page
    assert 'href="/fr/pratiques/?funding=leader-eafrd">LEADER / FEADER</a>' in page
    assert "De 50 000 € à 250 000 €" in page and "40 % financés par ces sources" in page
    data = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["funding"] == [
        {"@type": "Grant", "identifier": "leader-eafrd", "name": "LEADER / FEADER"},
        {"@type": "Grant", "identifier": "crowdfunding", "name": "Financement participatif"}]
    assert "Financement" not in client.get(funded["repair"].url).content.decode()


def test_the_read_api_gives_funding_filters_by_it_and_labels_it(client, funded):
    detail = client.get(f"/api/v1/practices/{funded['shop'].pk}/").json()
    assert detail["funding"] == [{"slug": "leader-eafrd", "label": "LEADER / EAFRD"},
                                 {"slug": "crowdfunding", "label": "Crowdfunding"}]
    assert (detail["budget_range"], detail["funding_share"]) == ("50k-250k", 40)
    station = client.get(f"/api/v1/practices/{funded['station'].pk}/").json()
    assert (station["budget_range"], station["funding_share"]) == ("250k-1m", None)
    listed = client.get("/api/v1/practices/", {"funding": "leader-eafrd"}).json()
    assert sorted(r["language"] for r in listed["results"]) == ["en", "fr"]
    taxonomy = client.get("/api/v1/taxonomy/").json()
    erdf = next(t for t in taxonomy["funding"] if t["slug"] == "erdf")
    assert erdf["labels"] == {"en": "ERDF", "fr": "FEDER", "de": "EFRE", "it": "FESR",
                              "sl": "ESRR"}
    assert [b["slug"] for b in taxonomy["budget_ranges"]] == [
        "under-10k", "10k-50k", "50k-250k", "250k-1m", "over-1m"]


RECORD = {"external_id": "fund-1", "language": "en", "title": "Community heating",
          "summary": "Wood chips for 30 houses.", "country": "IT",
          "dimensions": ["environment"], "funding": ["interreg-alpine-space", "municipal"],
          "budget_range": "10k-50k", "funding_share": 75}


def run_import(tmp_path, records):
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_practices", str(path), "--no-progress", stdout=out, stderr=err)
    except Exception as exc:  # noqa: BLE001 (a refused row ends the command with an error)
        return out.getvalue() + err.getvalue() + str(exc)
    return out.getvalue() + err.getvalue()


def test_imports_take_funding_and_exports_give_it_back(tmp_path, client, funded):
    run_import(tmp_path, [RECORD])
    page = PracticePage.objects.get(external_id="fund-1")
    assert sorted(page.funding.values_list("slug", flat=True)) == [
        "interreg-alpine-space", "municipal"]
    assert (page.budget_range, page.funding_share) == ("10k-50k", 75)
    exported = json.loads(b"".join(client.get("/exports/practices.json").streaming_content))
    record = next(r for r in exported if r["external_id"] == "fund-1")
    assert {name: record[name] for name in ("funding", "budget_range", "funding_share")} == {
        "funding": ["interreg-alpine-space", "municipal"], "budget_range": "10k-50k",
        "funding_share": 75}
    assert FIELDS.index("funding") < FIELDS.index("website")  # a column of every export
    # the exported record imports back unchanged; a change of share is an update
    assert "unchanged: 1," in run_import(tmp_path, [record])
    assert "updated: 1," in run_import(tmp_path, [{**record, "funding_share": 80}])
    assert PracticePage.objects.get(external_id="fund-1").funding_share == 80


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"funding": ["lottery"]}, "funding", "unknown slug(s) lottery"),
    ({"funding_share": 150}, "funding_share", "less than or equal to 100"),
    ({"budget_range": "a lot"}, "budget_range", "a lot is not one of the available choices"),
])
def test_bad_funding_values_are_reported_by_row_and_field(tmp_path, funded, change, field,
                                                         message):
    report = run_import(tmp_path, [{**RECORD, "external_id": "fund-bad", **change}])
    assert f"line 1, field {field}:" in report and message in report
    assert not PracticePage.objects.filter(external_id="fund-bad").exists()


def test_the_proposal_form_asks_for_funding_and_keeps_what_was_typed(funded):
    data = {"name": "Ana", "email": "ana@example.org", "title": "Shared freezer",
            "summary": "A freezer for the village.", "status": "ongoing", "country": "SI",
            "dimensions": ["living"], "funding": ["municipal", "private"],
            "budget_range": "under-10k", "funding_share": "150"}
    form = ProposeForm(data, language="sl")
    assert not form.is_valid() and list(form.errors) == ["funding_share"]
    assert ("Funding", ["funding", "budget_range", "funding_share"]) in [
        (str(title), [f.name for f in fields]) for title, fields in form.sections()]
    assert form["funding"].value() == ["municipal", "private"]  # re-displayed as typed
    form = ProposeForm({**data, "funding_share": "60"}, language="sl")
    assert form.is_valid(), form.errors
    record = form.record("sl", "prop-1")
    assert (record["funding"], record["budget_range"], record["funding_share"]) == (
        ["municipal", "private"], "under-10k", 60)


def test_search_entries_written_before_funding_are_written_again(funded):
    SearchEntry.objects.update(funding=WRITTEN_BEFORE)  # as migration 0007 leaves them
    ensure_entries()
    entry = SearchEntry.objects.get(translation_key=funded["shop"].translation_key)
    assert entry.funding == " crowdfunding leader-eafrd "


def test_feeds_and_exports_take_the_funding_filter(client, funded):
    feed = client.get("/en/feeds/practices.rss", {"funding": "erdf"}).content.decode()
    assert "Coworking in the old station" in feed and "Village shop" not in feed
    exported = b"".join(client.get("/exports/practices.csv", {"funding": "erdf"})
                        .streaming_content).decode()
    assert exported.count("\n") == 2 and "Coworking in the old station" in exported


def test_the_embeds_take_the_funding_filter(client, django_user_model, funded):
    page = client.get("/embed/practices/", {"funding": "erdf", "lang": "en"}).content.decode()
    assert "Coworking in the old station" in page and "Village shop" not in page
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    html = client.get("/admin/embed-catalogue/", {"lang": "en", "funding": "erdf", "limit": "6"}
                      ).content.decode()
    assert "data-funding=&quot;erdf&quot;" in html
    assert "/embed/practices/?funding=erdf&amp;amp;lang=en&amp;amp;limit=6" in html
