"""Where an entry of an edition belongs in the area tree, and the words that say so.

An entry is for its named areas when it names two or more below LPA level ("Castle Point and
Rochford"), else for its own area. Its *scope* adds the areas of the entries nested under it,
since they are printed inside it: a heading may stand above the entry only if its area holds
the whole scope. Labels are the writer's own ("Canvey Island") when there is one; otherwise the
areas' names.
"""

from dataclasses import dataclass

from narratives.models import Entry
from priorities.area_tree import AreaLike, AreaTree


@dataclass(frozen=True)
class Place:
    """Where a top-level entry goes: its LPA (None: force-wide) and its districts (may be
    empty: for the LPA itself), with the label its run of entries is printed under."""

    lpa: AreaLike | None
    districts: tuple[AreaLike, ...]
    label: str  # as written, or the areas' names; "" for a force-wide entry with no label

    @property
    def key(self) -> tuple:
        """Consecutive entries with the same key share a heading."""
        return (
            getattr(self.lpa, "pk", None),
            tuple(d.pk for d in self.districts),
            self.label.casefold(),
        )


class EditionAreas:
    """The one area tree (`priorities.area_tree`) as an edition's layout asks it."""

    def __init__(self, tree: AreaTree, children: dict[int, list[Entry]]):
        self.tree, self.children = tree, children
        self._own: dict[int, tuple[AreaLike, ...]] = {}  # asked for each entry several times
        self.force = next((a for a in tree.ordered() if tree.depth(a.pk) == 0), None)

    def own(self, entry: Entry) -> tuple[AreaLike, ...]:
        """The areas the entry is for, in tree order."""
        if entry.pk not in self._own:
            self._own[entry.pk] = self._own_areas(entry)
        return self._own[entry.pk]

    def _own_areas(self, entry: Entry) -> tuple[AreaLike, ...]:
        below_lpa = [
            a for a in entry.areas.all() if a.pk in self.tree and self.tree.depth(a.pk) >= 2
        ]
        if len(below_lpa) >= 2:
            return tuple(sorted(below_lpa, key=lambda a: self.tree.rank(a.pk)))
        area = self.tree.get(entry.area_id) or entry.area
        return (area,)

    def scope(self, entry: Entry) -> set[int]:
        """The entry's own areas and those of every entry nested under it."""
        found = {area.pk for area in self.own(entry)}
        for child in self.children.get(entry.pk, ()):
            found |= self.scope(child)
        return found

    def place(self, entry: Entry) -> Place:
        scope = self.scope(entry)
        common = self.tree.common_ancestor(scope)
        lpa = self._lpa_of(common.pk) if common is not None else None
        own = self.own(entry)
        districts: tuple[AreaLike, ...] = ()
        below_lpa = lpa is not None and all(self.tree.depth(a.pk) >= 2 for a in own)
        if below_lpa and all(any(self.tree.contains(d.pk, pk) for d in own) for pk in scope):
            districts = own
        written = entry.area_label.strip()
        return Place(lpa, districts, written or self.names(districts or ((lpa,) if lpa else ())))

    def _lpa_of(self, pk: int) -> AreaLike | None:
        """The area at LPA level (depth 1) holding this one; None for the force."""
        chain = [self.tree[pk], *self.tree.ancestors(pk)]
        return chain[-2] if len(chain) >= 2 else None

    def sort_key(self, entry: Entry, place: Place) -> tuple:
        # Stored order first (document order of an imported edition is kept exactly); entries
        # with equal order, as written in the browser, go force-wide, then by tree order.
        lpa_rank = self.tree.rank(place.lpa.pk) if place.lpa else -1
        district_rank = self.tree.rank(place.districts[0].pk) if place.districts else -1
        return (entry.order, lpa_rank, district_rank, entry.pk)

    @staticmethod
    def names(areas) -> str:
        names = [area.name for area in areas]
        if len(names) < 2:
            return names[0] if names else ""
        return ", ".join(names[:-1]) + " and " + names[-1]

    def inline_label(self, entry: Entry) -> str:
        """The label printed before the entry's text: as written, else the areas' names unless
        the text itself opens with a label for them ("Canvey Island: ...")."""
        if entry.area_label.strip():
            return entry.area_label.strip()
        own = self.own(entry)
        if self._text_labelled(entry.text, own):
            return ""
        return self.names(own) if own and self.tree.depth(own[0].pk) > 0 else ""

    def _text_labelled(self, text: str, own) -> bool:
        head = text.split(":", 1)[0] if ":" in text[:80] else ""
        named = self.tree.find_all(head) if head.strip() else None
        if not named:
            return False
        return all(
            any(self.tree.contains(a.pk, n.pk) or self.tree.contains(n.pk, a.pk) for a in own)
            for n in named
        )
