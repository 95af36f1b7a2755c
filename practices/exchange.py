"""The practice exchange format of DESIGN.md: reading, validating, importing and exporting.

JSON array, JSON Lines, CSV and XLSX share the same field names; in CSV and XLSX, lists are
separated by `|`.
"""

import csv
import json
import logging
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import DatabaseError, transaction
from django.utils.html import escape
from django_countries import countries
from wagtail.models import Locale
from wagtail.rich_text import RichText

from core.spreadsheets import SafeDictWriter, restore
from core.validators import ends_before_start, year_field

from .bulk import NewRecord, RowFailed, Tree, create_pages, unique_slug
from .catalogue import prefetch_terms
from .hooks import bulk_import
from .models import (
    Challenge,
    Dimension,
    FundingSource,
    PracticeIndexPage,
    PracticePage,
)
from .models.pages import BudgetRange, Status
from .models.place import PLACE_FACTS
from .serializers import body_to_text, practice_data, practices_data
from .territories import Profiles, sync_places

logger = logging.getLogger(__name__)
FIELDS = [
    "external_id", "language", "translation_of", "title", "summary", "body", "country",
    "region", "territory", "latitude", "longitude", "dimensions", "challenges", "tags",
    "status", "start_year", "end_year", "population", "altitude_m", "lead_organisation",
    "partners", "resources", "results", "lessons", "transferability", "funding",
    "budget_range", "funding_share", "website", "contact_name", "contact_email", "published",
]
LIST_FIELDS = ("dimensions", "challenges", "tags", "partners", "funding")
LIST_SEPARATOR = "|"
FORMATS = ("json", "jsonl", "csv", "xlsx")
REQUIRED_COLUMNS = ("external_id", "language", "title", "summary", "country", "dimensions")
TEXT_FIELDS = ("region", "territory", "lead_organisation", "resources", "results", "lessons",
               "transferability", "website", "contact_name", "contact_email")
BATCH = 500  # records written together (practices.bulk)
TERM_MODELS = {"dimensions": Dimension, "challenges": Challenge, "funding": FundingSource}
NUMBER_FIELDS = ("latitude", "longitude", "start_year", "end_year", "population", "altitude_m",
                 "funding_share")


class ImportFileError(Exception):
    """The file as a whole cannot be read (unknown format, broken JSON, no header, a required
    column missing)."""


def check_header(name, header, required=REQUIRED_COLUMNS):
    """A required column missing from a CSV or XLSX header is one error, not one per row."""
    missing = [column for column in required if column not in header]
    if missing:
        raise ImportFileError(f"{name}: header (line 1): missing column(s) {', '.join(missing)}; "
                              f"required: {', '.join(required)}")


# --- reading -------------------------------------------------------------------------------


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "ndjson":
        return "jsonl"
    if suffix not in FORMATS:
        raise ImportFileError(f"{path.name}: unknown format; use .json, .jsonl, .csv or .xlsx")
    return suffix


def read_records(path: Path, required=REQUIRED_COLUMNS) -> Iterator[tuple[int, dict]]:
    """Yield (line, record). `line` is the file line (JSON Lines, CSV), the sheet row (XLSX)
    or the position in the array (JSON). `required`: the columns a CSV or XLSX file must
    have (a practice's by default)."""
    fmt = detect_format(path)
    if fmt == "json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ImportFileError(
                f"{path.name}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
        if not isinstance(data, list):
            raise ImportFileError(f"{path.name}: expected a JSON array of records")
        yield from enumerate(data, start=1)
    elif fmt == "jsonl":
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, {"__error__": f"invalid JSON: {exc.msg}"}
    elif fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames:
                raise ImportFileError(f"{path.name}: the CSV file has no header row")
            check_header(path.name, [name.strip() for name in reader.fieldnames if name],
                         required)
            for row in reader:
                yield reader.line_num, {k: restore(v) for k, v in row.items() if k}
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).active
        rows = sheet.iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
        if not any(header):
            raise ImportFileError(f"{path.name}: the first sheet has no header row")
        check_header(path.name, header, required)
        for number, values in enumerate(rows, start=2):
            if all(v is None or v == "" for v in values):
                continue
            yield number, {h: v for h, v in zip(header, values, strict=False) if h}


# --- validation ----------------------------------------------------------------------------


def as_list(value):
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]
    if isinstance(value, list | tuple):
        return [str(part).strip() for part in value if str(part).strip()]
    raise ValidationError("expected a list or a text separated by |")


def as_bool(value, default=True):
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes", "y"):
        return True
    if text in ("false", "0", "no", "n"):
        return False
    raise ValidationError(f"expected true or false, got {value!r}")


class ListField(forms.Field):
    def to_python(self, value):
        return as_list(value)


class LenientBooleanField(forms.Field):
    def to_python(self, value):
        return as_bool(value)


class SharedFields(dict):
    """A form's fields, the same objects for every form made: Django copies them for each
    (a copy of the 250 countries per record of an import); these forms only validate (a
    field's cleaning keeps no state), they are never shown or changed."""

    def __deepcopy__(self, memo):
        return self


class PracticeRecordForm(forms.Form):
    """One record of the exchange format; errors name the field."""

    external_id = forms.CharField(max_length=100)
    language = forms.ChoiceField(choices=settings.LANGUAGES, error_messages={
        "invalid_choice": "unknown language %(value)s; expected one of "
                          + ", ".join(code for code, _name in settings.LANGUAGES)})
    translation_of = forms.CharField(max_length=100, required=False)
    title = forms.CharField(max_length=255)
    summary = forms.CharField(max_length=1000)
    body = forms.CharField(required=False)
    country = forms.ChoiceField(choices=list(countries), error_messages={
        "invalid_choice": "unknown country %(value)s; expected an ISO 3166-1 alpha-2 code "
                          "such as AT, CH, DE, FR, IT, LI, SI"})
    region = forms.CharField(max_length=120, required=False)
    territory = forms.CharField(max_length=160, required=False)
    latitude = forms.DecimalField(min_value=-90, max_value=90, decimal_places=6,
                                  required=False)
    longitude = forms.DecimalField(min_value=-180, max_value=180, decimal_places=6,
                                   required=False)
    status = forms.ChoiceField(choices=Status.choices, required=False, error_messages={
        "invalid_choice": "unknown status %(value)s; expected one of " + ", ".join(Status.values)})
    start_year = year_field()
    end_year = year_field()
    population = forms.IntegerField(min_value=0, required=False)
    altitude_m = forms.IntegerField(min_value=-500, max_value=5000, required=False)
    lead_organisation = forms.CharField(max_length=200, required=False)
    resources = forms.CharField(required=False)
    results = forms.CharField(required=False)
    lessons = forms.CharField(required=False)
    transferability = forms.CharField(required=False)
    website = forms.URLField(required=False, assume_scheme="https")
    contact_name = forms.CharField(max_length=120, required=False)
    contact_email = forms.EmailField(required=False)
    dimensions = ListField(required=False)
    challenges = ListField(required=False)
    funding = ListField(required=False)
    budget_range = forms.ChoiceField(choices=[("", ""), *BudgetRange.choices], required=False)
    funding_share = forms.IntegerField(min_value=0, max_value=100, required=False)
    tags = ListField(required=False)
    partners = ListField(required=False)
    published = LenientBooleanField(required=False)

    def __init__(self, record, *, known_slugs):
        self.raw = record
        data = {}
        for name in self.base_fields:
            value = record.get(name)
            if isinstance(value, float) and value.is_integer() and name in NUMBER_FIELDS[2:]:
                value = int(value)
            data[name] = "" if value is None else value
        data["published"] = record.get("published")
        if isinstance(data["country"], str):
            data["country"] = data["country"].strip().upper()
        super().__init__(data)
        self.known_slugs = known_slugs  # {"dimensions": slugs, "challenges": ..., "funding": ...}

    def clean(self):
        data = super().clean()
        dimensions = data.get("dimensions", [])
        if not dimensions and "dimensions" not in self.errors:
            self.add_error("dimensions", "at least one dimension slug is required")
        for name, known in self.known_slugs.items():
            unknown = [s for s in data.get(name, []) if s not in known]
            if unknown:
                self.add_error(name, f"unknown slug(s) {', '.join(unknown)}; "
                                     f"expected {', '.join(sorted(known))}")
        if ends_before_start(data.get("start_year"), data.get("end_year")):
            self.add_error("end_year", "is before start_year")
        if data.get("translation_of") and data.get("translation_of") == data.get("external_id"):
            self.add_error("translation_of", "a record cannot be a translation of itself")
        data["status"] = data.get("status") or Status.ONGOING
        return data


PracticeRecordForm.base_fields = SharedFields(PracticeRecordForm.base_fields)


@dataclass
class RowError:
    line: int
    field: str
    message: str

    def __str__(self):
        return f"line {self.line}, field {self.field}: {self.message}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def failed(self):
        return len({e.line for e in self.errors})

    def tell(self, command, rows, name, dry_run):
        """What an import command prints: each error, then the counts; it fails (exit 1)
        when a row failed."""
        for error in self.errors:
            command.stderr.write(command.style.ERROR(str(error)))
        prefix = "Dry run — nothing written. Would have " if dry_run else ""
        summary = (f"{prefix}created: {self.created}, updated: {self.updated}, "
                   f"unchanged: {self.unchanged}, failed: {self.failed} "
                   f"(of {rows} rows in {name})")
        command.stdout.write(command.style.SUCCESS(summary) if not self.failed else summary)
        if self.failed:
            raise CommandError(f"{self.failed} row(s) failed", returncode=1)

    def unreadable(self, line, record):
        """A line that is no record (invalid JSON, not an object): reported, True."""
        if isinstance(record, dict) and "__error__" not in record:
            return False
        message = record.get("__error__") if isinstance(record, dict) else "not an object"
        self.errors.append(RowError(line, "(record)", message))
        return True

    def refused(self, line, form):
        """Each error of a record's form, by field."""
        self.errors.extend(RowError(line, name, str(message))
                           for name, messages in form.errors.items() for message in messages)


def validate(records: Iterable[tuple[int, dict]], report: ImportReport):
    """Check each record on its own; return the valid ones as (line, cleaned_data)."""
    known_slugs = {relation: set(model.objects.values_list("slug", flat=True))
                   for relation, model in TERM_MODELS.items()}
    valid, seen = [], {}
    for line, record in records:
        if report.unreadable(line, record):
            continue
        form = PracticeRecordForm(record, known_slugs=known_slugs)
        if not form.is_valid():
            report.refused(line, form)
            continue
        data = form.cleaned_data
        if data["external_id"] in seen:
            report.errors.append(RowError(
                line, "external_id",
                f"{data['external_id']} already appears on line {seen[data['external_id']]}"))
            continue
        seen[data["external_id"]] = line
        valid.append((line, data))
    # Originals before translations, so a translation can point to a record in the same file.
    return sorted(valid, key=lambda item: bool(item[1]["translation_of"]))


# --- writing -------------------------------------------------------------------------------


def body_from_text(text):
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return [("paragraph", RichText(f"<p>{escape(p)}</p>".replace("\n", "<br>")))
            for p in paragraphs]


def fill_fields(page, data, original):
    """The page's own fields from a record (its relations apart)."""
    page.external_id = data["external_id"]
    page.title = data["title"]
    page.summary = data["summary"]
    if body_to_text(page.body) != normal_body(data["body"]):
        page.body = body_from_text(data["body"])
    for name in TEXT_FIELDS:
        setattr(page, name, data[name] or "")
    for name in ("country", "status", *NUMBER_FIELDS):
        setattr(page, name, data[name])
    page.budget_range = data["budget_range"] or ""
    page.partners = "\n".join(data["partners"])
    page.original_language = (original.original_language or original.locale.language_code
                              if original else data["language"])
    # the profile of the place the record names (a translation shares its original's; a
    # profile an editor chose stays when a record names no place)
    if original is None and data.get("territory_page"):
        page.territory_page_id = data["territory_page"]


def fill_page(page, data, locale, original):
    fill_fields(page, data, original)
    for relation, model in TERM_MODELS.items():
        getattr(page, relation).set(model.objects.filter(locale=locale,
                                                         slug__in=data[relation]))
    page.tags.set(data["tags"], clear=True)


def comparable(record):
    """What an import writes, normalised so that a record read from a file and the record
    exported from the page it describes compare equal when nothing changed."""
    values = {}
    for name in FIELDS[3:]:  # external_id, language and translation_of cannot change
        value = record.get(name)
        if isinstance(value, Decimal | float):
            value = round(float(value), 6)
        elif name == "tags":  # tags are case-insensitive (TAGGIT_CASE_INSENSITIVE): the
            value = sorted({tag.lower() for tag in value or []})  # first spelling is kept
        elif isinstance(value, list):
            value = value if name == "partners" else sorted(value)
        elif value is None:
            value = ""
        values[name] = value
    values["body"] = normal_body(values["body"])
    return values


def normal_body(text):
    return "\n\n".join(p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip())


def unchanged(page, data):
    """(The place's facts of a practice linked to a profile are the profile's: a record
    stating others changes nothing.)"""
    if page.territory_page_id:
        data = {**data, **{name: getattr(page, name) for name in PLACE_FACTS}}
    return comparable(practice_to_record(page, {})) == comparable(data)


def checked_original(data, locale, page, find):
    """The page a record translates (None for an original), after the checks every record
    passes: a page keeps its language, a translation names an existing page in another."""
    if page is not None and page.locale_id != locale.pk:
        raise RowFailed("language", f"{data['external_id']} exists in "
                                    f"{page.locale.language_code}; a record cannot change language")
    if not data["translation_of"]:
        return None
    original = find(data["translation_of"])
    if original is None:
        raise RowFailed("translation_of", f"no practice with external_id "
                                          f"{data['translation_of']}")
    if original.locale_id == locale.pk:
        raise RowFailed("translation_of", "the original is in the same language")
    return original


def translation_exists(data, external_id):
    return RowFailed("translation_of", f"a {data['language']} translation already "
                     f"exists (external_id {external_id or '—'})")


def write_record(data, locales, indexes):
    """Create or update the practice of one record: "created", "updated" or "unchanged" (a
    record that matches its page writes nothing: no revision, no new publication date)."""
    locale = locales[data["language"]]
    page = PracticePage.objects.filter(external_id=data["external_id"]).first()
    created = page is None
    original = checked_original(
        data, locale, page, lambda ext: PracticePage.objects.filter(external_id=ext).first())
    if created and original is not None:
        existing = original.get_translation_or_none(locale)
        if existing is not None:
            raise translation_exists(data, existing.specific.external_id)
        page = original.copy_for_translation(locale).specific
        page.slug = unique_slug(page.get_parent(), data["title"], data["external_id"], page)
    elif created:
        index = indexes[data["language"]]
        page = PracticePage(locale=locale, live=False,
                            slug=unique_slug(index, data["title"], data["external_id"]))
    elif unchanged(page, data):
        return "unchanged"
    if original is None and "territory_page" not in data:
        data = {**data, "territory_page": Profiles().for_record(data, locale)}
    elif original is not None:
        page.territory_page_id = original.territory_page_id
    fill_page(page, data, locale, original)
    in_tree = page.pk is not None
    try:
        if not in_tree:  # validated (full_clean) as it goes into the tree
            index.add_child(instance=page)
        revision = page.save_revision(clean=in_tree)
    except ValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        raise RowFailed(name, "; ".join(messages)) from exc
    if data["published"]:
        revision.publish()
    elif page.live:
        page.unpublish()  # saves the row, with the record's text
    elif in_tree:  # a draft's row holds its latest text, as the admin and exports read it
        page.save(clean=False)
    if page.territory_page_id:  # a fact its profile lacked comes from the record
        sync_places(practices=PracticePage.objects.filter(pk=page.pk))
    return "created" if created else "updated"


class Batch:
    """Records written together: the new ones in bulk (practices.bulk), the others one by
    one; each record's outcome or error lands in the report, as write_record's would."""

    def __init__(self, locales, indexes, report):
        self.locales, self.indexes, self.report = locales, indexes, report
        self.tree = Tree(indexes)
        self.profiles = None  # (read when a batch first names a territory)

    def write(self, rows):
        for _line, data in rows:  # the territory profiles the originals name, found or made
            if not data["translation_of"]:
                data["territory_page"] = None
                if data["territory"]:
                    self.profiles = self.profiles or Profiles()
                    data["territory_page"] = self.profiles.for_record(
                        data, self.locales[data["language"]])
        originals = [row for row in rows if not row[1]["translation_of"]]
        translations = [row for row in rows if row[1]["translation_of"]]
        for part in (originals, translations):  # a translation may name an original above
            if part:
                self.write_part(part)
        # the place's facts: the profiles' (those they lacked, from the records), in the
        # batch's originals and translations alike
        sync_places(practices=PracticePage.objects.filter(
            external_id__in=[data["external_id"] for _line, data in rows]))

    def count(self, outcome, n=1):
        setattr(self.report, outcome, getattr(self.report, outcome) + n)

    def fail(self, line, exc):
        self.report.errors.append(RowError(line, exc.field, exc.message))

    def write_part(self, rows):
        wanted = {d["external_id"] for _l, d in rows} | {d["translation_of"] for _l, d in rows}
        pages = {p.external_id: p for p in PracticePage.objects.filter(
            external_id__in=wanted - {""}).select_related("locale")}
        prefetch_terms([pages[d["external_id"]] for _l, d in rows if d["external_id"] in pages])
        groups = {(key, locale): ext for key, locale, ext in PracticePage.objects.filter(
            translation_key__in={p.translation_key for p in pages.values()})
            .values_list("translation_key", "locale_id", "external_id")}
        new, one_by_one = [], []
        for line, data in rows:
            locale, page = self.locales[data["language"]], pages.get(data["external_id"])
            try:
                original = checked_original(data, locale, page, pages.get)
                if page is not None:
                    if unchanged(page, data):
                        self.count("unchanged")
                    else:
                        one_by_one.append((line, data))
                    continue
                if original is not None:
                    group = (original.translation_key, locale.pk)
                    if group in groups:
                        raise translation_exists(data, groups[group])
                    groups[group] = data["external_id"]
                    if not original.path.startswith(
                            self.indexes[original.locale.language_code].path):
                        one_by_one.append((line, data))  # its parent: copy_for_translation's
                        continue
            except RowFailed as exc:
                self.fail(line, exc)
                continue
            new.append(NewRecord(line, data, original))
        self.create(new, one_by_one)
        for line, data in one_by_one:
            try:
                with transaction.atomic():
                    outcome = write_record(data, self.locales, self.indexes)
            except RowFailed as exc:
                self.fail(line, exc)
                continue
            self.count(outcome)
            if outcome == "created":  # a slug the bulk path's list does not hold
                self.tree.forget()

    def create(self, new, one_by_one):
        """The new records in bulk; should the database refuse the batch (a page written by
        someone else meanwhile), each of them one by one."""
        if not new:
            return
        try:
            with transaction.atomic():
                pages, refused = create_pages(new, self.locales, self.tree, fill_fields)
        except DatabaseError as exc:
            logger.warning("the database refused %d new records written together (%s): "
                           "they are written one by one", len(new), exc)
            self.tree.forget()
            one_by_one.extend((record.line, record.data) for record in new)
            return
        for record, exc in refused:
            self.fail(record.line, exc)
        self.count("created", len(pages))


def import_records(records, *, dry_run=False, progress=None, batch=BATCH):
    """Import the valid records, `batch` at a time, each batch in its own transaction (a
    record written one by one in its own). A dry run does exactly the same inside one
    transaction it rolls back (nothing is indexed or sent), so its report is the real run's
    report."""
    report = ImportReport()
    valid = validate(records, report)
    locales = {loc.language_code: loc for loc in Locale.objects.all()}
    indexes = {i.locale.language_code: i
               for i in PracticeIndexPage.objects.select_related("locale")}
    writer = Batch(locales, indexes, report)
    rows = iter(progress(valid) if progress else valid)
    with transaction.atomic() if dry_run else nullcontext():
        with bulk_import() as batch_written:
            while chunk := list(islice(rows, batch)):
                writer.write(chunk)
                batch_written()  # (its indexing starts: a task worker works beside us)
        if dry_run:
            transaction.set_rollback(True)
    return report


# --- export --------------------------------------------------------------------------------


def practice_to_record(page, original_ids):
    return as_record(practice_data(page, RECORD_FIELDS), original_ids)


RECORD_FIELDS = [name for name in FIELDS if name != "translation_of"] + ["translation_key"]


def as_record(data, original_ids):
    group_original = original_ids.get(data.pop("translation_key"))
    data["translation_of"] = (group_original
                              if group_original not in (None, data["external_id"]) else "")
    return {name: data[name] for name in FIELDS}


def iter_export_records(queryset=None, chunk=1000):
    """Records for the given practices (default: all), originals first, read `chunk` pages
    at a time in bulk (an export of 100,000 practices holds one chunk in memory, not all)."""
    queryset = queryset if queryset is not None else PracticePage.objects.all()
    versions = list(queryset.order_by("id").values_list(
        "id", "translation_key", "external_id", "locale__language_code", "original_language"))
    original_ids = {}
    for _id, key, external_id, language, original in versions:
        if language == (original or language):  # the original: the page in its language
            original_ids.setdefault(str(key), external_id)
    for _id, key, external_id, _language, _original in versions:  # else the group's oldest
        original_ids.setdefault(str(key), external_id)
    originals = [i for i, key, external_id, *_rest in versions
                 if original_ids[str(key)] == external_id]
    translations = [i for i, key, external_id, *_rest in versions
                    if original_ids[str(key)] != external_id]
    for ids in (originals, translations):
        for data in practices_data(ids, RECORD_FIELDS, chunk):
            yield as_record(data, original_ids)


def export_records(queryset=None):
    """Records for the given practices (default: all), originals first, as a list."""
    return list(iter_export_records(queryset))


def flatten(record):
    return {k: (LIST_SEPARATOR.join(v) if isinstance(v, list) else ("" if v is None else v))
            for k, v in record.items()}


def text_cell(sheet, value):
    """An XLSX cell that holds text as text: openpyxl would store "=..." as a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


class Line:
    """A file-like object whose `write` returns what it was given (csv writes to it)."""

    def write(self, value):
        return value


def export_chunks(records, fmt, fields=FIELDS, flat=flatten, encoder=None) -> Iterator[bytes]:
    """The records as CSV, JSON or JSON Lines, in pieces as they are written (an HTTP
    response streams them). `fields` and `flat`: the columns and cells of CSV (practices'
    by default); `encoder`: a JSONEncoder for values json does not know (dates)."""
    if fmt == "jsonl":
        for record in records:
            yield (json.dumps(record, ensure_ascii=False, cls=encoder) + "\n").encode()
    elif fmt == "json":
        separator = "[\n"
        for record in records:
            yield (separator + json.dumps(record, ensure_ascii=False, cls=encoder)).encode()
            separator = ",\n"
        yield ("[]" if separator == "[\n" else "\n]").encode()
    elif fmt == "csv":
        writer = SafeDictWriter(Line(), fieldnames=fields)
        yield writer.writeheader().encode("utf-8")
        for record in records:
            yield writer.writerow(flat(record)).encode("utf-8")
    else:
        raise ValueError(f"unknown format {fmt}")


def write_xlsx(records, target, licence="", fields=FIELDS, flat=flatten, sheet="practices"):
    """The records as an XLSX workbook written to `target` (a path or a binary file): a
    write-only workbook keeps no row in memory."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet)
    sheet.append(fields)
    for record in records:
        row = flat(record)
        sheet.append([text_cell(sheet, row[name]) for name in fields])
    if licence:
        workbook.create_sheet("licence").append([licence])
    workbook.save(target)
