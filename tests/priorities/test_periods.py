"""The one period helper: a quarter's names, stepping back, and the period an address names."""

import pytest

from priorities.models import Period
from priorities.periods import Quarter, parse_quarter, quarter_from_url
from priorities.selectors import (
    period_from_url,
    period_previous,
    periods_latest_first,
    periods_of,
)
from tests.factories import PeriodFactory


def test_a_quarter_names_itself_as_labels_addresses_and_files_do():
    quarter = Quarter(2020, 2)
    assert quarter.label == "2020/21 Q2"
    assert quarter.fy == "2020-21"
    assert quarter.slug == "2020-21/q2"
    assert quarter.quarter_slug == "q2"
    assert quarter.file_slug == "2020-21-q2"
    assert Quarter(2099, 4).label == "2099/00 Q4"  # the century turns in the short year


@pytest.mark.django_db
def test_a_period_names_itself_as_its_quarter_does():
    period = PeriodFactory(year=2019, quarter=4)
    assert period.as_quarter == Quarter(2019, 4)
    assert (period.label, period.fy, period.slug, period.file_slug, str(period)) == (
        "2019/20 Q4",
        "2019-20",
        "2019-20/q4",
        "2019-20-q4",
        "2019/20 Q4",
    )


@pytest.mark.parametrize(
    ("fy", "quarter", "expected"),
    [
        ("2020-21", "q2", Quarter(2020, 2)),
        ("2020-21", "Q4", Quarter(2020, 4)),
        ("2020-21", 1, Quarter(2020, 1)),  # from the editions' int converter
        ("2019-20", 3, Quarter(2019, 3)),
    ],
)
def test_an_address_names_a_quarter(fy, quarter, expected):
    assert quarter_from_url(fy, quarter) == expected
    assert quarter_from_url(expected.fy, f"q{expected.quarter}") == expected
    assert parse_quarter(expected.label) == expected


@pytest.mark.parametrize(
    ("fy", "quarter"),
    [("2020-22", "q2"), ("2020-21", "q5"), ("2020-21", 0), ("2020-21", 12), ("2020", "q1")],
)
def test_an_address_that_is_not_a_quarter_says_so(fy, quarter):
    with pytest.raises(ValueError, match="quarter|financial year"):
        quarter_from_url(fy, quarter)


@pytest.mark.django_db
def test_the_period_an_address_names(django_assert_num_queries):
    period = PeriodFactory(year=2020, quarter=2)
    with django_assert_num_queries(1):
        assert period_from_url(fy="2020-21", quarter="q2") == period
    assert period_from_url(fy="2020-21", quarter=2) == period
    assert period_from_url(fy="2020-21", quarter=3) is None  # a quarter, not made yet
    with pytest.raises(ValueError):
        period_from_url(fy="2020-22", quarter=2)


@pytest.mark.django_db
def test_the_previous_period_across_a_year_and_when_there_is_none(django_assert_num_queries):
    q4 = PeriodFactory(year=2019, quarter=4)
    q1 = PeriodFactory(year=2020, quarter=1)
    with django_assert_num_queries(1):
        assert period_previous(period=q1) == q4
    assert period_previous(period=q4) is None
    assert list(periods_of(quarter=Quarter(2019, 4))) == [q4]


@pytest.mark.django_db
def test_periods_latest_first_of_all_or_of_some():
    made = [PeriodFactory(year=y, quarter=q) for y, q in [(2019, 4), (2020, 2), (2020, 1)]]
    assert [p.label for p in periods_latest_first()] == ["2020/21 Q2", "2020/21 Q1", "2019/20 Q4"]
    some = Period.objects.filter(pk__in=[made[0].pk, made[2].pk])
    assert list(periods_latest_first(within=some)) == [made[2], made[0]]
