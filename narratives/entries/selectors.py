"""Reads about entries and their workflow: who may write what, and when."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from narratives.models import Edition, Entry, Transition
from narratives.public import editions_published
from priorities.models import Commitment, Period
from priorities.roles import user_area_ids
from priorities.scoping import user_may
from priorities.selectors import periods_accepting_entries, periods_latest_first, periods_of

# Officers may change an entry only while it is theirs to change: before review, or sent back.
OFFICER_EDITABLE = frozenset({Entry.Status.DRAFT, Entry.Status.RETURNED})


def periods_open_for_entry(*, now=None) -> QuerySet[Period]:
    """Periods officers may write for: opened by the PAU, deadline not passed, not published."""
    published = editions_published().filter(period=OuterRef("pk"))
    return periods_accepting_entries(now=now).exclude(Exists(published))


def period_ids_open_for_entry(*, now=None) -> frozenset[int]:
    return frozenset(periods_open_for_entry(now=now).values_list("pk", flat=True))


def period_current(*, now=None) -> Period | None:
    """The quarter being worked on: the newest open for entry, else the newest there is."""
    return (
        periods_latest_first(within=periods_open_for_entry(now=now)).first()
        or periods_latest_first().first()
    )


def period_deadline_passed(*, period: Period, now=None) -> bool:
    now = now or timezone.now()
    return period.entry_deadline is not None and period.entry_deadline <= now


def entry_place_writable_by(*, entry: Entry, user, open_period_ids: Iterable[int] | None = None):
    """Whether the user may write entries for the entry's area and period, whatever its state."""
    if user_may(user, "narratives.write_any_entry"):
        return True
    if not user_may(user, "narratives.change_entry") or entry.area_id not in user_area_ids(user):
        return False
    if open_period_ids is None:
        open_period_ids = period_ids_open_for_entry()
    return entry.period_id in open_period_ids


def entry_is_writable_by(*, entry: Entry, user, open_period_ids: Iterable[int] | None = None):
    """Whether the user may change (or delete) the entry as it stands.

    `open_period_ids` saves a query when asked for many entries in one request.
    """
    if user_may(user, "narratives.write_any_entry"):
        return True
    if entry.status not in OFFICER_EDITABLE:
        return False
    return entry_place_writable_by(entry=entry, user=user, open_period_ids=open_period_ids)


def entry_return_comment(*, entry: Entry) -> Transition | None:
    """The reviewer's latest return, which the officer is to act on (None once resubmitted)."""
    if entry.status != Entry.Status.RETURNED:
        return None
    return entry.transitions.filter(to_status=Entry.Status.RETURNED).order_by("-at", "-pk").first()


def entry_ids_with_descendants(entry_ids: Iterable[int]) -> list[int]:
    """The entries and every entry nested under them, parents before children."""
    found = list(dict.fromkeys(entry_ids))
    frontier = set(found)
    while frontier:
        children = set(
            Entry.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        ).difference(found)
        found.extend(sorted(children))
        frontier = children
    return found


def entries_deleted(*, user) -> list:
    """Last recorded state of each deleted entry the user may see, newest deletion first."""
    records = (
        Entry.history.filter(history_type="-")
        .exclude(id__in=Entry.objects.values("pk"))
        .select_related("history_user", "period", "area", "commitment__priority")
        .order_by("-history_date", "-history_id")
    )
    area_ids = user_area_ids(user)
    if area_ids is not None:
        records = records.filter(area_id__in=area_ids)
    latest: dict[int, object] = {}
    for record in records[:500]:
        latest.setdefault(record.id, record)
    return list(latest.values())


def unchanged_carry_forwards(*, entries: Iterable[Entry]) -> list[Entry]:
    """Of the entries and those nested under them, the copies of last quarter's text that
    nobody has changed and that are still to be submitted."""
    ids = entry_ids_with_descendants(entry.pk for entry in entries)
    copies = Entry.objects.filter(
        pk__in=ids, carried_forward_from__isnull=False, status__in=OFFICER_EDITABLE
    ).select_related("carried_forward_from", "commitment__priority", "period", "area")
    return [entry for entry in copies.order_by("pk") if entry.is_unchanged_carry_forward]


def latest_published_edition() -> Edition | None:
    """The newest quarter's latest published version, to say which quarter has closed."""
    return (
        editions_published()
        .select_related("period")
        .order_by("-period__year", "-period__quarter", "-published_at")
        .first()
    )


def entries_nested(*, entries: Iterable[Entry]) -> list[tuple[Entry, int]]:
    """Entries in reading order, each followed by its nested entries, with their depth.

    Siblings go by their order; an entry whose parent is not among `entries` (another area's,
    or filtered out) stands at the top level. No queries: the entries' `parent_id` suffices.
    """
    entries = list(entries)
    present = {entry.pk for entry in entries}
    children = defaultdict(list)
    for entry in sorted(entries, key=lambda e: (e.order, e.pk)):
        children[entry.parent_id if entry.parent_id in present else None].append(entry)
    ordered: list[tuple[Entry, int]] = []
    stack = [(entry, 0) for entry in reversed(children[None])]
    while stack:  # a stack, not recursion: nesting may be as deep as the writers make it
        entry, depth = stack.pop()
        ordered.append((entry, depth))
        stack.extend((child, depth + 1) for child in reversed(children[entry.pk]))
    return ordered


def commitments_expected(*, period: Period) -> list[Commitment]:
    """The commitments a quarter is written against: those of the plan(s) written for in this
    quarter or the one before; every commitment while neither has an entry. One query (two
    when nothing is written yet). My quarter's grid and the deadline reminders both ask this."""
    before = periods_of(quarter=period.as_quarter.previous())
    written = Entry.objects.filter(Q(period=period) | Q(period__in=before))
    commitments = Commitment.objects.select_related("priority").order_by(
        "priority__plan_id", "priority__number", "order", "pk"
    )
    in_use = commitments.filter(priority__plan__in=written.values("commitment__priority__plan"))
    return list(in_use) or list(commitments)
