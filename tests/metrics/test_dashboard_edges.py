"""Dashboard edges: every chart's CSV, hostile filters, and metrics with little or no data."""

import csv
import io

import pytest

from metrics.models import Metric, MetricValue
from priorities.periods import Quarter
from tests.second_factor import login_verified


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_by_area_chart_has_its_own_csv_of_the_quarter_it_draws(client, small_force, manager):
    login_verified(client, manager)
    page = client.get("/dashboards/calls-999/").content.decode()
    assert "/dashboards/calls-999.csv?chart=by-area&amp;area=" in page
    response = client.get("/dashboards/calls-999.csv", {"chart": "by-area"})
    assert "calls-999-by-area.csv" in response["Content-Disposition"]
    rows = csv_rows(response)
    # The force, two LPAs (summed from districts) and four districts, all in 2020/21 Q2.
    assert {row["period"] for row in rows} == {"2020/21 Q2"}
    assert [row["area"] for row in rows] == [
        "Demo Police",
        "LPA 1",
        "District 1.1",
        "District 1.2",
        "LPA 2",
        "District 2.1",
        "District 2.2",
    ]
    by_name = {row["area"]: row for row in rows}
    assert by_name["Demo Police"]["value"] == "4280"
    # The force's own XmR values: mean 4140, limits 4140 ± 2.66 × 40; eight rising.
    assert by_name["Demo Police"]["upper_limit"] == "4246.4"
    assert by_name["Demo Police"]["special_cause"] == "true"
    assert by_name["District 1.1"]["value"] == "1070"
    assert by_name["LPA 1"]["origin"] == "summed from districts"


def test_by_area_csv_follows_the_quarter_of_the_chosen_area(client, small_force, manager):
    # District 1.1 stops a quarter early: its page's by-area chart shows 2020/21 Q1.
    areas = small_force["areas"]
    MetricValue.objects.filter(
        metric=small_force["calls"],
        area=areas["District 1.1"],
        period__quarter=2,
        period__year=2020,
    ).delete()
    login_verified(client, manager)
    page = client.get("/dashboards/calls-999/", {"area": areas["District 1.1"].pk})
    assert page.context["by_area_quarter"] == Quarter(2020, 1)
    rows = csv_rows(
        client.get(
            "/dashboards/calls-999.csv", {"chart": "by-area", "area": areas["District 1.1"].pk}
        )
    )
    assert {row["period"] for row in rows} == {"2020/21 Q1"}
    assert len(rows) == len(page.context["by_area"])


def test_an_officers_by_area_csv_has_only_their_areas(client, small_force, make_officer):
    areas = small_force["areas"]
    login_verified(client, make_officer(areas["LPA 2"]))
    rows = csv_rows(client.get("/dashboards/calls-999.csv", {"chart": "by-area"}))
    assert [row["area"] for row in rows] == ["LPA 2", "District 2.1", "District 2.2"]
    # Another LPA's area, asked for by hand, is refused rather than quietly swapped.
    other = {"chart": "by-area", "area": areas["District 1.1"].pk}
    assert client.get("/dashboards/calls-999.csv", other).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"chart": "pie"},
        {"chart": "<script>alert(1)</script>"},
        {"area": "abc"},
        {"area": "999999"},
        {"area": "-1"},
        {"area": "1 OR 1=1"},
        {"area": "\x00"},
        {"chart": "by-area", "area": "9" * 40},
    ],
)
def test_csv_of_an_unknown_chart_or_area_is_404(client, small_force, manager, params):
    login_verified(client, manager)
    assert client.get("/dashboards/calls-999.csv", params).status_code == 404


HOSTILE = ["abc", "999999", "-1", "1 OR 1=1", "<script>alert(1)</script>", "\x00", "9" * 40, ""]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("name", ["priority", "area"])
@pytest.mark.parametrize("url", ["/dashboards/", "/dashboards/calls-999/"])
def test_hostile_filters_give_a_clear_message_never_a_500(
    client, small_force, manager, url, name, value
):
    login_verified(client, manager)
    response = client.get(url, {name: value})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    if value and (name == "area" or url == "/dashboards/"):
        assert "That choice is not available to you; showing Demo Police." in page
    assert response.context["area"] == small_force["areas"]["force"]


def test_a_bad_priority_keeps_a_good_area_on_the_home_page(client, small_force, manager):
    login_verified(client, manager)
    district = small_force["areas"]["District 2.1"]
    response = client.get("/dashboards/", {"priority": "abc", "area": district.pk})
    assert response.context["area"] == district
    assert b"not available to you" in response.content
    assert len(response.context["rows"]) == 2  # no priority filter applied


@pytest.fixture
def sparse(small_force):
    force = small_force["areas"]["force"]
    periods = small_force["periods"]
    Metric.objects.create(code="empty", name="Measure with no values", unit="count")
    one = Metric.objects.create(code="one", name="Measure with one value", unit="percent")
    made_up = Metric.objects.create(
        code="made-up", name="Measure of made-up values", unit="count", good_direction="down"
    )
    MetricValue.objects.create(metric=one, period=periods[Quarter(2020, 2)], area=force, value=42)
    for quarter, period in periods.items():
        MetricValue.objects.create(
            metric=made_up, period=period, area=force, value=10 + quarter.quarter, illustrative=True
        )
    return small_force


def test_a_metric_with_no_values_renders_everywhere(client, sparse, manager):
    login_verified(client, manager)
    page = client.get("/dashboards/empty/")
    assert page.status_code == 200
    assert "No values for Measure with no values in Demo Police yet." in page.content.decode()
    assert 'data-chart="' not in page.content.decode()
    assert csv_rows(client.get("/dashboards/empty.csv")) == []
    assert csv_rows(client.get("/dashboards/empty.csv", {"chart": "by-area"})) == []
    home = client.get("/dashboards/")
    row = next(r for r in home.context["rows"] if r["metric"].code == "empty")
    assert row["summary"].quarter is None and not row["summary"].exception
    assert "No data" in home.content.decode()


def test_a_metric_with_one_value_renders_without_limits(client, sparse, manager):
    login_verified(client, manager)
    page = client.get("/dashboards/one/")
    assert page.status_code == 200
    assert page.context["summary"].lines == []  # nothing to compare with
    assert not page.context["summary"].special_cause
    (row,) = csv_rows(client.get("/dashboards/one.csv"))
    assert (row["value"], row["mean"], row["lower_limit"], row["upper_limit"]) == (
        "42",
        "42",
        "",
        "",
    )
    assert row["special_cause"] == "false"
    assert b"Measure with one value" in client.get("/dashboards/").content


def test_a_metric_of_only_illustrative_values_is_labelled_so(client, sparse, manager):
    login_verified(client, manager)
    page = client.get("/dashboards/made-up/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "Illustrative figures." in content
    assert page.context["summary"].illustrative
    rows = csv_rows(client.get("/dashboards/made-up.csv"))
    assert len(rows) == 8 and {row["illustrative"] for row in rows} == {"true"}
    home = client.get("/dashboards/").content.decode()
    assert "Illustrative figures." in home


def test_priority_and_area_filters_carry_between_home_and_metric_pages(
    client, small_force, manager
):
    from tests.factories import PriorityFactory

    priority = PriorityFactory(number=1, title="Engaged communities")
    other = PriorityFactory(number=2, title="Safer roads")
    Metric.objects.filter(code="specials-hours").update(priority=priority)
    district = small_force["areas"]["District 1.1"]
    login_verified(client, manager)
    home = client.get("/dashboards/", {"priority": priority.pk, "area": district.pk})
    link = f"/dashboards/specials-hours/?area={district.pk}&amp;priority={priority.pk}"
    assert link in home.content.decode()
    page = client.get("/dashboards/specials-hours/", {"priority": priority.pk, "area": district.pk})
    content = page.content.decode()
    assert page.context["area"] == district and page.context["priority"] == priority.pk
    assert f'href="/dashboards/?area={district.pk}&amp;priority={priority.pk}"' in content
    assert f'<input type="hidden" name="priority" value="{priority.pk}">' in content
    assert "not available to you" not in content
    # Another priority than the metric's is not carried, and the page says so.
    page = client.get("/dashboards/specials-hours/", {"priority": other.pk, "area": district.pk})
    assert page.context["priority"] is None and page.context["area"] == district
    assert b"not available to you" in page.content
