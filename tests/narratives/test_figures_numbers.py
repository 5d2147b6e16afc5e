"""Reading figures as the house style writes them."""

from decimal import Decimal
from fractions import Fraction

import pytest

from narratives.figures.numbers import find_numbers, format_like


def only(text):
    numbers = find_numbers(text)
    assert len(numbers) == 1, [n.text for n in numbers]
    return numbers[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "decimals"),
    [
        ("Officers answered 12,406 calls.", Decimal("12406"), "count", 0),
        ("The fund paid out £5.4m last year.", Decimal("5400000"), "pounds", 1),
        ("Cash of £125,000 was recovered.", Decimal("125000"), "pounds", 0),
        ("Goods worth £2.1 million were found.", Decimal("2100000"), "pounds", 1),
        ("Searches found 1.5kg of cannabis.", Decimal("1.5"), "kilograms", 1),
        ("Attendance rose to 22.5% of members.", Decimal("22.5"), "percent", 1),
        ("Satisfaction was 81 per cent.", Decimal("81"), "percent", 0),
        ("Volunteers gave 429 hours of patrol.", Decimal("429"), "hours", 0),
        ("Seven officers joined the team.", Decimal("7"), "count", 0),
        ("The unit ran four courses.", Decimal("4"), "count", 0),
        ("Twelve drivers passed the course.", Decimal("12"), "count", 0),
        ("There were twenty-five arrests.", Decimal("25"), "count", 0),
    ],
)
def test_reads_value_unit_and_precision(text, value, unit, decimals):
    number = only(text)
    assert (number.value, number.unit, number.decimals) == (value, unit, decimals)


def test_keeps_the_span_as_written():
    text = "Patrols recovered £5.4m and 1,950 items."
    first, second = find_numbers(text)
    assert text[first.start : first.end] == "£5.4m"
    assert text[second.start : second.end] == "1,950"


@pytest.mark.parametrize(
    "text",
    [
        "The plan for 2020/21 was agreed in 2019.",
        "It started on 24th May and ran through Q2.",
        "People can report by calling 101 or online.",
        "Emergency calls (999) are answered first.",
        "Over the last three months the unit moved.",
        "A two week period of action followed.",
        "Cases of COVID-19 rose sharply.",
        "The 4E approach is used, as in the Police and Crime Plan 2016-2020.",
        "The 101-response time improved.",
    ],
)
def test_leaves_out_years_dates_phone_numbers_and_spans(text):
    assert find_numbers(text) == []


@pytest.mark.parametrize(
    "text", ["approximately 2,500 calls", "over 200 arrests", "500+ offences", "some 40 staff"]
)
def test_marks_rough_figures(text):
    assert only(text).approximate


def test_a_figure_written_in_full_is_exact_and_a_rounded_one_has_a_tolerance():
    assert only("3,507 cases").is_exact
    rounded = only("£5.4m")
    assert not rounded.is_exact and rounded.tolerance == Fraction(50_000)
    assert only("22.5%").tolerance == Fraction(1, 20)


@pytest.mark.parametrize(
    ("value", "like", "shown"),
    [
        (Fraction(1697500, 74450), "22.5%", "22.8%"),
        (Decimal("5412000"), "£5.4m", "£5.4m"),
        (Decimal("1950"), "1,905", "1,950"),
        (Decimal("1.46"), "1.5kg", "1.5kg"),
    ],
)
def test_writes_a_value_the_way_the_stated_figure_was_written(value, like, shown):
    assert format_like(value, only(like)) == shown
