"""Statistical process control for a quarterly series: the XmR (individuals) chart.

Pure functions on plain numbers. The limits are the mean ± 2.66 × the mean moving range
(2.66 = 3 / d2, d2 = 1.128 for ranges of two points), and three special-cause rules are applied:

- a point beyond a process limit;
- a run: seven or more points in a row on the same side of the mean (a point on the mean
  breaks the run);
- a trend: seven or more points in a row each higher (or each lower) than the one before
  (an equal neighbour breaks the trend). Seven points make six steps.

How the edges are read (tested by hand-worked series in tests/metrics/test_spc.py):

- "beyond" is strict: a point exactly on a limit is inside the limits, as the limit is the
  edge of common-cause variation, not past it;
- seven points exactly are enough for a run or a trend; six are not;
- a point exactly on the mean (or a step to an equal value) ends the run (or trend) there.
  This is the stricter of the two readings in use: run-chart guidance often skips such a
  point instead (it neither adds to nor breaks the run). Ending the run flags fewer signals,
  which we prefer for a published dashboard where a false alarm costs a manager's time.

A series break (a change in how the measure is counted) starts a new segment with its own mean
and limits, so the old counting does not set the limits for the new.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SCALING = 2.66
RUN_LENGTH = 7
TREND_LENGTH = 7

BEYOND_LIMIT = "beyond a process limit"
RUN = "seven or more in a row on one side of the mean"
TREND = "seven or more in a row rising or falling"


@dataclass(frozen=True)
class XmrPoint:
    value: float
    moving_range: float | None  # None for the first point of a segment
    mean: float
    lower_limit: float | None  # None while a segment has a single point
    upper_limit: float | None
    rules: tuple[str, ...] = ()

    @property
    def special_cause(self) -> bool:
        return bool(self.rules)


@dataclass(frozen=True)
class Segment:
    start: int  # index of its first point in the whole series
    mean: float
    mean_moving_range: float | None
    lower_limit: float | None
    upper_limit: float | None


def xmr(
    values: Sequence[float], *, breaks: Iterable[int] = (), floor: float | None = None
) -> list[XmrPoint]:
    """The XmR chart of a series: one point per value with its segment's mean and limits.

    `breaks` are indices where a new segment starts. `floor` clips the lower limit for
    measures that cannot go below it (a count cannot be negative).
    """
    values = [float(v) for v in values]
    points: list[XmrPoint] = []
    for segment, chunk in _segments(values, breaks, floor):
        rules = special_causes(chunk, segment)
        for offset, value in enumerate(chunk):
            points.append(
                XmrPoint(
                    value=value,
                    moving_range=abs(value - chunk[offset - 1]) if offset else None,
                    mean=segment.mean,
                    lower_limit=segment.lower_limit,
                    upper_limit=segment.upper_limit,
                    rules=rules[offset],
                )
            )
    return points


def segment_limits(values: Sequence[float], *, floor: float | None = None, start: int = 0):
    """Mean, mean moving range and process limits of one segment (no breaks inside)."""
    mean = sum(values) / len(values)
    if len(values) < 2:
        return Segment(start, mean, None, None, None)
    ranges = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    mean_range = sum(ranges) / len(ranges)
    lower = mean - SCALING * mean_range
    if floor is not None:
        lower = max(lower, floor)
    return Segment(start, mean, mean_range, lower, mean + SCALING * mean_range)


def special_causes(values: Sequence[float], segment: Segment) -> list[tuple[str, ...]]:
    """For each point, the special-cause rules it is part of (empty tuple: common cause)."""
    found: list[list[str]] = [[] for _ in values]
    if segment.upper_limit is not None:
        for index, value in enumerate(values):
            if value > segment.upper_limit or value < segment.lower_limit:
                found[index].append(BEYOND_LIMIT)
    sides = [(v > segment.mean) - (v < segment.mean) for v in values]
    for start, end in _runs(sides, RUN_LENGTH):
        for index in range(start, end):
            found[index].append(RUN)
    steps = [(b > a) - (b < a) for a, b in zip(values, values[1:], strict=False)]
    for start, end in _runs(steps, TREND_LENGTH - 1):
        # steps[i] compares points i and i+1, so a run of steps covers one point more.
        for index in range(start, end + 1):
            found[index].append(TREND)
    return [tuple(rules) for rules in found]


def _runs(signs: Sequence[int], length: int) -> list[tuple[int, int]]:
    """[start, end) spans of at least `length` equal non-zero signs in a row."""
    spans = []
    start = 0
    for index in range(1, len(signs) + 1):
        if index == len(signs) or signs[index] != signs[start]:
            if signs[start] != 0 and index - start >= length:
                spans.append((start, index))
            start = index
    return spans


def _segments(values: list[float], breaks: Iterable[int], floor: float | None):
    cuts = sorted({b for b in breaks if 0 < b < len(values)})
    bounds = list(zip([0, *cuts], [*cuts, len(values)], strict=True))
    for start, end in bounds:
        if start == end:
            continue
        chunk = values[start:end]
        yield segment_limits(chunk, floor=floor, start=start), chunk
