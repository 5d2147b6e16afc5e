"""What is public: the one place that says which entries, operations and editions anyone may read
without logging in. The public edition in every format, the operation register and the search
ask here; nothing else decides.

- An edition is public once published. Its public set of files leaves out what is withheld; its
  internal set (staff only) holds every approved entry.
- An entry is withheld when it is marked not for publication, names an operation marked not for
  publication (its text would give the name away), or sits under an entry that is withheld.
- What a published edition printed stays readable in its frozen files; pages that gather
  printed entries across quarters (timelines) also leave out any entry withheld since.
- An operation is public when a published edition's public set names it and it is not (now)
  marked not for publication; its description is public only as an analyst approved it.
"""

import json
from collections import OrderedDict
from collections.abc import Iterable
from threading import Lock

from django.db.models import Exists, OuterRef, Q, QuerySet

from narratives.models import Edition, Entry, Operation
from priorities.models import Period


def editions_published(*, period: Period | None = None) -> QuerySet[Edition]:
    """Editions whose files are made and public (every version), or those of one period: the
    one query every reader of published editions starts from."""
    published = Edition.objects.filter(published_at__isnull=False)
    return published if period is None else published.filter(period=period)


def entry_is_withheld_alone(entry: Entry) -> bool:
    """Withheld for itself or its operations (read from `operations.all()`, so prefetch them)."""
    return entry.not_for_publication or any(
        operation.not_for_publication for operation in entry.operations.all()
    )


def entries_for_public(entries: Iterable[Entry]) -> list[Entry]:
    """The entries, already read, less those withheld and every entry nested under them."""
    entries = list(entries)
    by_id = {entry.pk: entry for entry in entries}
    withheld: dict[int, bool] = {}

    def is_withheld(entry: Entry) -> bool:
        if entry.pk not in withheld:
            parent = by_id.get(entry.parent_id)
            withheld[entry.pk] = entry_is_withheld_alone(entry) or (
                parent is not None and is_withheld(parent)
            )
        return withheld[entry.pk]

    return [entry for entry in entries if not is_withheld(entry)]


def _withheld_alone() -> Q:
    # The few entries naming a withheld operation, found from the operations' side: a
    # correlated EXISTS per entry would run once for each of the table's rows (every search).
    naming_secret = Entry.operations.through.objects.filter(operation__not_for_publication=True)
    return Q(not_for_publication=True) | Q(pk__in=naming_secret.values("entry_id"))


def entry_ids_withheld(entries: QuerySet[Entry] | None = None) -> set[int]:
    """Ids of the withheld entries among `entries` (all when None), nested ones included.

    One query, then one per level of nesting below a withheld entry.
    """
    entries = Entry.objects.all() if entries is None else entries
    # order_by(): ids only, so no join for the entries' default ordering.
    found = set(entries.filter(_withheld_alone()).order_by().values_list("pk", flat=True))
    frontier = found
    while frontier:
        frontier = set(
            Entry.objects.filter(parent_id__in=frontier).order_by().values_list("pk", flat=True)
        ).difference(found)
        found |= frontier
    return found


def entries_public() -> QuerySet[Entry]:
    """Approved entries of published quarters that the public may read (the search's rule).

    They are the entries as they stand now; what an edition printed is in its frozen files.
    """
    published = editions_published().filter(period=OuterRef("period"))
    approved = Entry.objects.filter(status=Entry.Status.APPROVED).filter(Exists(published))
    return approved.exclude(pk__in=entry_ids_withheld(approved))


def operation_keys_published() -> set[str]:
    """Keys of the operations that any published version's public set names."""
    keys: set[str] = set()
    for names in editions_published().values_list("operation_keys", flat=True):
        keys.update(names or ())
    return keys


def operations_public() -> QuerySet[Operation]:
    """The public register: operations named in published editions, none withheld."""
    return Operation.objects.filter(
        key__in=operation_keys_published(), not_for_publication=False
    ).order_by("key")


def editions_latest() -> list[Edition]:
    """The latest published version of each quarter, newest quarter first (snapshots not read;
    `period` loaded)."""
    editions = (
        editions_published()
        .select_related("period")
        .only("period", "version", "version_major", "version_minor", "published_at")
        .order_by("-period__year", "-period__quarter", "-version_major", "-version_minor")
    )
    latest: dict[int, Edition] = {}
    for edition in editions:
        latest.setdefault(edition.period_id, edition)
    return list(latest.values())


def entries_printed(editions: list[Edition]) -> dict[int, list[dict]]:
    """By edition id, the entries its public set printed (the flat list of its JSON snapshot,
    to read, not to change), less any withheld since it was published. Three queries or so,
    however many entries; a snapshot already read in this process is not read again."""
    printed = _snapshots_read(editions)
    periods = {edition.period_id for edition in editions}
    withheld = entry_ids_withheld(Entry.objects.filter(period_id__in=periods))
    return {
        pk: [entry for entry in entries if entry["entry_id"] not in withheld]
        for pk, entries in printed.items()
    }


# A published version's snapshot never changes (a re-issue is a new version), so each process
# keeps the last few it parsed: parsing is most of a timeline's time (40 quarters of ~120
# entries: ~7 MB of JSON). Keyed by id and publication time, so a reused id is not mistaken.
_SNAPSHOTS_KEPT = 80
_snapshots: OrderedDict[tuple[int, object], list[dict]] = OrderedDict()
_snapshots_lock = Lock()


def _snapshots_read(editions: list[Edition]) -> dict[int, list[dict]]:
    keys = {edition.pk: (edition.pk, edition.published_at) for edition in editions}
    with _snapshots_lock:
        found = {pk: _snapshots.get(key) for pk, key in keys.items()}
    missing = [pk for pk, entries in found.items() if entries is None]
    if missing:
        rows = Edition.objects.filter(pk__in=missing).order_by().values_list("pk", "snapshot_json")
        for pk, snapshot in rows:
            found[pk] = json.loads(snapshot or "{}").get("entries", [])
    with _snapshots_lock:
        for pk, entries in found.items():
            if entries is not None:
                _snapshots[keys[pk]] = entries  # newly read, or read again: kept longest
                _snapshots.move_to_end(keys[pk])
        while len(_snapshots) > _SNAPSHOTS_KEPT:
            _snapshots.popitem(last=False)
    return {pk: entries or [] for pk, entries in found.items()}
