"""Operations: their address in the public register, and an analyst approving a description
for it.

An officer's description stays for staff until an analyst approves it; the register shows the
text as approved, so a later edit waits for a new approval. django-simple-history records each
approval (who, when, the text before and after).
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from narratives.models import Operation
from priorities.scoping import user_may


def operation_slug(key: str) -> str:
    """The operation's address in the register, from its key: "SHIELD II" → "shield-ii"."""
    return slugify(key)


@transaction.atomic
def operation_descriptions_approve(*, operations: Iterable[Operation], by) -> int:
    """Approve each operation's description as it stands; returns how many changed."""
    if not user_may(by, "narratives.publish_edition"):  # deciding what the public reads
        raise PermissionDenied("Only analysts (PAU) may approve a description for the public.")
    changed = 0
    now = timezone.now()
    for operation in operations:
        if operation.approved_description == operation.description:
            continue
        operation.approved_description = operation.description
        operation.description_approved_by = by
        operation.description_approved_at = now
        # The history names the analyst for this save only, not for the caller's later saves.
        operation._history_user = by
        try:
            operation.save(
                update_fields=[
                    "approved_description",
                    "description_approved_by",
                    "description_approved_at",
                ]
            )
        finally:
            del operation._history_user
        changed += 1
    return changed
