"""Writes for the plan, periods, areas and users' roles."""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from priorities.models import Area, AreaAlias, Period


def period_get_or_create(*, year: int, quarter: int) -> Period:
    period, _ = Period.objects.get_or_create(year=year, quarter=quarter)
    return period


@transaction.atomic
def area_get_or_create(*, name: str, kind: str, parent: Area | None) -> Area:
    area, created = Area.objects.get_or_create(name=name, defaults={"kind": kind, "parent": parent})
    return area


class AreasFileError(ValueError):
    """The areas file (gazetteer) is not shaped as load_areas expects; says what and where."""


@dataclass(frozen=True)
class AreasLoaded:
    created: int
    updated: int
    aliases: int
    force: Area


@transaction.atomic
def areas_load(*, data: Mapping) -> AreasLoaded:
    """Create or update the force, its LPAs, districts and aliases from plain gazetteer data.

    Idempotent: areas are matched by name, so loading twice changes nothing; areas and aliases
    the file does not mention are kept (entries and figures may point at them).
    """
    force_data = _areas_mapping(data.get("force"), "force")
    force_name = _areas_name(force_data, "force")
    other_force = Area.objects.filter(kind=Area.Kind.FORCE).exclude(name=force_name).first()
    if other_force is not None:
        raise AreasFileError(
            f'The database already holds the force "{other_force.name}"; the file describes '
            f'"{force_name}". One installation serves one force.'
        )
    counts = {"created": 0, "updated": 0, "aliases": 0}
    force = _area_put(force_name, Area.Kind.FORCE, None, 0, counts)
    counts["aliases"] += _aliases_put(force, force_data, "force")
    _population_put(force, force_data, "force")
    lpas = data.get("lpas")
    if not isinstance(lpas, list) or not lpas:
        raise AreasFileError('"lpas" must be a non-empty list of Local Policing Areas')
    for lpa_index, raw_lpa in enumerate(lpas, start=1):
        where = f"lpas[{lpa_index}]"
        lpa_data = _areas_mapping(raw_lpa, where)
        lpa = _area_put(_areas_name(lpa_data, where), Area.Kind.LPA, force, lpa_index, counts)
        counts["aliases"] += _aliases_put(lpa, lpa_data, where)
        _population_put(lpa, lpa_data, where)
        districts = lpa_data.get("districts", [])
        if not isinstance(districts, list):
            raise AreasFileError(f'{where} "{lpa.name}": "districts" must be a list')
        for index, raw in enumerate(districts, start=1):
            district_where = f"{where}.districts[{index}]"
            district_data = _areas_mapping(raw, district_where)
            name = _areas_name(district_data, district_where)
            district = _area_put(name, Area.Kind.DISTRICT, lpa, index, counts)
            counts["aliases"] += _aliases_put(district, district_data, district_where)
            _population_put(district, district_data, district_where)
    return AreasLoaded(force=force, **counts)


def _areas_mapping(value, where: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise AreasFileError(f"{where}: expected an object with a name")
    return value


def _areas_name(data: Mapping, where: str) -> str:
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise AreasFileError(f'{where}: "name" must be a non-empty text')
    name = " ".join(name.split())
    if len(name) > Area._meta.get_field("name").max_length:
        raise AreasFileError(f'{where}: the name "{name[:40]}…" is too long')
    return name


def _area_put(name: str, kind: str, parent: Area | None, order: int, counts: dict) -> Area:
    area, created = Area.objects.get_or_create(
        name=name, defaults={"kind": kind, "parent": parent, "order": order}
    )
    if created:
        counts["created"] += 1
    elif (area.kind, area.parent_id, area.order) != (kind, parent and parent.pk, order):
        area.kind, area.parent, area.order = kind, parent, order
        area.save(update_fields=["kind", "parent", "order"])
        counts["updated"] += 1
    return area


def _aliases_put(area: Area, data: Mapping, where: str) -> int:
    aliases = data.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise AreasFileError(f'{where} "{area.name}": "aliases" must be a list of names')
    changed = 0
    for alias in aliases:
        alias = " ".join(alias.split())
        if not alias or alias.casefold() == area.name.casefold():
            continue
        if len(alias) > AreaAlias._meta.get_field("name").max_length:
            raise AreasFileError(f'{where} "{area.name}": the alias "{alias[:40]}…" is too long')
        if Area.objects.filter(name__iexact=alias).exclude(pk=area.pk).exists():
            raise AreasFileError(f'{where}: the alias "{alias}" is already the name of an area')
        row, created = AreaAlias.objects.get_or_create(name=alias, defaults={"area": area})
        if not created and row.area_id != area.pk:
            row.area = area
            row.save(update_fields=["area"])
            changed += 1
        changed += created
    return changed


def _population_put(area: Area, data: Mapping, where: str) -> None:
    """An optional "population": {"residents": 187000, "source": "...", "year": 2020}."""
    if "population" not in data:
        return
    raw = data["population"]
    where = f'{where} "{area.name}": "population"'
    if not isinstance(raw, Mapping):
        raise AreasFileError(f'{where} must be an object with "residents", "source" and "year"')
    residents, source, year = raw.get("residents"), raw.get("source", ""), raw.get("year")
    if isinstance(residents, bool) or not isinstance(residents, int) or residents < 1:
        raise AreasFileError(f'{where}: "residents" must be a whole number above zero')
    if not isinstance(source, str) or len(source) > 200:
        raise AreasFileError(f'{where}: "source" must be a text of 200 characters at most')
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise AreasFileError(f'{where}: "year" must be a year such as 2020')
    if year is not None and not 1900 <= year <= 2200:
        raise AreasFileError(f'{where}: "year" {year} is not a plausible year')
    area_population_set(area=area, residents=residents, source=source.strip(), year=year)


def area_population_set(*, area: Area, residents: int, source: str, year: int | None) -> None:
    """Set an area's resident population (for rates per 1,000 residents) and where it is from."""
    if (area.population, area.population_source, area.population_year) == (residents, source, year):
        return
    area.population, area.population_source, area.population_year = residents, source, year
    area.save(update_fields=["population", "population_source", "population_year"])


DEFAULT_AREAS_FILE = Path(__file__).resolve().parent / "data" / "areas.json"


def areas_load_file(*, path: Path = DEFAULT_AREAS_FILE) -> AreasLoaded:
    """Load a gazetteer file (JSON); AreasFileError names the file and what is wrong."""
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
    try:
        return areas_load(data=data)
    except AreasFileError as error:
        raise AreasFileError(f"{path}: {error}") from error


@transaction.atomic
def periods_set_open(*, periods, is_open: bool) -> int:
    """Open periods for officers' entries, or close them (the PAU's call); returns how many."""
    return Period.objects.filter(pk__in=[period.pk for period in periods]).update(is_open=is_open)
