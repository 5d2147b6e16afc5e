"""What the dashboards' home page shows: one card per measure, concern first.

Each card: a sparkline, the latest value, the variation and assurance icons (metrics.variation)
and the comparisons one click away. Six queries (areas, metrics, the window's periods, values,
targets, series breaks), whatever the number of measures or years stored.
"""

from metrics import selectors
from metrics import variation as mdc
from metrics.combining import summed_label
from metrics.dashboards import series_rows, summarise_metric, window_start
from metrics.sparklines import sparkline


def home_cards(*, metrics, area, areas) -> list[dict]:
    """The cards of the measures for the area, sorted concern first, then by priority."""
    ids = [m.pk for m in metrics]
    series = selectors.series_with_sums(metrics=metrics, areas=areas, root=area)
    latest = max((q for found in series.values() for q in found), default=None)
    since = window_start(latest) if latest else None
    targets = selectors.targets_by_metric_and_area(metric_ids=ids, area_ids=[area.pk], since=since)
    breaks = selectors.breaks_by_metric(metric_ids=ids)
    cards = []
    for metric in metrics:
        rows = series_rows(series.get((metric.pk, area.pk), {}), breaks.get(metric.pk, []))
        own_targets = targets.get((metric.pk, area.pk), {})
        summary = summarise_metric(rows, metric=metric, targets=own_targets)
        target = own_targets.get(summary.quarter) if summary.quarter else None
        cards.append(
            {
                "metric": metric,
                "summary": summary,
                "order": (metric.priority.number if metric.priority else 99, metric.name),
                "summed": summed_label(area.depth) if summary.summed else "",
                "sparkline": sparkline(
                    rows,
                    unit=metric.unit,
                    direction=metric.good_direction,
                    target=target.value if target else None,
                ),
            }
        )
    cards.sort(key=lambda card: (card["summary"].attention, card["order"]))
    return cards


def home_count_line(cards: list[dict]) -> str:
    """The one line at the top of the page, over the measures shown."""
    pairs = [(card["summary"].variation, card["summary"].assurance) for card in cards]
    return mdc.count_line(pairs)
