"""The force's areas as one tree in memory: ancestry, descendants, tree order and names.

Every question about where an area lies (an officer's areas and everything below them, the
areas of a dashboard, the order of the review screen, which heading of an edition an entry may
sit under, which area a label in an imported edition names) is answered here, at any depth:
nothing assumes force → LPA → district has exactly three levels.

Pure: built from anything shaped like an Area (`priorities.selectors.area_tree` reads it from
the database in one or two queries; `priorities.areas_file.area_tree_from_data` from the
areas file's shape), so the importer's parser and the tests can use it without the ORM.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

FORCE, LPA, DISTRICT = "force", "lpa", "district"  # Area.Kind values, without the model
# "Castle Point and Rochford", "Braintree & Uttlesford", "Harlow, Epping Forest and Brentwood"
LABEL_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*")


class AreaLike(Protocol):
    pk: int
    name: str
    kind: str
    parent_id: int | None
    order: int


@dataclass(frozen=True)
class AreaNode:
    """An area outside the database: from the areas file, or named by an imported edition."""

    pk: int
    name: str
    kind: str
    parent_id: int | None
    order: int = 0


def name_key(name: str) -> str:
    """How names and aliases are compared: any case, any spacing, either apostrophe."""
    return " ".join(name.replace("’", "'").split()).casefold()


class AreaTree:
    """Areas by id, with their parents, children, tree order and the names they go by.

    An area whose parent is not in the tree is a root of it, so a tree cut down to the areas
    a user may see (`only`) stays cut down.
    """

    def __init__(self, areas: Iterable[AreaLike], aliases: Mapping[str, int] | None = None):
        self._areas: dict[int, AreaLike] = {}
        self._children: dict[int | None, list[int]] = defaultdict(list)
        self._names: dict[str, int] = {}
        self._written: dict[int, set[str]] = defaultdict(set)
        self._order: dict[int, int] | None = None
        for area in areas:
            self.add(area)
        for alias, pk in (aliases or {}).items():
            self.add_alias(alias, pk)

    def add(self, area: AreaLike) -> None:
        """Put an area in the tree (its parent may come later)."""
        self._areas[area.pk] = area
        self._names[name_key(area.name)] = area.pk
        self._written[area.pk].add(name_key(area.name))
        self._order = None

    def add_alias(self, alias: str, pk: int) -> None:
        if pk in self._areas:
            self._names.setdefault(name_key(alias), pk)
            self._written[pk].add(name_key(alias))

    # Single areas -------------------------------------------------------------------------

    def __contains__(self, pk: object) -> bool:
        return pk in self._areas

    def __len__(self) -> int:
        return len(self._areas)

    def __getitem__(self, pk: int) -> AreaLike:
        return self._areas[pk]

    def get(self, pk: int | None) -> AreaLike | None:
        return self._areas.get(pk) if pk is not None else None

    def parent(self, pk: int) -> AreaLike | None:
        return self.get(self._areas[pk].parent_id)

    def find(self, name: str) -> AreaLike | None:
        """The area with this name or alias (any case and spacing), or None."""
        pk = self._names.get(name_key(name))
        return self._areas[pk] if pk is not None else None

    def find_all(self, label: str) -> list[AreaLike] | None:
        """The areas a label names, as written ("Canvey Island", "Rochford and Castle Point"),
        in the label's order; None when any part is not an area ("Local Policing Support")."""
        label = label.strip().rstrip(":").strip()
        if not label or len(label) > 200:
            return None
        whole = self.find(label)
        if whole is not None:
            return [whole]
        parts = [part for part in LABEL_SPLIT.split(label) if part]
        found = [self.find(part) for part in parts]
        if len(parts) < 2 or any(area is None for area in found):
            return None
        return list({area.pk: area for area in found}.values())

    def names(self) -> dict[str, int]:
        """Every name and alias (compared with `name_key`) and the area it names."""
        return dict(self._names)

    def names_of(self, pk: int) -> frozenset[str]:
        """Every name the area is written as (compared with `name_key`)."""
        return frozenset(self._written.get(pk, ()))

    # Ancestry -----------------------------------------------------------------------------

    def ancestors(self, pk: int) -> list[AreaLike]:
        """The area's parent, its parent's parent, ... up to a root (nearest first)."""
        found, seen = [], {pk}
        parent = self.parent(pk) if pk in self._areas else None
        while parent is not None and parent.pk not in seen:  # a loop in bad data ends here
            found.append(parent)
            seen.add(parent.pk)
            parent = self.get(parent.parent_id)
        return found

    def depth(self, pk: int) -> int:
        """0 for a root (the force), 1 for its children, and so on."""
        return len(self.ancestors(pk))

    def contains(self, outer: int | None, inner: int | None) -> bool:
        """Whether area `inner` is `outer` or lies anywhere below it."""
        if outer is None or inner is None or inner not in self._areas:
            return False
        return inner == outer or any(a.pk == outer for a in self.ancestors(inner))

    def ancestor_of_kind(self, pk: int, kind: str) -> AreaLike | None:
        """The area itself or its nearest ancestor of this kind ("the LPA of a district")."""
        for area in [self._areas[pk], *self.ancestors(pk)] if pk in self._areas else []:
            if area.kind == kind:
                return area
        return None

    def common_ancestor(self, pks: Iterable[int]) -> AreaLike | None:
        """The deepest area that contains all of them (one of them, if it contains the rest)."""
        chains = [[pk, *(a.pk for a in self.ancestors(pk))] for pk in pks if pk in self._areas]
        if not chains:
            return None
        shared = set(chains[0]).intersection(*chains[1:])
        return next((self._areas[pk] for pk in chains[0] if pk in shared), None)

    # Descendants --------------------------------------------------------------------------

    def children(self, pk: int | None) -> list[AreaLike]:
        """The area's children in tree order (`None`: the roots)."""
        self._ensure_order()
        return [self._areas[child] for child in self._children.get(pk, ())]

    def within(self, pk: int) -> list[int]:
        """The area and every area below it, in tree order."""
        if pk not in self._areas:
            return []
        self._ensure_order()
        found, seen, waiting = [], set(), [pk]
        while waiting:
            current = waiting.pop()
            if current in seen:  # a loop in bad data
                continue
            seen.add(current)
            found.append(current)
            waiting.extend(reversed(self._children.get(current, ())))
        return found

    def with_descendants(self, pks: Iterable[int]) -> frozenset[int]:
        """The areas and every area below any of them."""
        return frozenset(found for pk in pks for found in self.within(pk))

    def only(self, pks: Iterable[int]) -> "AreaTree":
        """The same tree cut down to these areas; one whose parent is left out becomes a root."""
        keep = set(pks)
        tree = AreaTree(area for area in self.ordered() if area.pk in keep)
        for key, pk in self._names.items():
            if pk in keep:
                tree.add_alias(key, pk)
        return tree

    # Order --------------------------------------------------------------------------------

    def ordered(self) -> list[AreaLike]:
        """Every area in tree order: a root, then each child followed by everything below it;
        siblings by their `order`, then name; roots in the order they were given."""
        self._ensure_order()
        return sorted(self._areas.values(), key=lambda area: self._order[area.pk])

    def rank(self, pk: int | None) -> int:
        """The area's place in tree order (-1 for no area), a sort key for any list of areas."""
        self._ensure_order()
        return self._order.get(pk, -1) if pk is not None else -1

    def _ensure_order(self) -> None:
        if self._order is not None:
            return
        self._children = defaultdict(list)
        for area in self._areas.values():
            parent = area.parent_id if area.parent_id in self._areas else None
            self._children[parent].append(area.pk)
        for parent, siblings in self._children.items():
            if parent is not None:  # roots keep the order they came in (see `only`)
                siblings.sort(key=lambda pk: (self._areas[pk].order, self._areas[pk].name))
        self._order = {}
        # Roots first; areas caught in a loop of parents (bad data) have no root and go last.
        for root in [*self._children[None], *self._areas]:
            for pk in self._walk(root):
                self._order[pk] = len(self._order)

    def _walk(self, pk: int) -> Iterator[int]:
        waiting = [pk]
        while waiting:
            current = waiting.pop()
            if current in self._order:
                continue
            yield current
            waiting.extend(reversed(self._children.get(current, ())))
