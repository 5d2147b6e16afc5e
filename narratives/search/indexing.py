"""Filling the search index from what each version published: its public set's frozen JSON
(`Edition.snapshot_json`), never the entries as they stand now and never the internal set.

Publishing calls `search_index_edition` in the same transaction that makes the version public;
`manage.py search_index` adds versions not yet indexed, `--rebuild` starts again from nothing.
"""

import json

from django.db import transaction

from narratives.models import Edition, Entry
from narratives.public import editions_published
from narratives.search import engine
from narratives.search.models import SearchEntry
from priorities.area_tree import AreaTree
from priorities.selectors import area_tree

BATCH = 2000


@transaction.atomic
def search_index_edition(*, edition: Edition, tree: AreaTree | None = None) -> int:
    """Index one published version's public entries (again, if it was); returns how many."""
    SearchEntry.objects.filter(edition=edition).delete()
    if not edition.is_published or not edition.snapshot_json:
        return 0
    tree = tree if tree is not None else area_tree(aliases=True)
    published = json.loads(edition.snapshot_json).get("entries", [])
    period = edition.period
    latest = _latest_version(period_id=period.pk)
    rows = [
        SearchEntry(
            edition=edition,
            period=period,
            quarter_key=period.year * 10 + period.quarter,
            is_latest=latest == edition,  # set here, so latest_flags_update rewrites no new row
            position=position,
            entry_id=item["entry_id"],
            priority=item["priority"],
            priority_title=item.get("priority_title", ""),
            commitment=item["commitment"],
            commitment_text=_commitment_text(item),
            area_label=(item.get("label") or item.get("area") or "")[:300],
            operations="".join(f"|{key}" for key in item.get("operations", ())) + "|",
            text=item["text"],
        )
        for position, item in enumerate(published)
    ]
    SearchEntry.objects.bulk_create(rows, batch_size=BATCH)
    _areas_store(rows, published, tree)
    engine.vectors_update(SearchEntry.objects.filter(edition=edition))
    latest_flags_update(period_id=period.pk)
    return len(rows)


def latest_flags_update(*, period_id: int) -> None:
    """Only the quarter's highest published version is searched by default. Only rows whose
    flag changes are written: each rewrite leaves a dead row version for PostgreSQL to vacuum."""
    latest = _latest_version(period_id=period_id)
    rows = SearchEntry.objects.filter(period_id=period_id)
    rows.filter(is_latest=True).exclude(edition=latest).update(is_latest=False)
    if latest is not None:
        rows.filter(edition=latest, is_latest=False).update(is_latest=True)


def _latest_version(*, period_id: int) -> Edition | None:
    versions = editions_published().filter(period_id=period_id)
    return versions.order_by("-version_major", "-version_minor").first()


def search_index_missing() -> int:
    """Index every published version that has no rows yet; returns how many versions."""
    indexed = SearchEntry.objects.values("edition_id")
    missing = editions_published().exclude(pk__in=indexed).select_related("period")
    tree = area_tree(aliases=True)
    count = 0
    for edition in missing:
        search_index_edition(edition=edition, tree=tree)
        count += 1
    return count


@transaction.atomic
def search_index_rebuild() -> int:
    """Empty the index and index every published version again."""
    SearchEntry.objects.all().delete()
    return search_index_missing()


def _commitment_text(item: dict) -> str:
    lead_in, text = item.get("lead_in", ""), item.get("commitment_text", "")
    return f"{lead_in} {text}".strip()


def _areas_store(rows: list[SearchEntry], published: list[dict], tree: AreaTree) -> None:
    """The areas each entry is about: read from the area names as published; where a name is
    no longer an area (renamed since), the entry's own areas as they are now."""
    through = SearchEntry.areas.through
    links, unknown = [], {}
    for row, item in zip(rows, published, strict=True):
        found = tree.find_all(item.get("area") or "") or tree.find_all(item.get("label") or "")
        if found:
            links.extend(through(searchentry_id=row.pk, area_id=area.pk) for area in found)
        else:
            unknown[item["entry_id"]] = row.pk
    if unknown:
        for entry_id, area_id in Entry.objects.filter(pk__in=unknown).values_list("pk", "area_id"):
            links.append(through(searchentry_id=unknown[entry_id], area_id=area_id))
    through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)
