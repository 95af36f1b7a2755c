"""Transfers in the exchange format: their own file (JSON, JSON Lines, CSV, XLSX), read,
validated row by row (errors by line and field, nothing of a bad row written) and written
idempotently by `external_id`; exported the same way, so an export imports back unchanged.

A record names its practice by the practice's `external_id` (any language version) and its
territory by name and country (its profile is found, or made: published when the transfer
is validated). In CSV and XLSX, `funding` is separated by `|` and `indicators` and
`documents` are JSON arrays.
"""

import json
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django_countries import countries

from .exchange import ImportReport, ListField, RowError, SharedFields
from .models import FundingSource, PracticePage, Stage, Transfer, TransferStatus
from .models.pages import BudgetRange
from .models.transfers import STAGE_DATES, TransferIndicator, TransferLink
from .territories import Profiles
from .transfers import with_details

FIELDS = ["external_id", "practice", "territory", "country", "region", "stage",
          *STAGE_DATES.values(), "adaptation", "organisation", "language", "funding",
          "budget_range", "funding_share", "indicators", "documents", "status",
          "contact_name", "contact_email"]
REQUIRED_COLUMNS = ("external_id", "practice", "territory", "country", "stage")
JSON_FIELDS = ("indicators", "documents")


class JSONListField(forms.Field):
    """A list of objects with these keys: a JSON array, or its text (CSV, XLSX)."""

    def __init__(self, *, keys, required_keys, numbers=(), **kwargs):
        super().__init__(**kwargs)
        self.keys, self.required_keys, self.numbers = keys, required_keys, numbers

    def to_python(self, value):
        if value in (None, ""):
            return []
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError as exc:
                raise ValidationError(f"invalid JSON: {exc.msg}") from exc
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise ValidationError("expected a JSON array of objects")
        for item in value:
            missing = [k for k in self.required_keys if item.get(k) in (None, "")]
            unknown = sorted(set(item) - set(self.keys))
            if missing or unknown:
                raise ValidationError("each object needs " + ", ".join(self.required_keys)
                                      + (f" (missing {', '.join(missing)})" if missing else "")
                                      + (f"; unknown key(s) {', '.join(unknown)}"
                                         if unknown else ""))
            for key in self.numbers:
                if item.get(key) not in (None, ""):
                    try:
                        number = Decimal(str(item[key]))
                    except InvalidOperation:
                        number = None
                    if number is None or not number.is_finite() or abs(number) >= 10**12:
                        raise ValidationError(f"{key} must be a number, got {item[key]!r}")
        return value


def choice(choices, what):
    values = [value for value, _label in choices]
    return forms.ChoiceField(choices=[("", ""), *choices], required=False, error_messages={
        "invalid_choice": f"unknown {what} %(value)s; expected one of {', '.join(values)}"})


class TransferRecordForm(forms.Form):
    external_id = forms.CharField(max_length=100)
    practice = forms.CharField(max_length=100)
    territory = forms.CharField(max_length=160)
    country = forms.ChoiceField(choices=list(countries), error_messages={
        "invalid_choice": "unknown country %(value)s; expected an ISO 3166-1 alpha-2 code"})
    region = forms.CharField(max_length=120, required=False)
    stage = choice(Stage.choices, "stage")
    exploring_since = forms.DateField(required=False)
    adapting_since = forms.DateField(required=False)
    implemented_since = forms.DateField(required=False)
    discontinued_since = forms.DateField(required=False)
    adaptation = forms.CharField(max_length=5000, required=False)
    organisation = forms.CharField(max_length=200, required=False)
    language = choice(settings.LANGUAGES, "language")
    funding = ListField(required=False)
    budget_range = choice(BudgetRange.choices, "budget range")
    funding_share = forms.IntegerField(min_value=0, max_value=100, required=False)
    indicators = JSONListField(required=False, keys=("label", "baseline", "value", "unit"),
                               required_keys=("label", "value"), numbers=("baseline", "value"))
    documents = JSONListField(required=False, keys=("title", "url"),
                              required_keys=("title", "url"))
    status = choice(TransferStatus.choices, "status")
    contact_name = forms.CharField(max_length=120, required=False)
    contact_email = forms.EmailField(required=False)

    def __init__(self, record, *, known_funding):
        data = {name: "" if record.get(name) is None else record.get(name)
                for name in self.base_fields}
        for name in STAGE_DATES.values():  # (a spreadsheet's date cell is read as a date)
            if hasattr(data[name], "date"):
                data[name] = data[name].date()
        if isinstance(data["country"], str):
            data["country"] = data["country"].strip().upper()
        super().__init__(data)
        self.known_funding = known_funding

    def clean(self):
        data = super().clean()
        if "stage" in data and not data["stage"]:
            self.add_error("stage", "required: " + ", ".join(Stage.values))
        unknown = [s for s in data.get("funding", []) if s not in self.known_funding]
        if unknown:
            self.add_error("funding", f"unknown slug(s) {', '.join(unknown)}")
        data["language"] = data.get("language") or "en"
        data["status"] = data.get("status") or TransferStatus.VALIDATED
        return data


TransferRecordForm.base_fields = SharedFields(TransferRecordForm.base_fields)


def _number(value):
    return None if value in (None, "") else value


def _transfer(data, practice_id, territory_id, existing):
    transfer = existing or Transfer(external_id=data["external_id"])
    transfer.practice_id, transfer.territory_id = practice_id, territory_id
    for name in ("stage", *STAGE_DATES.values(), "adaptation", "organisation", "language",
                 "budget_range", "funding_share", "status", "contact_name", "contact_email"):
        setattr(transfer, name, data[name] if data[name] is not None else
                ("" if name not in ("funding_share", *STAGE_DATES.values()) else None))
    transfer.indicators = [TransferIndicator(
        label=str(i["label"])[:150], value=i["value"], baseline=_number(i.get("baseline")),
        unit=str(i.get("unit") or "")[:40]) for i in data["indicators"]]
    transfer.links = [TransferLink(title=str(d["title"])[:200], url=str(d["url"]))
                      for d in data["documents"]]
    return transfer


def _funding(slugs, language):
    """The funding sources of these slugs, in this language where they have it."""
    chosen = {}
    for source in FundingSource.objects.filter(slug__in=slugs).select_related("locale"):
        if source.slug not in chosen or source.locale.language_code == language:
            chosen[source.slug] = source
    return list(chosen.values())


def transfer_records(queryset, public=True, chunk=500):
    """The records of these transfers, oldest first, read `chunk` at a time."""
    transfers = with_details(queryset.select_related("practice")).order_by("id")
    for transfer in transfers.iterator(chunk_size=chunk):
        yield as_record(transfer, public)


def import_transfers(records, *, dry_run=False):
    """Validate and write transfer records ((line, record) pairs); an ImportReport."""
    report = ImportReport()
    known = set(FundingSource.objects.values_list("slug", flat=True))
    seen = {}
    practices = {external_id: (pk, locale_id) for external_id, pk, locale_id in
                 PracticePage.objects.exclude(external_id="").values_list(
                     "external_id", "id", "locale_id")}
    existing = {t.external_id: t for t in Transfer.objects.filter(external_id__in=[
        r.get("external_id") for _line, r in records if isinstance(r, dict)])}
    profiles = Profiles()
    for line, record in records:
        if report.unreadable(line, record):
            continue
        form = TransferRecordForm(record, known_funding=known)
        if form.is_valid() and form.cleaned_data["practice"] not in practices:
            form.add_error("practice", f"no practice with external_id "
                                       f"{form.cleaned_data['practice']}")
        if form.is_valid() and form.cleaned_data["external_id"] in seen:
            form.add_error("external_id", f"already appears on line "
                                          f"{seen[form.cleaned_data['external_id']]}")
        if not form.is_valid():
            report.refused(line, form)
            continue
        data = form.cleaned_data
        seen[data["external_id"]] = line
        before = existing.get(data["external_id"])
        if before is not None and as_record(before, public=False) == normalised(data):
            report.unchanged += 1
            continue
        known_profiles = dict(profiles.known)
        try:
            with transaction.atomic():
                practice_id, locale_id = practices[data["practice"]]
                facts = {"country": data["country"], "region": data["region"],
                         "population": None, "altitude_m": None, "latitude": None,
                         "longitude": None}
                territory_id = profiles.id_for(facts, data["territory"], locale_id,
                                               data["status"] == TransferStatus.VALIDATED)
                transfer = _transfer(data, practice_id, territory_id, before)
                transfer.funding.set(_funding(data["funding"], data["language"]))
                transfer.full_clean(exclude=["external_id"])
                transfer.save()
                if dry_run:
                    transaction.set_rollback(True)
                    profiles.known = known_profiles  # (the profile made is rolled back too)
        except ValidationError as exc:
            profiles.known = known_profiles
            report.errors.extend(RowError(line, "territory" if name == "__all__" else name,
                                          str(message))
                                 for name, messages in exc.message_dict.items()
                                 for message in messages)
            continue
        if before is None:
            report.created += 1
        else:
            report.updated += 1
    return report


def normalised(data):
    """A valid record (cleaned) as as_record(transfer, public=False) gives it back."""
    return {
        **{name: data[name] for name in FIELDS}, "territory": " ".join(data["territory"].split()),
        "region": data["region"] or "",
        **{name: data[name].isoformat() if data[name] else None
           for name in STAGE_DATES.values()},
        "funding": sorted(set(data["funding"])),
        "indicators": [{"label": str(i["label"]), "baseline": _plain(_number(i.get("baseline"))),
                        "value": _plain(i["value"]), "unit": str(i.get("unit") or "")}
                       for i in data["indicators"]],
        "documents": [{"title": str(d["title"]), "url": str(d["url"])}
                      for d in data["documents"]],
    }


def _plain(value):
    """A number as JSON writes it back (Decimal 140.00 → 140, 2.5 → 2.5)."""
    if value is None:
        return None
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def as_record(transfer, public=True):
    """The exchange record of a transfer (with_details); `public`: no contact."""
    practice = transfer.practice
    record = {
        "external_id": transfer.external_id, "practice": practice.external_id,
        "territory": transfer.territory.title, "country": transfer.territory.country.code,
        "region": transfer.territory.region, "stage": transfer.stage,
        **{name: value.isoformat() if isinstance(value, date) else None
           for name in STAGE_DATES.values() for value in [getattr(transfer, name)]},
        "adaptation": transfer.adaptation, "organisation": transfer.organisation,
        "language": transfer.language,
        "funding": sorted({f.slug for f in transfer.funding.all()}),
        "budget_range": transfer.budget_range, "funding_share": transfer.funding_share,
        "indicators": [{"label": i.label, "baseline": _plain(i.baseline),
                        "value": _plain(i.value), "unit": i.unit}
                       for i in transfer.indicators.all()],
        "documents": [{"title": d.title, "url": d.url} for d in transfer.links.all()],
        "status": transfer.status,
        "contact_name": "" if public else transfer.contact_name,
        "contact_email": "" if public else transfer.contact_email,
    }
    return record


def flatten(record):
    """A record as CSV/XLSX cells."""
    return {name: (json.dumps(value, ensure_ascii=False) if name in JSON_FIELDS
                   else "|".join(value) if isinstance(value, list)
                   else "" if value is None else value)
            for name, value in record.items() if name in FIELDS}
