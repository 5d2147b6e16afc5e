"""The force's areas by name, for reading area headings and labels in an edition's text.

A view of the one area tree (`priorities.area_tree`) that speaks in names, as the text does:
the store reads the tree from the database (or the tests from the shipped areas file) and hands
it to the pure parser, which never touches the ORM.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from priorities.area_tree import DISTRICT, FORCE, LPA, AreaLike, AreaNode, AreaTree
from priorities.areas_file import area_tree_from_data

__all__ = ["DISTRICT", "FORCE", "LPA", "LPA_NAME", "Gazetteer", "Place"]

# "East LPA", "North East Local Policing Area": an LPA heading the gazetteer may not know yet.
LPA_NAME = re.compile(r"^[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)? (?:LPA|Local Policing Area)$")


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # FORCE, LPA or DISTRICT
    parent: str | None
    depth: int = 0  # 0 for the force, at any depth below it


class Gazetteer:
    def __init__(self, tree: AreaTree):
        self.tree = tree
        force = next((a for a in tree.ordered() if a.kind == FORCE), None)
        self.force: str | None = force.name if force else None
        self._pattern: re.Pattern | None = None

    @classmethod
    def from_data(cls, data: Mapping) -> "Gazetteer":
        """From the shape of priorities/data/areas.json."""
        return cls(area_tree_from_data(data))

    def add(self, name: str, kind: str, parent: str | None) -> Place:
        """An area the text names that the tree does not hold yet ("East LPA")."""
        parent_area = self.tree.find(parent) if parent else None
        pk = -len(self.tree) - 1  # never a database id
        self.tree.add(AreaNode(pk, name, kind, parent_area.pk if parent_area else None))
        self._pattern = None  # the new name is read from now on
        return self._place(self.tree[pk])

    def find_one(self, name: str) -> Place | None:
        area = self.tree.find(name)
        return self._place(area) if area is not None else None

    def find(self, label: str) -> list[Place] | None:
        """The places a label names ("Castle Point and Rochford"), or None if any part is not
        an area: a label like "Local Policing Support Unit" is text, not an area."""
        if len(label.strip()) > 80:
            return None
        areas = self.tree.find_all(label)
        if not areas or any(area.kind == FORCE for area in areas):
            return None
        return [self._place(area) for area in areas]

    def named_in(self, text: str) -> list[tuple[AreaLike, str]]:
        """The areas (not the force) a running text names, in order of mention, each once, with
        the words it was written as ("Tendring", written "Clacton-on-Sea"). A name counts only
        written with a capital ("Basildon", not "north of the town")."""
        found: dict[int, tuple[AreaLike, str]] = {}
        for match in self._names_pattern().finditer(text):
            written = " ".join(match.group().split())
            area = self.tree.find(written)
            if area is not None and area.kind != FORCE and written[:1].isupper():
                found.setdefault(area.pk, (area, written))
        return list(found.values())

    def _names_pattern(self) -> re.Pattern:
        if self._pattern is None:
            # Longest first, so "Epping Forest" is read whole before "Epping" could be.
            names = sorted(self.tree.names(), key=len, reverse=True)
            words = [r"\s+".join(re.escape(w) for w in name.split()) for name in names]
            either = "|".join(w.replace("'", "['’]") for w in words) or r"(?!x)x"
            self._pattern = re.compile(rf"(?<![\w-])(?:{either})(?![\w-])", re.IGNORECASE)
        return self._pattern

    def within(self, name: str, ancestor: str) -> bool:
        """Whether area `name` is `ancestor` or lies below it."""
        inner, outer = self.tree.find(name), self.tree.find(ancestor)
        return inner is not None and outer is not None and self.tree.contains(outer.pk, inner.pk)

    def _place(self, area) -> Place:
        parent = self.tree.parent(area.pk)
        return Place(
            area.name, area.kind, parent.name if parent else None, self.tree.depth(area.pk)
        )
