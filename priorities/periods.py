"""Financial-year quarters as plain values: parse labels, step back and forth."""

import re
from typing import NamedTuple

LABEL = re.compile(r"^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*[- ]?\s*Q([1-4])\s*$", re.IGNORECASE)


class Quarter(NamedTuple):
    year: int  # the year the financial year starts
    quarter: int

    @property
    def label(self) -> str:
        """As editions write it: 2020/21 Q2."""
        return f"{self.year}/{(self.year + 1) % 100:02d} Q{self.quarter}"

    @property
    def fy(self) -> str:
        """The financial year as addresses write it: 2020-21."""
        return f"{self.year}-{(self.year + 1) % 100:02d}"

    @property
    def quarter_slug(self) -> str:
        """The quarter as addresses write it after the year: q2."""
        return f"q{self.quarter}"

    @property
    def slug(self) -> str:
        """The address form: 2020-21/q2."""
        return f"{self.fy}/{self.quarter_slug}"

    @property
    def file_slug(self) -> str:
        """The slug in file names, where a slash cannot stand: 2020-21-q2."""
        return f"{self.fy}-q{self.quarter}"

    def previous(self) -> "Quarter":
        return (
            Quarter(self.year - 1, 4) if self.quarter == 1 else Quarter(self.year, self.quarter - 1)
        )

    def next(self) -> "Quarter":
        return (
            Quarter(self.year + 1, 1) if self.quarter == 4 else Quarter(self.year, self.quarter + 1)
        )

    def year_before(self) -> "Quarter":
        return Quarter(self.year - 1, self.quarter)


def parse_quarter(label: str) -> Quarter:
    """Read "2020/21 Q2", "2020-21 Q2" or "2020/21-Q2"; ValueError says what was wrong."""
    match = LABEL.match(label)
    if not match:
        raise ValueError(f'"{label}" is not a quarter such as "2020/21 Q2"')
    year, second = int(match.group(1)), int(match.group(2))
    if second % 100 != (year + 1) % 100:
        raise ValueError(f'"{label}": a financial year runs over two consecutive years')
    return Quarter(year, int(match.group(3)))


def quarter_from_url(fy: str, quarter: str | int) -> Quarter:
    """The quarter of an address such as 2020-21/q2: `quarter` as the text "q2" or, from an
    int converter, as 2. ValueError, as parse_quarter's, for what is not a financial quarter."""
    return parse_quarter(f"{fy} {f'q{quarter}' if isinstance(quarter, int) else quarter}")


def quarter_of_month(year: int, month: int) -> Quarter:
    """The financial-year quarter that a calendar month falls in (April starts Q1)."""
    if month >= 4:
        return Quarter(year, (month - 4) // 3 + 1)
    return Quarter(year - 1, 4)
