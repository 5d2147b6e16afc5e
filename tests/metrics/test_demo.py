"""The illustrative demo series: catalogue measures, stated figures kept, seeded, idempotent."""

from collections import defaultdict

import pytest

from metrics.catalogue import CATALOGUE
from metrics.demo import illustrative_series_load
from metrics.models import Metric, MetricValue, SeriesBreak, Target
from priorities.models import Area, Period
from priorities.periods import Quarter
from tests.metrics.conftest import build_areas


@pytest.fixture
def edition(db):
    """Areas, and one figure as the imported edition states it."""
    areas = build_areas(lpas=3, districts_per_lpa=3)
    period = Period.objects.create(year=2020, quarter=2)
    calls = Metric.objects.create(code="calls-999", name="Emergency calls (999) received")
    MetricValue.objects.create(metric=calls, period=period, area=areas["force"], value=91425)
    return areas


def snapshot():
    return {
        (v.metric.code, v.period.label, v.area.name): (v.value, v.illustrative)
        for v in MetricValue.objects.select_related("metric", "period", "area")
    }


def test_it_fills_twelve_quarters_of_every_catalogue_measure(edition):
    created = illustrative_series_load(quarters=12)
    assert created > 0
    assert set(Metric.objects.values_list("code", flat=True)) >= {d.code for d in CATALOGUE}
    labels = {v.period.label for v in MetricValue.objects.select_related("period")}
    assert len(labels) == 12 and max(labels) == "2020/21 Q2" and min(labels) == "2017/18 Q3"
    ksi = MetricValue.objects.filter(metric__code="ksi-casualties")
    assert ksi.filter(area__kind="force").count() == 12
    assert ksi.filter(area__kind="lpa").count() == 12 * 3
    assert ksi.filter(area__kind="district").count() == 12 * 9
    assert Metric.objects.get(code="specials-headcount").stock


def test_the_stated_figure_is_kept_and_everything_else_is_illustrative(edition):
    illustrative_series_load()
    stated = MetricValue.objects.get(
        metric__code="calls-999", area__kind="force", period__year=2020, period__quarter=2
    )
    assert stated.value == 91425 and not stated.illustrative
    assert MetricValue.objects.filter(illustrative=False).count() == 1
    assert not Target.objects.filter(illustrative=False).exists()
    assert SeriesBreak.objects.get().note.startswith("Illustrative")


def test_districts_add_up_to_their_lpa_and_the_lpas_to_the_force(edition):
    illustrative_series_load()
    totals = defaultdict(int)
    for value in MetricValue.objects.filter(metric__code="specials-hours").select_related(
        "area", "period"
    ):
        totals[value.period.label, value.area.name] = value.value
    lpa_names = [name for name in edition if name.startswith("LPA")]
    for label in {label for label, _ in totals}:
        for lpa in lpa_names:
            districts = [n for n in edition if n.startswith(f"District {lpa[-1]}.")]
            assert totals[label, lpa] == sum(totals[label, d] for d in districts)
        assert totals[label, "Demo Police"] == sum(totals[label, lpa] for lpa in lpa_names)


def test_it_is_idempotent_and_deterministic(edition):
    first = illustrative_series_load()
    before = snapshot()
    assert illustrative_series_load() == 0
    assert snapshot() == before
    MetricValue.objects.filter(illustrative=True).delete()
    assert illustrative_series_load() == first
    assert snapshot() == before


def test_services_that_began_later_have_no_earlier_values(edition):
    illustrative_series_load()
    first = (
        MetricValue.objects.filter(metric__code="online-asb-reports")
        .order_by("period__year", "period__quarter")
        .values_list("period__year", "period__quarter")
        .first()
    )
    assert Quarter(*first) == Quarter(2020, 1)


def test_it_needs_the_areas_first(db):
    with pytest.raises(ValueError, match="areas"):
        illustrative_series_load()
    assert not Area.objects.exists()
