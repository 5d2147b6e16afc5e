"""What the parser reads out of an edition's text: plain dataclasses, no ORM."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from priorities.periods import Quarter


class NotAnEdition(ValueError):
    """The text is not a quarterly update edition; the message says why."""


@dataclass
class Cover:
    """The edition's cover details (an Edition row is made from these when it is published)."""

    title: str
    period: Quarter
    data_to: datetime.date | None = None  # first day of the month
    version: str | None = None
    produced: datetime.date | None = None  # first day of the month
    producing_unit: str = ""
    protective_marking: str = ""

    @property
    def plan_title(self) -> str:
        """The plan the edition reports on: the title without "Quarterly Update"."""
        cut = self.title.casefold().find("quarterly update")
        title = self.title[:cut] if cut > 0 else self.title
        return title.strip(" –-:") or self.title

    @property
    def force_name(self) -> str | None:
        """ "Performance Analysis Unit, Essex Police" → "Essex Police"."""
        if "," not in self.producing_unit:
            return None
        return self.producing_unit.rsplit(",", 1)[1].strip() or None


@dataclass
class ParsedEntry:
    text: str
    area: str | None = None  # most specific area; None when force-wide
    areas: list[str] = field(default_factory=list)
    label: str = ""  # the area label as written: "Canvey Island" for Castle Point
    label_heading: bool = False  # the label was a heading above the entry, not before its text
    operations: list[str] = field(default_factory=list)  # operation names as written
    children: list["ParsedEntry"] = field(default_factory=list)
    line: int = 0  # where it starts in the file, for messages
    page: int | None = None  # the PDF page it starts on

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ParsedCommitment:
    lead_in: str
    text: str
    entries: list[ParsedEntry] = field(default_factory=list)
    line: int = 0

    def all_entries(self):
        for entry in self.entries:
            yield from entry.walk()


@dataclass
class ParsedPriority:
    number: int
    title: str
    commitments: list[ParsedCommitment] = field(default_factory=list)


@dataclass(frozen=True)
class ParsedFigure:
    metric: str
    period: Quarter
    area: str | None
    value: Decimal


@dataclass
class ParsedEdition:
    cover: Cover
    priorities: list[ParsedPriority] = field(default_factory=list)
    figures: list[ParsedFigure] = field(default_factory=list)
    new_areas: list[tuple[str, str]] = field(default_factory=list)  # (name, kind) to create
    warnings: list[str] = field(default_factory=list)
    source: str = "txt"  # "pdf", "docx" or "txt": what it was read from

    def commitments(self):
        for priority in self.priorities:
            yield from ((priority, c) for c in priority.commitments)

    def all_entries(self):
        for _, commitment in self.commitments():
            yield from commitment.all_entries()

    @property
    def operations(self) -> list[str]:
        """Each operation once (by its upper-case key), in order of first mention."""
        seen: dict[str, str] = {}
        for entry in self.all_entries():
            for name in entry.operations:
                seen.setdefault(operation_key(name), name)
        return list(seen)

    def as_json(self) -> dict:
        cover = self.cover
        return {
            "title": cover.title,
            "period": cover.period.label,
            "data_to": _month(cover.data_to),
            "version": cover.version,
            "produced": _month(cover.produced),
            "priorities": [
                {
                    "number": priority.number,
                    "title": priority.title,
                    "commitments": [
                        {
                            "lead_in": c.lead_in,
                            "text": c.text,
                            "entries": [_entry_json(e) for e in c.entries],
                        }
                        for c in priority.commitments
                    ],
                }
                for priority in self.priorities
            ],
            "operations": self.operations,
            "figures": [
                {
                    "metric": f.metric,
                    "period": f.period.label,
                    "area": f.area,
                    "value": _number(f.value),
                }
                for f in self.figures
            ],
            "warnings": list(self.warnings),
            "source": self.source,
        }


def operation_key(name: str) -> str:
    """The register's identity for an operation: "Shield II" and "SHIELD II" are one."""
    return " ".join(name.upper().split())


def _entry_json(entry: ParsedEntry) -> dict:
    data = {
        "text": entry.text,
        "area": entry.area,
        "areas": list(entry.areas),
        "label": entry.label,
        "label_heading": entry.label_heading,
        "operations": [operation_key(name) for name in entry.operations],
        "children": [_entry_json(child) for child in entry.children],
    }
    if entry.page is not None:
        data["page"] = entry.page
    return data


def _month(value: datetime.date | None) -> str | None:
    return value.strftime("%Y-%m") if value else None


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)
