"""The force's areas as plain data, for reading area headings and labels in an edition's text.

Built from the database by the store (or from the shipped JSON in tests), then handed to the
pure parser, which never touches the ORM.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

FORCE, LPA, DISTRICT = "force", "lpa", "district"
DEPTH = {FORCE: 0, LPA: 1, DISTRICT: 2}
# "East LPA", "North East Local Policing Area": an LPA heading the gazetteer may not know yet.
LPA_NAME = re.compile(r"^[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)? (?:LPA|Local Policing Area)$")
LABEL_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*")


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # FORCE, LPA or DISTRICT
    parent: str | None

    @property
    def depth(self) -> int:
        return DEPTH[self.kind]


@dataclass
class Gazetteer:
    force: str | None = None
    places: dict[str, Place] = field(default_factory=dict)  # casefolded name → place
    aliases: dict[str, str] = field(default_factory=dict)  # casefolded alias → area name

    @classmethod
    def from_rows(
        cls, areas: list[tuple[str, str, str | None]], aliases: Mapping[str, str]
    ) -> "Gazetteer":
        """From (name, kind, parent name) rows and alias → area name."""
        gazetteer = cls()
        for name, kind, parent in areas:
            gazetteer.add(Place(name, kind, parent))
        gazetteer.aliases = {_key(alias): name for alias, name in aliases.items()}
        return gazetteer

    @classmethod
    def from_data(cls, data: Mapping) -> "Gazetteer":
        """From the shape of priorities/data/areas.json."""
        force = data["force"]["name"]
        rows: list[tuple[str, str, str | None]] = [(force, FORCE, None)]
        aliases = {alias: force for alias in data["force"].get("aliases", [])}
        for lpa in data["lpas"]:
            rows.append((lpa["name"], LPA, force))
            aliases.update({alias: lpa["name"] for alias in lpa.get("aliases", [])})
            for district in lpa.get("districts", []):
                rows.append((district["name"], DISTRICT, lpa["name"]))
                aliases.update({alias: district["name"] for alias in district.get("aliases", [])})
        return cls.from_rows(rows, aliases)

    def add(self, place: Place) -> None:
        self.places[_key(place.name)] = place
        if place.kind == FORCE and self.force is None:
            self.force = place.name

    def find_one(self, name: str) -> Place | None:
        key = _key(name)
        if key in self.places:
            return self.places[key]
        alias = self.aliases.get(key)
        return self.places.get(_key(alias)) if alias else None

    def find(self, label: str) -> list[Place] | None:
        """The places a label names ("Castle Point and Rochford"), or None if any part is not
        an area: a label like "Local Policing Support Unit" is text, not an area."""
        label = label.strip().rstrip(":").strip()
        if not label or len(label) > 80:
            return None
        whole = self.find_one(label)
        if whole is not None:
            return [whole] if whole.kind != FORCE else None
        parts = [part for part in LABEL_SPLIT.split(label) if part]
        if len(parts) < 2:
            return None
        places = [self.find_one(part) for part in parts]
        if any(place is None or place.kind == FORCE for place in places):
            return None
        return list(dict.fromkeys(places))

    def within(self, name: str, ancestor: str) -> bool:
        """Whether area `name` is `ancestor` or lies below it."""
        place = self.find_one(name)
        while place is not None:
            if _key(place.name) == _key(ancestor):
                return True
            place = self.find_one(place.parent) if place.parent else None
        return False


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()
