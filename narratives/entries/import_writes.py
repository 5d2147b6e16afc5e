"""Writing an import's entries many at a time, with what entry_save records for each: the
entry, its operations, and one history row (who, when, and its areas and operations as saved).

The resource checks every row by the workflow's rules before anything is written (see
narratives.entries.resources), so a batch here has nothing left to refuse. Saving each entry
through entry_save ran the same checks again with a query or two each and wrote two history
rows per entry (the save, then its operations): 3 ms a row, 30 s for a file of 10,000.
"""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from narratives.models import Entry, Operation

Status = Entry.Status
UPDATED_FIELDS = [
    "commitment",
    "period",
    "area",
    "area_label",
    "parent",
    "order",
    "text",
    "revision",
    "modified_by",
    "modified_at",
]
UPDATE_BATCH = 100  # bulk_update builds a CASE per field that grows with its batch


def entry_stamp(entry: Entry, *, by, now) -> None:
    """What entry_save sets: a new entry is a draft at revision 1 created by `by`; a changed
    one keeps its status (only review steps move it) and goes up a revision."""
    if entry.pk is None:
        entry.status, entry.revision = Status.DRAFT, 1
        entry.created_by, entry.created_at = by, now
    else:
        entry.revision += 1  # an edit opened before the import must not undo it
    entry.modified_by, entry.modified_at = by, now


@transaction.atomic
def entries_create(*, entries: list[Entry], operations: dict[int, list[Operation]], by) -> None:
    """`operations`: for each entry (by id() of the object, as it has no pk yet) its list."""
    Entry.objects.bulk_create(entries)
    chosen = {entry.pk: operations.get(id(entry), []) for entry in entries}
    _operations_write(chosen)
    _history_write(entries, history_type="+", by=by)


@transaction.atomic
def entries_update(*, entries: list[Entry], operations: dict[int, list[Operation]], by) -> None:
    Entry.objects.bulk_update(entries, UPDATED_FIELDS, batch_size=UPDATE_BATCH)
    chosen = {entry.pk: operations.get(id(entry), []) for entry in entries}
    Entry.operations.through.objects.filter(entry_id__in=chosen).delete()
    _operations_write(chosen)
    _history_write(entries, history_type="~", by=by)


def _operations_write(chosen: dict[int, list[Operation]]) -> None:
    through = Entry.operations.through
    through.objects.bulk_create(
        through(entry_id=pk, operation_id=op.pk) for pk, ops in chosen.items() for op in ops
    )


def _history_write(entries: list[Entry], *, history_type: str, by) -> None:
    """One history row per entry as simple_history writes on save, with its areas and
    operations as they now stand (simple_history's own copy of the m2m rows)."""
    model = Entry.history.model
    names = [field.attname for field in model.tracked_fields]
    when = timezone.now()
    records = Entry.history.model.objects.bulk_create(
        model(
            history_date=when,
            history_type=history_type,
            history_user=by,
            history_change_reason=None,
            **{name: getattr(entry, name) for name in names},
        )
        for entry in entries
    )
    record_of = {record.id: record.history_id for record in records}
    for field in model._history_m2m_fields:
        through = getattr(Entry, field.name).through
        m2m_model = model._meta.get_field(f"historicalentry_{field.name}").related_model
        target = f"{field.m2m_reverse_field_name()}_id"
        rows = defaultdict(list)
        found = through.objects.filter(entry_id__in=list(record_of))
        for row in found.values("id", "entry_id", target):
            rows[row["entry_id"]].append(row)
        m2m_model.objects.bulk_create(
            m2m_model(history_id=record_of[pk], **row)
            for pk, listed in rows.items()
            for row in listed
        )
