"""The review screen's exports, with the page's filters: the status grid (commitment × area,
counts by status) and the comments of the review steps, as CSV or XLSX (tablib through
django-import-export's formats). Every text cell goes through pcp.spreadsheets.cells'
formula guard, so an entry or comment starting "=" is text when the file is opened.
"""

from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from tablib import Dataset

from narratives.models import Transition
from narratives.review.selectors import STATUSES, ReviewBoard
from pcp.spreadsheets.cells import SafeCSV, SafeXLSX, spreadsheet_safe

FORMATS = {"csv": SafeCSV, "xlsx": SafeXLSX}
GRID, COMMENTS = "status-grid", "comments"
GRID_HEADERS = [
    "Priority",
    "Commitment",
    "Commitment text",
    "Area",
    *(status.capitalize() for status in STATUSES),
    "Entries",
    "Missing",
    "Overdue",
    "Unchanged from last quarter",
    "Nothing written in the area",
    "Officers (areas with nothing written)",
]
COMMENT_HEADERS = [
    "Entry",
    "Entry id",
    "Area",
    "Commitment",
    "Who",
    "When",
    "Comment",
    "Step",
    "State now",
]


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _commitment_cells(commitment) -> list:
    return [commitment.priority.number, commitment.reference, commitment.text]


def _row_cells(row) -> list:
    return [
        *_commitment_cells(row.commitment),
        row.area.name,
        *(row.counts[status] for status in STATUSES),
        len(row.entries),
        _yes(row.missing),
        _yes(row.overdue),
        row.unchanged_carry_forwards,
        "no",
        "",
    ]


def _silent_cells(commitment, silent, *, overdue: bool) -> list:
    return [
        *_commitment_cells(commitment),
        silent.area.name,
        *(0 for _status in STATUSES),
        0,
        "yes",
        _yes(overdue),
        0,
        "yes",
        ", ".join(silent.officers) or "no officer assigned",
    ]


def grid_dataset(*, board: ReviewBoard) -> Dataset:
    """Each commitment's rows as the page shows them, then a row for each area with nothing
    written at all (the page's "Areas with nothing written"), so the grid misses no area.

    Those areas are left out when a filter looks at the entries (status, "needs me"): they
    have none to match, as the page's rows with nothing that matches are left out.
    """
    dataset = Dataset(headers=GRID_HEADERS, title="Status grid")
    rows = defaultdict(list)
    for row in board.rows:
        rows[row.commitment.pk].append(row)
    silent = [] if board.filters.narrows_entries else board.silent_areas
    for commitment in board.commitments:
        cells = [_row_cells(row) for row in rows[commitment.pk]]
        cells += [_silent_cells(commitment, s, overdue=board.deadline_passed) for s in silent]
        for row_cells in cells:
            dataset.append([spreadsheet_safe(cell) for cell in row_cells])
    return dataset


def _who(user) -> str:
    if user is None:
        return "(deleted user)"
    return user.get_full_name() or user.get_username()


def comments_dataset(*, board: ReviewBoard) -> Dataset:
    """Every review step with a comment, on the entries the filters let through, oldest first."""
    shown = {entry.pk for entry in board.entries}
    steps = (
        Transition.objects.filter(entry__period=board.period)
        .exclude(comment="")
        .select_related("by", "entry__area", "entry__commitment__priority")
        .order_by("at", "pk")
    )
    dataset = Dataset(headers=COMMENT_HEADERS, title="Comments")
    for step in steps:
        if step.entry_id not in shown:
            continue
        entry, commitment = step.entry, step.entry.commitment
        cells = [
            entry.text,
            entry.pk,
            entry.area.name,
            f"{commitment.reference} {commitment.text}",
            _who(step.by),
            timezone.localtime(step.at).strftime("%Y-%m-%d %H:%M"),
            step.comment,
            step.get_to_status_display(),
            entry.get_status_display(),
        ]
        dataset.append([spreadsheet_safe(cell) for cell in cells])
    return dataset


EXPORTS = {GRID: grid_dataset, COMMENTS: comments_dataset}


def export_file(*, board: ReviewBoard, what: str, fmt: str) -> tuple[bytes | str, str]:
    """The file's content and content type."""
    file_format = FORMATS[fmt]()
    content_type = file_format.get_content_type()
    if fmt == "csv":
        content_type += "; charset=utf-8"
    return file_format.export_data(EXPORTS[what](board=board)), content_type


def filename(*, board: ReviewBoard, what: str, fmt: str) -> str:
    filtered = "-filtered" if board.filters.active else ""
    return f"review-{board.period.file_slug}-{what}{filtered}.{fmt}"


def export_links(*, period, query: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(what, [(format, address)]) for the page, each with the page's filters."""
    fy, quarter = period.fy, period.quarter_slug
    suffix = f"?{query}" if query else ""
    return [
        (
            label,
            [
                (fmt.upper(), reverse("review:export", args=[fy, quarter, what, fmt]) + suffix)
                for fmt in FORMATS
            ],
        )
        for what, label in ((GRID, "Status grid"), (COMMENTS, "Comments"))
    ]
