"""Spreadsheet import and export pieces any part may use: cells a spreadsheet opens safely,
formats that write them, an upload size limit, and one message for missing columns.

A spreadsheet runs a cell that starts with = + - @ (and, in some programs, a tab or carriage
return before them) as a formula, so a hostile name such as `=HYPERLINK(...)` could act when
someone opens an export. Such text cells get a leading apostrophe, the usual way to say "this
is text". A plain number such as -5 or +3.5 is not a formula: it is left alone (and XLSX keeps
numbers as numbers), so negative figures survive a round trip.
"""

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ImportForm

from pcp.spreadsheets.pending import PendingUploadAdminMixin
from pcp.spreadsheets.reading import (
    FileProblem,
    LimitedRowsMixin,
    text_rows_problem,
    unpacked_problem,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


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


def _listed(names: list[str], joiner: str) -> str:
    return f" {joiner} ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def missing_columns_message(headers: list[str], required: tuple[str, ...]) -> str:
    """One sentence naming the required columns a file lacks, or "" when it has them all."""
    missing = [name for name in required if name not in headers]
    if not missing:
        return ""
    named = _listed([f'"{name}"' for name in missing], "or")
    found = ", ".join(f'"{header[:40]}"' for header in headers[:10] if header) or "nothing"
    return (
        f"The file has no {named} column{'s' if len(missing) > 1 else ''}, so nothing was "
        f"imported. Its first row must name the columns {_listed(list(required), 'and')}; it "
        f"names {found}."
    )


class RequiredColumnsMixin(LimitedRowsMixin):
    """For an import resource: a file lacking a required column gets one message naming it,
    instead of the same problem on every row; nothing is read further or written. (And the
    limits on rows and wrong rows every upload has.)"""

    required_columns: tuple[str, ...] = ()

    def import_data(self, dataset, *args, **kwargs):
        # "Metric " or "VALUE" in a hand-made sheet still name the columns.
        dataset.headers = [str(h or "").strip().lower() for h in dataset.headers or []]
        message = missing_columns_message(dataset.headers, self.required_columns)
        if not message:
            return super().import_data(dataset, *args, **kwargs)
        result = self.get_result_class()()
        result.add_dataset_headers(dataset.headers)
        result.total_rows = len(dataset)
        self.handle_import_error(result, FileProblem(message), kwargs.get("raise_errors", False))
        return result


class AllOrNothingImportAdminMixin(PendingUploadAdminMixin):
    """For an import admin: a row that turned wrong between preview and confirmation (the data
    changed meanwhile) stops the whole import, rather than writing the rows that still pass.
    (And pending uploads kept as PendingUploadAdminMixin says.)"""

    def process_dataset(self, dataset, form, request, **kwargs):
        kwargs["rollback_on_validation_errors"] = True
        return super().process_dataset(dataset, form, request, **kwargs)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                "Nothing was imported: some rows are no longer valid. "
                "Upload the file again to see which.",
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)


class SizeLimitedImportForm(ImportForm):
    """Refuses files over settings.IMPORT_MAX_UPLOAD_BYTES, and spreadsheets that unpack to
    far more, before anything reads them."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        limit = settings.IMPORT_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise ValidationError(
                f"The file is {filesizeformat(upload.size)}; files of up to "
                f"{filesizeformat(limit)} can be imported. Split it into smaller files."
            )
        problem = unpacked_problem(upload) or text_rows_problem(upload)
        if problem:
            raise ValidationError(problem)
        return upload
