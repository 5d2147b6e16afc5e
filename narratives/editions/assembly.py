"""Assembling a period's edition: read entries once, build the document tree in plain data.

The selector runs a fixed number of queries whatever the size of the edition (entries with
their commitment, priority and plan; their named areas; their operations; the area tree; the
areas' aliases) and returns the frozen dataclasses of `narratives.editions.assembled`, which every
renderer takes.
"""

import dataclasses
import datetime

from django.conf import settings

from narratives.editions.assembled import AssembledEdition, Cover
from narratives.editions.assembly_tree import priorities_build
from narratives.models import Entry
from narratives.public import entries_for_public
from priorities.models import Period
from priorities.selectors import area_tree


def cover_for(
    period: Period,
    *,
    plan_title: str,
    version: str,
    data_to: datetime.date | None = None,
    produced: datetime.date | None = None,
    producing_unit: str = "",
    protective_marking: str = "",
) -> Cover:
    """A cover with the house defaults: data to the period's last month, produced this month."""
    return Cover(
        plan_title=plan_title,
        quarter=period.quarter,
        financial_year=period.label.split()[0],
        data_to=(data_to or period.end_date).replace(day=1),
        produced=(produced or datetime.date.today()).replace(day=1),
        version=version,
        producing_unit=producing_unit or settings.PCP_PRODUCING_UNIT,
        protective_marking=protective_marking or settings.PCP_PROTECTIVE_MARKING,
    )


def edition_assemble(
    *,
    period: Period,
    include_unapproved: bool = False,
    internal: bool = False,
    cover: Cover | None = None,
) -> AssembledEdition:
    """The period's edition: approved entries only, or every entry for an analyst's preview.

    The public edition (the default) leaves out what `narratives.public` withholds; the
    internal edition (staff only) and the preview keep it.
    """
    entries = Entry.objects.filter(period=period)
    if not include_unapproved:
        entries = entries.filter(status=Entry.Status.APPROVED)
    entries = list(
        entries.select_related("commitment__priority__plan")
        .prefetch_related("areas", "operations")
        .order_by("commitment__priority__number", "commitment__order", "order", "pk")
    )
    if not internal:
        entries = entries_for_public(entries)
    tree = area_tree(aliases=True)
    plan_title = entries[0].commitment.priority.plan.title if entries else ""
    if cover is None:
        version = "Draft" if include_unapproved else ""
        cover = cover_for(period, plan_title=plan_title, version=version)
    elif not cover.plan_title:
        cover = dataclasses.replace(cover, plan_title=plan_title)
    priorities, shown = priorities_build(entries, tree)
    warnings = ()
    if shown < len(entries):
        warnings = (f"{len(entries) - shown} entries left out: their parent entry is not shown",)
    return AssembledEdition(
        period_label=period.label,
        period_slug=period.slug,
        cover=cover,
        priorities=priorities,
        is_draft=include_unapproved,
        entry_count=shown,
        warnings=warnings,
    )
