"""Building an edition's tree in Python from entries already read (no queries here).

Order: within a commitment, entries keep their stored `order` (document order for an imported
edition); entries of equal order go force-wide first, then by LPA, then district. Consecutive
entries for the same LPA are grouped under its heading, and for the same district under its
sub-heading; a lone entry for a district reads "Tendring: ..." rather than sitting under a
heading of its own.
"""

import re
from collections import defaultdict

from narratives.editions.assembled import (
    AreaBlock,
    AreaGroup,
    CommitmentPart,
    EntryNode,
    PriorityPart,
    Segment,
    operation_slug,
    printable,
)
from narratives.models import Entry
from priorities.models import Area


class AreaTree:
    """The force's areas in memory: where an entry belongs and how to label it."""

    def __init__(self, areas: list[Area]):
        self.by_id = {area.pk: area for area in areas}
        self.lpa_rank = {
            area.pk: rank for rank, area in enumerate(a for a in areas if a.kind == Area.Kind.LPA)
        }
        self.district_rank = {area.pk: rank for rank, area in enumerate(areas)}
        self.names = defaultdict(set)  # area id -> names it is written as (lower case)
        for area in areas:
            self.names[area.pk].add(area.name.lower())
            self.names[area.pk].update(alias.name.lower() for alias in area.aliases.all())

    def lpa_of(self, area: Area) -> Area | None:
        while area is not None and area.kind == Area.Kind.DISTRICT:
            area = self.by_id.get(area.parent_id)
        return area if area is not None and area.kind == Area.Kind.LPA else None

    def place(self, entry: Entry) -> tuple[Area | None, tuple[Area, ...]]:
        """(LPA or None for force-wide, the districts it is for) of an entry."""
        districts = sorted(
            (a for a in entry.areas.all() if a.kind == Area.Kind.DISTRICT),
            key=lambda a: self.district_rank.get(a.pk, 0),
        )
        if len(districts) < 2:
            area = self.by_id.get(entry.area_id) or entry.area
            districts = [area] if area.kind == Area.Kind.DISTRICT else []
            lpa = self.lpa_of(area)
        else:
            lpas = {getattr(self.lpa_of(d), "pk", None) for d in districts}
            lpa = self.lpa_of(districts[0]) if len(lpas) == 1 else None
        return lpa, tuple(districts)

    def label(self, lpa: Area | None, districts: tuple[Area, ...]) -> str:
        names = [d.name for d in districts] or ([lpa.name] if lpa else [])
        if len(names) < 2:
            return names[0] if names else ""
        return ", ".join(names[:-1]) + " and " + names[-1]

    def already_labelled(self, text: str, lpa: Area | None, districts: tuple[Area, ...]) -> bool:
        """True when the text itself opens with the area's name ("Rochford: ...")."""
        head = text.split(":", 1)[0].strip().lower() if ":" in text[:60] else ""
        areas = districts or ((lpa,) if lpa else ())
        return bool(head) and any(head in self.names[a.pk] for a in areas)


def priorities_build(entries: list[Entry], tree: AreaTree) -> tuple[tuple[PriorityPart, ...], int]:
    shown = {e.pk for e in entries}
    children, tops, commitments = defaultdict(list), defaultdict(list), {}
    for entry in entries:
        if entry.parent_id is None:
            tops[entry.commitment_id].append(entry)
            commitments.setdefault(entry.commitment_id, entry.commitment)
        elif entry.parent_id in shown:
            children[entry.parent_id].append(entry)
    builder = _NodeBuilder(tree, children)
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


class _NodeBuilder:
    """Turns a commitment's top-level entries into area groups of nested entry nodes."""

    def __init__(self, tree: AreaTree, children: dict[int, list[Entry]]):
        self.tree, self.children, self.count = tree, children, 0

    def groups(self, tops: list[Entry]) -> tuple[AreaGroup, ...]:
        placed = [(entry, *self.tree.place(entry)) for entry in tops]
        placed.sort(key=self._sort_key)
        groups = []
        for members in _runs(placed, lambda p: getattr(p[1], "pk", None)):
            entry, lpa, districts = members[0]
            if lpa and len(members) == 1 and not districts:
                # A lone entry for the LPA itself reads "West LPA: ..." rather than a heading.
                node = self.node(entry, self._label(entry, lpa))
                groups.append(AreaGroup("", (AreaBlock("", (node,)),)))
                continue
            blocks = tuple(
                self._block(lpa, run[0][2], [m[0] for m in run])
                for run in _runs(members, lambda p: tuple(d.pk for d in p[2]))
            )
            groups.append(AreaGroup(lpa.name if lpa else "", blocks))
        return tuple(groups)

    def _sort_key(self, placed) -> tuple:
        # Stored order first (document order of an imported edition is kept exactly); entries
        # with equal order, as written in the browser, go force-wide, then LPA, then district.
        entry, lpa, districts = placed
        lpa_rank = -1 if lpa is None else self.tree.lpa_rank.get(lpa.pk, 0)
        district_rank = self.tree.district_rank.get(districts[0].pk, 0) if districts else -1
        return (entry.order, lpa_rank, district_rank, entry.pk)

    def _block(self, lpa, districts, entries: list[Entry]) -> AreaBlock:
        label = self.tree.label(lpa, districts) if districts else ""
        if label and len(entries) == 1:
            entry = entries[0]
            return AreaBlock("", (self.node(entry, self._label(entry, lpa, districts)),))
        return AreaBlock(label, tuple(self.node(entry, "") for entry in entries))

    def _label(self, entry: Entry, lpa, districts=()) -> str:
        if self.tree.already_labelled(entry.text, lpa, districts):
            return ""
        return self.tree.label(lpa, districts)

    def node(self, entry: Entry, label: str) -> EntryNode:
        self.count += 1
        place = self.tree.place(entry)
        kids = []
        for child in self.children.get(entry.pk, ()):
            child_place = self.tree.place(child)
            same = _place_key(child_place) == _place_key(place)
            kids.append(self.node(child, "" if same else self._label(child, *child_place)))
        operations = sorted(entry.operations.all(), key=lambda op: -len(op.key))
        text = printable(entry.text)
        return EntryNode(
            id=entry.pk,
            text=text,
            label=label,
            area=self.tree.label(*place) or self.tree.by_id[entry.area_id].name,
            status=entry.status,
            operations=tuple(sorted(op.key for op in operations)),
            segments=_segments(text, [op.key for op in operations]),
            children=tuple(kids),
        )


def _place_key(place) -> tuple:
    lpa, districts = place
    return (getattr(lpa, "pk", None), tuple(d.pk for d in districts))


def _runs(items: list, key) -> list[list]:
    """Consecutive runs of items that share a key, in order."""
    runs: list[list] = []
    for item in items:
        if runs and key(runs[-1][0]) == key(item):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


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
