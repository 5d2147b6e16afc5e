"""Areas side by side (values or rates per 1,000 residents, each with its own variation) and
the dashboards' window of quarters (the home page reads no more when more history is stored)."""

import csv
import io
import json
import re
from decimal import Decimal

from metrics.models import Metric, MetricValue
from priorities.models import Area, Period
from priorities.periods import Quarter
from tests.second_factor import login_verified


def populate(areas, **residents):
    for name, count in residents.items():
        Area.objects.filter(pk=areas[name].pk).update(
            population=count, population_source="Test figures", population_year=2020
        )


def test_areas_compare_per_1000_residents(client, small_force, manager):
    areas = small_force["areas"]
    # Each district has 1,070 calls in 2020/21 Q2 (1000 + 10 × 7).
    populate(areas, **{"District 1.1": 10_700, "District 1.2": 107_000, "LPA 1": 117_700})
    login_verified(client, manager)
    response = client.get("/dashboards/calls-999/", {"per": "1000"})
    assert response.context["per_1000"]
    rows = {item["area"].name: item for item in response.context["by_area"]}
    assert rows["District 1.1"]["rate"] == Decimal(100)
    assert rows["District 1.1"]["rate_text"] == "100 per 1,000"
    assert rows["District 1.2"]["rate"] == Decimal(10)
    assert rows["District 2.1"]["rate"] is None  # no population: no rate
    chart = json.loads(re.search(r'id="area-data">(.*?)</script>', response.content.decode())[1])
    bars = {y: x for trace in chart["data"] for x, y in zip(trace["x"], trace["y"], strict=True)}
    assert bars == {"LPA 1": 2140 * 1000 / 117_700, "District 1.1": 100.0, "District 1.2": 10.0}
    assert chart["layout"]["xaxis"]["title"]["text"] == "Per 1,000 residents"
    assert b"Test figures (2020)" in response.content  # where the populations come from


def test_values_unless_rates_are_asked_for_or_possible(client, small_force, manager):
    login_verified(client, manager)
    plain = client.get("/dashboards/calls-999/", {"per": "1000"})
    assert not plain.context["per_1000"]  # no area has a population
    assert not plain.context["rates_possible"]
    populate(small_force["areas"], force=1_000_000)
    Metric.objects.filter(code="calls-999").update(unit="percent")
    percent = client.get("/dashboards/calls-999/", {"per": "1000"})
    assert not percent.context["rates_possible"]  # a rate of a percentage means nothing


def test_each_area_has_its_own_variation_in_the_table_and_the_csv(client, small_force, manager):
    populate(small_force["areas"], force=2_000_000)
    login_verified(client, manager)
    page = client.get("/dashboards/calls-999/")
    rows = {item["area"].name: item for item in page.context["by_area"]}
    # Calls rise every quarter in every area: a neutral special cause, high, everywhere.
    assert {item["variation"].code for item in rows.values()} == {"neutral-high"}
    assert "Special cause: higher" in page.content.decode()
    response = client.get("/dashboards/calls-999.csv", {"chart": "by-area"})
    lines = list(csv.DictReader(io.StringIO(response.content.decode())))
    force = next(line for line in lines if line["area"] == "Demo Police")
    assert force["variation"] == "neutral-high" and force["assurance"] == "no-target"
    assert force["residents"] == "2000000" and force["per_1000_residents"] == "2.14"


def test_the_home_page_reads_only_the_latest_twenty_quarters(
    client, small_force, manager, django_assert_num_queries
):
    login_verified(client, manager)
    before = client.get("/dashboards/").context["rows"]
    # Thirty quarters further back, a wild value: outside the window, it changes nothing.
    period = Period.objects.create(year=2010, quarter=1)
    MetricValue.objects.create(
        metric=small_force["calls"], period=period, area=small_force["areas"]["force"], value=1
    )
    with django_assert_num_queries(15):  # as tests/metrics/test_dashboards.py counts them
        after = client.get("/dashboards/").context["rows"]
    assert [r["summary"] for r in after] == [r["summary"] for r in before]
    metric = client.get("/dashboards/calls-999/").context
    assert metric["rows"][0]["row"].quarter == Quarter(2018, 3)  # the stored eight quarters


def test_the_window_ends_at_the_latest_quarter_and_spans_twenty(client, small_force, manager):
    calls, force = small_force["calls"], small_force["areas"]["force"]
    quarter = Quarter(2018, 3)
    for _ in range(20):  # twenty more quarters before the stored eight
        quarter = quarter.previous()
        period = Period.objects.create(year=quarter.year, quarter=quarter.quarter)
        MetricValue.objects.create(metric=calls, period=period, area=force, value=4000)
    login_verified(client, manager)
    rows = client.get("/dashboards/calls-999/").context["rows"]
    assert len(rows) == 20
    assert (rows[0]["row"].quarter, rows[-1]["row"].quarter) == (Quarter(2015, 3), Quarter(2020, 2))
