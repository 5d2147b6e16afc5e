"""The structure of an edition as published and as re-imported, in one comparable shape:
priorities, commitments, entries in document order (depth, text, areas, operations)."""

from narratives.editions.assembled import AssembledEdition, EntryNode
from narratives.editions.assembly import edition_assemble
from narratives.importing.model import ParsedEdition, ParsedEntry, operation_key
from narratives.importing.parser import parse_document
from narratives.importing.readers import edition_document_from_bytes
from narratives.importing.store import gazetteer_from_db
from narratives.models import Entry
from priorities.models import Area, Period


def published_structure(period: Period) -> tuple[AssembledEdition, list]:
    """The assembled edition and its structure, areas as the entries hold them."""
    edition = edition_assemble(period=period)
    entries = Entry.objects.filter(period=period).select_related("area")
    areas = {entry.pk: _areas(entry) for entry in entries.prefetch_related("areas")}
    structure = [
        (
            priority.number,
            priority.title,
            [(c.lead_in, c.text, _walk_nodes(_nodes(c), areas, 0)) for c in priority.commitments],
        )
        for priority in edition.priorities
    ]
    return edition, structure


def parsed_structure(edition: ParsedEdition) -> list:
    return [
        (
            priority.number,
            priority.title,
            [(c.lead_in, c.text, _walk_parsed(c.entries, 0)) for c in priority.commitments],
        )
        for priority in edition.priorities
    ]


def reimported(content: bytes, name: str) -> ParsedEdition:
    document = edition_document_from_bytes(content, name=name, max_bytes=50 * 1024 * 1024)
    return parse_document(document, gazetteer=gazetteer_from_db())


def _areas(entry: Entry) -> tuple[str, ...]:
    named = sorted(area.name for area in entry.areas.all())
    if named:
        return tuple(named)
    return () if entry.area.kind == Area.Kind.FORCE else (entry.area.name,)


def _nodes(commitment) -> list[EntryNode]:
    blocks = [block for group in commitment.groups for block in group.blocks]
    return [entry for block in blocks for entry in block.entries]


def _walk_nodes(nodes, areas: dict, depth: int) -> list:
    rows = []
    for node in nodes:
        rows.append((depth, node.text, areas[node.id], tuple(sorted(node.operations))))
        rows.extend(_walk_nodes(node.children, areas, depth + 1))
    return rows


def _walk_parsed(entries: list[ParsedEntry], depth: int) -> list:
    rows = []
    for entry in entries:
        operations = tuple(sorted({operation_key(name) for name in entry.operations}))
        rows.append((depth, entry.text, tuple(sorted(entry.areas)), operations))
        rows.extend(_walk_parsed(entry.children, depth + 1))
    return rows


def lines_of(structure: list) -> list[str]:
    """One line per priority, commitment and entry: a failed comparison shows the very line."""
    lines = []
    for number, title, commitments in structure:
        lines.append(f"Priority {number} – {title}")
        for lead_in, text, entries in commitments:
            lines.append(f"  {lead_in} | {text}")
            for depth, entry, areas, operations in entries:
                where = ", ".join(areas) or "force"
                lines.append(f"    {'  ' * depth}[{where}] {entry} {list(operations) or ''}")
    return lines
