"""Variation and assurance: the two questions a performance board asks of every measure.

The "Making Data Count" convention (NHS England; NHS-R's NHSRplotthedots implements it) reads the
latest point of an XmR chart (metrics.spc) twice:

- variation, *is something changing?*: common cause (no signal); or a special cause, which is
  improving or of concern by the measure's better direction, or neutral when neither direction is
  better; and high or low. A point beyond a process limit is high or low by the limit it passes;
  one in a run by its side of the mean; one in a trend by the way the trend goes.
- assurance, *will we meet the target?*: the process limits are where common-cause variation
  will take the measure, so a target the limits lie wholly on the met side of is consistently met;
  wholly on the other side, consistently missed (it will not be met without a change to the
  process); between them, hit and miss. A target exactly on a limit counts as met by that limit
  (a value equal to the target meets it).

Both read the latest segment only: after a series break, the old counting says nothing.
Pure functions on plain rows; the icons are drawn by templates/dashboards/_status.html.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from metrics.spc import BEYOND_LIMIT, RUN, TREND


class XmrRow(Protocol):
    value: Decimal
    mean: float
    lower_limit: float | None
    upper_limit: float | None
    rules: tuple[str, ...]


@dataclass(frozen=True)
class Status:
    """One icon state: its code (the CSV's word), what it says, and how it is drawn."""

    code: str
    text: str  # the text equivalent, shown beside the icon
    shape: str  # "circle", "triangle", "square" or "" for no icon
    glyph: str  # the letter or sign inside the shape
    tone: str  # "improving", "concern", "neutral" or "plain" (colour, never the only cue)
    meaning: str  # what it says, for the key to the icons


COMMON = Status(
    "common-cause",
    "No significant change",
    "circle",
    "~",
    "plain",
    "common-cause variation: the latest quarter is within what the process usually does",
)
IMPROVING_HIGH = Status(
    "improving-high",
    "Improving: higher",
    "circle",
    "H",
    "improving",
    "a special cause on the good side, higher (where higher is better)",
)
IMPROVING_LOW = Status(
    "improving-low",
    "Improving: lower",
    "circle",
    "L",
    "improving",
    "a special cause on the good side, lower (where lower is better)",
)
CONCERN_HIGH = Status(
    "concern-high",
    "Concern: higher",
    "triangle",
    "H",
    "concern",
    "a special cause of concern, higher (where lower is better)",
)
CONCERN_LOW = Status(
    "concern-low",
    "Concern: lower",
    "triangle",
    "L",
    "concern",
    "a special cause of concern, lower (where higher is better)",
)
NEUTRAL_HIGH = Status(
    "neutral-high",
    "Special cause: higher",
    "square",
    "H",
    "neutral",
    "a special cause, higher, for a measure where neither direction is better",
)
NEUTRAL_LOW = Status(
    "neutral-low",
    "Special cause: lower",
    "square",
    "L",
    "neutral",
    "a special cause, lower, for a measure where neither direction is better",
)
TOO_FEW = Status(
    "too-few-points",
    "Too few quarters to judge",
    "",
    "",
    "plain",
    "fewer than two quarters since the series began or last broke: no process limits yet",
)

MET = Status(
    "met",
    "Consistently meets target",
    "circle",
    "P",
    "improving",
    "every value between the process limits meets the target: it will be met unless "
    "something changes",
)
MISSED = Status(
    "missed",
    "Will miss target without change",
    "triangle",
    "F",
    "concern",
    "no value between the process limits meets the target: it will not be met "
    "without a change to the process",
)
HIT_AND_MISS = Status(
    "hit-and-miss",
    "Hit and miss against target",
    "square",
    "?",
    "neutral",
    "the target lies between the process limits: some quarters will meet it, others not",
)
NO_TARGET = Status("no-target", "No target", "", "", "plain", "no target is set")
NO_DIRECTION = Status(
    "no-direction",
    "Target, but no better direction",
    "",
    "",
    "plain",
    "the measure has a target but neither direction is better, so it cannot be met or missed",
)
UNJUDGED = Status(
    "too-few-points",
    "Too few quarters to judge the target",
    "",
    "",
    "plain",
    "no process limits yet to judge the target against",
)

# The icons' key, in the order the home page explains them.
KEY = {
    "variation": (
        COMMON,
        IMPROVING_HIGH,
        IMPROVING_LOW,
        CONCERN_HIGH,
        CONCERN_LOW,
        NEUTRAL_HIGH,
        NEUTRAL_LOW,
    ),
    "assurance": (MET, MISSED, HIT_AND_MISS),
}

_SPECIAL = {
    ("up", "high"): IMPROVING_HIGH,
    ("up", "low"): CONCERN_LOW,
    ("down", "high"): CONCERN_HIGH,
    ("down", "low"): IMPROVING_LOW,
}


def variation(rows: Sequence[XmrRow], *, direction: str, index: int = -1) -> Status:
    """The variation icon of one point (the latest by default) of an XmR series."""
    if not rows:
        return TOO_FEW
    index = index % len(rows)
    row = rows[index]
    if row.upper_limit is None:
        return TOO_FEW
    if not row.rules:
        return COMMON
    side = _side(rows, index)
    if direction in ("up", "down"):
        return _SPECIAL[direction, side]
    return NEUTRAL_HIGH if side == "high" else NEUTRAL_LOW


def _side(rows: Sequence[XmrRow], index: int) -> str:
    row = rows[index]
    value = float(row.value)
    if BEYOND_LIMIT in row.rules:
        return "high" if value > row.upper_limit else "low"
    if RUN in row.rules:
        return "high" if value > row.mean else "low"
    # A trend: rising or falling, told by the step out of this point when the trend goes on
    # (its first point), else by the step into it.
    if index + 1 < len(rows) and TREND in rows[index + 1].rules:
        return "high" if float(rows[index + 1].value) > value else "low"
    return "high" if value > float(rows[index - 1].value) else "low"


def assurance(rows: Sequence[XmrRow], *, target: Decimal | None, direction: str) -> Status:
    """The assurance icon: the latest point's process limits against the latest target."""
    if target is None:
        return NO_TARGET
    if direction not in ("up", "down"):
        return NO_DIRECTION
    if not rows or rows[-1].upper_limit is None:
        return UNJUDGED
    lower, upper, goal = rows[-1].lower_limit, rows[-1].upper_limit, float(target)
    if direction == "up":
        met, missed = goal <= lower, goal > upper
    else:
        met, missed = goal >= upper, goal < lower
    return MET if met else MISSED if missed else HIT_AND_MISS


def is_concern(status: Status) -> bool:
    return status in (CONCERN_HIGH, CONCERN_LOW)


def is_improving(status: Status) -> bool:
    return status in (IMPROVING_HIGH, IMPROVING_LOW)


def attention_rank(variation_status: Status, assurance_status: Status) -> int:
    """Where a measure sorts on the home page: concern first, then a target that will be
    missed, other signals, hit and miss, improving, nothing to report, and no data last."""
    if is_concern(variation_status):
        return 0
    if assurance_status == MISSED:
        return 1
    if variation_status in (NEUTRAL_HIGH, NEUTRAL_LOW):
        return 2
    if assurance_status == HIT_AND_MISS:
        return 3
    if is_improving(variation_status):
        return 4
    return 6 if variation_status == TOO_FEW else 5


def count_line(pairs: Sequence[tuple[Status, Status]]) -> str:
    """ "2 measures of concern, 1 improving, 3 will not meet their target without change"."""
    concern = sum(is_concern(v) for v, _ in pairs)
    improving = sum(is_improving(v) for v, _ in pairs)
    missing = sum(a == MISSED for _, a in pairs)
    hit_and_miss = sum(a == HIT_AND_MISS for _, a in pairs)
    parts = [
        f"{concern} {'measure' if concern == 1 else 'measures'} of concern",
        f"{improving} improving",
        f"{missing} will not meet {'its' if missing == 1 else 'their'} target without change",
    ]
    if hit_and_miss:
        parts.append(f"{hit_and_miss} hit and miss against target")
    return ", ".join(parts)
