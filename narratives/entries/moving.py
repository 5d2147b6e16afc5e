"""Writes: moving a nested entry up or down among the entries nested under the same parent
(its place in the edition). The officer never types a position: the page's Move up and Move
down buttons come here."""

from django.db import transaction

from narratives.entries.selectors import entry_is_writable_by, period_ids_open_for_entry
from narratives.entries.workflow import WorkflowError, stamp
from narratives.models import Entry

UP, DOWN = "up", "down"


@transaction.atomic
def entry_move(*, entry: Entry, by, direction: str) -> bool:
    """Swap the entry with its neighbour above (`up`) or below (`down`) among its parent's
    nested entries; False when it is already first (or last). The nested entries are numbered
    1, 2, 3... in their new order, each numbering change a recorded save."""
    if direction not in (UP, DOWN):
        raise WorkflowError("Say whether to move the entry up or down.")
    if entry.parent_id is None:
        raise WorkflowError("Only a nested entry is moved among the entries beside it.")
    siblings = list(
        Entry.objects.select_for_update(of=("self",))
        .filter(parent_id=entry.parent_id)
        .order_by("order", "pk")
    )
    at = next((i for i, e in enumerate(siblings) if e.pk == entry.pk), None)
    if at is None:
        raise WorkflowError("This entry has been moved or deleted meanwhile.")
    other = at - 1 if direction == UP else at + 1
    if not 0 <= other < len(siblings):
        return False
    siblings[at], siblings[other] = siblings[other], siblings[at]
    open_ids = period_ids_open_for_entry()
    renumbered = [(e, n) for n, e in enumerate(siblings, start=1) if e.order != n]
    for sibling, _ in renumbered:
        if not entry_is_writable_by(entry=sibling, user=by, open_period_ids=open_ids):
            raise WorkflowError(
                f"“{sibling}” cannot be moved at its current stage, so the nested entries "
                "stay in their order."
            )
    for sibling, number in renumbered:
        sibling.order = number
        sibling.revision += 1  # a page opened before the move must not undo it
        stamp(sibling, by)
        sibling.save(update_fields=["order", "revision", "modified_by", "modified_at"])
    return True
