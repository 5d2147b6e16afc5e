"""Reads for the dashboards: each a fixed number of queries, whatever the size of the data.

They return model instances for metrics and areas and plain mappings for the figures, keyed by
Quarter, so that the assembly (metrics.dashboards) and the charts stay free of the ORM.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Exists, OuterRef

from metrics.combining import with_sums
from metrics.dashboards import WINDOW_QUARTERS, Figure, window_start
from metrics.models import Metric, MetricValue, SeriesBreak, Target
from priorities.area_tree import AreaTree
from priorities.models import Area, Period
from priorities.periods import Quarter
from priorities.roles import user_area_ids
from priorities.scoping import user_may
from priorities.selectors import area_tree, periods_accepting_entries, periods_latest_first

Series = dict[Quarter, Figure]


def visible_areas(*, user) -> list[Area]:
    """The areas the user may see, in tree order: the force, then each LPA and its districts."""
    area_ids = user_area_ids(user)
    ordered = area_tree().ordered()
    if area_ids is None:
        return ordered
    return [area for area in ordered if area.pk in area_ids]


def default_area(areas: list[Area]) -> Area | None:
    """The widest area the user may see: the force for managers, an officer's LPA or district."""
    return min(areas, key=lambda area: area.depth, default=None)


def metrics_all() -> list[Metric]:
    return list(Metric.objects.select_related("priority"))


def metric_by_code(*, code: str) -> Metric | None:
    return Metric.objects.select_related("priority").filter(code=code).first()


def window_period_ids(*, metric_ids: Iterable[int], area_ids: Iterable[int]) -> list[int]:
    """The periods the dashboards read: metrics.dashboards.WINDOW_QUARTERS quarters up to the
    latest one with a value of the metrics in the areas. One query that looks at the newest
    periods only, so its cost does not grow with the years of history stored."""
    has_values = MetricValue.objects.filter(
        period=OuterRef("pk"), metric_id__in=list(metric_ids), area_id__in=list(area_ids)
    )
    newest = list(
        periods_latest_first(within=Period.objects.filter(Exists(has_values))).values_list(
            "pk", "year", "quarter"
        )[:WINDOW_QUARTERS]
    )
    if not newest:
        return []
    start = window_start(Quarter(newest[0][1], newest[0][2]))
    return [pk for pk, year, quarter in newest if Quarter(year, quarter) >= start]


def series_by_metric_and_area(
    *, metric_ids: Iterable[int], area_ids: Iterable[int], period_ids: Iterable[int] | None = None
) -> dict[tuple[int, int], Series]:
    """The values of the metrics in the areas (in the periods, if given), as
    {(metric id, area id): {Quarter: Figure}}."""
    rows = MetricValue.objects.filter(metric_id__in=metric_ids, area_id__in=area_ids)
    if period_ids is not None:
        rows = rows.filter(period_id__in=list(period_ids))
    return _series_by_metric_and_area(rows)


def series_with_sums(
    *, metrics: Iterable[Metric], areas: Iterable[Area], root: Area | None = None
) -> dict[tuple[int, int], Series]:
    """Like series_by_metric_and_area, for the areas (a tree the user may see, or the part of
    it under root), in the dashboards' window of quarters, with the quarters an LPA or the force
    has no value for summed from its parts where the metric adds up (metrics.combining).
    Three queries, whatever the data."""
    metrics = list(metrics)
    tree = AreaTree(areas)
    if root is not None:
        tree = tree.only(tree.within(root.pk))
    area_ids = [area.pk for area in tree.ordered()]
    metric_ids = [m.pk for m in metrics]
    period_ids = window_period_ids(metric_ids=metric_ids, area_ids=area_ids)
    stored = series_by_metric_and_area(
        metric_ids=metric_ids, area_ids=area_ids, period_ids=period_ids
    )
    found: dict[tuple[int, int], Series] = {}
    for metric in metrics:
        own = {a: stored[metric.pk, a] for a in area_ids if (metric.pk, a) in stored}
        combinable = metric.combination == Metric.Combination.SUM
        for area_id, series in with_sums(own, tree, combinable=combinable).items():
            if series:
                found[metric.pk, area_id] = series
    return found


def targets_by_metric_and_area(
    *, metric_ids: Iterable[int], area_ids: Iterable[int], since: Quarter | None = None
) -> dict[tuple[int, int], Series]:
    """Targets as {(metric id, area id): {Quarter: Figure}}, from the quarter `since` on."""
    rows = Target.objects.filter(metric_id__in=metric_ids, area_id__in=area_ids)
    if since is not None:
        rows = rows.filter(period__year__gte=since.year)
    return _series_by_metric_and_area(rows)


def breaks_by_metric(*, metric_ids: Iterable[int]) -> dict[int, list[tuple[Quarter, str]]]:
    """Series breaks as {metric id: [(Quarter it starts, note)]}, earliest first."""
    rows = (
        SeriesBreak.objects.filter(metric_id__in=metric_ids)
        .order_by("period__year", "period__quarter")
        .values_list("metric_id", "period__year", "period__quarter", "note")
    )
    found: dict[int, list[tuple[Quarter, str]]] = defaultdict(list)
    for metric_id, year, quarter, note in rows:
        found[metric_id].append((Quarter(year, quarter), note))
    return found


def metric_value_context(*, value: MetricValue) -> tuple[Series, list[tuple[Quarter, str]]]:
    """The series and breaks around one stored value, for its admin page (two queries)."""
    series = series_by_metric_and_area(metric_ids=[value.metric_id], area_ids=[value.area_id])
    breaks = breaks_by_metric(metric_ids=[value.metric_id])
    return series.get((value.metric_id, value.area_id), {}), breaks.get(value.metric_id, [])


def metric_value_is_writable_by(*, value: MetricValue, user, open_period_ids=None) -> bool:
    """Whether the user may set this value: analysts always; officers for their own areas and
    only for a quarter still open for entry, as with entries. `open_period_ids` saves a query
    when asked for many values in one request."""
    if user_may(user, "metrics.change_metric"):  # the PAU keep every figure
        return True
    if not user_may(user, "metrics.change_metricvalue"):
        return False
    if value.area_id not in user_area_ids(user):
        return False
    if open_period_ids is None:
        open_period_ids = frozenset(periods_accepting_entries().values_list("pk", flat=True))
    return value.period_id in open_period_ids


def _series_by_metric_and_area(rows) -> dict[tuple[int, int], Series]:
    """Values or targets (a queryset of either) as {(metric id, area id): {Quarter: Figure}}."""
    rows = rows.values_list(
        "metric_id", "area_id", "period__year", "period__quarter", "value", "illustrative"
    )
    found: dict[tuple[int, int], Series] = defaultdict(dict)
    for metric_id, area_id, year, quarter, value, illustrative in rows:
        found[metric_id, area_id][Quarter(year, quarter)] = Figure(value, illustrative)
    return found
