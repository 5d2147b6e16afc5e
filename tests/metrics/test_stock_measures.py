"""A level (a headcount) is compared by its four-quarter averages, never added up over time."""

import re
from decimal import Decimal

from django.contrib.auth import get_user_model

from metrics.demo import illustrative_series_load
from metrics.models import Metric
from narratives.demo import demo_load


def test_the_imported_headcount_compares_averages_and_says_so(client, db):
    # The demo imports its edition first, which creates the headcount measure, then adds the
    # illustrative quarters: the path on which "down from 2,062" was printed for ~506 Specials.
    demo_load()
    illustrative_series_load()
    assert Metric.objects.get(code="specials-headcount").stock
    client.force_login(get_user_model().objects.get(username="manager"))
    response = client.get("/dashboards/specials-headcount/")
    line = next(line for line in response.context["summary"].lines if "four quarters" in line.title)
    assert line.title == "Average of the last four quarters against the four before"
    assert "in the four-quarter average on the four quarters before" in line.change
    before = Decimal(
        re.search(r"from an average of ([\d,.]+) in the four", line.origin)[1].replace(",", "")
    )
    latest = response.context["summary"].value
    assert abs(before - latest) < latest / 4  # an average headcount, not four added up


def test_a_flow_keeps_its_four_quarter_totals(client, db):
    demo_load()
    illustrative_series_load()
    calls = Metric.objects.get(code="calls-999")
    assert not calls.stock
    client.force_login(get_user_model().objects.get(username="manager"))
    summary = client.get("/dashboards/calls-999/").context["summary"]
    line = next(line for line in summary.lines if "four quarters" in line.title)
    assert line.title == "Last four quarters against the four before"
    total = Decimal(
        re.search(r"from ([\d,]+) in the four quarters before", line.origin)[1].replace(",", "")
    )
    assert total > 3 * summary.value  # four quarters of calls added up
