"""Reads of the plan's areas."""

from priorities.area_tree import AreaTree
from priorities.models import Area, AreaAlias


def area_tree(*, aliases: bool = False) -> AreaTree:
    """The force's areas (Area rows) as one tree: one query, two with the names they go by."""
    names = dict(AreaAlias.objects.values_list("name", "area_id")) if aliases else None
    return AreaTree(Area.objects.all(), names)
