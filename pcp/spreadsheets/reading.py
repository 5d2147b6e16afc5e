"""Reading an uploaded spreadsheet safely, whatever program saved it.

- Text: Excel on UK Windows saves "CSV" in cp1252; others save UTF-8 (with or without a byte
  order mark) or UTF-16. The byte order mark decides where there is one; otherwise UTF-8 if the
  bytes are valid UTF-8, else cp1252.
- Size: a file may hold at most IMPORT_MAX_ROWS rows, and a spreadsheet (a zip) may unpack to
  at most IMPORT_MAX_UNPACKED_RATIO times its size: a small file that unpacks to hundreds of
  megabytes is refused before anything parses it.
- Errors: after IMPORT_MAX_ROW_ERRORS wrong rows the rest are not checked, so a wrong file is
  answered in seconds with a page of readable size.
"""

import codecs
import csv
import io
import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from import_export.results import RowResult

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class FileProblem(ValueError):
    """Something wrong with the file as a whole: shown as it is, without a traceback."""

    file_problem = True


class NotThisFormat(ValueError):
    """The file is not what its name or the chosen format says."""


def decoded_text(data: bytes) -> str:
    """The text of a CSV file saved in UTF-8 (with or without BOM), UTF-16 or cp1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    if data.startswith(b"PK\x03\x04") or b"\x00" in data[:4096]:
        raise NotThisFormat("This is not a CSV file: it looks like a spreadsheet or a binary file.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Bytes that are not UTF-8 are, in practice, Excel's "CSV" on Windows.
        return data.decode("cp1252", errors="replace")


def unpacked_problem(upload) -> str:
    """Why a zip-based spreadsheet must not be opened (it unpacks to too much), or ""."""
    if not zipfile.is_zipfile(upload):
        upload.seek(0)
        return ""
    try:
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return "This is not an XLSX file: it could not be opened as a spreadsheet."
    finally:
        upload.seek(0)
    ratio_limit = settings.IMPORT_MAX_UNPACKED_RATIO
    if unpacked > max(upload.size, 1) * ratio_limit or unpacked > settings.IMPORT_MAX_UNPACKED:
        return (
            f"The spreadsheet unpacks to {filesizeformat(unpacked)} although it weighs "
            f"{filesizeformat(upload.size)}, more than a sheet of figures or entries does. "
            "Save it again as CSV, or split it into smaller files."
        )
    return ""


def text_rows_problem(upload) -> str:
    """Too many rows in a text (CSV) upload, found by counting before any parsing: a file of
    100,000 rows is answered in a fraction of a second instead of after reading them all."""
    if zipfile.is_zipfile(upload):
        upload.seek(0)
        return ""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        text = decoded_text(data)
    except NotThisFormat:
        return ""  # the reader says so, naming the chosen format
    rows = sum(1 for _ in csv.reader(io.StringIO(text))) - 1  # the headings are not a row
    return too_many_rows_message(rows)


def too_many_rows_message(rows: int) -> str:
    limit = settings.IMPORT_MAX_ROWS
    if rows <= limit:
        return ""
    return (
        f"The file has {rows:,} rows; up to {limit:,} can be imported at once, so nothing was "
        "imported. Split it into smaller files."
    )


class LimitedRowsMixin:
    """For an import resource: refuses a file with more than IMPORT_MAX_ROWS rows before any
    row is checked, and stops checking after IMPORT_MAX_ROW_ERRORS wrong rows (the rest are
    reported as not checked)."""

    def import_data(self, dataset, *args, **kwargs):
        self.wrong_rows, self.unchecked_rows = 0, 0
        message = too_many_rows_message(len(dataset))
        if message:
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            self.handle_import_error(result, FileProblem(message), False)
            return result
        result = super().import_data(dataset, *args, **kwargs)
        result.unchecked_rows = self.unchecked_rows
        return result

    def import_row(self, row, instance_loader, **kwargs):
        if self.wrong_rows >= settings.IMPORT_MAX_ROW_ERRORS:
            self.unchecked_rows += 1
            skipped = self.get_row_result_class()()
            skipped.import_type = RowResult.IMPORT_TYPE_SKIP
            return skipped
        row_result = super().import_row(row, instance_loader, **kwargs)
        if row_result.errors or row_result.validation_error:
            self.wrong_rows += 1
        return row_result
