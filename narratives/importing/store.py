"""Writes a parsed edition: plan, priorities, commitments, period, areas, operations, entries
and figures — in one transaction, idempotently.

Re-importing an edition replaces the entries an earlier import made for that period and those
commitments (recognised by the change reason in their history, so officers' own entries are
never touched), upserts figures, and reuses everything else.
"""

from dataclasses import dataclass, field
from functools import partial

from django.db import transaction

from metrics.catalogue import BY_CODE
from metrics.models import Metric, MetricValue
from narratives.importing.gazetteer import Gazetteer
from narratives.importing.model import ParsedCommitment, ParsedEdition, ParsedEntry
from narratives.importing.parser import parse_document, same_text_key
from narratives.importing.readers.document import TXT, EditionDocument
from narratives.models import Entry, Operation
from priorities.models import Area, Commitment, Period, Plan, Priority
from priorities.selectors import area_tree
from priorities.services import area_slug_free, areas_load_file, period_get_or_create

IMPORT_REASON = "import_update"  # history change reason of every imported entry


@dataclass
class StoreResult:
    entries: int = 0
    replaced: int = 0
    operations_created: int = 0
    figures: int = 0
    warnings: list[str] = field(default_factory=list)


def gazetteer_from_db() -> Gazetteer:
    return Gazetteer(area_tree(aliases=True))


def edition_import_text(
    *, text: str, source: str = "", by=None, dry_run: bool = False
) -> tuple[ParsedEdition, StoreResult]:
    """Parse and store an edition's text; with dry_run everything is rolled back at the end."""
    document = EditionDocument(text=text, source=TXT)
    return edition_import_document(document=document, source=source, by=by, dry_run=dry_run)


@transaction.atomic
def edition_import_document(
    *, document: EditionDocument, source: str = "", by=None, dry_run: bool = False
) -> tuple[ParsedEdition, StoreResult]:
    """Parse and store an edition read from any file; with dry_run everything is rolled back
    at the end. `source` names the file in the imported entries' history."""
    warnings: list[str] = []
    if not Area.objects.exists():
        loaded = areas_load_file()
        warnings.append(f"No areas were set up: the shipped areas of {loaded.force.name} loaded.")
    edition = parse_document(document, gazetteer=gazetteer_from_db())
    edition.warnings[len(document.notes) : len(document.notes)] = warnings
    result = edition_store(edition=edition, source=source, by=by)
    edition.warnings.extend(result.warnings)
    if dry_run:
        transaction.set_rollback(True)
    return edition, result


@transaction.atomic
def edition_store(*, edition: ParsedEdition, source: str = "", by=None) -> StoreResult:
    result = StoreResult()
    force = _force(edition, result)
    areas = _areas(edition, force)
    plan = _get_or_create(Plan, {"title": edition.cover.plan_title}, {}, by)
    period = period_get_or_create(
        year=edition.cover.period.year, quarter=edition.cover.period.quarter
    )
    commitments = _commitments(edition, plan, by, result)
    result.replaced = _remove_imported(period, [row for _, row in commitments])
    operations = _operations(edition, result)
    reason = f"{IMPORT_REASON}: {source}"[:100]
    writer = _EntryWriter(period, areas, force, operations, by, reason)
    for parsed_commitment, commitment in commitments:
        writer.order = 0  # document order within each commitment
        writer.write(commitment, parsed_commitment.entries)
    result.entries = writer.count
    result.figures = _figures(edition, plan, areas, force, by, result)
    return result


def _get_or_create(model, lookup: dict, defaults: dict, by):
    if by is not None:
        defaults = {**defaults, "created_by": by, "modified_by": by}
    return model.objects.get_or_create(**lookup, defaults=defaults)[0]


def _force(edition: ParsedEdition, result: StoreResult) -> Area:
    forces = list(Area.objects.filter(kind=Area.Kind.FORCE))
    named = edition.cover.force_name
    force = next((f for f in forces if f.name == named), forces[0] if forces else None)
    if force is None:
        name = named or "Force"
        return Area.objects.create(name=name, kind=Area.Kind.FORCE, slug=area_slug_free(name))
    if named and named != force.name:
        result.warnings.append(f'The cover names "{named}"; its entries go to "{force.name}".')
    return force


def _areas(edition: ParsedEdition, force: Area) -> dict[str, Area]:
    for name, kind in edition.new_areas:
        defaults = {"kind": kind, "parent": force, "slug": partial(area_slug_free, name)}
        Area.objects.get_or_create(name=name, defaults=defaults)
    return {area.name: area for area in Area.objects.all()}


def _commitments(edition, plan, by, result) -> list[tuple[ParsedCommitment, Commitment]]:
    """Each parsed commitment with its row, reusing rows with the same words."""
    found: list[tuple[ParsedCommitment, Commitment]] = []
    for parsed in edition.priorities:
        priority = _get_or_create(
            Priority, {"plan": plan, "number": parsed.number}, {"title": parsed.title}, by
        )
        if same_text_key(priority.title) != same_text_key(parsed.title):
            result.warnings.append(
                f'Priority {parsed.number} is titled "{priority.title}" here; the edition says '
                f'"{parsed.title}". The existing title is kept.'
            )
        existing = {same_text_key(c.text): c for c in priority.commitments.all()}
        next_order = max((c.order for c in existing.values()), default=0) + 1
        for commitment in parsed.commitments:
            row = existing.get(same_text_key(commitment.text))
            if row is None:
                row = _get_or_create(
                    Commitment,
                    {"priority": priority, "order": next_order},
                    {"lead_in": commitment.lead_in, "text": commitment.text},
                    by,
                )
                existing[same_text_key(commitment.text)] = row
                next_order += 1
            found.append((commitment, row))
    return found


def _remove_imported(period: Period, commitments: list[Commitment]) -> int:
    imported = Entry.history.filter(
        history_type="+",
        history_change_reason__startswith=IMPORT_REASON,
        period_id=period.pk,
        commitment_id__in=[c.pk for c in commitments],
    ).values_list("id", flat=True)
    doomed = Entry.objects.filter(pk__in=list(imported), period=period, commitment__in=commitments)
    return doomed.delete()[1].get(Entry._meta.label, 0)


def _operations(edition: ParsedEdition, result: StoreResult) -> dict[str, Operation]:
    names: dict[str, str] = {}
    for entry in edition.all_entries():
        for name in entry.operations:
            names.setdefault(Operation.key_for(name), name)
    registry = {op.key: op for op in Operation.objects.filter(key__in=list(names))}
    for key, name in names.items():
        if key not in registry:
            registry[key] = Operation.objects.create(name=name)
            result.operations_created += 1
    return registry


class _EntryWriter:
    """Creates a commitment's entries in document order, parents before children."""

    def __init__(self, period, areas, force, operations, by, reason):
        self.period, self.areas, self.force = period, areas, force
        self.operations, self.by, self.reason = operations, by, reason
        self.count = self.order = 0

    def write(self, commitment: Commitment, entries: list[ParsedEntry], parent=None) -> None:
        for parsed in entries:
            self.count += 1
            self.order += 1
            entry = Entry(
                commitment=commitment,
                period=self.period,
                area=self.areas.get(parsed.area, self.force) if parsed.area else self.force,
                parent=parent,
                order=self.order,
                text=parsed.text,
                area_label=parsed.label,
                area_heading=parsed.label_heading,
                status=Entry.Status.APPROVED,
                created_by=self.by,
                modified_by=self.by,
            )
            entry._change_reason = self.reason
            if self.by is not None:
                entry._history_user = self.by
            entry.save()
            if parsed.areas:
                entry.areas.set([self.areas[name] for name in parsed.areas])
            if parsed.operations:
                keys = {Operation.key_for(name) for name in parsed.operations}
                entry.operations.set([self.operations[key] for key in keys])
            self.write(commitment, parsed.children, parent=entry)


def _figures(edition, plan, areas, force, by, result: StoreResult) -> int:
    priorities = {p.number: p for p in plan.priorities.all()}
    periods: dict = {}
    stored = 0
    for figure in edition.figures:
        definition = BY_CODE.get(figure.metric)
        if definition is None:
            result.warnings.append(f"No metric {figure.metric!r} in the catalogue; not stored.")
            continue
        metric = _get_or_create(
            Metric,
            {"code": definition.code},
            {
                "name": definition.name,
                "unit": definition.unit,
                "good_direction": definition.good_direction,
                "combination": definition.combination,
                "stock": definition.stock,
                "priority": priorities.get(definition.priority_number),
            },
            by,
        )
        quarter = figure.period
        if quarter not in periods:
            periods[quarter] = period_get_or_create(year=quarter.year, quarter=quarter.quarter)
        _value_put(metric, periods[quarter], areas.get(figure.area, force), figure.value, by)
        stored += 1
    return stored


def _value_put(metric, period, area, value, by) -> None:
    row = MetricValue.objects.filter(metric=metric, period=period, area=area).first()
    if row is None:
        row = MetricValue(metric=metric, period=period, area=area, created_by=by)
    elif row.value == value and not row.illustrative:
        return
    if row.pk is not None:
        row.revision += 1  # a figure's form opened before the import must not undo it
    row.value, row.illustrative, row.modified_by = value, False, by
    row._change_reason = IMPORT_REASON
    row.save()
