"""What the PAU's review screen reads for a period, in a fixed number of queries.

For every commitment and area: the entries and their counts by status, whether the area wrote
for that commitment last quarter but not this one (missing), and whether anything is still
unsubmitted after the entry deadline (overdue); each narrowed to the filters asked for. Also
the areas of the plan with nothing written at all (`narratives.review.coverage`).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch
from django.utils import timezone

from narratives.entries.selectors import entries_nested, period_deadline_passed
from narratives.models import Entry, Transition
from narratives.public import editions_published
from narratives.review.coverage import SilentArea, named_areas, silent_areas
from narratives.review.filters import ReviewFilters, needs_confirm, needs_review
from priorities.area_tree import AreaTree
from priorities.models import Area, Commitment, Period, Priority
from priorities.selectors import area_tree, period_previous

Status = Entry.Status
NOT_SUBMITTED = (Status.DRAFT, Status.RETURNED)
STATUSES = [status for status, _ in Status.choices]


@dataclass
class ReviewRow:
    commitment: Commitment
    area: Area
    entries: list[tuple[Entry, int]] = field(default_factory=list)  # (entry, nesting depth)
    counts: Counter = field(default_factory=Counter)
    wrote_last_quarter: bool = False
    overdue: bool = False

    @property
    def missing(self) -> bool:
        return self.wrote_last_quarter and not self.entries

    @property
    def unchanged_carry_forwards(self) -> int:
        return sum(entry.is_unchanged_carry_forward for entry, _ in self.entries)


def status_summary(counts: Counter) -> str:
    """ "10 submitted, 5 returned, 27 approved": the statuses somebody is in, in workflow order."""
    return ", ".join(f"{counts[status]} {status}" for status in STATUSES if counts[status])


@dataclass
class PriorityGroup:
    priority: Priority
    rows: list[ReviewRow]

    @property
    def counts(self) -> Counter:
        return sum((row.counts for row in self.rows), Counter())

    @property
    def entry_count(self) -> int:
        return sum(len(row.entries) for row in self.rows)

    @property
    def status_summary(self) -> str:
        return status_summary(self.counts)

    @property
    def missing(self) -> int:
        return sum(row.missing for row in self.rows)


@dataclass
class ReviewBoard:
    period: Period
    previous: Period | None
    deadline_passed: bool
    published: bool
    rows: list[ReviewRow]  # those the filters let through
    silent_areas: list[SilentArea]
    totals: Counter  # of the entries shown, by status
    filters: ReviewFilters
    period_entry_count: int  # before filtering
    commitments: list[Commitment]  # of the plan, in its order, those the filters let through

    @property
    def missing_rows(self) -> list[ReviewRow]:
        return [row for row in self.rows if row.missing]

    @property
    def overdue_rows(self) -> list[ReviewRow]:
        return [row for row in self.rows if row.overdue]

    @property
    def entries(self) -> list[Entry]:
        return [entry for row in self.rows for entry, _ in row.entries]

    @property
    def entry_count(self) -> int:
        return sum(self.totals.values())

    @property
    def lines(self) -> int:
        """How long the entries part of the page is: entries and commitment × area rows."""
        return self.entry_count + len(self.rows)

    @property
    def silent_without_officer(self) -> int:
        return sum(not silent.has_officer for silent in self.silent_areas)

    @property
    def status_summary(self) -> str:
        return status_summary(self.totals)

    @property
    def needs_me(self) -> int:
        return sum(needs_review(entry) for entry in self.entries)

    @property
    def needs_confirm(self) -> int:
        return sum(needs_confirm(entry) for entry in self.entries)

    @property
    def priorities(self) -> list[PriorityGroup]:
        return [
            PriorityGroup(priority=priority, rows=list(rows))
            for priority, rows in groupby(self.rows, key=lambda row: row.commitment.priority)
        ]


def review_commitments() -> list[Commitment]:
    """Every commitment of the plan, in the plan's order (the filter's choices)."""
    return list(Commitment.objects.select_related("priority"))


def _period_entries(period: Period) -> list[Entry]:
    returns = Transition.objects.filter(to_status=Status.RETURNED).select_related("by")
    return list(
        Entry.objects.filter(period=period)
        .select_related("carried_forward_from", "modified_by")
        .prefetch_related(Prefetch("transitions", queryset=returns.order_by("-at", "-pk")))
    )


def _last_quarter(previous: Period | None) -> set[tuple[int, int]]:
    if previous is None:
        return set()
    return set(Entry.objects.filter(period=previous).values_list("commitment_id", "area_id"))


def review_board(
    *,
    period: Period,
    filters: ReviewFilters | None = None,
    tree: AreaTree | None = None,
    commitments: list[Commitment] | None = None,
    now=None,
) -> ReviewBoard:
    filters = filters or ReviewFilters()
    tree = tree or area_tree()
    commitments = {c.pk: c for c in (commitments or review_commitments())}
    previous = period_previous(period=period)
    entries, last_quarter = _period_entries(period), _last_quarter(previous)
    named = named_areas(period=period)
    deadline_passed = period_deadline_passed(period=period, now=now or timezone.now())

    grouped = defaultdict(list)
    for entry in entries:
        if filters.entry_matches(entry, named_area_ids=named.get(entry.pk, set())):
            grouped[(entry.commitment_id, entry.area_id)].append(entry)
    rows = [
        _row(
            commitments[commitment_id],
            tree[area_id],
            grouped.get((commitment_id, area_id), []),
            wrote_last_quarter=(commitment_id, area_id) in last_quarter,
            deadline_passed=deadline_passed,
        )
        for commitment_id, area_id in set(grouped) | last_quarter
        # a row with nothing that matches shows only as missing, where only places are asked for
        if (commitment_id, area_id) in grouped
        or (
            not filters.narrows_entries
            and filters.row_matches(commitment_id=commitment_id, area_id=area_id)
        )
    ]
    rows.sort(
        key=lambda r: (
            r.commitment.priority.plan_id,
            r.commitment.priority.number,
            r.commitment.order,
            tree.rank(r.area.pk),  # the force, then each LPA followed by its districts
        )
    )
    return ReviewBoard(
        period=period,
        previous=previous,
        deadline_passed=deadline_passed,
        published=editions_published(period=period).exists(),
        rows=rows,
        silent_areas=silent_areas(entries=entries, named=named, tree=tree, within=filters.area_ids),
        totals=Counter(entry.status for row in rows for entry, _ in row.entries),
        filters=filters,
        period_entry_count=len(entries),
        commitments=[c for c in commitments.values() if filters.commitment_id in (None, c.pk)],
    )


def _row(commitment, area, entries, *, wrote_last_quarter: bool, deadline_passed: bool):
    row = ReviewRow(commitment=commitment, area=area, wrote_last_quarter=wrote_last_quarter)
    row.entries = entries_nested(entries=entries)
    row.counts = Counter(entry.status for entry in entries)
    unsubmitted = any(row.counts[status] for status in NOT_SUBMITTED)
    row.overdue = deadline_passed and (unsubmitted or row.missing)
    return row
