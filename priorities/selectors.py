"""Reads that more than one app asks: the plan's areas as one tree, and which quarters officers
may still write for."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from priorities.area_tree import AreaTree
from priorities.models import Area, AreaAlias, Period


def area_tree(*, aliases: bool = False) -> AreaTree:
    """The force's areas (Area rows) as one tree: one query, two with the names they go by."""
    names = dict(AreaAlias.objects.values_list("name", "area_id")) if aliases else None
    return AreaTree(Area.objects.all(), names)


def periods_accepting_entries(*, now=None) -> QuerySet[Period]:
    """Periods the PAU has opened for officers whose deadline has not passed.

    Entries add one more rule (a published quarter takes no entries: narratives.entries.
    selectors); figures (metric values) follow this one, and publishing closes the quarter.
    """
    now = now or timezone.now()
    return Period.objects.filter(is_open=True).filter(
        Q(entry_deadline__isnull=True) | Q(entry_deadline__gt=now)
    )
