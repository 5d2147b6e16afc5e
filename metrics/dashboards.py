"""Assembles what a dashboard shows from plain series: rows with XmR limits, and a summary
(latest value, comparisons, status against target, variation and assurance). No ORM here."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from metrics import comparisons as cmp
from metrics import variation as mdc
from metrics.formatting import format_value
from metrics.spc import xmr
from priorities.periods import Quarter

# The dashboards read the latest five years: enough quarters for settled process limits
# (Making Data Count asks for 15 to 20 points) and for every comparison, and a home page whose
# cost does not grow with the years of history stored. The charts, tables, icons and CSV all
# work on this window, so they agree with each other.
WINDOW_QUARTERS = 20


@dataclass(frozen=True)
class Figure:
    value: Decimal
    illustrative: bool
    summed: bool = False  # added up from the area's parts (metrics.combining), not stored


@dataclass(frozen=True)
class Row:
    """One quarter of a series with its XmR values, as charts, tables and CSV show it."""

    quarter: Quarter
    value: Decimal
    illustrative: bool
    last_year: Decimal | None
    moving_range: float | None
    mean: float
    lower_limit: float | None
    upper_limit: float | None
    rules: tuple[str, ...]
    summed: bool = False

    @property
    def label(self) -> str:
        return self.quarter.label

    @property
    def special_cause(self) -> bool:
        return bool(self.rules)


@dataclass(frozen=True)
class ComparisonLine:
    title: str
    change: str
    origin: str


@dataclass
class Summary:
    quarter: Quarter | None = None
    value: Decimal | None = None
    value_text: str = ""
    illustrative: bool = False  # the latest value itself is made up
    summed: bool = False  # the latest value is added up from the area's parts
    leans_on_illustrative: bool = False  # comparisons or limits use made-up quarters
    lines: list[ComparisonLine] = field(default_factory=list)
    target_text: str = ""
    status: str = ""  # "met", "not met" or "" when there is no target or no direction
    rules: tuple[str, ...] = ()
    variation: mdc.Status = mdc.TOO_FEW  # is something changing? (metrics.variation)
    assurance: mdc.Status = mdc.NO_TARGET  # will it meet its target?

    @property
    def special_cause(self) -> bool:
        return bool(self.rules)

    @property
    def exception(self) -> bool:
        return self.special_cause or self.status == "not met"

    @property
    def attention(self) -> int:
        """Sort key: concern first (metrics.variation.attention_rank)."""
        return mdc.attention_rank(self.variation, self.assurance)


def break_indices(quarters: Sequence[Quarter], breaks: Sequence[tuple[Quarter, str]]) -> set[int]:
    """Index of the first quarter at or after each break (a new XmR segment starts there)."""
    found = set()
    for start, _note in breaks:
        index = next((i for i, q in enumerate(quarters) if q >= start), None)
        if index is not None:
            found.add(index)
    return found


def series_rows(
    series: Mapping[Quarter, Figure], breaks: Sequence[tuple[Quarter, str]] = ()
) -> list[Row]:
    """The series in quarter order with its XmR chart; quarters missing from it are skipped."""
    quarters = sorted(series)
    values = [float(series[q].value) for q in quarters]
    floor = 0.0 if all(v >= 0 for v in values) else None  # counts, hours and £ are never < 0
    points = xmr(values, breaks=break_indices(quarters, breaks), floor=floor)
    rows = []
    for quarter, point in zip(quarters, points, strict=True):
        before = series.get(quarter.year_before())
        rows.append(
            Row(
                quarter=quarter,
                value=series[quarter].value,
                illustrative=series[quarter].illustrative,
                last_year=before.value if before else None,
                moving_range=point.moving_range,
                mean=point.mean,
                lower_limit=point.lower_limit,
                upper_limit=point.upper_limit,
                rules=point.rules,
                summed=series[quarter].summed,
            )
        )
    return rows


def target_status(value: Decimal, target: Decimal, direction: str) -> str:
    if direction == "up":
        return "met" if value >= target else "not met"
    if direction == "down":
        return "met" if value <= target else "not met"
    return ""


def summarise_metric(rows: Sequence[Row], *, metric, targets: Mapping[Quarter, Figure]) -> Summary:
    """`summarise` with what the metric says of itself: its unit, good direction and stock."""
    return summarise(
        rows, targets=targets, unit=metric.unit, direction=metric.good_direction, stock=metric.stock
    )


def summarise(
    rows: Sequence[Row],
    *,
    targets: Mapping[Quarter, Figure],
    unit: str,
    direction: str,
    stock: bool,
) -> Summary:
    """The latest quarter of a series: value, comparisons, target status, special cause."""
    if not rows:
        return Summary()
    latest = rows[-1]
    plain = {row.quarter: row.value for row in rows}
    summary = Summary(
        quarter=latest.quarter,
        value=latest.value,
        value_text=format_value(latest.value, unit),
        illustrative=latest.illustrative,
        summed=latest.summed,
        leans_on_illustrative=any(row.illustrative for row in rows),
        rules=latest.rules,
        variation=mdc.variation(rows, direction=direction),
    )
    for comparison in cmp.comparisons(plain, latest.quarter, stock=stock):
        summary.lines.append(
            ComparisonLine(
                comparison.title,
                cmp.change_sentence(comparison, unit),
                cmp.from_sentence(comparison, unit),
            )
        )
    target = targets.get(latest.quarter)
    summary.assurance = mdc.assurance(
        rows, target=target.value if target else None, direction=direction
    )
    if target is not None:
        summary.target_text = format_value(target.value, unit)
        summary.status = target_status(latest.value, target.value, direction)
    return summary


def window_start(latest: Quarter) -> Quarter:
    """The first quarter the dashboards read, for a latest quarter."""
    quarter = latest
    for _ in range(WINDOW_QUARTERS - 1):
        quarter = quarter.previous()
    return quarter
