"""Illustrative series for the demo: made-up but plausible quarters for the catalogue's measures.

Every value written here has illustrative=True and the interface labels it so. Figures already
stored without that flag (those the imported edition states) are never touched; the made-up
series is scaled to sit near them. Seeded, so the same database gets the same figures, and
idempotent: a second run adds nothing.
"""

import random
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from metrics.catalogue import CATALOGUE, STOCK_CODES, MetricDefinition
from metrics.models import Metric, MetricValue, SeriesBreak, Target
from priorities.area_tree import AreaTree
from priorities.models import Area, Period, Priority
from priorities.periods import Quarter
from priorities.services import area_population_set

SEED = "pcp-demo-2020"
DEFAULT_LAST_QUARTER = Quarter(2020, 2)

# A typical quarter force-wide, used where the edition states no figure for the measure.
TYPICAL = {
    "specials-headcount": 510,
    "specials-applications": 240,
    "specials-joiners": 35,
    "specials-leavers": 38,
    "specials-hours": 18_000,
    "csc-hours": 520,
    "esp-hours": 900,
    "calls-999": 78_000,
    "calls-101": 77_000,
    "live-chat": 4_200,
    "online-asb-reports": 850,
    "rc-investigations": 3_100,
    "rc-public-calls": 26_000,
    "hate-crimes-hirc": 90,
    "ksi-casualties": 240,
    "road-fatalities": 12,
}
# Services that began part-way: no values before these quarters.
STARTED = {"live-chat": Quarter(2019, 3), "online-asb-reports": Quarter(2020, 1)}
# Busier summers for calls and roads (Q1 Apr-Jun .. Q4 Jan-Mar).
SEASON = {
    "calls-999": (0.02, 0.08, -0.03, -0.07),
    "calls-101": (0.01, 0.04, -0.02, -0.03),
    "ksi-casualties": (0.03, 0.08, -0.02, -0.09),
}
# An illustrative change in counting, to show how a series break restarts the XmR limits.
DEMO_BREAK = ("rc-public-calls", 4, 1.18)  # code, quarters before the last, level change
DEMO_BREAK_NOTE = (
    "Illustrative: from this quarter calls passed on by the switchboard are counted as well."
)
DEMO_TARGETS = {"specials-headcount": 520, "ksi-casualties": 230, "specials-hours": 17_500}


@transaction.atomic
def illustrative_series_load(*, quarters: int = 12) -> int:
    """Fill `quarters` quarters of illustrative values; returns how many values it created."""
    if quarters < 1:
        raise ValueError("quarters must be at least 1")
    areas = list(Area.objects.all())
    force = next((area for area in areas if area.kind == Area.Kind.FORCE), None)
    if force is None:
        raise ValueError("Load the force's areas before the illustrative series.")
    window = _window(quarters)
    periods = _periods(window)
    metrics = [_metric(definition) for definition in CATALOGUE]
    existing = _existing(metrics, periods)
    created: list[MetricValue] = []
    for metric in metrics:
        series = _force_series(metric, window, periods, existing, force_id=force.pk)
        for quarter, total in series.items():
            for area, value in _split(metric, total, areas).items():
                key = (metric.pk, periods[quarter].pk, area.pk)
                if key not in existing:
                    created.append(
                        MetricValue(
                            metric=metric,
                            period=periods[quarter],
                            area=area,
                            value=Decimal(value),
                            illustrative=True,
                        )
                    )
    bulk_create_with_history(created, MetricValue, batch_size=1000)
    _demo_extras(metrics, window, periods, areas)
    return len(created)


def _window(count: int) -> list[Quarter]:
    """`count` quarters ending with the edition's quarter (the latest stated figure)."""
    stated = (
        MetricValue.objects.filter(illustrative=False)
        .order_by("-period__year", "-period__quarter")
        .values_list("period__year", "period__quarter")
        .first()
    )
    last = Quarter(*stated) if stated else DEFAULT_LAST_QUARTER
    window = [last]
    while len(window) < count:
        window.append(window[-1].previous())
    return window[::-1]


def _periods(window: list[Quarter]) -> dict[Quarter, Period]:
    for quarter in window:
        Period.objects.get_or_create(year=quarter.year, quarter=quarter.quarter)
    years = {q.year for q in window}
    return {
        p.as_quarter: p for p in Period.objects.filter(year__in=years) if p.as_quarter in window
    }


def _metric(definition: MetricDefinition) -> Metric:
    metric = Metric.objects.filter(code=definition.code).first()
    if metric is not None:
        return metric
    priority = (
        Priority.objects.filter(number=definition.priority_number).order_by("-plan_id").first()
    )
    return Metric.objects.create(
        code=definition.code,
        name=definition.name,
        unit=definition.unit,
        good_direction=definition.good_direction,
        combination=definition.combination,
        priority=priority,
        stock=definition.code in STOCK_CODES,
    )


def _existing(metrics, periods) -> dict[tuple[int, int, int], tuple[Decimal, bool]]:
    """Stored values as {(metric, period, area): (value, illustrative)}."""
    rows = MetricValue.objects.filter(metric__in=metrics, period__in=periods.values()).values_list(
        "metric_id", "period_id", "area_id", "value", "illustrative"
    )
    return {(m, p, a): (value, illustrative) for m, p, a, value, illustrative in rows}


def _force_series(metric, window, periods, existing, *, force_id: int) -> dict[Quarter, int]:
    """Force-wide values: a seeded walk with season and noise around the stated level."""
    stated = {}
    for quarter in window:
        value, illustrative = existing.get((metric.pk, periods[quarter].pk, force_id), (0, True))
        if not illustrative:
            stated[quarter] = value
    base = sum(stated.values()) / len(stated) if stated else TYPICAL.get(metric.code, 100)
    rng = random.Random(f"{SEED}:{metric.code}")
    season = SEASON.get(metric.code, (0, 0, 0, 0))
    drift = rng.uniform(-0.012, 0.012)
    start = STARTED.get(metric.code, window[0])
    series = {}
    for index, quarter in enumerate(window):
        if quarter < start:
            continue
        if quarter in stated:
            series[quarter] = int(stated[quarter])
            continue
        level = float(base) * (1 + drift * (index - len(window) + 1))
        level *= 1 + season[quarter.quarter - 1] + rng.gauss(0, 0.04)
        if metric.code == DEMO_BREAK[0] and index < len(window) - DEMO_BREAK[1]:
            level /= DEMO_BREAK[2]
        series[quarter] = max(0, round(level))
    return series


def _split(metric, total: int, areas: list[Area]) -> dict[Area, int]:
    """The force total, and for measures that add up, its LPAs and districts summing to it."""
    force = next(area for area in areas if area.kind == Area.Kind.FORCE)
    if metric.combination != Metric.Combination.SUM:
        return {force: total}
    tree = AreaTree(areas)
    leaves = [a for a in areas if a.kind != Area.Kind.FORCE and not tree.children(a.pk)]
    if not leaves:
        return {force: total}
    rng = random.Random(f"{SEED}:{metric.code}:areas")
    weights = [rng.uniform(0.6, 1.4) for _ in leaves]
    shares = [total * w / sum(weights) for w in weights]
    counts = [int(share) for share in shares]
    # Largest remainders get the units left over, so the districts add up to the force.
    by_remainder = sorted(range(len(leaves)), key=lambda i: shares[i] - counts[i], reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    values = {force: total}
    for leaf, count in zip(leaves, counts, strict=True):
        values[leaf] = count
        for above in tree.ancestors(leaf.pk):  # its district, LPA, ... up to the force
            if above.kind != Area.Kind.FORCE:
                values[above] = values.get(above, 0) + count
    return values


def _demo_extras(metrics, window, periods, areas) -> None:
    """Illustrative targets and one series break, where none are set already."""
    force = next(area for area in areas if area.kind == Area.Kind.FORCE)
    by_code = {metric.code: metric for metric in metrics}
    for code, value in DEMO_TARGETS.items():
        for quarter in window:
            Target.objects.get_or_create(
                metric=by_code[code],
                period=periods[quarter],
                area=force,
                defaults={"value": value, "illustrative": True},
            )
    _demo_populations(areas)
    metric = by_code[DEMO_BREAK[0]]
    if len(window) > DEMO_BREAK[1] and not metric.series_breaks.exists():
        start = window[len(window) - DEMO_BREAK[1]]
        SeriesBreak.objects.create(metric=metric, period=periods[start], note=DEMO_BREAK_NOTE)


DEMO_POPULATION_SOURCE = "Illustrative (demo): not an official estimate"


def _demo_populations(areas) -> None:
    """Made-up resident populations, for rates per 1,000 residents, where none is set: each
    district 60,000 to 200,000 (seeded), an LPA its districts' sum, the force its LPAs'."""
    if any(area.population for area in areas):
        return
    tree = AreaTree(areas)

    def residents(area) -> int:
        if not tree.children(area.pk):
            return random.Random(f"{SEED}:{area.name}:population").randrange(60_000, 200_000)
        return sum(residents(child) for child in tree.children(area.pk))

    for area in areas:
        area_population_set(
            area=area, residents=residents(area), source=DEMO_POPULATION_SOURCE, year=2020
        )
