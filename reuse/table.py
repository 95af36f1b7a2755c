"""The catalogue as a table for a person's spreadsheet: column names and values in the
visitor's language, and a CSV that their spreadsheet opens as it is (UTF-8 with a byte order
mark; `;` where the decimal sign is a comma, as Excel expects in French, German, Italian and
Slovenian). The exchange files (/exports/practices.csv without `labels`) keep the field names
of the import format, so they import back."""

import io

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.l10n import number
from core.spreadsheets import SafeWriter
from practices.catalogue import Taxonomy, prefetch_terms
from practices.exchange import text_cell
from practices.models.pages import BudgetRange, Status

SEPARATORS = {"en": ","}  # every other site language: ";"


def _names(labels, slugs):
    return ", ".join(labels[slug].name for slug in slugs if slug in labels)


COLUMNS = [
    (_("Title"), lambda p, t, r: p.title),
    (_("Address"), lambda p, t, r: r.build_absolute_uri(p.url)),
    (_("Language"), lambda p, t, r: str(translation.get_language_info(
        p.locale.language_code)["name_translated"])),
    (_("Country"), lambda p, t, r: p.country.name),
    (_("Region"), lambda p, t, r: p.region),
    (_("Territory"), lambda p, t, r: p.territory),
    (_("Smart dimensions"), lambda p, t, r: _names(t.dimensions,
                                                   [d.slug for d in p.dimensions.all()])),
    (_("Rural challenges"), lambda p, t, r: _names(t.challenges,
                                                   [c.slug for c in p.challenges.all()])),
    (_("Status"), lambda p, t, r: Status(p.status).label if p.status else ""),  # lazy
    (_("Start year"), lambda p, t, r: p.start_year or ""),
    (_("End year"), lambda p, t, r: p.end_year or ""),
    (_("Population"), lambda p, t, r: number(p.population)),
    (_("Altitude (m)"), lambda p, t, r: number(p.altitude_m)),
    (_("Lead organisation"), lambda p, t, r: p.lead_organisation),
    (_("Partners"), lambda p, t, r: ", ".join(p.partner_list)),
    (_("Summary"), lambda p, t, r: p.summary),
    (_("Resources needed"), lambda p, t, r: p.resources),
    (_("Evidence of success"), lambda p, t, r: p.results),
    (_("What did not work"), lambda p, t, r: p.lessons),
    (_("Potential for transfer"), lambda p, t, r: p.transferability),
    (_("Funding"), lambda p, t, r: _names(t.funding, [f.slug for f in p.funding.all()])),
    (_("Budget"), lambda p, t, r: BudgetRange(p.budget_range).label if p.budget_range else ""),
    (_("Share funded (%)"), lambda p, t, r: number(p.funding_share)),
    (_("Website"), lambda p, t, r: p.website),
]


def rows(pages, language, request):
    with translation.override(language):
        taxonomy = Taxonomy.for_locale_code(language)
        yield [str(label) for label, _value in COLUMNS]
        pages = list(pages.select_related("locale"))
        prefetch_terms(pages, tags=False)
        for page in pages:
            cells = (value(page, taxonomy, request) for _label, value in COLUMNS)
            yield [cell if isinstance(cell, int) else str(cell) for cell in cells]


def table_csv(pages, language, request) -> bytes:
    buffer = io.StringIO()
    writer = SafeWriter(buffer, delimiter=SEPARATORS.get(language, ";"))
    writer.writerows(rows(pages, language, request))
    return buffer.getvalue().encode("utf-8-sig")


def table_xlsx(pages, language, request) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(_("Practices"))[:31])
    for row in rows(pages, language, request):
        sheet.append([text_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

