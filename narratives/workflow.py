"""Every change of an entry's state, in one place: save, submit, return, approve, carry forward,
restore. Each step is atomic, checks who may take it, and is recorded (a Transition for review
steps, a history record for every save).

Officers submit the entries of their areas while the period is open for entry; analysts (PAU)
approve or return submitted entries. Nested entries travel with their parent: submitting,
approving or returning a bullet takes its sub-bullets in the same state along with it.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from narratives.models import Entry, Operation, Transition
from narratives.selectors import (
    OFFICER_EDITABLE,
    area_ids_within,
    entry_ids_with_descendants,
    entry_is_writable_by,
    period_ids_open_for_entry,
)
from priorities.models import Area, Commitment, Period
from priorities.periods import Quarter
from priorities.roles import ANALYST, OFFICER, user_area_ids, user_role

Status = Entry.Status


class WorkflowError(Exception):
    """A step the rules do not allow; the message tells the user why."""


class EntryConflict(WorkflowError):
    """Someone else saved the entry after this user opened it."""


CONFLICT_MESSAGE = (
    "Someone else saved this entry while you were editing it, so your changes were not saved "
    "(to keep theirs). Copy your text, reload the entry and make your changes again."
)


@dataclass
class StepResult:
    done: list[Entry] = field(default_factory=list)
    skipped: list[tuple[Entry, str]] = field(default_factory=list)


def _stamp(entry: Entry, by) -> None:
    entry.modified_by = by
    entry._history_user = by  # django-simple-history records who made the change


@transaction.atomic
def entry_save(*, entry: Entry, by, expected_revision: int | None = None) -> Entry:
    """Create or change an entry, refusing a save made from an out-of-date copy."""
    open_ids = period_ids_open_for_entry()
    if entry.pk is not None:
        stored = Entry.objects.select_for_update(of=("self",)).filter(pk=entry.pk).first()
        if stored is None:
            raise WorkflowError("This entry has been deleted meanwhile.")
        if expected_revision is not None and stored.revision != expected_revision:
            raise EntryConflict(CONFLICT_MESSAGE)
        if not entry_is_writable_by(entry=stored, user=by, open_period_ids=open_ids):
            raise WorkflowError("You cannot change this entry at its current stage.")
        entry.status = stored.status  # status changes only through the review steps
        entry.revision = stored.revision + 1
    else:
        entry.status = Status.DRAFT
        entry.revision = 1
        entry.created_by = by
    if not entry_is_writable_by(entry=entry, user=by, open_period_ids=open_ids):
        raise WorkflowError("You cannot write an entry for this area or period.")
    _stamp(entry, by)
    entry.save()
    return entry


def _transition(entry: Entry, to_status: str, by, comment: str = "") -> Transition:
    step = Transition(
        entry=entry, from_status=entry.status, to_status=to_status, by=by, comment=comment
    )
    entry.status = to_status
    entry.revision += 1  # an edit opened before a review step must not undo it
    _stamp(entry, by)
    entry.save(update_fields=["status", "revision", "modified_by", "modified_at"])
    return step


def _run_step(entries, *, by, to_status: str, refusal, comment: str = "") -> StepResult:
    """Move the entries (and their nested entries) that `refusal` lets through."""
    ids = entry_ids_with_descendants(entry.pk for entry in entries)
    chosen = {entry.pk for entry in entries}
    locked = Entry.objects.select_for_update(of=("self",)).select_related("carried_forward_from")
    by_id = {entry.pk: entry for entry in locked.filter(pk__in=ids)}
    result, steps = StepResult(), []
    for pk in ids:
        entry = by_id.get(pk)
        if entry is None:
            continue
        reason = refusal(entry)
        if reason is None:
            steps.append(_transition(entry, to_status, by, comment))
            result.done.append(entry)
        elif pk in chosen:  # nested entries in another state simply stay where they are
            result.skipped.append((entry, reason))
    Transition.objects.bulk_create(steps)
    return result


def _single(result: StepResult) -> Entry:
    if result.skipped:
        raise WorkflowError(result.skipped[0][1])
    return result.done[0]


@transaction.atomic
def entries_submit(*, entries, by) -> StepResult:
    role = user_role(by)
    if role not in (OFFICER, ANALYST):
        raise WorkflowError("Only area officers and analysts submit entries.")
    open_ids = period_ids_open_for_entry()

    def refusal(entry):
        if entry.status not in OFFICER_EDITABLE:
            return f"“{entry}” is {entry.get_status_display().lower()}, not a draft."
        if not entry_is_writable_by(entry=entry, user=by, open_period_ids=open_ids):
            return f"“{entry}” is not yours to submit, or its period is closed for entry."
        return None

    return _run_step(entries, by=by, to_status=Status.SUBMITTED, refusal=refusal)


def entry_submit(*, entry: Entry, by) -> Entry:
    return _single(entries_submit(entries=[entry], by=by))


def _require_analyst(by, what: str) -> None:
    if user_role(by) != ANALYST:
        raise WorkflowError(f"Only analysts of the PAU {what} entries.")


@transaction.atomic
def entries_approve(*, entries, by, allow_unchanged: bool = False) -> StepResult:
    """Approve submitted entries; text carried forward unchanged needs `allow_unchanged`."""
    _require_analyst(by, "approve")

    def refusal(entry):
        if entry.status != Status.SUBMITTED:
            return f"“{entry}” is {entry.get_status_display().lower()}, not submitted."
        if entry.is_unchanged_carry_forward and not allow_unchanged:
            return f"“{entry}” repeats last quarter's text unchanged; confirm to approve it."
        return None

    return _run_step(entries, by=by, to_status=Status.APPROVED, refusal=refusal)


def entry_approve(*, entry: Entry, by, allow_unchanged: bool = False) -> Entry:
    return _single(entries_approve(entries=[entry], by=by, allow_unchanged=allow_unchanged))


@transaction.atomic
def entries_return(*, entries, by, comment: str) -> StepResult:
    """Send submitted entries back to their officers with the reviewer's comment."""
    _require_analyst(by, "return")
    comment = (comment or "").strip()
    if not comment:
        raise WorkflowError("Say what should change: a returned entry needs a comment.")

    def refusal(entry):
        if entry.status != Status.SUBMITTED:
            return f"“{entry}” is {entry.get_status_display().lower()}, not submitted."
        return None

    return _run_step(entries, by=by, to_status=Status.RETURNED, refusal=refusal, comment=comment)


def entry_return(*, entry: Entry, by, comment: str) -> Entry:
    return _single(entries_return(entries=[entry], by=by, comment=comment))


def _previous_period(period: Period) -> Period:
    before = Quarter(period.year, period.quarter).previous()
    previous = Period.objects.filter(year=before.year, quarter=before.quarter).first()
    if previous is None:
        raise WorkflowError(f"There is no {before.label} to start {period.label} from.")
    return previous


def _check_may_carry_forward(*, area: Area, period: Period, by) -> None:
    role = user_role(by)
    if role == ANALYST:
        return
    if role != OFFICER or area.pk not in user_area_ids(by):
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
            area_id__in=area_ids_within(area=area),
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
        parent=parent,
        order=source.order,
        text=source.text,
        status=Status.DRAFT,
        carried_forward_from=source,
        created_by=by,
    )
    _stamp(copy, by)
    copy.save()
    copy.areas.set(source.areas.all())
    copy.operations.set(source.operations.all())
    return copy


@transaction.atomic
def entry_restore(*, entry_id: int, by) -> list[Entry]:
    """Bring back a deleted entry from its history, with the entries nested under it,
    their areas and operations, as they were just before deletion."""
    _require_analyst(by, "restore")
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
    _stamp(entry, by)
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
