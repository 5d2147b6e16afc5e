"""Numbers as the metrics part writes them into CSV and XLSX files (formula-safe cells are
pcp.spreadsheets.cells' rule)."""

from decimal import Decimal


def plain_decimal(value, places: int = 4) -> str:
    """91425, 1.5, -5: no trailing zeros, no exponent, no thousands separators."""
    if value is None:
        return ""
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
