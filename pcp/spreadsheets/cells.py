"""Cells of a spreadsheet, read and written safely: the text of a cell as an import takes
it, and cells a spreadsheet opens safely, with the formats that write them.

A spreadsheet runs a cell that starts with = + - @ (and, in some programs, a tab or carriage
return before them) as a formula, so a hostile name such as `=HYPERLINK(...)` could act when
someone opens an export. Such text cells get a leading apostrophe, the usual way to say "this
is text". A plain number such as -5 or +3.5 is not a formula: it is left alone (and XLSX keeps
numbers as numbers), so negative figures survive a round trip.
"""

import re

from import_export.formats.base_formats import CSV, XLSX

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def cell_text(value) -> str:
    """A cell as an import reads it: text without surrounding spaces, "" for an empty cell,
    and a spreadsheet's 12.0 read as the 12 it shows."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def spreadsheet_safe(cell):
    """The cell, with text that a spreadsheet would run as a formula made inert."""
    if not isinstance(cell, str) or not cell.startswith(FORMULA_STARTS):
        return cell
    if PLAIN_NUMBER.match(cell):
        return cell
    return "'" + cell


def spreadsheet_unescaped(text: str) -> str:
    """Text read back from a file this project exported: the apostrophe that made it inert
    is dropped again, so "- a bullet" survives an export and re-import unchanged."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


class SpreadsheetSafeMixin:
    """Honours IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT with spreadsheet_safe's rule, which
    also covers + - @ tab and CR and keeps numbers as numbers (the library's own only drops a
    leading "=" and turns every cell into text)."""

    def _escape_formulae(self, dataset):
        for _ in range(len(dataset)):
            row = dataset.lpop()
            dataset.append([spreadsheet_safe(cell) for cell in row])


class SafeCSV(SpreadsheetSafeMixin, CSV):
    pass


class SafeXLSX(SpreadsheetSafeMixin, XLSX):
    pass
