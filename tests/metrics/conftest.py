"""Data builders for the metrics tests: a small force, its quarters and measures."""

from decimal import Decimal

import pytest

from metrics.models import Metric, MetricValue
from priorities.models import Area, Period
from priorities.periods import Quarter
from priorities.roles import MANAGER, OFFICER, user_save_with_role


def quarters_to(last: Quarter, count: int) -> list[Quarter]:
    found = [last]
    while len(found) < count:
        found.append(found[-1].previous())
    return found[::-1]


def build_areas(lpas: int = 2, districts_per_lpa: int = 2) -> dict[str, Area]:
    force = Area.objects.create(name="Demo Police", kind=Area.Kind.FORCE)
    areas = {"force": force}
    for i in range(1, lpas + 1):
        lpa = Area.objects.create(name=f"LPA {i}", kind=Area.Kind.LPA, parent=force, order=i)
        areas[lpa.name] = lpa
        for j in range(1, districts_per_lpa + 1):
            name = f"District {i}.{j}"
            areas[name] = Area.objects.create(
                name=name, kind=Area.Kind.DISTRICT, parent=lpa, order=j
            )
    return areas


def build_periods(quarters: list[Quarter]) -> dict[Quarter, Period]:
    Period.objects.bulk_create(Period(year=q.year, quarter=q.quarter) for q in quarters)
    return {Quarter(p.year, p.quarter): p for p in Period.objects.all()}


def bulk_values(metrics, periods, areas, value_of) -> int:
    """Every metric × period × area, valued by value_of(metric_index, quarter_index, area_index)."""
    values = [
        MetricValue(metric=metric, period=period, area=area, value=Decimal(value_of(m, q, a)))
        for m, metric in enumerate(metrics)
        for q, period in enumerate(periods)
        for a, area in enumerate(areas)
    ]
    MetricValue.objects.bulk_create(values, batch_size=2000)
    return len(values)


@pytest.fixture
def small_force(db):
    """A force with two LPAs of two districts, eight quarters to 2020/21 Q2, two measures."""
    areas = build_areas()
    periods = build_periods(quarters_to(Quarter(2020, 2), 8))
    calls = Metric.objects.create(
        code="calls-999", name="Emergency calls (999) received", unit="count"
    )
    hours = Metric.objects.create(
        code="specials-hours", name="Special Constable hours", unit="hours", good_direction="up"
    )
    ordered = [periods[q] for q in sorted(periods)]
    district_names = [n for n in areas if n.startswith("District")]
    for index, period in enumerate(ordered):
        for name in district_names:
            MetricValue.objects.create(
                metric=calls, period=period, area=areas[name], value=1000 + 10 * index
            )
        MetricValue.objects.create(
            metric=calls, period=period, area=areas["force"], value=4000 + 40 * index
        )
        MetricValue.objects.create(
            metric=hours, period=period, area=areas["force"], value=[500, 520][index % 2]
        )
    return {"areas": areas, "periods": periods, "calls": calls, "hours": hours}


@pytest.fixture
def manager(db):
    return user_save_with_role(username="manager", role=MANAGER, password="a-long-test-password")


@pytest.fixture
def make_officer(db):
    def make(*areas, username="officer"):
        return user_save_with_role(
            username=username, role=OFFICER, areas=areas, password="a-long-test-password"
        )

    return make
