"""XmR limits and special-cause rules against series worked by hand."""

import pytest

from metrics.spc import BEYOND_LIMIT, RUN, TREND, Segment, special_causes, xmr


def flagged(points, rule):
    return [index for index, point in enumerate(points) if rule in point.rules]


def test_limits_are_mean_plus_minus_2_66_mean_moving_ranges():
    # Moving ranges 2, 1, 2, 2, 1: mean 1.6. Mean of the values 39 / 6 = 6.5.
    points = xmr([5, 7, 6, 8, 6, 7])
    assert points[0].mean == pytest.approx(6.5)
    assert points[0].moving_range is None
    assert [p.moving_range for p in points[1:]] == [2, 1, 2, 2, 1]
    assert points[0].upper_limit == pytest.approx(6.5 + 2.66 * 1.6)  # 10.756
    assert points[0].lower_limit == pytest.approx(6.5 - 2.66 * 1.6)  # 2.244
    assert not any(p.special_cause for p in points)


def test_a_point_beyond_the_upper_limit_is_a_special_cause():
    # Mean 126 / 9 = 14; moving ranges 4 × 7 and 16: mean 5.5; upper limit 28.63.
    points = xmr([10, 14, 10, 14, 10, 14, 10, 14, 30])
    assert points[0].upper_limit == pytest.approx(14 + 2.66 * 5.5)
    assert flagged(points, BEYOND_LIMIT) == [8]
    assert [p.special_cause for p in points] == [False] * 8 + [True]


def test_a_point_below_the_lower_limit_is_a_special_cause():
    points = xmr([30, 26, 30, 26, 30, 26, 30, 26, 2])
    # Mean 226 / 9 = 25.11; mean moving range (4 × 7 + 24) / 8 = 6.5; lower limit 7.82.
    assert points[0].lower_limit == pytest.approx(226 / 9 - 2.66 * 6.5)
    assert flagged(points, BEYOND_LIMIT) == [8]


def test_seven_or_more_in_a_row_above_the_mean_is_a_run():
    # Mean 65 / 11 = 5.91: the points from index 3 (9, 6, 7, 6, 7, 6, 7, 6) are all above it.
    points = xmr([1, 9, 1, 9, 6, 7, 6, 7, 6, 7, 6])
    assert flagged(points, RUN) == [3, 4, 5, 6, 7, 8, 9, 10]
    assert flagged(points, BEYOND_LIMIT) == []


def test_six_in_a_row_on_one_side_is_not_a_run():
    # Mean 60 / 11 = 5.45: only the last six points are above it without a break.
    points = xmr([1, 9, 1, 9, 1, 6, 7, 6, 7, 6, 7])
    assert flagged(points, RUN) == []


def test_a_point_on_the_mean_breaks_a_run():
    # Mean 4: seven points below it, but the fourth sits exactly on the mean.
    points = xmr([3, 3, 3, 4, 3, 3, 3, 7, 7, 4])
    assert points[0].mean == 4
    assert flagged(points, RUN) == []


def test_seven_points_in_a_row_rising_is_a_trend():
    # Indices 1 to 7 rise each quarter (six steps up); mean 4 breaks any run.
    points = xmr([5, 1, 2, 3, 4, 5, 6, 7, 3])
    assert flagged(points, TREND) == [1, 2, 3, 4, 5, 6, 7]
    assert flagged(points, RUN) == []
    assert flagged(points, BEYOND_LIMIT) == []


def test_six_points_rising_or_a_flat_step_is_not_a_trend():
    assert flagged(xmr([5, 1, 2, 3, 4, 5, 6, 3]), TREND) == []
    assert flagged(xmr([9, 8, 7, 6, 6, 5, 4, 3]), TREND) == []


def test_seven_points_falling_is_a_trend():
    points = xmr([9, 8, 7, 6, 5, 4, 3, 5])
    assert flagged(points, TREND) == [0, 1, 2, 3, 4, 5, 6]


def test_floor_clips_the_lower_limit_of_counts():
    points = xmr([10, 14, 10, 14, 10, 14, 10, 14, 30], floor=0)
    assert points[0].lower_limit == 0


def test_a_series_break_starts_new_limits():
    points = xmr([10, 12, 10, 12, 100, 104, 100, 104], breaks=[4])
    assert points[0].mean == 11 and points[3].mean == 11
    assert points[4].mean == 102 and points[4].moving_range is None
    assert points[4].upper_limit == pytest.approx(102 + 2.66 * 4)
    # Without the break the jump would look like a special cause of the old process.
    assert not any(p.special_cause for p in points)


def test_a_single_point_has_a_mean_but_no_limits():
    (point,) = xmr([42])
    assert point.mean == 42
    assert point.lower_limit is None and point.upper_limit is None
    assert not point.special_cause


def test_an_empty_series_has_no_points():
    assert xmr([]) == []


def test_exactly_seven_in_a_row_below_the_mean_is_a_run():
    # Mean 70 / 10 = 7: the last seven points (all 4) sit below it, the first three (14) above.
    points = xmr([14, 14, 14, 4, 4, 4, 4, 4, 4, 4])
    assert points[0].mean == 7
    assert flagged(points, RUN) == [3, 4, 5, 6, 7, 8, 9]


def test_exactly_six_in_a_row_below_the_mean_is_not_a_run():
    # Mean 62 / 10 = 6.2: four points above it, then six below. Six is one short.
    points = xmr([11, 11, 11, 11, 3, 3, 3, 3, 3, 3])
    assert points[0].mean == pytest.approx(62 / 10)
    assert flagged(points, RUN) == []


def test_a_point_on_the_mean_between_two_short_runs_makes_no_run():
    # Mean 50 / 10 = 5: four above, one on the mean, four above again, then -3 below.
    # Eight points above the mean in nine places, but never seven without the break.
    points = xmr([6, 6, 6, 6, 5, 6, 6, 6, 6, -3])
    assert points[0].mean == 5
    assert flagged(points, RUN) == []
    # Without the point on the mean (45 / 9 = 5 still), the eight in a row are a run.
    points = xmr([6, 6, 6, 6, 6, 6, 6, 6, -3])
    assert points[0].mean == 5
    assert flagged(points, RUN) == [0, 1, 2, 3, 4, 5, 6, 7]


def test_a_tie_inside_a_rising_run_ends_the_trend():
    # 1 2 3 4 4 5 6 7: seven steps, one of them flat, so the longest rising stretch is
    # four points (1-4) then four (4-7). Not a trend; without the tie it would be.
    assert flagged(xmr([1, 2, 3, 4, 4, 5, 6, 7]), TREND) == []
    assert flagged(xmr([1, 2, 3, 4, 5, 6, 7, 7]), TREND) == [0, 1, 2, 3, 4, 5, 6]


def test_a_point_exactly_on_a_limit_is_not_beyond_it():
    # Limits set by hand (mean 10, limits 4 and 16) so no float rounding decides the edge.
    segment = Segment(start=0, mean=10, mean_moving_range=2.26, lower_limit=4, upper_limit=16)
    rules = special_causes([16, 4, 10, 16.01, 3.99], segment)
    assert [BEYOND_LIMIT in found for found in rules] == [False, False, False, True, True]


def test_a_flat_series_has_limits_on_its_mean_and_no_special_cause():
    # No spread: the mean moving range is 0, so both limits equal the mean and every point
    # sits on them (and on the mean, which breaks any run).
    points = xmr([4, 4, 4, 4, 4, 4, 4, 4])
    assert points[0].lower_limit == 4 and points[0].upper_limit == 4
    assert not any(p.special_cause for p in points)
