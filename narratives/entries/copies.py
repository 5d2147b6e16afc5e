"""Entries made from other entries: last quarter's carried forward as drafts, deleted ones
restored from their history. Each step is atomic and checks who may take it; status changes
(submit, return, approve) stay in narratives.entries.workflow.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from narratives.entries.selectors import period_ids_open_for_entry
from narratives.entries.workflow import WorkflowError, require_analyst, stamp
from narratives.models import Entry, Operation
from priorities.models import Area, Commitment, Period
from priorities.roles import user_area_ids
from priorities.scoping import user_may
from priorities.selectors import area_tree, period_previous

Status = Entry.Status


def _previous_period(period: Period) -> Period:
    previous = period_previous(period=period)
    if previous is None:
        before = period.as_quarter.previous()
        raise WorkflowError(f"There is no {before.label} to start {period.label} from.")
    return previous


def _check_may_carry_forward(*, area: Area, period: Period, by) -> None:
    if user_may(by, "narratives.write_any_entry"):
        return
    if not user_may(by, "narratives.change_entry") or area.pk not in user_area_ids(by):
        raise WorkflowError(f"You do not write entries for {area}.")
    if period.pk not in period_ids_open_for_entry():
        raise WorkflowError(f"{period.label} is not open for entries.")


@transaction.atomic
def entries_carry_forward(*, area: Area, period: Period, by) -> list[Entry]:
    """Copy last quarter's approved entries of an area (and the areas below it) as drafts.

    Nesting, named areas and operations come along; entries already carried into this period
    are not copied twice. Each copy points back at its source, so unchanged text is flagged.
    """
    _check_may_carry_forward(area=area, period=period, by=by)
    sources = list(
        Entry.objects.filter(
            period=_previous_period(period),
            status=Status.APPROVED,
            area_id__in=area_tree().within(area.pk),
        )
        .exclude(carried_into__period=period)
        .prefetch_related("areas", "operations")
        .order_by("commitment", "order", "pk")
    )
    # Sub-bullets whose parent was carried forward earlier nest under that earlier copy.
    copies: dict[int, Entry] = {
        copy.carried_forward_from_id: copy
        for copy in Entry.objects.filter(
            period=period, carried_forward_from_id__in={s.parent_id for s in sources}
        )
    }
    pending = sources
    while pending:
        waiting, pending_ids = [], {source.pk for source in pending}
        for source in pending:
            if source.parent_id in copies or source.parent_id not in pending_ids:
                copies[source.pk] = _copy_entry(source, period, copies.get(source.parent_id), by)
            else:
                waiting.append(source)
        pending = waiting
    return [copies[source.pk] for source in sources]


def _copy_entry(source: Entry, period: Period, parent: Entry | None, by) -> Entry:
    copy = Entry(
        commitment_id=source.commitment_id,
        period=period,
        area_id=source.area_id,
        area_label=source.area_label,
        area_heading=source.area_heading,
        parent=parent,
        order=source.order,
        text=source.text,
        status=Status.DRAFT,
        # A covert entry stays covert next quarter unless someone decides otherwise.
        not_for_publication=source.not_for_publication,
        carried_forward_from=source,
        created_by=by,
    )
    stamp(copy, by)
    copy.save()
    copy.areas.set(source.areas.all())
    copy.operations.set(source.operations.all())
    return copy


@transaction.atomic
def entry_restore(*, entry_id: int, by) -> list[Entry]:
    """Bring back a deleted entry from its history, with the entries nested under it,
    their areas and operations, as they were just before deletion."""
    require_analyst(by, "restore")
    if Entry.objects.filter(pk=entry_id).exists():
        raise WorkflowError("That entry has not been deleted.")
    restored, frontier = [], [entry_id]
    while frontier:
        deleted = set(
            Entry.history.filter(id__in=frontier, history_type="-").values_list("id", flat=True)
        )
        if not restored and entry_id not in deleted:
            raise WorkflowError("No deleted entry with that number is in the history.")
        for pk in sorted(deleted):
            restored.append(_restore_one(pk, by))
        frontier = list(
            Entry.history.filter(parent_id__in=deleted, history_type="-")
            .exclude(id__in=Entry.objects.values("pk"))
            .values_list("id", flat=True)
            .distinct()
        )
    return restored


def _restore_one(pk: int, by) -> Entry:
    # The deletion record has no areas or operations left; the state before it has them.
    last = Entry.history.filter(id=pk).exclude(history_type="-").latest()
    entry = last.instance
    _check_links_exist(entry)
    entry.revision = last.revision + 1
    stamp(entry, by)
    entry.save(force_insert=True)
    entry.areas.set(Area.objects.filter(pk__in=last.areas.values_list("area_id", flat=True)))
    entry.operations.set(
        Operation.objects.filter(pk__in=last.operations.values_list("operation_id", flat=True))
    )
    return entry


def _check_links_exist(entry: Entry) -> None:
    """Refuse clearly (rather than fail at commit) when what the entry hangs on is gone."""
    needed = {
        "commitment": (Commitment, entry.commitment_id),
        "period": (Period, entry.period_id),
        "area": (Area, entry.area_id),
        "parent entry": (Entry, entry.parent_id),
    }
    for name, (model, pk) in needed.items():
        if pk is not None and not model.objects.filter(pk=pk).exists():
            raise WorkflowError(
                f"Entry {entry.pk} cannot be restored: its {name} ({pk}) no longer exists"
                + ("; restore that entry first." if model is Entry else ".")
            )
    if (
        entry.carried_forward_from_id
        and not Entry.objects.filter(pk=entry.carried_forward_from_id).exists()
    ):
        entry.carried_forward_from = None
    users = get_user_model().objects
    for name in ("created_by_id", "modified_by_id"):
        if getattr(entry, name) and not users.filter(pk=getattr(entry, name)).exists():
            setattr(entry, name, None)
