"""What every bulk import resource (metric values, entries) reads the same way: areas by name
or alias, quarters by label, and rows that repeat an earlier one.

Each is loaded once per file, not once per row, and a cell that names nothing known gets the
same sentence in every import: what is wrong, quoting the cell.
"""

from pcp.spreadsheets.cells import cell_text
from priorities.models import Area, AreaAlias, Period
from priorities.periods import parse_quarter
from priorities.selectors import periods_by_quarter


def _name_key(text: str) -> str:
    """ "North  lpa" and "North LPA" name the same area."""
    return " ".join(text.split()).lower()


def areas_by_name() -> dict[str, Area]:
    """Every area by its name and by each of its aliases (a name wins over an alias)."""
    areas = {_name_key(area.name): area for area in Area.objects.all()}
    for alias in AreaAlias.objects.select_related("area"):
        areas.setdefault(_name_key(alias.name), alias.area)
    return areas


class ImportLookupsMixin:
    """For an import resource: `load_lookups()` in before_import, then `find_area` and
    `find_period` for a row's cells (ValueError with the sentence to show), and
    `first_row_with` for rows that repeat an earlier one. `area_ids` limits the areas a user
    may name (None: any)."""

    area_ids: frozenset[int] | None = None

    def load_lookups(self) -> None:
        self.areas_by_name = areas_by_name()
        self.periods_by_quarter = periods_by_quarter()
        self.first_rows: dict[object, int] = {}

    def find_area(self, value) -> Area:
        text = cell_text(value)
        if not text:
            raise ValueError("the area is missing")
        found = self.areas_by_name.get(_name_key(text))
        if found is None:
            raise ValueError(f'unknown area "{text[:60]}"')
        if self.area_ids is not None and found.pk not in self.area_ids:
            raise ValueError(f'"{found.name}" is not one of your areas')
        return found

    def find_period(self, value) -> Period:
        text = cell_text(value)
        if not text:
            raise ValueError("the period is missing")
        # parse_quarter's ValueError names the expected form
        found = self.periods_by_quarter.get(parse_quarter(text))
        if found is None:
            raise ValueError(f'unknown period "{text[:60]}"')
        return found

    def first_row_with(self, key, number: int) -> int | None:
        """The number of an earlier row of this file with the same `key`, or None."""
        first = self.first_rows.setdefault(key, number)
        return None if first == number else first
