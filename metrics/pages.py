"""What the page of one metric shows: three charts, their tables, the comparisons and breaks,
the variation and assurance icons, and the areas side by side (values or rates).

Four queries (the window's periods, values in every visible area,
targets, series breaks), whatever the data.
"""

from metrics import charts, selectors
from metrics import variation as mdc
from metrics.by_area import by_area, population_sources, rates_possible
from metrics.combining import summed_label
from metrics.dashboards import WINDOW_QUARTERS, series_rows, summarise_metric
from metrics.formatting import format_value

UNIT_TITLES = {
    "count": "Number",
    "hours": "Hours",
    "pounds": "Pounds (£)",
    "percent": "Percent",
    "kilograms": "Kilograms",
    "days": "Days",
    "minutes": "Minutes",
}

# What the good direction means, for the page's subtitle ("Count; higher is better.").
DIRECTION_TEXTS = {
    "up": "higher is better",
    "down": "lower is better",
    "neither": "neither direction is better",
}


def metric_page_context(*, metric, area, areas, per_1000: bool = False) -> dict:
    series = selectors.series_with_sums(metrics=[metric], areas=areas)
    breaks = selectors.breaks_by_metric(metric_ids=[metric.pk]).get(metric.pk, [])
    targets = {}
    if area is not None:
        targets = selectors.targets_by_metric_and_area(
            metric_ids=[metric.pk], area_ids=[area.pk]
        ).get((metric.pk, area.pk), {})
    rows = series_rows(series.get((metric.pk, area.pk), {}) if area else {}, breaks)
    summary = summarise_metric(rows, metric=metric, targets=targets)
    # An LPA may have no figures of its own while its districts do: show theirs all the same.
    latest = summary.quarter or max((q for found in series.values() for q in found), default=None)
    per_1000 = per_1000 and rates_possible(unit=metric.unit, areas=areas)
    areas_shown = by_area(
        metric=metric,
        areas=areas,
        series=series,
        breaks=breaks,
        quarter=latest,
        per_1000=per_1000,
    )
    table_rows = [
        {
            "row": row,
            "value": format_value(row.value, metric.unit),
            "last_year": "" if row.last_year is None else format_value(row.last_year, metric.unit),
            "summed": summed_label(area.depth) if row.summed else "",
        }
        for row in rows
    ]
    return {
        "metric": metric,
        "direction_text": DIRECTION_TEXTS.get(metric.good_direction, ""),
        "area": area,
        "summary": summary,
        "summed": summed_label(area.depth) if summary.summed else "",
        "rows": table_rows,
        "by_area": areas_shown,
        "by_area_quarter": latest,
        "per_1000": per_1000,
        "rates_possible": rates_possible(unit=metric.unit, areas=areas),
        "population_sources": population_sources(b["area"] for b in areas_shown),
        "key": mdc.KEY,
        "window": WINDOW_QUARTERS,
        "breaks": [(quarter.label, note) for quarter, note in breaks],
        "illustrative": any(r.illustrative for r in rows)
        or any(b["illustrative"] for b in areas_shown),
        **_charts(metric, rows, areas_shown, breaks, per_1000=per_1000),
    }


def _charts(metric, rows, by_area, breaks, *, per_1000: bool) -> dict:
    # The force's total would dwarf its parts, so the chart shows the LPAs and districts
    # (the table beside it has the force too); rates leave out areas with no population.
    parts = [b for b in by_area if b["area"].depth > 0 and b["shown"] is not None]
    area_chart = charts.by_area_figure(
        areas=[b["area"].name for b in parts],
        values=[float(b["shown"]) for b in parts],
        groups=[b["area"].get_kind_display() for b in parts],
        x_title="Per 1,000 residents" if per_1000 else UNIT_TITLES.get(metric.unit, "Value"),
        special=[b["variation"].text if b["variation"].tone != "plain" else "" for b in parts],
    )
    found = {"area_chart": charts.figure_json(area_chart) if len(parts) > 1 else ""}
    if not rows:
        return found
    labels = [row.label for row in rows]
    quarters = [row.quarter for row in rows]
    marks = []
    for start, note in breaks:
        index = next((i for i, quarter in enumerate(quarters) if quarter >= start), None)
        if index is not None:
            marks.append((index, note))
    y_title = UNIT_TITLES.get(metric.unit, "Value")
    series_chart = charts.series_figure(
        labels=labels,
        values=[float(r.value) for r in rows],
        last_year=[None if r.last_year is None else float(r.last_year) for r in rows],
        y_title=y_title,
        breaks=marks,
        illustrative=[r.illustrative for r in rows],
    )
    xmr_chart = charts.xmr_figure(
        labels=labels,
        values=[float(r.value) for r in rows],
        means=[r.mean for r in rows],
        lower_limits=[r.lower_limit for r in rows],
        upper_limits=[r.upper_limit for r in rows],
        special=[r.special_cause for r in rows],
        y_title=y_title,
        breaks=marks,
        illustrative=[r.illustrative for r in rows],
    )
    found["series_chart"] = charts.figure_json(series_chart)
    found["xmr_chart"] = charts.figure_json(xmr_chart)
    return found
