"""Timelines: every public entry about an area or an operation, quarter by quarter.

Built from what each quarter's latest published version printed (its public JSON snapshot,
through `narratives.public`), so the text is the edition's and every link lands on an entry
that its page shows. An area's timeline holds the entries about the area or any area below it
(an LPA's includes its districts'), by the entries' areas in the database (or, for one deleted
since, the areas the edition printed); an operation's, the entries that the edition printed as
naming it. A fixed handful of queries, however many quarters and entries.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from narratives.models import Edition, Entry
from narratives.public import entries_printed
from priorities.area_tree import AreaTree


@dataclass(frozen=True)
class TimelineEntry:
    entry_id: int
    priority: int
    priority_title: str
    commitment: int  # its order within the priority
    commitment_text: str  # lead-in and text, as printed
    label: str  # the area as written: the entry's label, else the heading it was printed under
    text: str
    depth: int  # 0 for a top-level entry, 1 for one nested under it...
    url: str  # its anchor in the quarter's edition page
    nested: bool = False  # shown under its parent, which the timeline also shows

    @property
    def commitment_key(self) -> str:
        """ "2.3": priority 2, commitment 3 (the filter's value)."""
        return f"{self.priority}.{self.commitment}"


@dataclass(frozen=True)
class CommitmentRun:
    """Consecutive entries of a quarter under one commitment."""

    priority: int
    priority_title: str
    key: str
    text: str
    entries: tuple[TimelineEntry, ...]


@dataclass(frozen=True)
class TimelineQuarter:
    label: str  # "2020/21 Q2"
    version: str
    url: str  # the quarter's edition page
    entries: tuple[TimelineEntry, ...]

    @property
    def runs(self) -> list[CommitmentRun]:
        runs: list[CommitmentRun] = []
        for entry in self.entries:
            if runs and runs[-1].key == entry.commitment_key:
                last = runs[-1]
                runs[-1] = CommitmentRun(**{**vars(last), "entries": (*last.entries, entry)})
            else:
                runs.append(
                    CommitmentRun(
                        entry.priority,
                        entry.priority_title,
                        entry.commitment_key,
                        entry.commitment_text,
                        (entry,),
                    )
                )
        return runs


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Timeline:
    quarters: tuple[TimelineQuarter, ...]
    priorities: tuple[Choice, ...]  # what the filter offers: every priority in the timeline
    commitments: tuple[Choice, ...]

    @property
    def entry_count(self) -> int:
        return sum(len(quarter.entries) for quarter in self.quarters)


def area_entry_ids(*, area_ids: Iterable[int], editions: list[Edition]) -> set[int]:
    """Ids of the entries of the editions' quarters that are about any of these areas: their
    own area, or one of the areas they name together ("Castle Point and Rochford")."""
    area_ids = list(area_ids)
    named = Entry.areas.through.objects.filter(entry_id=OuterRef("pk"), area_id__in=area_ids)
    entries = Entry.objects.filter(period_id__in={e.period_id for e in editions})
    about = entries.filter(Q(area_id__in=area_ids) | Q(Exists(named)))
    return set(about.order_by().values_list("pk", flat=True))


def about_areas(*, tree: AreaTree, area_id: int, editions: list[Edition]) -> Callable[[dict], bool]:
    """Whether a printed entry is about the area or one below it: by its areas in the
    database, or, for an entry since deleted, by the areas' names the edition printed."""
    within = set(tree.within(area_id))
    ids = area_entry_ids(area_ids=within, editions=editions)

    @cache
    def printed_within(names: str) -> bool:
        found = tree.find_all(names) if names else None
        return bool(found) and any(area.pk in within for area in found)

    return lambda row: row["entry_id"] in ids or printed_within(row.get("area", ""))


def timeline_build(
    *,
    editions: list[Edition],
    keep: Callable[[dict], bool],
    priority: str = "",
    commitment: str = "",
    oldest_first: bool = False,
) -> Timeline:
    """The printed entries that `keep` accepts, by quarter (newest first unless asked), each
    quarter in the edition's own order; `priority` ("2") and `commitment` ("2.3") filter."""
    printed = entries_printed(editions)
    quarters, priorities, commitments = [], {}, {}
    for edition in sorted(editions, key=_quarter_order, reverse=not oldest_first):
        page = _edition_url(edition)
        entries, shown = [], set()
        for row in printed.get(edition.pk, []):
            if not keep(row):
                continue
            entry = _entry(row, page, nested=row.get("parent_id") in shown)
            priorities.setdefault(
                str(entry.priority), f"Priority {entry.priority} – {entry.priority_title}"
            )
            commitments.setdefault(entry.commitment_key, _commitment_label(entry))
            if priority and str(entry.priority) != priority:
                continue
            if commitment and entry.commitment_key != commitment:
                continue
            entries.append(entry)
            shown.add(entry.entry_id)
        if entries:
            quarters.append(
                TimelineQuarter(edition.period.label, edition.version, page, tuple(entries))
            )
    return Timeline(tuple(quarters), _choices(priorities), _choices(commitments))


def _quarter_order(edition: Edition) -> tuple[int, int]:
    return (edition.period.year, edition.period.quarter)


def _edition_url(edition: Edition) -> str:
    return reverse("narratives:edition", args=[edition.period.fy, edition.period.quarter])


def _entry(row: dict, page: str, *, nested: bool) -> TimelineEntry:
    label = row["label"] or row["district"] or row["lpa"] or row["area"]
    lead_in = row.get("lead_in", "")
    return TimelineEntry(
        entry_id=row["entry_id"],
        priority=row["priority"],
        priority_title=row["priority_title"],
        commitment=row["commitment"],
        commitment_text=f"{lead_in} {row['commitment_text']}".strip(),
        label=label,
        text=row["text"],
        depth=row["depth"],
        url=f"{page}#entry-{row['entry_id']}",
        nested=nested,
    )


def _commitment_label(entry: TimelineEntry) -> str:
    text = entry.commitment_text
    short = text if len(text) <= 70 else text[:67].rsplit(" ", 1)[0] + "…"
    return f"{entry.commitment_key} {short}"


def _choices(found: dict[str, str]) -> tuple[Choice, ...]:
    def order(value: str) -> tuple[int, ...]:
        return tuple(int(part) for part in value.split("."))

    return tuple(Choice(value, found[value]) for value in sorted(found, key=order))
