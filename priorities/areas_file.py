"""The areas file (`priorities/data/areas.json`): its shape, read in one place.

    {"force": {"name": ..., "aliases": [...]},
     "lpas": [{"name": ..., "aliases": [...], "districts": [{"name": ..., "aliases": [...]}]}]}

A district may list "districts" of its own (a town within it, say), to any depth. Both the
loader (`priorities.services.areas_load`) and the in-memory tree (`area_tree_from_data`, which
the importer's tests use without a database) read the file through `area_rows`, so they cannot
disagree about what it says. Pure: no ORM.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from priorities.area_tree import DISTRICT, FORCE, LPA, AreaNode, AreaTree

NAME_LENGTH = 120  # Area.name and AreaAlias.name
DEFAULT_AREAS_FILE = Path(__file__).resolve().parent / "data" / "areas.json"


class AreasFileError(ValueError):
    """The areas file (gazetteer) is not shaped as load_areas expects; says what and where."""


@dataclass(frozen=True)
class AreaRow:
    """One area of the file, parents before children."""

    name: str
    kind: str
    parent: str | None  # the parent's name
    order: int  # position among its siblings, from 1 (the force: 0)
    aliases: tuple[str, ...]
    where: str  # "lpas[1].districts[2]", for messages
    population: object = None  # as the file gives it; checked where it is stored


def areas_file_read(path: Path = DEFAULT_AREAS_FILE) -> Mapping:
    """The file's JSON object; AreasFileError names the file and what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise AreasFileError(f"{path}: no such file") from error
    except OSError as error:  # a folder, no permission
        raise AreasFileError(f"{path}: cannot be read ({error.strerror or error})") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise AreasFileError(f"{path}: not a JSON areas file ({error})") from error
    if not isinstance(data, Mapping):
        raise AreasFileError(f"{path}: expected a JSON object with a force and its lpas")
    return data


def area_rows(data: Mapping) -> list[AreaRow]:
    """Every area the data describes, checked; AreasFileError says what is wrong and where."""
    force = _row(data.get("force"), "force", FORCE, None, 0)
    lpas = data.get("lpas")
    if not isinstance(lpas, list) or not lpas:
        raise AreasFileError('"lpas" must be a non-empty list of Local Policing Areas')
    rows = [force]
    for index, raw in enumerate(lpas, start=1):
        rows.extend(_with_districts(raw, f"lpas[{index}]", LPA, force.name, index))
    return rows


def _with_districts(raw, where: str, kind: str, parent: str, order: int) -> list[AreaRow]:
    row = _row(raw, where, kind, parent, order)
    districts = raw.get("districts", [])
    if not isinstance(districts, list):
        raise AreasFileError(f'{where} "{row.name}": "districts" must be a list')
    rows = [row]
    for index, child in enumerate(districts, start=1):
        rows.extend(
            _with_districts(child, f"{where}.districts[{index}]", DISTRICT, row.name, index)
        )
    return rows


def _row(raw, where: str, kind: str, parent: str | None, order: int) -> AreaRow:
    if not isinstance(raw, Mapping):
        raise AreasFileError(f"{where}: expected an object with a name")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise AreasFileError(f'{where}: "name" must be a non-empty text')
    name = " ".join(name.split())
    if len(name) > NAME_LENGTH:
        raise AreasFileError(f'{where}: the name "{name[:40]}…" is too long')
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise AreasFileError(f'{where} "{name}": "aliases" must be a list of names')
    kept = []
    for alias in (" ".join(a.split()) for a in aliases):
        if len(alias) > NAME_LENGTH:
            raise AreasFileError(f'{where} "{name}": the alias "{alias[:40]}…" is too long')
        if alias and alias.casefold() != name.casefold():
            kept.append(alias)
    return AreaRow(name, kind, parent, order, tuple(kept), where, raw.get("population"))


def area_tree_from_data(data: Mapping) -> AreaTree:
    """The tree the data describes, without a database; ids are given in file order."""
    ids: dict[str, int] = {}
    nodes, aliases = [], {}
    for row in area_rows(data):
        ids[row.name] = pk = len(ids) + 1
        nodes.append(AreaNode(pk, row.name, row.kind, ids.get(row.parent), row.order))
        aliases.update(dict.fromkeys(row.aliases, pk))
    return AreaTree(nodes, aliases)
