"""A commitment's bullets and paragraphs as nested entries with their areas.

Nesting comes from indentation; then a heading that has nothing indented under it ("North LPA",
"- Colchester:", "The Force Control Room (FCR):") takes the lines that follow it at its level,
as converted editions lose the indentation under headings. Area headings are not entries: their
entries carry the area instead. Non-area headings stay entries with the bullets as children.
"""

import re
from dataclasses import dataclass, field

from narratives.importing.gazetteer import LPA, LPA_NAME, Gazetteer, Place
from narratives.importing.model import ParsedEntry
from narratives.importing.operations import operation_names
from narratives.importing.tokens import ItemToken

LABEL = re.compile(r"^(?P<label>[^:.;!?()]{2,80}?)\s*:\s*(?P<rest>.*)$", re.S)
AREA_HEADING, HEADING, ENTRY = "area heading", "heading", "entry"


@dataclass
class Node:
    token: ItemToken
    kind: str
    text: str  # without the area label
    places: list[Place] = field(default_factory=list)
    label: str = ""  # the area label as written ("Canvey Island"), kept for the edition
    children: list["Node"] = field(default_factory=list)


@dataclass
class AreaReader:
    """Reads area labels with the gazetteer; an unknown "East LPA" is added with a warning."""

    gazetteer: Gazetteer
    warnings: list[str] = field(default_factory=list)
    new_areas: list[tuple[str, str]] = field(default_factory=list)

    def places(self, label: str, line: int) -> list[Place] | None:
        found = self.gazetteer.find(label)
        if found is not None:
            return found
        name = " ".join(label.strip().rstrip(":").split())
        if not LPA_NAME.match(name):
            return None
        place = self.gazetteer.add(name, LPA, self.gazetteer.force)
        self.new_areas.append((name, LPA))
        under = f" under {self.gazetteer.force}" if self.gazetteer.force else ""
        self.warnings.append(f'line {line}: "{name}" is not a known area; it is created{under}.')
        return [place]

    def is_heading(self, text: str) -> bool:
        """A line that starts a new block rather than continuing the bullet above it."""
        bare = text.strip().rstrip(":")
        return bool(self.gazetteer.find(bare) or LPA_NAME.match(bare)) or _is_subheading(text)


def entries_of(items: list[ItemToken], reader: AreaReader) -> list[ParsedEntry]:
    """The entries of one commitment, nested, each with its area and operations."""
    roots = _nest([_node(item, reader) for item in items if item.text])
    return _resolve(_adopt(roots, reader), [], reader)


def _node(item: ItemToken, reader: AreaReader) -> Node:
    text = item.text
    whole = reader.places(text, item.line) if len(text) <= 80 else None
    if whole:
        return Node(item, AREA_HEADING, "", whole, label=_as_written(text))
    label = LABEL.match(text)
    if label:
        places = reader.places(label.group("label"), item.line)
        if places:
            rest = label.group("rest").strip()
            kind = ENTRY if rest else AREA_HEADING
            return Node(item, kind, rest, places, label=_as_written(label.group("label")))
    return Node(item, HEADING if _is_subheading(text) else ENTRY, text)


def _as_written(label: str) -> str:
    return " ".join(label.strip().rstrip(":").split())


def _is_subheading(text: str) -> bool:
    """ "The Force Control Room (FCR):" — short, ends with a colon, no sentence inside."""
    return text.endswith(":") and len(text) <= 100 and not re.search(r"[.!?]\s", text)


def _nest(nodes: list[Node]) -> list[Node]:
    roots: list[Node] = []
    stack: list[Node] = []
    for node in nodes:
        while stack and stack[-1].token.indent >= node.token.indent:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _adopt(nodes: list[Node], reader: AreaReader) -> list[Node]:
    gazetteer = reader.gazetteer
    kept: list[Node] = []
    index = 0
    while index < len(nodes):
        node = nodes[index]
        index += 1
        if node.kind in (AREA_HEADING, HEADING) and not node.children:
            while index < len(nodes) and _belongs_under(node, nodes[index], gazetteer):
                node.children.append(nodes[index])
                index += 1
            if node.kind == AREA_HEADING and not node.children and index < len(nodes):
                _check_under(nodes[index], node.places, reader)
        else:
            for child in node.children:
                _check_under(child, node.places, reader)
        kept.append(node)
    for node in kept:
        node.children = _adopt(node.children, reader)
    return kept


def _check_under(node: Node, heading: list[Place], reader: AreaReader) -> None:
    """A district listed under another LPA's heading keeps the gazetteer's LPA, with a warning:
    the areas are set up by the force, an edition's layout does not move them."""
    gazetteer = reader.gazetteer
    outer = [p for p in heading if p.kind == LPA]
    for place in node.places:
        if not outer or any(gazetteer.within(place.name, lpa.name) for lpa in outer):
            continue
        belongs = f"; it is kept under {place.parent}" if place.parent else ""
        reader.warnings.append(
            f"line {node.token.line}: {place.name} is listed under "
            f"{' and '.join(p.name for p in outer)}{belongs}."
        )


def _belongs_under(heading: Node, node: Node, gazetteer: Gazetteer) -> bool:
    if heading.kind == HEADING:
        # A topic heading takes the bullets after it, up to the next paragraph; a bulleted
        # one stops at the next heading too.
        return node.token.bullet and (not heading.token.bullet or node.kind == ENTRY)
    if node.places:
        # Under "North LPA", "Colchester: ..." stays; "South LPA:" or "Basildon: ..." ends it.
        return all(
            any(gazetteer.within(place.name, outer.name) for outer in heading.places)
            for place in node.places
        )
    return node.token.bullet and node.kind == ENTRY


def _resolve(
    nodes: list[Node], context: list[Place], reader: AreaReader, heading: str = ""
) -> list[ParsedEntry]:
    """Entries with their areas; `heading` is the area heading above them, as written, which
    each keeps (with `label_heading`) unless it has a label of its own."""
    entries: list[ParsedEntry] = []
    for node in nodes:
        places = node.places or context
        if node.kind == AREA_HEADING:
            if not node.children:
                names = " and ".join(place.name for place in node.places)
                reader.warnings.append(f"line {node.token.line}: {names} has no entries under it.")
            entries.extend(_resolve(node.children, places, reader, node.label))
            continue
        entries.append(
            ParsedEntry(
                text=node.text,
                area=_most_specific(places),
                areas=[place.name for place in places],
                label=node.label if node.places else heading,
                label_heading=not node.places and bool(heading),
                operations=operation_names(node.text),
                children=_resolve(node.children, places, reader),
                line=node.token.line,
            )
        )
    return entries


def _most_specific(places: list[Place]) -> str | None:
    """The deepest area named (a district, else an LPA); the first of equals."""
    if not places:
        return None
    return max(places, key=lambda place: place.depth).name
