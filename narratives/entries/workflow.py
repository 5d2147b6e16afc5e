"""Every change of an entry's state, in one place: save, submit, return, approve. Each step is
atomic, checks who may take it, and is recorded (a Transition for review steps, a history record
for every save). Entries made from other entries (carried forward, restored) are in
narratives.entries.copies.

Officers submit the entries of their areas while the period is open for entry, and may withdraw
a submitted entry to correct it until the PAU has reviewed it; analysts (PAU) approve or return
submitted entries. Nested entries travel with their parent: submitting,
approving or returning a bullet takes its sub-bullets in the same state along with it.
"""

from dataclasses import dataclass, field

from django.db import transaction

from narratives.entries.selectors import (
    OFFICER_EDITABLE,
    entry_ids_with_descendants,
    entry_is_writable_by,
    entry_place_writable_by,
    period_ids_open_for_entry,
)
from narratives.models import Entry, Transition
from narratives.notices import entries_reviewed_notify
from priorities.scoping import user_may

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


def stamp(entry: Entry, by) -> None:
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
    stamp(entry, by)
    entry.save()
    return entry


def _transition(entry: Entry, to_status: str, by, comment: str = "") -> Transition:
    step = Transition(
        entry=entry, from_status=entry.status, to_status=to_status, by=by, comment=comment
    )
    entry.status = to_status
    entry.revision += 1  # an edit opened before a review step must not undo it
    stamp(entry, by)
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


UNCHANGED_TO_SUBMIT = (
    "“{entry}” repeats last quarter's text unchanged; update it first, or confirm to submit it "
    "as it is."
)


@transaction.atomic
def entries_submit(*, entries, by, allow_unchanged: bool = False) -> StepResult:
    """Submit drafts and returned entries; text carried forward unchanged needs
    `allow_unchanged`, as at approval: the page asks the officer to update each copy first."""
    if not user_may(by, "narratives.change_entry"):
        raise WorkflowError("Only area officers and analysts submit entries.")
    open_ids = period_ids_open_for_entry()

    def refusal(entry):
        if entry.status not in OFFICER_EDITABLE:
            return f"“{entry}” is {entry.get_status_display().lower()}, not a draft."
        if not entry_is_writable_by(entry=entry, user=by, open_period_ids=open_ids):
            return f"“{entry}” is not yours to submit, or its period is closed for entry."
        if entry.is_unchanged_carry_forward and not allow_unchanged:
            return UNCHANGED_TO_SUBMIT.format(entry=entry)
        return None

    return _run_step(entries, by=by, to_status=Status.SUBMITTED, refusal=refusal)


def entry_submit(*, entry: Entry, by, allow_unchanged: bool = False) -> Entry:
    return _single(entries_submit(entries=[entry], by=by, allow_unchanged=allow_unchanged))


def require_analyst(by, what: str) -> None:
    if not user_may(by, "narratives.review_entry"):
        raise WorkflowError(f"Only analysts of the PAU {what} entries.")


@transaction.atomic
def entries_approve(*, entries, by, allow_unchanged: bool = False) -> StepResult:
    """Approve submitted entries; text carried forward unchanged needs `allow_unchanged`."""
    require_analyst(by, "approve")

    def refusal(entry):
        if entry.status != Status.SUBMITTED:
            return f"“{entry}” is {entry.get_status_display().lower()}, not submitted."
        if entry.is_unchanged_carry_forward and not allow_unchanged:
            return f"“{entry}” repeats last quarter's text unchanged; confirm to approve it."
        return None

    result = _run_step(entries, by=by, to_status=Status.APPROVED, refusal=refusal)
    entries_reviewed_notify(entries=result.done, to_status=Status.APPROVED, by=by)
    return result


def entry_approve(*, entry: Entry, by, allow_unchanged: bool = False) -> Entry:
    return _single(entries_approve(entries=[entry], by=by, allow_unchanged=allow_unchanged))


@transaction.atomic
def entries_return(*, entries, by, comment: str) -> StepResult:
    """Send submitted entries back to their officers with the reviewer's comment."""
    require_analyst(by, "return")
    comment = (comment or "").strip()
    if not comment:
        raise WorkflowError("Say what should change: a returned entry needs a comment.")

    def refusal(entry):
        if entry.status != Status.SUBMITTED:
            return f"“{entry}” is {entry.get_status_display().lower()}, not submitted."
        return None

    result = _run_step(entries, by=by, to_status=Status.RETURNED, refusal=refusal, comment=comment)
    entries_reviewed_notify(entries=result.done, to_status=Status.RETURNED, by=by, comment=comment)
    return result


def entry_return(*, entry: Entry, by, comment: str) -> Entry:
    return _single(entries_return(entries=[entry], by=by, comment=comment))


@transaction.atomic
def entries_withdraw(*, entries, by) -> StepResult:
    """Take submitted entries back to draft so their writer can correct them: only before the
    PAU has reviewed them, and only by someone who may write for their area and period."""
    if not user_may(by, "narratives.change_entry"):
        raise WorkflowError("Only area officers and analysts withdraw entries.")
    open_ids = period_ids_open_for_entry()

    def refusal(entry):
        if entry.status != Status.SUBMITTED:
            state = entry.get_status_display().lower()
            return f"“{entry}” is {state}: only a submitted entry not yet reviewed is withdrawn."
        if not entry_place_writable_by(entry=entry, user=by, open_period_ids=open_ids):
            return f"“{entry}” is not yours to withdraw, or its period is closed for entry."
        return None

    return _run_step(entries, by=by, to_status=Status.DRAFT, refusal=refusal)


def entry_withdraw(*, entry: Entry, by) -> Entry:
    return _single(entries_withdraw(entries=[entry], by=by))
