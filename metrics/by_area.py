"""One metric across areas: each visible area's figure in one quarter, as the value or as a rate
per 1,000 residents (fair between areas of different sizes), with its own variation status.

An area's variation is read from its own XmR chart (metrics.variation); a rate over a fixed
population moves exactly as the value does, so the status is the same either way. Rates are
offered for measures that add up over residents (counts, hours, money, weights, days, minutes),
never for percentages, and only for areas whose population is set.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal

from metrics import variation as mdc
from metrics.combining import summed_label
from metrics.dashboards import Figure, Row, series_rows
from metrics.formatting import format_value, plain_number
from priorities.periods import Quarter

PER = Decimal(1000)


def rates_possible(*, unit: str, areas) -> bool:
    return unit != "percent" and any(area.population for area in areas)


def rate(value: Decimal, population: int | None) -> Decimal | None:
    """Per 1,000 residents; None without a population."""
    if not population:
        return None
    return value * PER / population


def rate_text(value: Decimal | None) -> str:
    return "" if value is None else f"{plain_number(value, 2)} per 1,000"


def row_index(rows: Sequence[Row], quarter: Quarter) -> int | None:
    return next((i for i, row in enumerate(rows) if row.quarter == quarter), None)


def by_area(
    *,
    metric,
    areas,
    series: Mapping[tuple[int, int], Mapping[Quarter, Figure]],
    breaks: Sequence[tuple[Quarter, str]],
    quarter: Quarter | None,
    per_1000: bool,
) -> list[dict]:
    """Every visible area with a figure in the quarter, in tree order."""
    if quarter is None:
        return []
    found = []
    for area in areas:
        own = series.get((metric.pk, area.pk), {})
        figure = own.get(quarter)
        if figure is None:
            continue
        rows = series_rows(own, breaks)
        per = rate(figure.value, area.population)
        found.append(
            {
                "area": area,
                "value": figure.value,
                "text": format_value(figure.value, metric.unit),
                "rate": per,
                "residents_text": plain_number(area.population) if area.population else "",
                "rate_text": rate_text(per),
                "shown": per if per_1000 else figure.value,
                "illustrative": figure.illustrative,
                "summed": summed_label(area.depth) if figure.summed else "",
                "variation": mdc.variation(
                    rows, direction=metric.good_direction, index=row_index(rows, quarter)
                ),
            }
        )
    return found


def population_sources(areas) -> list[str]:
    """Where the populations come from, each once: "ONS mid-2020 estimates (2020)"."""
    found = {
        f"{area.population_source or 'source not given'}"
        + (f" ({area.population_year})" if area.population_year else "")
        for area in areas
        if area.population
    }
    return sorted(found)
