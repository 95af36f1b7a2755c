"""Open-data exports of a catalogue filter: formats, licence, round trip, data dictionary."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from practices.models import PracticePage
from tests.practices.test_import_export import records_of, run_import

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_corpus")]
FILTER = {"dimension": "mobility", "country": ["AT", "FR", "CH"]}


def download(client, fmt, params=None):
    response = client.get(f"/exports/practices.{fmt}", params or {})
    assert response.status_code == 200
    assert 'rel="license"' in response["Link"]
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    return response.getvalue()


def expected_versions(**lookup):
    pages = PracticePage.objects.live().filter(**lookup)
    keys = pages.values("translation_key")
    return PracticePage.objects.live().filter(translation_key__in=keys).distinct()


def test_filtered_export_holds_every_version_of_the_matching_practices(client):
    data = json.loads(download(client, "json", FILTER))
    expected = expected_versions(dimensions__slug="mobility", country__in=["AT", "FR", "CH"])
    assert {r["external_id"] for r in data} == set(expected.values_list("external_id",
                                                                        flat=True))
    assert all(r["country"] in ("AT", "FR", "CH") for r in data)
    assert all(r["contact_email"] == "" for r in data)
    assert any(r["translation_of"] for r in data)  # translations travel with originals
    everything = json.loads(download(client, "json"))
    assert len(everything) == PracticePage.objects.live().count() > len(data)


def test_no_contact_email_in_any_format(client):
    emails = set(PracticePage.objects.exclude(contact_email="").values_list("contact_email",
                                                                            flat=True))
    assert emails
    for fmt in ("csv", "json"):
        body = download(client, fmt).decode()
        assert not [e for e in emails if e in body], fmt
    sheet = load_workbook(io.BytesIO(download(client, "xlsx"))).worksheets[0]
    cells = {str(c) for row in sheet.iter_rows(values_only=True) for c in row}
    assert not emails & cells


def test_xlsx_carries_the_licence_on_a_second_sheet(client, settings):
    workbook = load_workbook(io.BytesIO(download(client, "xlsx", FILTER)))
    assert workbook.sheetnames == ["practices", "licence"]
    assert settings.KB_DATA_LICENCE in workbook["licence"]["A1"].value


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_filtered_export_imports_back_identically(client, tmp_path, fmt):
    first = tmp_path / f"first.{fmt}"
    first.write_bytes(download(client, fmt, FILTER))
    exported = records_of(first)
    ids = [r["external_id"] for r in exported]
    PracticePage.objects.filter(external_id__in=ids).delete()
    assert not PracticePage.objects.filter(external_id__in=ids).exists()
    ok, out, err = run_import(first)
    assert ok, err
    assert f"created: {len(ids)}, updated: 0, unchanged: 0, failed: 0" in out
    again = tmp_path / f"again.{fmt}"
    again.write_bytes(download(client, fmt, FILTER))
    assert records_of(again) == exported


def test_data_dictionary_describes_every_column_and_the_licence(client, settings):
    from practices.exchange import FIELDS

    html = client.get("/fr/data/").content.decode()
    for name in FIELDS:
        assert f"<code>{name}</code>" in html
    assert settings.KB_DATA_LICENCE_URL in html
    assert "Mobilité intelligente" in html  # taxonomy labels in the page's language


def test_a_visitor_downloads_a_table_their_spreadsheet_opens_in_their_language(client):
    catalogue = client.get("/it/pratiche/?dimension=mobility").content.decode()
    assert "/exports/practices.csv?dimension=mobility&amp;labels=it" in catalogue
    response = client.get("/exports/practices.csv", {"dimension": "mobility", "labels": "it"})
    body = response.getvalue()
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Titolo", "Indirizzo", "Lingua", "Paese"]
    assert all(len(row) == len(rows[0]) for row in rows)
    assert any("Mobilità intelligente" in row[6] for row in rows[1:])
    english = client.get("/exports/practices.csv", {"labels": "en"}).content.decode("utf-8-sig")
    assert english.startswith("Title,Address,Language,Country")
    workbook = load_workbook(io.BytesIO(client.get(
        "/exports/practices.xlsx", {"labels": "de"}).content), read_only=True)
    header = next(workbook.active.iter_rows(values_only=True))
    assert header[:4] == ("Titel", "Adresse", "Sprache", "Land")
    # Without `labels`, the file is the exchange format that imports back.
    plain = client.get("/exports/practices.csv").getvalue().decode()
    assert plain.startswith("external_id,language,translation_of,title")


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "xlsx"])
def test_an_export_streams_and_an_unchanged_one_answers_304(client, fmt):
    """The file is streamed as it is written (constant memory), and a client that has it
    is told it has not changed — until a practice it holds is published again."""
    response = client.get(f"/exports/practices.{fmt}", FILTER)
    assert response.status_code == 200 and response.streaming
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get(f"/exports/practices.{fmt}", FILTER,
                      HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(f"/exports/practices.{fmt}", FILTER,
                      HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    other = client.get(f"/exports/practices.{fmt}", {"dimension": "economy"})
    assert other["ETag"] != etag  # another filter, another file
    page = PracticePage.objects.live().filter(dimensions__slug="mobility").first()
    page.title = "Mobility benches, second edition"
    page.save_revision().publish()
    again = client.get(f"/exports/practices.{fmt}", FILTER, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag
    assert "second edition" in (again.getvalue().decode() if fmt != "xlsx" else " ".join(
        str(cell) for row in load_workbook(io.BytesIO(again.getvalue())).active.values
        for cell in row))
