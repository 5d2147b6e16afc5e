"""Variation and assurance icons (metrics.variation) on hand-worked series.

Each series' mean, moving ranges and limits are worked out in the comments, so a reader can
check the expected icon by hand.
"""

from decimal import Decimal

import pytest

from metrics import variation as mdc
from metrics.dashboards import Figure, Row, series_rows
from priorities.periods import Quarter
from tests.metrics.conftest import quarters_to


def rows_of(values, *, break_at: int | None = None):
    quarters = quarters_to(Quarter(2020, 2), len(values))
    series = {q: Figure(Decimal(v), False) for q, v in zip(quarters, values, strict=True)}
    breaks = [(quarters[break_at], "Counted afresh")] if break_at is not None else []
    return series_rows(series, breaks)


# Mean 11.375; moving ranges 2,1,2,3,2,1,1 (mean 12/7 = 1.714); limits 6.81 to 15.93.
# No point beyond, no run of seven, no trend: common cause.
STEADY = [10, 12, 11, 13, 10, 12, 11, 12]
# Mean 109/8 = 13.625; moving ranges 2,1,2,3,2,1,19 (mean 30/7 = 4.286); upper limit
# 13.625 + 2.66 × 4.286 = 25.025: 30 is beyond.
JUMP = [10, 12, 11, 13, 10, 12, 11, 30]
# Mean 18.875; same moving ranges; lower limit 7.475: 2 is beyond.
DROP = [20, 22, 21, 23, 20, 22, 21, 2]
# Mean 97/14 = 6.93; moving ranges 1 but one 3 (mean 16/13 = 1.23); limits 3.65 to 10.2.
# The last seven (8, 9, ...) are all above the mean: a run, high, nothing beyond a limit.
RUN_HIGH = [5, 6, 5, 6, 5, 6, 5, 8, 9, 8, 9, 8, 9, 8]
RUN_LOW = [9, 8, 9, 8, 9, 8, 9, 6, 5, 6, 5, 6, 5, 6]  # the mirror image: a run below
# Mean 156/13 = 12; moving ranges 4,4,4,4,4,5 then 1s (mean 32/12 = 2.67); limits 4.9 to 19.1.
# 9 to 15 rise seven times in a row: a trend. 12 sits on the mean, so no run.
RISING = [10, 14, 10, 14, 10, 14, 9, 10, 11, 12, 13, 14, 15]
FALLING = [14, 10, 14, 10, 14, 10, 15, 14, 13, 12, 11, 10, 9]


@pytest.mark.parametrize(
    ("values", "direction", "expected"),
    [
        (STEADY, "up", mdc.COMMON),
        (STEADY, "down", mdc.COMMON),
        (STEADY, "neither", mdc.COMMON),
        (JUMP, "up", mdc.IMPROVING_HIGH),
        (JUMP, "down", mdc.CONCERN_HIGH),
        (JUMP, "neither", mdc.NEUTRAL_HIGH),
        (DROP, "up", mdc.CONCERN_LOW),
        (DROP, "down", mdc.IMPROVING_LOW),
        (DROP, "neither", mdc.NEUTRAL_LOW),
        (RUN_HIGH, "up", mdc.IMPROVING_HIGH),
        (RUN_HIGH, "down", mdc.CONCERN_HIGH),
        (RUN_LOW, "up", mdc.CONCERN_LOW),
        (RUN_LOW, "down", mdc.IMPROVING_LOW),
        (RISING, "up", mdc.IMPROVING_HIGH),
        (RISING, "down", mdc.CONCERN_HIGH),
        (FALLING, "up", mdc.CONCERN_LOW),
        (FALLING, "neither", mdc.NEUTRAL_LOW),
    ],
)
def test_variation_of_the_latest_point(values, direction, expected):
    assert mdc.variation(rows_of(values), direction=direction) == expected


def test_the_series_are_what_their_comments_say():
    jump = rows_of(JUMP)[-1]
    assert jump.upper_limit == pytest.approx(25.025) and jump.rules == ("beyond a process limit",)
    run = rows_of(RUN_HIGH)[-1]
    assert run.rules == ("seven or more in a row on one side of the mean",)
    rising = rows_of(RISING)[-1]
    assert rising.rules == ("seven or more in a row rising or falling",)
    assert mdc.variation(rows_of(STEADY), direction="up").text == "No significant change"


def test_a_trend_is_read_by_its_direction_at_its_first_point_too():
    rows = rows_of(RISING)
    first = len(RISING) - 7  # the 9 that starts the rise
    assert mdc.variation(rows, direction="up", index=first) == mdc.IMPROVING_HIGH


def test_a_series_break_starts_the_reading_afresh():
    # 30/31 for seven quarters, then counted afresh at about 10. Read as one series, the last
    # seven are a run below the mean (concern for an up-is-good measure); after the break they
    # are their own process: mean 10.43, limits 7.77 to 13.09, nothing special.
    values = [30, 31, 30, 31, 30, 31, 30, 10, 11, 10, 11, 10, 11, 10]
    assert mdc.variation(rows_of(values), direction="up") == mdc.CONCERN_LOW
    assert mdc.variation(rows_of(values, break_at=7), direction="up") == mdc.COMMON


def test_one_quarter_after_a_break_is_too_few_to_judge():
    rows = rows_of([10, 12, 11, 13, 30], break_at=4)
    assert mdc.variation(rows, direction="up") == mdc.TOO_FEW
    assert mdc.assurance(rows, target=Decimal(20), direction="up") == mdc.UNJUDGED
    assert mdc.variation([], direction="up") == mdc.TOO_FEW


@pytest.mark.parametrize(
    ("direction", "target", "expected"),
    [
        # STEADY's limits are 6.81 to 15.93.
        ("up", 6, mdc.MET),  # every common-cause value is at least 6
        ("up", 16, mdc.MISSED),  # none reaches 16
        ("up", 11, mdc.HIT_AND_MISS),
        ("down", 16, mdc.MET),  # every value stays at or under 16
        ("down", 6, mdc.MISSED),
        ("down", 11, mdc.HIT_AND_MISS),
        ("neither", 11, mdc.NO_DIRECTION),
        ("up", None, mdc.NO_TARGET),
        ("down", None, mdc.NO_TARGET),
    ],
)
def test_assurance_against_the_target(direction, target, expected):
    target = None if target is None else Decimal(target)
    assert mdc.assurance(rows_of(STEADY), target=target, direction=direction) == expected


def test_assurance_after_a_series_break_uses_the_new_limits():
    values = [30, 31, 30, 31, 30, 31, 30, 10, 11, 10, 11, 10, 11, 10]
    # One series: limits about 14 to 27, so a target of 20 is hit and miss; after the break
    # the limits are 7.77 to 13.09 and 20 is out of reach.
    assert mdc.assurance(rows_of(values), target=Decimal(20), direction="up") == mdc.HIT_AND_MISS
    broken = rows_of(values, break_at=7)
    assert mdc.assurance(broken, target=Decimal(20), direction="up") == mdc.MISSED
    assert mdc.assurance(broken, target=Decimal(7), direction="up") == mdc.MET


def row(lower: float, upper: float) -> Row:
    return Row(Quarter(2020, 2), Decimal(10), False, None, 1.0, 10.0, lower, upper, ())


def test_a_target_exactly_on_a_limit():
    # A value equal to the target meets it: a target on the lower limit of an up-is-good
    # measure is met by every common-cause value; on the upper limit, only sometimes.
    assert mdc.assurance([row(8, 12)], target=Decimal(8), direction="up") == mdc.MET
    assert mdc.assurance([row(8, 12)], target=Decimal(12), direction="up") == mdc.HIT_AND_MISS
    assert mdc.assurance([row(8, 12)], target=Decimal(12), direction="down") == mdc.MET
    assert mdc.assurance([row(8, 12)], target=Decimal(8), direction="down") == mdc.HIT_AND_MISS


def test_concern_sorts_first_and_no_data_last():
    ranks = {
        status: mdc.attention_rank(status, mdc.NO_TARGET)
        for status in (mdc.CONCERN_LOW, mdc.NEUTRAL_HIGH, mdc.IMPROVING_HIGH, mdc.COMMON)
    }
    assert sorted(ranks, key=ranks.get) == [
        mdc.CONCERN_LOW,
        mdc.NEUTRAL_HIGH,
        mdc.IMPROVING_HIGH,
        mdc.COMMON,
    ]
    assert mdc.attention_rank(mdc.COMMON, mdc.MISSED) == 1  # right after concern
    assert mdc.attention_rank(mdc.TOO_FEW, mdc.NO_TARGET) == 6


def test_the_count_line():
    pairs = [
        (mdc.CONCERN_HIGH, mdc.MISSED),
        (mdc.CONCERN_LOW, mdc.NO_TARGET),
        (mdc.IMPROVING_HIGH, mdc.MISSED),
        (mdc.COMMON, mdc.MISSED),
        (mdc.COMMON, mdc.HIT_AND_MISS),
    ]
    assert mdc.count_line(pairs) == (
        "2 measures of concern, 1 improving, 3 will not meet their target without change, "
        "1 hit and miss against target"
    )
    assert mdc.count_line([(mdc.COMMON, mdc.MISSED)]) == (
        "0 measures of concern, 0 improving, 1 will not meet its target without change"
    )


def test_every_icon_has_words_and_a_shape_beyond_colour():
    for statuses in mdc.KEY.values():
        shapes = {(status.shape, status.glyph) for status in statuses}
        assert len(shapes) == len(statuses)  # no two told apart by colour alone
        assert all(status.text and status.meaning for status in statuses)
