"""Reads about periods that more than one app asks: which quarters officers may still write for."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from priorities.models import Period


def periods_accepting_entries(*, now=None) -> QuerySet[Period]:
    """Periods the PAU has opened for officers whose deadline has not passed.

    Entries add one more rule (a published quarter takes no entries: narratives.entries.
    selectors); figures (metric values) follow this one, and publishing closes the quarter.
    """
    now = now or timezone.now()
    return Period.objects.filter(is_open=True).filter(
        Q(entry_deadline__isnull=True) | Q(entry_deadline__gt=now)
    )
