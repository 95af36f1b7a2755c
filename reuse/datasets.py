"""The open-data files of the programme's other pages — pilot territories, pilot results,
events, toolbox resources — in the read API's shapes (reuse/api/), as CSV, JSON, JSON Lines
or XLSX; and the list of every dataset the site publishes (the data page, DCAT-AP)."""

import itertools
import json
import tempfile
from dataclasses import dataclass
from datetime import date, datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _

from core.pages import published
from practices.exchange import export_chunks, write_xlsx
from practices.models import EventPage, PilotResultPage, PilotTerritoryPage, ResourcePage

from .api.pilots import results_data, territories_data
from .api.programme import events_data, resources_data

CHUNK = 200  # pages shaped at a time


@dataclass(frozen=True)
class Dataset:
    name: str  # its file: /exports/<name>.<format>
    title: object
    description: object
    model: type | None = None  # (practices and transfers have their own exports)
    shape: object = None  # fn(pages, request) -> the API's answers

    def pages(self):
        return published(self.model.objects.all()).select_related("locale").order_by("id")

    def records(self, request):
        pages = self.pages()
        for start in range(0, pages.count(), CHUNK):
            yield from self.shape(list(pages[start:start + CHUNK]), request)


DATASETS = [
    Dataset("practices", _("Good practices"), _(
        "Good practices of rural Alpine territories, by smart dimension, rural challenge and "
        "country, in the import format (one record per language version).")),
    Dataset("transfers", _("Transfers of practices"), _(
        "Territories reusing a practice: stage, dates, adaptation, outcome indicators.")),
    Dataset("pilots", _("Pilot territories"), _(
        "The territories accompanied by the programme and their sessions."),
        PilotTerritoryPage, territories_data),
    Dataset("pilot-results", _("Pilot results"), _(
        "Experiments, evaluations and deliverables of the pilot territories, with indicators."),
        PilotResultPage, results_data),
    Dataset("events", _("Events"), _(
        "Workshops, study visits, webinars, conferences and local group sessions: when, where, "
        "languages, minutes and recordings."), EventPage, events_data),
    Dataset("resources", _("Toolbox resources"), _(
        "Methods, templates, guides, policy recommendations, studies and videos along the "
        "five steps of the pilot journey."), ResourcePage, resources_data),
]
BY_NAME = {dataset.name: dataset for dataset in DATASETS}


def cell(value):
    """A value of an API answer as one CSV/XLSX cell."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "|".join(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    return value


def flat(record):
    return {name: cell(value) for name, value in record.items()}


def with_fields(records):
    """(the columns, the records): the columns are the first record's keys."""
    records = iter(records)
    first = next(records, None)
    if first is None:
        return ["id"], iter(())
    return list(first), itertools.chain([first], records)


def chunks(records, fmt):
    """CSV, JSON or JSON Lines in pieces, as they are written."""
    fields, records = with_fields(records)
    return export_chunks(records, fmt, fields=fields, flat=flat, encoder=DjangoJSONEncoder)


def workbook(records, licence):
    """An XLSX file (a temporary file, read from its start) of these records, written row
    by row (a write-only workbook)."""
    fields, rows = with_fields(records)
    target = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it: deleted)
    write_xlsx(rows, target, licence=licence, fields=fields, flat=flat, sheet="data")
    target.seek(0)
    return target
