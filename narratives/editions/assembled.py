"""What an assembled edition is: plain, frozen data shared by every renderer.

Web, PDF, Word, JSON and CSV are all made from these, so the formats show the same content;
none of them holds a database object.
"""

import datetime
import re
from dataclasses import dataclass, field

from narratives.models import Entry

# XML (so Word) refuses control characters and a PDF draws them as boxes; text pasted from
# Word can carry them. Its line and page breaks (vertical tab, form feed) read as a space, the
# rest are dropped.
_BREAKS = re.compile(r"[\x0b\x0c]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def printable(text: str) -> str:
    """Text as every format can show it."""
    return _CONTROL.sub("", _BREAKS.sub(" ", text))


@dataclass(frozen=True)
class Segment:
    """A run of an entry's text; `operation` is the register slug when it names an operation."""

    text: str
    operation: str = ""


@dataclass(frozen=True)
class EntryNode:
    id: int
    text: str
    label: str  # inline area label ("Thurrock"), "" when the heading above already says it
    area: str
    status: str
    operations: tuple[str, ...]  # operation keys, e.g. ("SHIELD II",)
    segments: tuple[Segment, ...]
    children: tuple["EntryNode", ...] = ()

    @property
    def is_approved(self) -> bool:
        return self.status == Entry.Status.APPROVED

    @property
    def status_label(self) -> str:
        return Entry.Status(self.status).label


@dataclass(frozen=True)
class AreaBlock:
    """Consecutive entries for one district (or for the LPA itself); heading "" when inline."""

    heading: str
    entries: tuple[EntryNode, ...]


@dataclass(frozen=True)
class AreaGroup:
    """Consecutive entries for one LPA; heading "" for force-wide entries."""

    heading: str
    blocks: tuple[AreaBlock, ...]


@dataclass(frozen=True)
class CommitmentPart:
    id: int
    order: int
    lead_in: str
    text: str
    groups: tuple[AreaGroup, ...]


@dataclass(frozen=True)
class PriorityPart:
    number: int
    title: str
    commitments: tuple[CommitmentPart, ...]
    pages: str = ""  # "3-5", filled in by the PDF renderer once it knows

    @property
    def heading(self) -> str:
        return f"Priority {self.number} – {self.title}"

    @property
    def anchor(self) -> str:
        return f"priority-{self.number}"


@dataclass(frozen=True)
class Cover:
    plan_title: str
    quarter: int
    financial_year: str  # "2020/21"
    data_to: datetime.date
    produced: datetime.date
    version: str  # "1.1", or "Draft" for a preview
    producing_unit: str
    protective_marking: str

    @property
    def quarter_line(self) -> str:
        return f"Quarter {self.quarter} - {self.financial_year}"

    @property
    def data_to_label(self) -> str:
        return self.data_to.strftime("%B %Y")

    @property
    def produced_label(self) -> str:
        return self.produced.strftime("%B %Y")

    @property
    def title(self) -> str:
        return f"{self.plan_title} Quarterly Update" if self.plan_title else "Quarterly Update"


@dataclass(frozen=True)
class AssembledEdition:
    period_label: str  # "2020/21 Q2"
    period_slug: str  # "2020-21/q2"
    cover: Cover
    priorities: tuple[PriorityPart, ...]
    is_draft: bool
    entry_count: int = 0
    warnings: tuple[str, ...] = field(default=())
