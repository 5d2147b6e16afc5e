"""The edition as PDF through Typst, with real page numbers in the contents.

Typst lays the document out until its page references settle, so the contents' page ranges,
the running header (the priority on each page) and "Page X of Y" come from one compile; the
output is tagged PDF/UA-1 (structure tree, language, XMP metadata with the PDF/UA identifier)
with bookmarks from the headings. Measured against the WeasyPrint renderer it replaces and
against Chromium printing the edition page: see bench/editions.py.

The template (edition.typ) is fixed and the edition reaches it only as JSON data, so text an
officer typed is always printed as text, never run as Typst code.
"""

import datetime
import json
from functools import cache
from pathlib import Path

from narratives.editions.assembled import AssembledEdition, EntryNode, printable

TEMPLATE = Path(__file__).with_name("edition.typ")


@cache
def _compiler():
    """One compiler for the process: it finds the system fonts once (slow), not per PDF."""
    import typst

    return typst.Compiler(str(TEMPLATE), root=str(TEMPLATE.parent))


def edition_pdf(edition: AssembledEdition) -> bytes:
    # The PDF's dates are the edition's production date, not "now": the same edition gives
    # the same bytes on any day.
    stamp = datetime.datetime.combine(edition.cover.produced, datetime.time(), datetime.UTC)
    return pdf_from_data(edition_pdf_data(edition), timestamp=int(stamp.timestamp()))


def edition_pdf_data(edition: AssembledEdition) -> str:
    """The JSON the template reads."""
    return json.dumps(_document(edition), ensure_ascii=False)


def pdf_from_data(data: str, *, timestamp: int) -> bytes:
    return _compiler().compile(
        sys_inputs={"data": data}, pdf_standards=["ua-1"], timestamp=timestamp
    )


def _document(edition: AssembledEdition) -> dict:
    """What the template reads: every text already made printable, nothing else to decide."""
    cover = edition.cover
    return {
        "title": f"{cover.title} – {edition.period_label}",
        "period_label": edition.period_label,
        "cover": {
            "title": printable(cover.title),
            "plan_title": printable(cover.plan_title),
            "protective_marking": printable(cover.protective_marking),
            "quarter_line": cover.quarter_line,
            "data_to_label": cover.data_to_label,
            "version": printable(cover.version),
            "produced_label": cover.produced_label,
            "producing_unit": printable(cover.producing_unit),
        },
        "empty_contents": (
            f"No entries {'yet' if edition.is_draft else 'approved'} for {edition.period_label}."
        ),
        "priorities": [
            {
                "heading": printable(priority.heading),
                "commitments": [
                    {
                        "lead_in": printable(commitment.lead_in),
                        "text": printable(commitment.text),
                        "groups": [
                            {
                                "heading": printable(group.heading),
                                "blocks": [
                                    {
                                        "heading": printable(block.heading),
                                        "entries": [
                                            _entry(entry, edition.is_draft)
                                            for entry in block.entries
                                        ],
                                    }
                                    for block in group.blocks
                                ],
                            }
                            for group in commitment.groups
                        ],
                    }
                    for commitment in priority.commitments
                ],
            }
            for priority in edition.priorities
        ],
    }


def _entry(entry: EntryNode, is_draft: bool) -> dict:
    return {
        "label": printable(entry.label),
        "text": printable(entry.text),
        "status": entry.status_label if is_draft and not entry.is_approved else "",
        "children": [_entry(child, is_draft) for child in entry.children],
    }
