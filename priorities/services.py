"""Writes for the plan, periods, areas and users' roles."""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from priorities.areas_file import (
    DEFAULT_AREAS_FILE,
    AreaRow,
    AreasFileError,
    area_rows,
    areas_file_read,
)
from priorities.models import Area, AreaAlias, Period


def area_slug_free(name: str) -> str:
    """An unused address for an area named `name`: "Castle Point" → "castle-point", then
    "castle-point-2"... if that is taken."""
    base = slugify(name)[:130] or "area"
    taken = set(Area.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def period_get_or_create(*, year: int, quarter: int) -> Period:
    period, _ = Period.objects.get_or_create(year=year, quarter=quarter)
    return period


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
    rows = area_rows(data)
    force_name = rows[0].name
    other_force = Area.objects.filter(kind=Area.Kind.FORCE).exclude(name=force_name).first()
    if other_force is not None:
        raise AreasFileError(
            f'The database already holds the force "{other_force.name}"; the file describes '
            f'"{force_name}". One installation serves one force.'
        )
    counts = {"created": 0, "updated": 0, "aliases": 0}
    put: dict[str, Area] = {}
    for row in rows:
        area = _area_put(row, put.get(row.parent), counts)
        put[row.name] = area
        counts["aliases"] += _aliases_put(area, row)
        _population_put(area, row)
    return AreasLoaded(force=put[force_name], **counts)


def _area_put(row: AreaRow, parent: Area | None, counts: dict) -> Area:
    kind, order = row.kind, row.order
    area, created = Area.objects.get_or_create(
        name=row.name,
        defaults={
            "kind": kind,
            "parent": parent,
            "order": order,
            "slug": lambda: area_slug_free(row.name),
        },
    )
    if not area.slug:  # made elsewhere without an address
        area.slug = area_slug_free(area.name)
        area.save(update_fields=["slug"])
    if created:
        counts["created"] += 1
    elif (area.kind, area.parent_id, area.order) != (kind, parent and parent.pk, order):
        area.kind, area.parent, area.order = kind, parent, order
        area.save(update_fields=["kind", "parent", "order"])
        counts["updated"] += 1
    return area


def _aliases_put(area: Area, row: AreaRow) -> int:
    changed = 0
    for alias in row.aliases:
        if Area.objects.filter(name__iexact=alias).exclude(pk=area.pk).exists():
            raise AreasFileError(f'{row.where}: the alias "{alias}" is already the name of an area')
        found, created = AreaAlias.objects.get_or_create(name=alias, defaults={"area": area})
        if not created and found.area_id != area.pk:
            found.area = area
            found.save(update_fields=["area"])
            changed += 1
        changed += created
    return changed


def _population_put(area: Area, row: AreaRow) -> None:
    """An optional "population": {"residents": 187000, "source": "...", "year": 2020}."""
    if row.population is None:
        return
    raw = row.population
    where = f'{row.where} "{area.name}": "population"'
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


def areas_load_file(*, path: Path = DEFAULT_AREAS_FILE) -> AreasLoaded:
    """Load a gazetteer file (JSON); AreasFileError names the file and what is wrong."""
    data = areas_file_read(path)
    try:
        return areas_load(data=data)
    except AreasFileError as error:
        raise AreasFileError(f"{path}: {error}") from error


@transaction.atomic
def periods_set_open(*, periods, is_open: bool) -> int:
    """Open periods for officers' entries, or close them (the PAU's call); returns how many.

    Saved one by one (a handful of quarters) so that each change is in the period's history
    with who made it."""
    chosen = list(Period.objects.select_for_update().filter(pk__in=[p.pk for p in periods]))
    for period in chosen:
        period.is_open = is_open
        period.save(update_fields=["is_open"])
    return len(chosen)
