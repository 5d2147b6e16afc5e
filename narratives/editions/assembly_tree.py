"""Building an edition's tree in Python from entries already read (no queries here).

Order: within a commitment, entries keep their stored `order` (document order for an imported
edition); entries of equal order go force-wide first, then in tree order.

Grouping follows the area tree (`narratives.editions.placing`): an entry is printed under a
heading only if its area (and that of everything nested in it) lies within the heading's area;
otherwise it starts its own group with its own heading. So once a heading has been printed in a
commitment, every later group has one too: a force-wide entry after "North LPA" goes under the
force's name, never silently under North LPA. Consecutive entries for the same district and
label share a sub-heading; a lone one reads "Canvey Island: ..." inline, unless its writer put
the label as a heading. Labels are printed as the writer wrote them.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from narratives.editions.assembled import (
    AreaBlock,
    AreaGroup,
    CommitmentPart,
    EntryNode,
    PriorityPart,
    Segment,
    printable,
)
from narratives.editions.placing import EditionAreas, Place
from narratives.models import Entry
from narratives.operations import operation_slug
from priorities.area_tree import AreaTree


def priorities_build(entries: list[Entry], tree: AreaTree) -> tuple[tuple[PriorityPart, ...], int]:
    shown = {e.pk for e in entries}
    children, tops, commitments = defaultdict(list), defaultdict(list), {}
    for entry in entries:
        if entry.parent_id is None:
            tops[entry.commitment_id].append(entry)
            commitments.setdefault(entry.commitment_id, entry.commitment)
        elif entry.parent_id in shown:
            children[entry.parent_id].append(entry)
    builder = _NodeBuilder(EditionAreas(tree, children))
    parts: dict[int, list[CommitmentPart]] = defaultdict(list)
    priorities = {}
    for commitment in commitments.values():
        priority = commitment.priority
        priorities.setdefault(priority.pk, priority)
        groups = builder.groups(tops[commitment.pk])
        parts[priority.pk].append(
            CommitmentPart(
                commitment.pk,
                commitment.order,
                printable(commitment.lead_in),
                printable(commitment.text),
                groups,
            )
        )
    ordered = sorted(priorities.values(), key=lambda p: (p.plan.title, p.number))
    result = tuple(
        PriorityPart(
            p.number, printable(p.title), tuple(sorted(parts[p.pk], key=lambda c: c.order))
        )
        for p in ordered
    )
    return result, builder.count


@dataclass
class _Run:
    """Consecutive top-level entries with one place; `headed` when printed under its label."""

    place: Place
    entries: list[Entry]
    after_heading: bool = False  # follows a district's sub-heading in the same group

    @property
    def headed(self) -> bool:
        many = len(self.entries) > 1 or any(e.area_heading for e in self.entries)
        return bool(self.place.districts) and (many or self.after_heading)


@dataclass
class _Group:
    place: Place
    runs: list[_Run] = field(default_factory=list)

    def takes(self, run: _Run) -> bool:
        """Whether the run may go on under this group's heading: a district's run does, with
        a sub-heading of its own once one is above it; the LPA's own entries only while no
        district's sub-heading is above them."""
        same = getattr(self.place.lpa, "pk", None) == getattr(run.place.lpa, "pk", None)
        return same and (bool(run.place.districts) or not self.runs[-1].headed)


class _NodeBuilder:
    """Turns a commitment's top-level entries into area groups of nested entry nodes."""

    def __init__(self, areas: EditionAreas):
        self.areas, self.count = areas, 0

    def groups(self, tops: list[Entry]) -> tuple[AreaGroup, ...]:
        groups: list[_Group] = []
        for run in self._runs(tops):
            if groups and groups[-1].takes(run):
                run.after_heading = any(earlier.headed for earlier in groups[-1].runs)
                groups[-1].runs.append(run)
            else:
                groups.append(_Group(run.place, [run]))
        built, headed = [], False  # whether a heading has been printed above
        for group in groups:
            heading = self._heading(group, headed)
            built.append(AreaGroup(heading, tuple(self._block(run, heading) for run in group.runs)))
            headed = headed or bool(heading) or any(run.headed for run in group.runs)
        return tuple(built)

    def _runs(self, tops: list[Entry]) -> list[_Run]:
        placed = [(entry, self.areas.place(entry)) for entry in tops]
        placed.sort(key=lambda p: self.areas.sort_key(*p))
        runs: list[_Run] = []
        for entry, place in placed:
            if runs and runs[-1].place.key == place.key:
                runs[-1].entries.append(entry)
            else:
                runs.append(_Run(place, [entry]))
        return runs

    def _heading(self, group: _Group, headed: bool) -> str:
        """The group's heading: its LPA as written by an entry that had it as a heading, else
        the LPA's name; none for force-wide entries or a lone LPA entry (labelled inline)
        while nothing above has a heading, else the force's name."""
        lpa = group.place.lpa
        if lpa is None:
            return self.areas.force.name if headed and self.areas.force else ""
        lpa_runs = [run for run in group.runs if not run.place.districts]
        written = [
            run.place.label
            for run in lpa_runs
            if any(e.area_heading and e.area_id == lpa.pk for e in run.entries)
        ]
        lone = group.runs == lpa_runs and len(lpa_runs[0].entries) == 1 and not written
        if lone and not headed:
            return ""
        return written[0] if written else lpa.name

    def _block(self, run: _Run, heading: str) -> AreaBlock:
        if run.headed:
            return AreaBlock(run.place.label, tuple(self.node(e, "") for e in run.entries))
        labels = [self._label(entry, run.place, heading) for entry in run.entries]
        return AreaBlock("", tuple(map(self.node, run.entries, labels)))

    def _label(self, entry: Entry, place: Place, heading: str) -> str:
        """An entry's inline label, unless the group's heading already says it."""
        label = self.areas.inline_label(entry)
        if not place.districts and heading and label.casefold() == heading.casefold():
            return ""
        return label

    def node(self, entry: Entry, label: str) -> EntryNode:
        self.count += 1
        own = self.areas.own(entry)
        kids = []
        for child in self.areas.children.get(entry.pk, ()):
            same = not child.area_label.strip() and self.areas.own(child) == own
            kids.append(self.node(child, "" if same else self.areas.inline_label(child)))
        operations = sorted(entry.operations.all(), key=lambda op: -len(op.key))
        text = printable(entry.text)
        return EntryNode(
            id=entry.pk,
            text=text,
            label=printable(label),
            area=self.areas.names(own),
            status=entry.status,
            operations=tuple(sorted(op.key for op in operations)),
            segments=_segments(text, [op.key for op in operations]),
            children=tuple(kids),
        )


def _segments(text: str, keys: list[str]) -> tuple[Segment, ...]:
    """Split text so that each mention of one of the entry's operations can be linked."""
    spans: list[tuple[int, int, str]] = []
    for key in keys:
        name = r"\s+".join(re.escape(word) for word in key.split())
        written = re.compile(rf"\bOperation(?:al)?\s+{name}(?!\w)", re.IGNORECASE)
        bare = re.compile(rf"(?<!\w){name}(?!\w)")
        for pattern in (written, bare):
            for match in pattern.finditer(text):
                if not any(s < match.end() and match.start() < e for s, e, _ in spans):
                    spans.append((match.start(), match.end(), operation_slug(key)))
    segments, at = [], 0
    for start, end, slug in sorted(spans):
        if start > at:
            segments.append(Segment(text[at:start]))
        segments.append(Segment(text[start:end], slug))
        at = end
    if at < len(text) or not segments:
        segments.append(Segment(text[at:]))
    return tuple(segments)
