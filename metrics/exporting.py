"""Cells a spreadsheet opens safely, for every CSV and XLSX file the metrics part writes.

A spreadsheet runs a cell that starts with = + - @ (and, in some programs, a tab or carriage
return before them) as a formula, so a hostile area name such as `=HYPERLINK(...)` could act
when an analyst opens an export. Such text cells get a leading apostrophe, the usual way to say
"this is text". A plain number such as -5 or +3.5 is not a formula: it is left alone (and
XLSX keeps numbers as numbers), so negative figures survive a round trip.
"""

from decimal import Decimal

# Moved to priorities so every part shares one rule; imported here for metrics' callers.
from priorities.spreadsheets import FORMULA_STARTS, PLAIN_NUMBER, spreadsheet_safe  # noqa: F401


def plain_decimal(value, places: int = 4) -> str:
    """91425, 1.5, -5: no trailing zeros, no exponent, no thousands separators."""
    if value is None:
        return ""
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
