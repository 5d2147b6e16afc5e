"""Writes about operations: an analyst approving a description for the public register.

An officer's description stays for staff until an analyst approves it; the register shows the
text as approved, so a later edit waits for a new approval. django-simple-history records each
approval (who, when, the text before and after).
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from narratives.models import Operation
from priorities.roles import ANALYST, user_role


@transaction.atomic
def operation_descriptions_approve(*, operations: Iterable[Operation], by) -> int:
    """Approve each operation's description as it stands; returns how many changed."""
    if user_role(by) != ANALYST:
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
