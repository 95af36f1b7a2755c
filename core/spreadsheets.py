"""CSV written safely: OWASP's CSV-injection guidance, applied to every CSV the site writes.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
strip first) as a formula: such text cells get a leading apostrophe. Numbers stay numbers
("-12.5"), and `restore` undoes the prefix when a file is read back, so an exported file
imports unchanged.
"""

import csv
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def _needs_prefix(text):
    bare = text.lstrip("'")  # a prefix of our own is kept apart from the text's own quotes
    return bare.startswith(FORMULA_START) and not NUMBER.fullmatch(text)


def neutralise(value):
    """The cell value a spreadsheet shows as text: "'=SUM(A1)" for "=SUM(A1)"."""
    if isinstance(value, str) and _needs_prefix(value):
        return "'" + value
    return value


def restore(value):
    """The text `neutralise` was given (for files read back by the importer)."""
    if isinstance(value, str) and value.startswith("'") and _needs_prefix(value[1:]):
        return value[1:]
    return value


class SafeWriter:
    """csv.writer whose rows are neutralised."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):
    """csv.DictWriter whose values are neutralised (headers are ours)."""

    def __init__(self, stream, fieldnames, **options):
        super().__init__(stream, fieldnames, **options)
        self.writer = SafeWriter(stream, **options)

    def writeheader(self):
        return self.writer._writer.writerow(self.fieldnames)


class NeutralisingDictWriter:
    """Wraps a csv.DictWriter someone else made (Wagtail's admin exports)."""

    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row):
        return self.writer.writerow({key: neutralise(value) for key, value in row.items()})
