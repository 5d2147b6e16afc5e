"""The edition as data: JSON (the whole tree plus a flat list of entries) and CSV (one row per
entry), for those who reuse the figures and for comparing versions."""

import csv
import dataclasses
import io
import json
from collections.abc import Iterator

from narratives.editions.assembled import AssembledEdition, EntryNode

CSV_COLUMNS = [
    "priority",
    "priority_title",
    "commitment",
    "lead_in",
    "commitment_text",
    "lpa",
    "district",
    "label",
    "depth",
    "entry_id",
    "parent_id",
    "area",
    "text",
    "operations",
]


@dataclasses.dataclass(frozen=True)
class FlatEntry:
    priority: int
    priority_title: str
    commitment: int
    lead_in: str
    commitment_text: str
    lpa: str
    district: str
    label: str
    depth: int
    entry_id: int
    parent_id: int | None
    area: str
    text: str
    operations: tuple[str, ...]


def flat_entries(edition: AssembledEdition) -> Iterator[FlatEntry]:
    """Every entry in document order with where it sits (priority, commitment, headings)."""
    for priority in edition.priorities:
        for commitment in priority.commitments:
            for group in commitment.groups:
                for block in group.blocks:
                    for entry in block.entries:
                        place = (priority, commitment, group.heading, block.heading)
                        yield from _walk(entry, place, 0, None)


def _walk(entry: EntryNode, place, depth: int, parent_id: int | None) -> Iterator[FlatEntry]:
    priority, commitment, lpa, district = place
    yield FlatEntry(
        priority=priority.number,
        priority_title=priority.title,
        commitment=commitment.order,
        lead_in=commitment.lead_in,
        commitment_text=commitment.text,
        lpa=lpa,
        district=district,
        label=entry.label,
        depth=depth,
        entry_id=entry.id,
        parent_id=parent_id,
        area=entry.area,
        text=entry.text,
        operations=entry.operations,
    )
    for child in entry.children:
        yield from _walk(child, place, depth + 1, entry.id)


def edition_json(edition: AssembledEdition, *, publication: dict) -> str:
    """`publication` holds what the edition does not know: version, dates, change note."""
    tree = dataclasses.asdict(edition)
    tree["cover"] = {
        **tree["cover"],
        "data_to": edition.cover.data_to.isoformat(),
        "produced": edition.cover.produced.isoformat(),
    }
    document = {
        "publication": publication,
        "edition": tree,
        "entries": [dataclasses.asdict(entry) for entry in flat_entries(edition)],
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)


def edition_csv(edition: AssembledEdition) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in flat_entries(edition):
        row = dataclasses.asdict(entry)
        row["operations"] = "; ".join(entry.operations)
        writer.writerow([_spreadsheet_safe(row[column]) for column in CSV_COLUMNS])
    return out.getvalue()


def _spreadsheet_safe(value):
    """Spreadsheets run a cell starting with = + - @ as a formula; quote such text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
