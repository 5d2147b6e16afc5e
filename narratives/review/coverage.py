"""Which areas of the plan have nothing written for a period, and who is meant to write it.

Every LPA and district of the one area tree counts (every area below the force), whether or
not an officer is assigned to it: an area nobody is assigned to is exactly the one that is
easy to forget, so it is said so.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from narratives.models import Entry
from priorities.area_tree import FORCE, AreaTree
from priorities.models import Area, Period
from priorities.roles import officer_assignments


@dataclass
class SilentArea:
    area: Area
    officers: list[str] = field(default_factory=list)  # officers of it or of an area above it

    @property
    def has_officer(self) -> bool:
        return bool(self.officers)


def named_areas(*, period: Period) -> dict[int, set[int]]:
    """For each entry of the period, the areas it names besides its own (one query)."""
    named = defaultdict(set)
    links = Entry.areas.through.objects.filter(entry__period=period)
    for entry_id, area_id in links.values_list("entry_id", "area_id"):
        named[entry_id].add(area_id)
    return named


def _officers_by_area() -> dict[int, list[str]]:
    found = defaultdict(list)
    assignments = officer_assignments().select_related("user").order_by("user__username")
    for assignment in assignments:
        user = assignment.user
        found[assignment.area_id].append(user.get_full_name() or user.get_username())
    return found


def silent_areas(
    *,
    entries: list[Entry],
    named: dict[int, set[int]],
    tree: AreaTree,
    within: frozenset[int] | None = None,
) -> list[SilentArea]:
    """Areas below the force (within `within`, if given) with no entry for them, for an area
    below them, or naming them. An entry for a district counts for its LPA too."""
    written = set()
    for entry in entries:
        written.add(entry.area_id)
        written.update(named.get(entry.pk, ()))
    covered = set()
    for area_id in written & {area.pk for area in tree.ordered()}:
        covered.update([area_id, *(area.pk for area in tree.ancestors(area_id))])
    officers = _officers_by_area()
    silent = []
    for area in tree.ordered():
        if (
            area.kind == FORCE
            or area.pk in covered
            or (within is not None and area.pk not in within)
        ):
            continue
        chain = [area.pk, *(above.pk for above in tree.ancestors(area.pk))]
        names = sorted({name for pk in chain for name in officers.get(pk, [])})
        silent.append(SilentArea(area=area, officers=names))
    return silent
