"""Reads that more than one app asks: the plan's areas as one tree, which quarters officers
may still write for, and periods: newest first, the one before, the one an address names."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from priorities.area_tree import AreaTree
from priorities.models import Area, AreaAlias, Period
from priorities.periods import Quarter, quarter_from_url


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


LATEST_FIRST = ("-year", "-quarter")


def periods_latest_first(*, within: QuerySet[Period] | None = None) -> QuerySet[Period]:
    """Periods (all, or those of `within`) newest first, as every list of quarters shows them."""
    return (Period.objects.all() if within is None else within).order_by(*LATEST_FIRST)


def periods_by_quarter() -> dict[Quarter, Period]:
    """Every period by its quarter, to look up the quarters a file names (one query)."""
    return {period.as_quarter: period for period in Period.objects.all()}


def periods_of(*, quarter: Quarter) -> QuerySet[Period]:
    """The period of a quarter, if the PAU has made it: a queryset, to filter other rows by
    (one query with them) or to take `.first()` of."""
    return Period.objects.filter(year=quarter.year, quarter=quarter.quarter)


def period_previous(*, period: Period) -> Period | None:
    """The quarter before this one, if it exists (one query)."""
    return periods_of(quarter=period.as_quarter.previous()).first()


def period_from_url(*, fy: str, quarter: str | int) -> Period | None:
    """The period of an address such as 2020-21/q2 (`quarter` "q2", or 2 from an int
    converter); None when there is no such period. ValueError for what is not a quarter."""
    return periods_of(quarter=quarter_from_url(fy, quarter)).first()
