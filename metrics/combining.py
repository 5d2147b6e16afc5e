"""Filling in an LPA's or the force's figures from its parts when a metric's areas add up.

Pure code on plain values and the area tree (`priorities.area_tree`), so that the dashboards,
the CSV and the tests share one rule:

- a stored value always wins: a sum only fills a quarter the area has no value for;
- a sum is made only when every child has a figure for the quarter (stored or itself summed),
  since a sum of some districts would understate the whole;
- a summed figure is illustrative if any of its parts is;
- a metric that is not combinable gets no sums at all.
"""

from collections.abc import Mapping
from decimal import Decimal

from metrics.dashboards import Figure
from priorities.area_tree import AreaTree
from priorities.periods import Quarter

Series = Mapping[Quarter, Figure]


def with_sums(
    stored: Mapping[int, Series], tree: AreaTree, *, combinable: bool
) -> dict[int, dict[Quarter, Figure]]:
    """Each area's series, {area id: {Quarter: Figure}}, with the quarters it has no stored
    value for filled by the sum of its children's figures where the rule above allows."""
    found: dict[int, dict[Quarter, Figure]] = {}

    def fill(area_id: int) -> dict[Quarter, Figure]:
        if area_id in found:
            return found[area_id]
        series = dict(stored.get(area_id, {}))
        parts = [fill(child.pk) for child in tree.children(area_id)] if area_id in tree else []
        if combinable and parts:
            for quarter in set.intersection(*(set(part) for part in parts)) - set(series):
                figures = [part[quarter] for part in parts]
                series[quarter] = Figure(
                    sum((figure.value for figure in figures), Decimal(0)),
                    any(figure.illustrative for figure in figures),
                    summed=True,
                )
        found[area_id] = series
        return series

    for area_id in [*(area.pk for area in tree.ordered()), *stored]:
        fill(area_id)
    return found


def summed_label(depth: int) -> str:
    """How a summed figure is marked: the force adds up its LPAs, an LPA its districts."""
    return "summed from LPAs" if depth == 0 else "summed from districts"
