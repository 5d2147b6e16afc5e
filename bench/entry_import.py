"""The entry import timed for bench/metrics.py: a file of new entries (one in ten naming an
operation) previewed then confirmed by an officer of the areas, through the admin's resource.

Imported by bench/metrics.py once Django is set up on its throwaway database; `time_entries`
returns (preview seconds, confirm seconds).
"""

import time

import tablib

from bench.data import bench_commitments
from narratives.entries.resources import COLUMNS, EntryResource
from narratives.models import Entry
from priorities.roles import OFFICER, user_save_with_role

# The columns an officer's file has: the export's, less the status it does not set.
HEADINGS = tuple(column for column in COLUMNS if column != "status")


def entries_file(areas, period, rows: int) -> tablib.Dataset:
    commitments = bench_commitments()
    dataset = tablib.Dataset(headers=list(HEADINGS))
    for index in range(rows):
        commitment = commitments[index % len(commitments)]
        area = areas[index % len(areas)]
        operations = f"Operation {index % 7}" if index % 10 == 0 else ""
        reference = commitment.reference
        text = f"Entry {index}: the district's work on this commitment this quarter."
        dataset.append(["", "", reference, period.label, area.name, "", index, text, operations])
    return dataset


def time_import(resource_user, dataset, *, dry_run: bool) -> float:
    started = time.perf_counter()
    result = EntryResource().import_data(
        dataset, dry_run=dry_run, use_transactions=True, user=resource_user
    )
    elapsed = time.perf_counter() - started
    assert not result.has_errors() and not result.has_validation_errors(), "entry import failed"
    return elapsed


def time_entries(areas, period, rows: int = 10_000) -> tuple[float, float]:
    period.is_open = True
    period.save(update_fields=["is_open"])
    officer = user_save_with_role(username="bench-officer", role=OFFICER, areas=areas[:1])
    dataset = entries_file(areas, period, rows)  # the officer's force covers every area
    preview = time_import(officer, dataset, dry_run=True)
    confirm = time_import(officer, dataset, dry_run=False)
    assert Entry.objects.count() == rows
    return preview, confirm
