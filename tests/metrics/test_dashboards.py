"""The dashboard pages: who sees what, what they show, the CSV, and fixed query counts."""

import csv
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metrics.models import Metric, MetricValue, SeriesBreak, Target
from priorities.models import Area
from priorities.periods import Quarter
from tests.metrics.conftest import build_areas, build_periods, bulk_values, quarters_to
from tests.second_factor import login_verified

CSV_HEADER = [
    "period",
    "area",
    "value",
    "mean",
    "lower_limit",
    "upper_limit",
    "special_cause",
    "variation",
    "assurance",
    "illustrative",
    "origin",
    "residents",
    "per_1000_residents",
]


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_dashboards_need_a_login(client, small_force):
    response = client.get("/dashboards/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get("/dashboards/calls-999.csv").status_code == 302


def test_a_user_without_a_role_is_refused(client, small_force, django_user_model):
    login_verified(client, django_user_model.objects.create_user("visitor", password="x" * 20))
    assert client.get("/dashboards/").status_code == 403


def test_home_lists_every_metric_with_exceptions_first(client, small_force, manager):
    # Calls rise every quarter: seven or more in a row rising make the latest a special cause.
    login_verified(client, manager)
    response = client.get("/dashboards/")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["metric"].code for row in rows] == ["calls-999", "specials-hours"]
    assert rows[0]["summary"].special_cause
    page = response.content.decode()
    assert "an increase of 40 (0.9%) on the previous quarter" in page.lower()  # 40 / 4,240
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_home_shows_target_status(client, small_force, manager):
    hours = small_force["hours"]
    period = small_force["periods"][Quarter(2020, 2)]
    Target.objects.create(
        metric=hours, period=period, area=small_force["areas"]["force"], value=600
    )
    login_verified(client, manager)
    response = client.get("/dashboards/")
    summary = {row["metric"].code: row["summary"] for row in response.context["rows"]}
    assert summary["specials-hours"].status == "not met"  # 520 hours against 600, up is good
    # 500, 520, 500, ...: the upper limit is 563.2, so 600 is out of the process's reach.
    assert summary["specials-hours"].assurance.code == "missed"
    assert b"Will miss target without change" in response.content


def test_home_filters_by_priority_and_area(client, small_force, manager):
    from tests.factories import PriorityFactory

    priority = PriorityFactory(number=1, title="Engaged communities")
    Metric.objects.filter(code="specials-hours").update(priority=priority)
    login_verified(client, manager)
    district = small_force["areas"]["District 1.1"]
    response = client.get("/dashboards/", {"priority": priority.pk, "area": district.pk})
    assert [row["metric"].code for row in response.context["rows"]] == ["specials-hours"]
    assert response.context["area"] == district


def test_metric_page_shows_charts_tables_comparisons_and_breaks(client, small_force, manager):
    calls = small_force["calls"]
    SeriesBreak.objects.create(
        metric=calls,
        period=small_force["periods"][Quarter(2019, 4)],
        note="Calls transferred from other forces are counted from here.",
    )
    MetricValue.objects.filter(metric=calls, period__year=2020, period__quarter=2).update(
        illustrative=True
    )
    login_verified(client, manager)
    response = client.get("/dashboards/calls-999/")
    page = response.content.decode()
    for chart in ("series-data", "xmr-data", "area-data"):
        match = re.search(rf'<script type="application/json" id="{chart}">(.*?)</script>', page)
        assert json.loads(match.group(1))["data"]
    assert "<script>" not in page  # nothing inline to run
    assert "From 2019/20 Q4:" in page and "counted from here" in page
    assert "illustrative" in page
    assert "up from 4,240 in the previous quarter" in page
    xmr = json.loads(re.search(r'id="xmr-data">(.*?)</script>', page).group(1))
    assert xmr["layout"]["shapes"][0]["x0"] == 4.5  # the break sits before 2019/20 Q4
    assert "2018/19 Q3" in page and "District 2.2" in page


def test_metric_page_of_an_unknown_code_is_404(client, small_force, manager):
    login_verified(client, manager)
    assert client.get("/dashboards/no-such-thing/").status_code == 404
    assert client.get("/dashboards/no-such-thing.csv").status_code == 404


def test_metric_csv_has_every_visible_area_with_xmr_columns(client, small_force, manager):
    login_verified(client, manager)
    response = client.get("/dashboards/calls-999.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert list(rows[0]) == CSV_HEADER
    force = [row for row in rows if row["area"] == "Demo Police"]
    assert [row["value"] for row in force] == [str(4000 + 40 * i) for i in range(8)]
    # Mean of 4000, 4040, ... 4280 is 4140; every moving range is 40: limits 4140 ± 106.4.
    assert {(r["mean"], r["lower_limit"], r["upper_limit"]) for r in force} == {
        ("4140", "4033.6", "4246.4")
    }
    assert [row["special_cause"] for row in force] == ["true"] * 8  # eight in a row rising
    # Neither direction is better: neutral special causes. The first is below the lower limit
    # (low); the rest are in a rising trend (high), the last also above the upper limit.
    assert [row["variation"] for row in force] == ["neutral-low"] + ["neutral-high"] * 7
    assert {row["assurance"] for row in force} == {"no-target"}
    assert len(rows) == 8 * 7  # the force and four districts have values, the LPAs sums
    assert {row["origin"] for row in force} == {"stored"}
    lpa = [row for row in rows if row["area"] == "LPA 1"]
    assert [row["value"] for row in lpa] == [str(2000 + 20 * i) for i in range(8)]
    assert {row["origin"] for row in lpa} == {"summed from districts"}


def test_metric_csv_makes_hostile_area_names_inert(client, small_force, manager):
    areas = small_force["areas"]
    hostile = Area.objects.create(name="=cmd|' /C calc'!A0", kind="lpa", parent=areas["force"])
    MetricValue.objects.create(
        metric=small_force["calls"],
        period=small_force["periods"][Quarter(2020, 2)],
        area=hostile,
        value=-5,
    )
    login_verified(client, manager)
    rows = csv_rows(client.get("/dashboards/calls-999.csv", {"area": hostile.pk}))
    assert rows[0]["area"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["value"] == "-5"


def test_an_officer_sees_only_their_areas(client, small_force, make_officer):
    areas = small_force["areas"]
    officer = make_officer(areas["LPA 1"])
    login_verified(client, officer)
    home = client.get("/dashboards/")
    assert home.context["area"] == areas["LPA 1"]  # their widest area
    page = client.get("/dashboards/calls-999/", {"area": areas["force"].pk})
    assert page.context["area"] == areas["LPA 1"]  # the force is not theirs: not shown
    assert b"not available to you" in page.content
    shown = {item["area"].name for item in page.context["by_area"]}
    assert shown == {"LPA 1", "District 1.1", "District 1.2"}  # the LPA summed from its two
    rows = csv_rows(client.get("/dashboards/calls-999.csv"))
    assert {row["area"] for row in rows} == {"LPA 1", "District 1.1", "District 1.2"}


@pytest.fixture
def large_force(db):
    """50 metrics × 20 quarters × 15 areas: 15,000 values, built in bulk."""
    areas = build_areas(lpas=2, districts_per_lpa=6)  # force, 2 LPAs, 12 districts = 15
    periods = build_periods(quarters_to(Quarter(2020, 2), 20))
    Metric.objects.bulk_create(
        Metric(code=f"measure-{i:02d}", name=f"Measure {i:02d}", good_direction="up")
        for i in range(50)
    )
    metrics = list(Metric.objects.all())
    ordered = [periods[q] for q in sorted(periods)]
    count = bulk_values(metrics, ordered, list(areas.values()), lambda m, q, a: 100 + (q * m) % 17)
    assert count == 15_000
    Target.objects.bulk_create(
        Target(metric=m, period=ordered[-1], area=areas["force"], value=105) for m in metrics
    )
    SeriesBreak.objects.bulk_create(
        SeriesBreak(metric=m, period=ordered[10], note="Counted afresh") for m in metrics[:10]
    )
    return areas


def count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context.captured_queries)


# Each count includes the savepoint and its release that ATOMIC_REQUESTS wraps a view in, and
# what every signed-in request costs: session, user, the second factor's device, and the user's
# and their groups' permissions (may they see dashboards).
DASHBOARD_QUERIES = {
    # + groups (role), areas, metrics, the window's periods, values, targets, series breaks,
    # the user's recent notices: no more with ten times the history (bench/metrics.py times it)
    "/dashboards/": 15,
    # + groups, metric, areas, window, values, series breaks, targets
    "/dashboards/measure-07/": 14,
    # + groups, metric, areas, series breaks, targets, window, values, the download's record
    "/dashboards/measure-07.csv": 15,
    # the same: the by-area chart's data for the latest quarter in every area
    "/dashboards/measure-07.csv?chart=by-area": 15,
}


@pytest.mark.parametrize("url", list(DASHBOARD_QUERIES))
def test_dashboard_pages_take_a_fixed_number_of_queries(
    client, large_force, manager, url, django_assert_num_queries
):
    login_verified(client, manager)
    with django_assert_num_queries(DASHBOARD_QUERIES[url]):
        assert client.get(url).status_code == 200


def test_small_data_takes_the_same_number_of_queries(client, small_force, manager):
    """The same counts as at 50 metrics × 20 quarters × 15 areas: they do not grow with data."""
    login_verified(client, manager)
    for url, expected in DASHBOARD_QUERIES.items():
        assert count_queries(client, url.replace("measure-07", "calls-999")) == expected


def test_an_officers_dashboard_takes_a_fixed_number_of_queries(
    client, large_force, make_officer, django_assert_max_num_queries
):
    login_verified(client, make_officer(large_force["LPA 1"]))
    # and their assignments, the area tree, their notices
    with django_assert_max_num_queries(17):
        assert client.get("/dashboards/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get("/dashboards/measure-07/").status_code == 200


def test_metric_page_says_which_direction_is_better_in_words(client, small_force, manager):
    login_verified(client, manager)
    calls = client.get("/dashboards/calls-999/").content.decode()  # good direction "neither"
    assert "Count; neither direction is better." in calls
    hours = client.get("/dashboards/specials-hours/").content.decode()
    assert "Hours; higher is better." in hours
    Metric.objects.filter(code="calls-999").update(good_direction="down")
    assert "Count; lower is better." in client.get("/dashboards/calls-999/").content.decode()
