"""What the PAU's review screen reads for a period, in a fixed number of queries.

For every commitment and area: the entries and their counts by status, whether the area wrote
for that commitment last quarter but not this one (missing), and whether anything is still
unsubmitted after the entry deadline (overdue). Also the officers' areas with no entries at all.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from narratives.entries.selectors import period_deadline_passed
from narratives.models import Entry, Transition
from narratives.public import editions_published
from priorities.area_tree import AreaTree
from priorities.models import Area, Commitment, Period
from priorities.roles import officer_assignments
from priorities.selectors import area_tree, period_previous

Status = Entry.Status
NOT_SUBMITTED = (Status.DRAFT, Status.RETURNED)


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


@dataclass
class ReviewBoard:
    period: Period
    previous: Period | None
    deadline_passed: bool
    published: bool
    rows: list[ReviewRow]
    silent_areas: list[Area]
    totals: Counter

    @property
    def missing_rows(self) -> list[ReviewRow]:
        return [row for row in self.rows if row.missing]

    @property
    def overdue_rows(self) -> list[ReviewRow]:
        return [row for row in self.rows if row.overdue]


def _nested(entries: list[Entry]) -> list[tuple[Entry, int]]:
    """Entries in reading order: each followed by its sub-bullets, indented."""
    present = {entry.pk for entry in entries}
    children = defaultdict(list)
    for entry in entries:
        children[entry.parent_id if entry.parent_id in present else None].append(entry)
    ordered: list[tuple[Entry, int]] = []

    def walk(parent_id, depth):
        for entry in sorted(children[parent_id], key=lambda e: (e.order, e.pk)):
            ordered.append((entry, depth))
            walk(entry.pk, depth + 1)

    walk(None, 0)
    return ordered


def review_board(*, period: Period, now=None) -> ReviewBoard:
    now = now or timezone.now()
    previous = period_previous(period=period)
    returns = Transition.objects.filter(to_status=Status.RETURNED).select_related("by")
    entries = list(
        Entry.objects.filter(period=period)
        .select_related("carried_forward_from", "modified_by")
        .prefetch_related(Prefetch("transitions", queryset=returns.order_by("-at", "-pk")))
    )
    last_quarter = set()
    if previous is not None:
        last_quarter = set(
            Entry.objects.filter(period=previous).values_list("commitment_id", "area_id")
        )
    tree = area_tree()
    commitment_ids = {e.commitment_id for e in entries} | {c for c, _ in last_quarter}
    commitments = Commitment.objects.filter(pk__in=commitment_ids).select_related("priority")
    commitments = {commitment.pk: commitment for commitment in commitments}

    grouped = defaultdict(list)
    for entry in entries:
        grouped[(entry.commitment_id, entry.area_id)].append(entry)
    deadline_passed = period_deadline_passed(period=period, now=now)
    rows = []
    for key in set(grouped) | last_quarter:
        row = ReviewRow(commitment=commitments[key[0]], area=tree[key[1]])
        row.entries = _nested(grouped.get(key, []))
        row.counts = Counter(entry.status for entry in grouped.get(key, []))
        row.wrote_last_quarter = key in last_quarter
        unsubmitted = any(row.counts[status] for status in NOT_SUBMITTED)
        row.overdue = deadline_passed and (unsubmitted or row.missing)
        rows.append(row)
    rows.sort(
        key=lambda r: (
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
        silent_areas=_silent_areas(entries, tree),
        totals=Counter(entry.status for entry in entries),
    )


def _silent_areas(entries: list[Entry], tree: AreaTree) -> list[Area]:
    """Officers' areas with no entry for them, or for any area below them, this period."""
    covered = set()
    for area_id in {entry.area_id for entry in entries if entry.area_id in tree}:
        # an entry for a district counts for its LPA too
        covered.update([area_id, *(area.pk for area in tree.ancestors(area_id))])
    assigned = set(officer_assignments().values_list("area_id", flat=True))
    return sorted(
        (tree[pk] for pk in assigned - covered if pk in tree), key=lambda a: tree.rank(a.pk)
    )
