"""The figures check of an edition being imported, before its entries are stored.

Each parsed entry's text is checked on its own (`check_text`), and against the metric values
stored for the edition's period and the entry's area where there are any. Run on a dry run,
those are the values from before the import; after a real import, the values the import wrote
come from the same text.
"""

from narratives.figures.check import check_text, metric_findings
from narratives.figures.selectors import metric_values_by_area_name


def parsed_edition_findings(edition) -> list[dict]:
    """Findings as the importer's JSON lists them: entry, stated, expected, message."""
    quarter = edition.cover.period
    stored = metric_values_by_area_name(year=quarter.year, quarter=quarter.quarter)
    rows = []
    for priority in edition.priorities:
        for order, commitment in enumerate(priority.commitments, start=1):
            for entry in commitment.all_entries():
                found = check_text(entry.text)
                found += metric_findings(entry.text, stored.get(entry.area, {}))
                label = _label(priority.number, order, entry)
                rows += [_row(label, finding) for finding in found]
    return rows


def _label(priority: int, order: int, entry) -> str:
    opening = " ".join(entry.text.split()[:8])
    return f"{priority}.{order} {entry.area or 'force-wide'} (line {entry.line}): {opening}…"


def _row(label: str, finding) -> dict:
    return {
        "entry": label,
        "stated": finding.stated,
        "expected": finding.expected,
        "message": finding.message,
    }
