"""import_practices / export_practices in the DESIGN.md format."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook
from wagtail.models import Locale

from practices.exchange import FIELDS, body_from_text
from practices.models import PracticePage
from practices.serializers import FIELDS as SERIALIZED
from practices.serializers import ROW_FIELDS, practice_data, practices_data
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db

GOOD = [
    {"external_id": "t-100", "language": "en", "title": "Village heat network",
     "summary": "A wood-chip heat network for 40 houses.", "country": "ch",
     "dimensions": ["environment"], "challenges": ["low-carbon"], "tags": ["heat network"],
     "body": "First paragraph.\n\nSecond <paragraph> & more.", "latitude": 46.5,
     "longitude": 9.1, "start_year": 2020, "partners": ["Forest owners", "Municipality"],
     "contact_email": "heat@example.org", "status": "completed"},
    {"external_id": "t-100-de", "language": "de", "translation_of": "t-100",
     "title": "Dorfwärmenetz", "summary": "Ein Hackschnitzel-Wärmenetz für 40 Häuser.",
     "country": "CH", "dimensions": ["environment"]},
]


def run_import(path, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_practices", str(path), "--no-progress", *args, stdout=out,
                     stderr=err)
    except CommandError as exc:
        return False, out.getvalue(), err.getvalue() + str(exc)
    return True, out.getvalue(), err.getvalue()


def write_json(tmp_path, records, name="practices.json"):
    path = tmp_path / name
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_json_import_creates_published_practices_and_links_translations(tmp_path, client):
    ok, out, _ = run_import(write_json(tmp_path, GOOD))
    assert ok and "created: 2, updated: 0, unchanged: 0, failed: 0" in out
    original = PracticePage.objects.get(external_id="t-100")
    translation = PracticePage.objects.get(external_id="t-100-de")
    assert original.live and translation.live
    assert translation.translation_key == original.translation_key
    assert translation.locale.language_code == "de" and translation.original_language == "en"
    assert original.country.code == "CH" and original.partner_list == ["Forest owners",
                                                                         "Municipality"]
    html = client.get(original.url).content.decode()
    assert "Second &lt;paragraph&gt; &amp; more." in html  # body text is escaped
    assert "Dorfwärmenetz" in client.get(translation.url).content.decode()


def test_bad_rows_are_reported_and_good_rows_kept(tmp_path):
    path = tmp_path / "practices.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerow({"external_id": "c-1", "language": "fr", "title": "Bon",
                         "summary": "Une ligne correcte.", "country": "FR",
                         "dimensions": "people|living", "challenges": "digital"})
        writer.writerow({"external_id": "c-2", "language": "fr", "title": "Mauvais pays",
                         "summary": "s", "country": "QQ", "dimensions": "people"})
        writer.writerow({"external_id": "c-3", "language": "fr", "title": "Mauvaise dimension",
                         "summary": "s", "country": "FR", "dimensions": "smartness",
                         "start_year": "later"})
    ok, out, err = run_import(path)
    assert not ok
    assert "line 3, field country: unknown country QQ; expected an ISO 3166-1 alpha-2 code" \
        in err
    assert "line 4, field dimensions: unknown slug(s) smartness" in err
    assert "line 4, field start_year" in err
    assert "created: 1, updated: 0, unchanged: 0, failed: 2" in out
    good = PracticePage.objects.get(external_id="c-1")
    assert sorted(d.slug for d in good.dimensions.all()) == ["living", "people"]
    assert not PracticePage.objects.filter(external_id__in=["c-2", "c-3"]).exists()


def test_reimport_updates_without_duplicates(tmp_path):
    path = write_json(tmp_path, GOOD)
    run_import(path)
    before = PracticePage.objects.count()
    translation = PracticePage.objects.get(external_id="t-100-de")
    revisions, published_at = translation.revisions.count(), translation.last_published_at
    changed = [dict(GOOD[0], title="Village heat network (extended)"), GOOD[1]]
    ok, out, _ = run_import(write_json(tmp_path, changed))
    # Only the changed record is written: the other keeps its revisions and its date.
    assert ok and "created: 0, updated: 1, unchanged: 1, failed: 0" in out
    assert PracticePage.objects.count() == before
    page = PracticePage.objects.get(external_id="t-100")
    assert page.title == "Village heat network (extended)" and page.live
    translation.refresh_from_db()
    assert translation.revisions.count() == revisions
    assert translation.last_published_at == published_at


def test_reimporting_an_export_writes_nothing(tmp_path):
    varied_practices()
    path = export("json", tmp_path)
    count = PracticePage.objects.count()
    ok, out, err = run_import(path)
    assert ok, err
    assert f"created: 0, updated: 0, unchanged: {count}, failed: 0" in out


def test_invalid_codes_list_the_valid_ones(tmp_path):
    bad = dict(GOOD[0], language="es", status="finished")
    ok, _out, err = run_import(write_json(tmp_path, [bad]))
    assert "field language: unknown language es; expected one of en, fr, de, it, sl" in err
    assert ("field status: unknown status finished; expected one of planned, ongoing, "
            "completed, discontinued") in err


def test_a_missing_column_is_one_header_error(tmp_path):
    path = tmp_path / "practices.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["external_id", "language", "title", "summary", "dimensions"])
        for n in range(5):
            writer.writerow([f"h-{n}", "fr", "Titre", "Résumé", "people"])
    ok, _out, err = run_import(path)
    assert not ok
    assert err.count("country") == 2  # the missing column, then the list of required ones
    assert "header (line 1): missing column(s) country" in err
    assert "line 2" not in err and not PracticePage.objects.filter(external_id="h-0").exists()


def test_dry_run_writes_nothing_and_reports_what_the_real_run_does(tmp_path):
    existing = PracticePageFactory(language="fr", external_id="sv-fr-001")
    before = PracticePage.objects.count()
    revisions = existing.revisions.count()
    bad = GOOD + [{"external_id": "t-x", "language": "it", "translation_of": "missing",
                   "title": "x", "summary": "x", "country": "IT", "dimensions": ["people"]},
                  # an existing French practice cannot become German: only the write sees it
                  {"external_id": "sv-fr-001", "language": "de", "title": "x", "summary": "x",
                   "country": "FR", "dimensions": ["people"]}]
    path = write_json(tmp_path, bad)
    ok, dry, dry_err = run_import(path, "--dry-run")
    assert not ok and "Dry run" in dry
    assert "line 3, field translation_of: no practice with external_id missing" in dry_err
    assert "line 4, field language: sv-fr-001 exists in fr" in dry_err
    assert PracticePage.objects.count() == before
    assert existing.revisions.count() == revisions
    ok, real, real_err = run_import(path)
    assert real_err == dry_err
    assert dry.split("Would have ")[1] == real


def test_unpublished_records_become_drafts(tmp_path, client):
    run_import(write_json(tmp_path, [dict(GOOD[0], published="false")]))
    page = PracticePage.objects.get(external_id="t-100")
    assert not page.live
    assert client.get(page.url).status_code == 404


def test_jsonl_and_xlsx_are_read(tmp_path):
    jsonl = tmp_path / "p.jsonl"
    jsonl.write_text(json.dumps(GOOD[0]) + "\n\n{broken\n", encoding="utf-8")
    ok, out, err = run_import(jsonl)
    assert not ok and "line 3, field (record): invalid JSON" in err
    assert PracticePage.objects.filter(external_id="t-100").exists()

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["external_id", "language", "title", "summary", "country", "dimensions",
                  "population", "published"])
    sheet.append(["x-1", "sl", "Vaški avtobus", "Prevoz na klic.", "si", "mobility|people",
                  1200, True])
    xlsx = tmp_path / "p.xlsx"
    workbook.save(xlsx)
    ok, out, _ = run_import(xlsx)
    assert ok, out
    page = PracticePage.objects.get(external_id="x-1")
    assert page.population == 1200 and page.locale.language_code == "sl"


def export(fmt, tmp_path, name="export"):
    path = tmp_path / f"{name}.{fmt}"
    call_command("export_practices", "--format", fmt, "--output", str(path),
                 stderr=io.StringIO())
    return path


def records_of(path):
    from practices.exchange import read_records

    return sorted((rec for _line, rec in read_records(path)), key=lambda r: r["external_id"])


def varied_practices():
    """A practice with every field, its published French translation and an unpublished
    German draft of it, and a minimal Slovenian draft."""
    full = PracticePageFactory(
        external_id="f-1", title="Village heat network", summary="Wood chips; 40 houses.",
        body=body_from_text("First paragraph.\n\nSecond <paragraph> & more."),
        country="CH", region="Graubünden", territory="Valposchiavo", latitude=Decimal("46.3"),
        longitude=Decimal("10.06"), status="completed", start_year=2019, end_year=2022,
        population=3500, altitude_m=1014, lead_organisation="Comune di Poschiavo",
        partners="Forest owners\nMunicipality", resources="CHF 2 M", results="40 houses",
        lessons="Start small.", transferability="Any village with a forest.",
        website="https://heat.example.org/", contact_name="A. Rossi",
        contact_email="heat@example.org", dimensions=("environment", "economy"),
        challenges=("low-carbon",), tags=("heat network", "wood"))
    french = full.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.title, french.external_id = "Réseau de chaleur villageois", "f-1-fr"
    french.save_revision().publish()
    german = full.copy_for_translation(Locale.objects.get(language_code="de"))
    german.title, german.external_id = "Dorfwärmenetz", "f-1-de"
    german.save()  # a draft translation: its row holds the translated text, as wagtail-localize
    german.save_revision()
    PracticePageFactory(external_id="f-2", language="sl", title="Vaški avtobus",
                        summary="=1+1 prevoz na klic.", country="SI", live=False,
                        dimensions=("mobility", "people"))
    return PracticePage.objects.count()


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_export_then_import_on_an_empty_site_gives_the_same_practices(tmp_path, fmt):
    count = varied_practices()
    first = export(fmt, tmp_path)
    PracticePage.objects.all().delete()
    ok, out, err = run_import(first)
    assert ok, err
    assert f"created: {count}, updated: 0, unchanged: 0, failed: 0" in out
    second = export(fmt, tmp_path, "again")
    a, b = records_of(first), records_of(second)
    assert a == b
    pages = {p.external_id: p for p in PracticePage.objects.select_related("locale")}
    assert [pages[k].live for k in ("f-1", "f-1-de", "f-1-fr", "f-2")] == [1, 0, 1, 0]
    assert pages["f-1-de"].title == "Dorfwärmenetz"
    assert pages["f-1-de"].translation_key == pages["f-1-fr"].translation_key == pages[
        "f-1"].translation_key
    assert pages["f-1"].partner_list == ["Forest owners", "Municipality"]
    assert pages["f-1"].altitude_m == 1014 and pages["f-1"].tags.count() == 2
    assert pages["f-2"].summary == "=1+1 prevoz na klic."  # text as written, not a formula
    # the drafts kept their own text (a draft translation once kept its original's), so a
    # second import of the same file finds every practice as it is
    ok, out, err = run_import(first)
    assert f"created: 0, updated: 0, unchanged: {count}, failed: 0" in out, err



def test_the_bulk_reading_of_exports_gives_what_the_serializer_gives():
    """practices_data (whole exports: rows of one query) and practice_data (one page object)
    are two readings of the same fields: they must agree on every field and every case."""
    varied_practices()
    PracticePage.objects.filter(external_id="f-2").update(validated_at="2024-05-01",
                                                           validation_note="Checked.")
    pages = list(PracticePage.objects.order_by("-id"))
    names = [name for name in SERIALIZED if name in ROW_FIELDS or name in
             ("dimensions", "challenges", "funding", "tags")]
    assert set(SERIALIZED) - set(names) == set()  # every field has its bulk reading
    assert list(practices_data([p.pk for p in pages], names, chunk=2)) == \
        [practice_data(page, names) for page in pages]
