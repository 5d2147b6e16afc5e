"""What an officer's My quarter page reads, in a fixed number of queries whatever the number of
entries: the quarter and its deadline, and for every commitment of the plan and each of the
officer's areas what is written, in which state, and what is still missing."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from narratives.entries.selectors import (
    OFFICER_EDITABLE,
    commitments_expected,
    entries_nested,
    period_ids_open_for_entry,
)
from narratives.models import Entry, Transition
from narratives.public import editions_published
from priorities.models import Area, Commitment, Period, Priority
from priorities.roles import user_area_ids
from priorities.selectors import area_tree, periods_latest_first

Status = Entry.Status


@dataclass
class Written:
    """One entry as the officer sees it: nesting depth, the PAU's return, whether it is ready."""

    entry: Entry
    depth: int
    returned: Transition | None = None
    ready: bool = False


def unchanged_to_update(written: Iterable[Written]) -> int:
    """How many are copies of last quarter nobody has changed, still the officer's to update."""
    return sum(
        w.entry.is_unchanged_carry_forward and w.entry.status in OFFICER_EDITABLE for w in written
    )


@dataclass
class Cell:
    """A commitment in one of the officer's areas."""

    area: Area
    written: list[Written] = field(default_factory=list)
    wrote_last_quarter: bool = False

    @property
    def unchanged(self) -> int:
        return unchanged_to_update(self.written)

    @property
    def missing(self) -> bool:
        return not self.written


@dataclass
class CommitmentRow:
    commitment: Commitment
    cells: list[Cell]

    @property
    def filled(self) -> list[Cell]:
        return [cell for cell in self.cells if not cell.missing]

    @property
    def empty(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.missing]


@dataclass
class PriorityGroup:
    priority: Priority
    rows: list[CommitmentRow]


@dataclass
class MyQuarter:
    period: Period | None
    periods: list[Period]
    writable: bool  # the open quarter, before its deadline: writing and submitting allowed
    now: object
    areas: list[Area] = field(default_factory=list)
    groups: list[PriorityGroup] = field(default_factory=list)
    totals: Counter = field(default_factory=Counter)
    copyable: int = 0  # last quarter's approved entries not yet started from

    @property
    def written(self) -> list[Written]:
        return [w for g in self.groups for r in g.rows for c in r.cells for w in c.written]

    @property
    def ready(self) -> list[Written]:
        return [w for w in self.written if w.ready]

    @property
    def returned(self) -> list[Written]:
        return [w for w in self.written if w.entry.status == Status.RETURNED]

    @property
    def unchanged(self) -> int:
        return unchanged_to_update(self.written)

    @property
    def missing(self) -> list[tuple[CommitmentRow, Cell]]:
        """Commitments an area wrote for last quarter and has nothing for yet."""
        return [
            (row, cell)
            for group in self.groups
            for row in group.rows
            for cell in row.cells
            if cell.missing and cell.wrote_last_quarter
        ]

    @property
    def empty_cells(self) -> int:
        return sum(cell.missing for g in self.groups for r in g.rows for cell in r.cells)


def periods_with_published() -> list[Period]:
    """Every quarter, newest first, each marked `published` (one query)."""
    published = editions_published().filter(period=OuterRef("pk"))
    return list(periods_latest_first(within=Period.objects.annotate(published=Exists(published))))


def period_open_of(periods: list[Period]) -> Period | None:
    """The quarter the PAU has opened for entry and not yet published (its deadline may have
    passed: the page then says how long overdue it is)."""
    return next((p for p in periods if p.is_open and not p.published), None)


def my_quarter(*, user, period: Period | None, periods: list[Period], now=None) -> MyQuarter:
    now = now or timezone.now()
    writable = period is not None and period.pk in period_ids_open_for_entry(now=now)
    page = MyQuarter(period=period, periods=periods, writable=writable, now=now)
    if period is None:
        return page
    area_ids = user_area_ids(user) or frozenset()
    tree = area_tree()
    page.areas = sorted((tree[pk] for pk in area_ids if pk in tree), key=lambda a: tree.rank(a.pk))
    entries = _entries(period, area_ids)
    previous = _previous(period, periods)
    last_quarter = _last_quarter(previous, area_ids)
    carried = {e.carried_forward_from_id for e in entries if e.carried_forward_from_id}
    page.copyable = sum(
        1 for pk, status, _ in last_quarter if status == Status.APPROVED and pk not in carried
    )
    wrote_before = {key for _, _, key in last_quarter}
    page.groups = _groups(commitments_expected(period=period), page.areas, entries, wrote_before)
    page.totals = Counter(entry.status for entry in entries)
    return page


def _entries(period: Period, area_ids) -> list[Entry]:
    returns = (
        Transition.objects.filter(to_status=Status.RETURNED)
        .select_related("by")
        .order_by("-at", "-pk")
    )
    return list(
        Entry.objects.filter(period=period, area_id__in=area_ids)
        .select_related("carried_forward_from")
        .prefetch_related(Prefetch("transitions", queryset=returns, to_attr="returns"))
        .order_by("order", "pk")
    )


def _previous(period: Period, periods: list[Period]) -> Period | None:
    before = period.as_quarter.previous()
    return next((p for p in periods if p.as_quarter == before), None)


def _last_quarter(previous: Period | None, area_ids) -> list[tuple[int, str, tuple[int, int]]]:
    if previous is None:
        return []
    rows = Entry.objects.filter(period=previous, area_id__in=area_ids).values_list(
        "pk", "status", "commitment_id", "area_id"
    )
    return [(pk, status, (commitment, area)) for pk, status, commitment, area in rows]


def _groups(commitments, areas, entries, wrote_before) -> list[PriorityGroup]:
    by_cell = defaultdict(list)
    for entry in entries:
        by_cell[(entry.commitment_id, entry.area_id)].append(entry)
    status_of = {entry.pk: entry.status for entry in entries}
    groups: dict[int, PriorityGroup] = {}
    for commitment in commitments:
        cells = []
        for area in areas:
            key = (commitment.pk, area.pk)
            written = [
                _written(e, d, status_of) for e, d in entries_nested(entries=by_cell.get(key, []))
            ]
            cells.append(Cell(area=area, written=written, wrote_last_quarter=key in wrote_before))
        group = groups.setdefault(
            commitment.priority_id, PriorityGroup(priority=commitment.priority, rows=[])
        )
        group.rows.append(CommitmentRow(commitment=commitment, cells=cells))
    return list(groups.values())


def _written(entry: Entry, depth: int, status_of: dict[int, str]) -> Written:
    returned = entry.returns[0] if entry.status == Status.RETURNED and entry.returns else None
    if entry.status == Status.DRAFT:
        ready = not entry.is_unchanged_carry_forward
    elif returned is not None:
        ready = entry.modified_at > returned.at  # changed since the PAU sent it back
    else:
        ready = False
    # A nested entry goes with its parent; on its own only under one already submitted.
    ready = ready and status_of.get(entry.parent_id) not in OFFICER_EDITABLE
    return Written(entry=entry, depth=depth, returned=returned, ready=ready)
