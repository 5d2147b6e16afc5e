"""Entry figures against stored metric values; the batch selectors and their query count."""

from decimal import Decimal

import pytest

from narratives.figures.check import StoredFigure, entry_findings, metric_findings
from narratives.figures.selectors import findings_for_entries, metric_values_for_entries
from tests.factories import (
    DistrictFactory,
    EntryFactory,
    ForceFactory,
    MetricFactory,
    MetricValueFactory,
    PeriodFactory,
)


def stored(code, name, value, unit="count"):
    return {code: StoredFigure(code, name, unit, Decimal(value), "2020/21 Q2", "Demo Police")}


# Pure comparison ---------------------------------------------------------------------------------


def test_a_figure_that_matches_the_stored_value_is_silent():
    text = "The control room took 91,425 emergency calls in the quarter."
    assert metric_findings(text, stored("calls-999", "Emergency calls (999) received", 91425)) == []


def test_a_figure_that_differs_from_the_stored_value_is_found():
    text = "The control room took 91,245 emergency calls in the quarter."
    found = metric_findings(text, stored("calls-999", "Emergency calls (999) received", 91425))
    assert [(f.stated, f.expected) for f in found] == [("91,245", "91,425")]
    assert "Emergency calls (999) received for 2020/21 Q2, Demo Police" in found[0].message
    assert found[0].key.startswith("metric-calls-999-")


def test_non_emergency_calls_are_not_read_as_emergency_calls():
    text = "Staff took 78,753 non-emergency calls (101)."
    assert metric_findings(text, stored("calls-999", "Emergency calls", 91425)) == []
    assert metric_findings(text, stored("calls-101", "Non-emergency calls", 78753)) == []
    assert len(metric_findings(text, stored("calls-101", "Non-emergency calls", 78000))) == 1


def test_the_figure_compared_with_is_not_taken_for_this_quarter():
    text = "There were 254 KSI casualties in the quarter, compared with 238 KSI casualties before."
    assert metric_findings(text, stored("ksi-casualties", "KSI casualties", 254)) == []


def test_rounded_money_agrees_when_the_stored_value_rounds_or_truncates_to_it():
    figure = stored("seized-cash", "cash seized", 5_460_000, unit="pounds")
    assert metric_findings("Officers found £5.4m cash seized in raids.", figure) == []
    assert metric_findings("Officers found £5.5m cash seized in raids.", figure) == []
    found = metric_findings("Officers found £5.7m cash seized in raids.", figure)
    assert [(f.stated, f.expected) for f in found] == [("£5.7m", "£5.5m")]


def test_a_force_added_metric_is_found_by_its_name():
    figure = stored("chat", "Live Chat interactions", 4999)
    assert metric_findings("We handled 4,999 Live Chat interactions.", figure) == []
    assert len(metric_findings("We handled 4,909 Live Chat interactions.", figure)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Approximately 91,000 emergency calls came in.",
        "Since April there have been 200,000 emergency calls.",
        "An average of 990 emergency calls per day came in.",
    ],
)
def test_rough_figures_and_other_stretches_of_time_are_not_compared(text):
    assert metric_findings(text, stored("calls-999", "Emergency calls", 91425)) == []


# With the database ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_entry_is_compared_with_the_values_of_its_own_period_and_area():
    period, force = PeriodFactory(year=2020, quarter=2), ForceFactory()
    district = DistrictFactory()
    metric = MetricFactory(code="calls-999", name="Emergency calls (999) received")
    MetricValueFactory(metric=metric, period=period, area=force, value=91425)
    MetricValueFactory(metric=metric, period=period, area=district, value=100)
    MetricValueFactory(metric=metric, period=PeriodFactory(quarter=1), area=force, value=74450)
    text = "Call handlers took 91,425 emergency calls during the quarter."
    force_entry = EntryFactory(period=period, area=force, text=text)
    district_entry = EntryFactory(period=period, area=district, text=text)
    values = metric_values_for_entries([force_entry, district_entry])
    assert entry_findings(entry=force_entry, metric_values=values) == []
    found = entry_findings(entry=district_entry, metric_values=values)
    assert [(f.stated, f.expected) for f in found] == [("91,425", "100")]


@pytest.mark.django_db
def test_made_up_demo_values_are_not_compared():
    period, force = PeriodFactory(), ForceFactory()
    metric = MetricFactory(code="calls-999", name="Emergency calls")
    MetricValueFactory(metric=metric, period=period, area=force, value=5, illustrative=True)
    entry = EntryFactory(period=period, area=force, text="We took 91,425 emergency calls.")
    assert findings_for_entries([entry]) == []


@pytest.mark.django_db
def test_entry_findings_combine_the_text_rules_and_the_stored_values():
    period, force = PeriodFactory(), ForceFactory()
    metric = MetricFactory(code="ksi-casualties", name="KSI casualties")
    MetricValueFactory(metric=metric, period=period, area=force, value=245)
    entry = EntryFactory(
        period=period, area=force, text="There were 254 KSI casualties, down from 238 last year."
    )
    found = findings_for_entries([entry])
    assert [f.finding.key.split("-")[0] for f in found] == ["direction", "metric"]


@pytest.mark.django_db
def test_the_batch_check_takes_the_same_queries_for_any_number_of_entries(
    django_assert_num_queries,
):
    from narratives.models import Entry

    period, force = PeriodFactory(), ForceFactory()
    metric = MetricFactory(code="calls-999", name="Emergency calls")
    MetricValueFactory(metric=metric, period=period, area=force, value=91425)
    for n in range(30):
        area = force if n % 2 else DistrictFactory()
        EntryFactory(period=period, area=area, text=f"We took {90_000 + n:,} emergency calls.")
    # One query each: the entries, the stored values, the acceptances.
    with django_assert_num_queries(3):
        found = findings_for_entries(Entry.objects.filter(period=period))
    assert len(found) == 15
