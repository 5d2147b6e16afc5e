"""Comparisons computed from the data, and the sentences writers can lift into entries.

Pure functions on plain numbers and series (a mapping of Quarter to value). Three comparisons:
the previous quarter, the same quarter last year, and the last four quarters against the four
before (totals for flows such as calls; averages for levels such as a headcount, where adding
four quarter-end headcounts would mean nothing).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from metrics.formatting import Number, format_change, format_percent, format_value, to_decimal
from priorities.periods import Quarter

PREVIOUS_QUARTER = "previous_quarter"
SAME_QUARTER_LAST_YEAR = "same_quarter_last_year"
ROLLING_YEAR = "rolling_year"

TITLES = {
    PREVIOUS_QUARTER: "Previous quarter",
    SAME_QUARTER_LAST_YEAR: "Same quarter last year",
    ROLLING_YEAR: "Last four quarters against the four before",
}


@dataclass(frozen=True)
class Comparison:
    kind: str
    current: Decimal
    previous: Decimal
    stock: bool = False  # rolling comparison of averages rather than totals

    @property
    def title(self) -> str:
        if self.kind == ROLLING_YEAR and self.stock:
            return "Average of the last four quarters against the four before"
        return TITLES[self.kind]

    @property
    def difference(self) -> Decimal:
        return self.current - self.previous

    @property
    def percent(self) -> Decimal | None:
        """Percentage change; None when there is nothing to compare with (a zero base)."""
        if self.previous == 0:
            return None
        return self.difference / abs(self.previous) * 100

    @property
    def direction(self) -> str:
        return "up" if self.difference > 0 else "down" if self.difference < 0 else "same"


def compare(kind: str, current: Number, previous: Number, *, stock: bool = False) -> Comparison:
    return Comparison(kind, to_decimal(current), to_decimal(previous), stock)


def previous_quarter(series: Mapping[Quarter, Number], quarter: Quarter) -> Comparison | None:
    before = quarter.previous()
    if quarter not in series or before not in series:
        return None
    return compare(PREVIOUS_QUARTER, series[quarter], series[before])


def same_quarter_last_year(series: Mapping[Quarter, Number], quarter: Quarter) -> Comparison | None:
    before = quarter.year_before()
    if quarter not in series or before not in series:
        return None
    return compare(SAME_QUARTER_LAST_YEAR, series[quarter], series[before])


def rolling_year(
    series: Mapping[Quarter, Number], quarter: Quarter, *, stock: bool = False
) -> Comparison | None:
    """The four quarters to `quarter` against the four before; None unless all eight exist."""
    quarters = [quarter]
    for _ in range(7):
        quarters.append(quarters[-1].previous())
    if any(q not in series for q in quarters):
        return None
    recent = sum(to_decimal(series[q]) for q in quarters[:4])
    before = sum(to_decimal(series[q]) for q in quarters[4:])
    if stock:
        recent, before = recent / 4, before / 4
    return compare(ROLLING_YEAR, recent, before, stock=stock)


def comparisons(
    series: Mapping[Quarter, Number], quarter: Quarter, *, stock: bool = False
) -> list[Comparison]:
    """Every comparison the data allows for `quarter`, in reading order."""
    found = [
        previous_quarter(series, quarter),
        same_quarter_last_year(series, quarter),
        rolling_year(series, quarter, stock=stock),
    ]
    return [comparison for comparison in found if comparison is not None]


_AGAINST = {
    PREVIOUS_QUARTER: "on the previous quarter",
    SAME_QUARTER_LAST_YEAR: "on the same quarter last year",
}
_FROM = {
    PREVIOUS_QUARTER: "the previous quarter",
    SAME_QUARTER_LAST_YEAR: "the same quarter last year",
}


def change_sentence(comparison: Comparison, unit: str) -> str:
    """ "an increase of 16,975 (22.8%) on the previous quarter"."""
    against = _AGAINST.get(comparison.kind) or (
        "in the four-quarter average on the four quarters before"
        if comparison.stock
        else "over the last four quarters on the four before"
    )
    if comparison.direction == "same":
        return f"no change {against}"
    size = format_change(comparison.difference, unit)
    noun = "an increase" if comparison.direction == "up" else "a decrease"
    if unit != "percent" and comparison.percent is not None:
        size = f"{size} ({format_percent(abs(comparison.percent))})"
    return f"{noun} of {size} {against}"


def from_sentence(comparison: Comparison, unit: str) -> str:
    """ "down from 238 in the same quarter last year"."""
    before = format_value(comparison.previous, unit)
    if comparison.kind == ROLLING_YEAR:
        before = f"an average of {before}" if comparison.stock else before
        where = "in the four quarters before"
    else:
        where = f"in {_FROM[comparison.kind]}"
    if comparison.direction == "same":
        return f"unchanged from {before} {where}"
    return f"{comparison.direction} from {before} {where}"
