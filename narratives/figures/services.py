"""Writes for the figures check: an analyst accepting a finding with a reason."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from narratives.figures.selectors import findings_for_entries
from narratives.models import Entry, FindingAcceptance
from priorities.scoping import user_may


@transaction.atomic
def finding_accept(*, entry: Entry, key: str, reason: str, by) -> FindingAcceptance:
    """Record that a finding on the entry is not a mistake; accepting again updates the reason.

    Only analysts (the PAU answers for the edition's figures) accept findings, and only ones
    the entry has now: a key from an older wording no longer names anything.
    """
    if not user_may(by, "narratives.add_findingacceptance"):
        raise PermissionDenied("Only Performance Analysis Unit analysts can accept a finding.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give a reason for accepting this finding."})
    current = {found.finding.key for found in findings_for_entries([entry])}
    if key not in current:
        raise ValidationError(
            {"key": f'Entry {entry.pk} has no figures finding "{key}" (has its text changed?).'}
        )
    acceptance, _ = FindingAcceptance.objects.update_or_create(
        entry=entry, key=key, defaults={"reason": reason, "by": by}
    )
    return acceptance
