"""Writes: linking an entry to the operations and areas its officer ticked among the proposals
(`narratives.entries.link_proposals`), adding an operation to the register only when ticked.
Called inside the entry's own save, so the entry, its links and any new operation are kept
together or not at all."""

from django.db import transaction

from narratives.entries.workflow import WorkflowError
from narratives.models import Entry, Operation
from priorities.models import Area
from priorities.roles import user_area_ids
from priorities.scoping import user_may


@transaction.atomic
def entry_links_add(
    *, entry: Entry, by, operation_names: list[str], area_ids: list[int]
) -> list[Operation]:
    """Link the named operations (added to the register when new) and the areas; returns the
    operations added to the register."""
    reachable = user_area_ids(by)
    if reachable is not None and not set(area_ids) <= reachable:
        raise WorkflowError("An entry can be linked only to areas within your own.")
    keys = {Operation.key_for(name): name for name in operation_names}
    known = {op.key: op for op in Operation.objects.filter(key__in=list(keys))}
    added = []
    for key, name in keys.items():
        if key in known:
            continue
        if not user_may(by, "narratives.add_operation"):
            raise WorkflowError(f"Operation {name} is not in the register; the PAU can add it.")
        operation = Operation(name=name)
        operation._history_user = by
        operation.save()
        known[key] = operation
        added.append(operation)
    if known:
        entry.operations.add(*known.values())
    if area_ids:
        entry.areas.add(*Area.objects.filter(pk__in=area_ids))
    return added
