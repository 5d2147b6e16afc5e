"""Reads for the figures check: stored metric values and acceptances for a batch of entries,
and the findings of an edition being imported, before its entries are stored.

An imported edition's parsed entries are checked each on its own (`check_text`), and against the
metric values stored for the edition's period and the entry's area where there are any. Run on
a dry run, those are the values from before the import; after a real import, the values the
import wrote come from the same text.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from metrics.models import MetricValue
from narratives.figures.check import Finding, StoredFigure, check_text, entry_check, metric_findings
from narratives.models import Entry, FindingAcceptance
from priorities.models import Area
from priorities.periods import Quarter

MetricValues = dict[tuple[int, int], dict[str, StoredFigure]]


@dataclass(frozen=True)
class EntryFinding:
    """A finding on an entry, with the analyst's acceptance where there is one."""

    entry: Entry
    finding: Finding
    acceptance: FindingAcceptance | None = None

    @property
    def is_accepted(self) -> bool:
        return self.acceptance is not None


def metric_values_for_entries(entries: Iterable[Entry]) -> MetricValues:
    """The stored values of the entries' periods and areas, in one query.

    Keyed by (period id, area id), then metric code. Demo values made up for illustration are
    left out: a writer's figure cannot be wrong against an invented one.
    """
    entries = list(entries)
    periods = {entry.period_id for entry in entries}
    areas = {entry.area_id for entry in entries}
    if not entries:
        return {}
    rows = (
        MetricValue.objects.filter(period_id__in=periods, area_id__in=areas, illustrative=False)
        .order_by()
        .values_list(
            "period_id", "area_id", "metric__code", "metric__name", "metric__unit", "value",
            "period__year", "period__quarter", "area__name",
        )
    )  # fmt: skip
    values: MetricValues = {}
    for period_id, area_id, code, name, unit, value, year, quarter, area in rows:
        label = Quarter(year, quarter).label
        figure = StoredFigure(code, name, unit, value, label, area)
        values.setdefault((period_id, area_id), {})[code] = figure
    return values


def acceptances_for_entries(entries: Iterable[Entry]) -> dict[tuple[int, str], FindingAcceptance]:
    """Every acceptance of the entries' findings, by (entry id, key), in one query."""
    ids = [entry.pk for entry in entries]
    acceptances = FindingAcceptance.objects.filter(entry_id__in=ids).select_related("by")
    return {(a.entry_id, a.key): a for a in acceptances}


@dataclass(frozen=True)
class EntryCheck:
    """An entry's findings and how many of its claims the check could settle."""

    entry: Entry
    items: list[EntryFinding]
    claims: int


def checks_for_entries(entries: Iterable[Entry]) -> list[EntryCheck]:
    """The check of each of a batch of entries: two queries for any number."""
    entries = list(entries)
    values = metric_values_for_entries(entries)
    acceptances = acceptances_for_entries(entries) if entries else {}
    checks = []
    for entry in entries:
        found = entry_check(entry=entry, metric_values=values)
        items = [EntryFinding(entry, f, acceptances.get((entry.pk, f.key))) for f in found.findings]
        checks.append(EntryCheck(entry, items, found.claims))
    return checks


def findings_for_entries(entries: Iterable[Entry]) -> list[EntryFinding]:
    """The findings of a batch of entries with their acceptances: two queries for any number."""
    return [item for check in checks_for_entries(entries) for item in check.items]


def entries_of_period(*, year: int, quarter: int):
    """The period's entries in the edition's order, with what their labels show."""
    return (
        Entry.objects.filter(period__year=year, period__quarter=quarter)
        .select_related("area", "commitment__priority")
        .order_by("commitment__priority__number", "commitment__order", "parent_id", "order", "pk")
    )


def entry_label(entry: Entry) -> str:
    """How a finding names its entry: number, priority and commitment, area, opening words."""
    commitment = entry.commitment
    opening = " ".join(entry.text.split()[:8])
    return f"#{entry.pk} {commitment.reference} {entry.area.name}: {opening}…"


def metric_values_by_area_name(*, year: int, quarter: int) -> dict[str | None, dict]:
    """A period's stored values by area name, in one query; the force's also under None.

    For text not yet stored as entries (an edition being imported), whose areas are names.
    """
    rows = (
        MetricValue.objects.filter(period__year=year, period__quarter=quarter, illustrative=False)
        .order_by()
        .values_list(
            "metric__code", "metric__name", "metric__unit", "value", "area__name", "area__kind",
        )
    )  # fmt: skip
    label = Quarter(year, quarter).label
    values: dict[str | None, dict] = {}
    for code, name, unit, value, area, kind in rows:
        figure = StoredFigure(code, name, unit, value, label, area)
        for key in (area, None) if kind == Area.Kind.FORCE else (area,):
            values.setdefault(key, {})[code] = figure
    return values


def parsed_edition_findings(edition) -> list[dict]:
    """Findings as the importer's JSON lists them: entry, stated, expected, message."""
    quarter = edition.cover.period
    stored = metric_values_by_area_name(year=quarter.year, quarter=quarter.quarter)
    rows = []
    for priority in edition.priorities:
        for order, commitment in enumerate(priority.commitments, start=1):
            for entry in commitment.all_entries():
                found = check_text(entry.text)
                found += metric_findings(entry.text, stored.get(entry.area, {}))
                label = _label(priority.number, order, entry)
                rows += [_row(label, finding) for finding in found]
    return rows


def _label(priority: int, order: int, entry) -> str:
    opening = " ".join(entry.text.split()[:8])
    return f"{priority}.{order} {entry.area or 'force-wide'} (line {entry.line}): {opening}…"


def _row(label: str, finding) -> dict:
    return {
        "entry": label,
        "stated": finding.stated,
        "expected": finding.expected,
        "message": finding.message,
    }
