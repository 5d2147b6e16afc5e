"""Public timelines: the areas (/areas/), an area's timeline (/areas/<slug>/) and an
operation's (/operations/<slug>/, the register's pages), each also as CSV (`.csv`).

Everything here comes through `narratives.public` (published, public set, nothing withheld
since); the pages are public pages like the editions' (compressed, cached a few minutes).
"""

import csv
import io

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render

from narratives.operations import operation_slug
from narratives.public import editions_latest, operations_public
from narratives.public_pages import public_page
from narratives.timelines.selectors import Timeline, about_areas, timeline_build
from pcp.spreadsheets.cells import spreadsheet_safe
from priorities.area_tree import AreaTree
from priorities.selectors import area_tree

CSV_COLUMNS = [
    "quarter",
    "version",
    "priority",
    "priority_title",
    "commitment",
    "commitment_text",
    "area_label",
    "depth",
    "entry_id",
    "text",
    "url",
]


@public_page
def area_list(request):
    tree = area_tree()
    areas = [(area, tree.depth(area.pk)) for area in tree.ordered() if area.slug]
    return render(request, "timelines/areas.html", {"areas": areas})


def _area(tree: AreaTree, slug: str):
    found = next((area for area in tree.ordered() if area.slug == slug), None)
    if found is None:
        raise Http404("No such area")
    return found


def _filters(request) -> dict:
    """The page's choices from its query string. They are only compared with the timeline's
    own values, so any text is safe: one that matches nothing is said to (`_page_context`)."""
    return {
        "priority": request.GET.get("priority", "").strip()[:40],
        "commitment": request.GET.get("commitment", "").strip()[:40],
        "oldest_first": request.GET.get("order") == "oldest",
    }


def _area_timeline(request, slug: str) -> tuple[dict, Timeline, dict]:
    tree = area_tree()
    area = _area(tree, slug)
    editions = editions_latest()
    keep = about_areas(tree=tree, area_id=area.pk, editions=editions)
    filters = _filters(request)
    timeline = timeline_build(editions=editions, keep=keep, **filters)
    parent = tree.get(area.parent_id)
    where = {
        "area": area,
        "parent": parent if parent is not None and parent.slug else None,
        "below": [child for child in tree.children(area.pk) if child.slug],
    }
    return where, timeline, filters


@public_page
def area_timeline(request, slug: str):
    where, timeline, filters = _area_timeline(request, slug)
    context = {
        "subject": where["area"].name,
        "kind": where["area"].get_kind_display(),
        "timeline": timeline,
        **where,
        **_page_context(request, timeline, filters),
    }
    return render(request, "timelines/timeline.html", context)


@public_page
def area_timeline_csv(request, slug: str):
    where, timeline, _filters_used = _area_timeline(request, slug)
    return _csv(timeline, f"timeline-{where['area'].slug}.csv")


def _operation_timeline(request, slug: str):
    # "SHIELD II" and "SHIELD-II" share an address; the timeline gathers the mentions of both.
    operations = [op for op in operations_public() if operation_slug(op.key) == slug]
    if not operations:
        raise Http404("No such operation")
    keys = {op.key for op in operations}
    filters = _filters(request)
    timeline = timeline_build(
        editions=editions_latest(),
        keep=lambda row: not keys.isdisjoint(row["operations"]),
        **filters,
    )
    return operations[0], timeline, filters


@public_page
def operation_timeline(request, slug: str):
    """An operation, its approved description, and every public entry naming it."""
    operation, timeline, filters = _operation_timeline(request, slug)
    context = {
        "subject": operation.name,
        "kind": "Operation",
        "operation": operation,
        "slug": slug,
        "timeline": timeline,
        **_page_context(request, timeline, filters),
    }
    return render(request, "timelines/timeline.html", context)


@public_page
def operation_timeline_csv(request, slug: str):
    _operation, timeline, _filters_used = _operation_timeline(request, slug)
    return _csv(timeline, f"timeline-operation-{slug}.csv")


def _page_context(request, timeline: Timeline, filters: dict) -> dict:
    query = request.GET.copy()
    query.pop("order", None)
    chosen = {"priority": filters["priority"], "commitment": filters["commitment"]}
    unknown = [
        value
        for value, choices in (
            (chosen["priority"], timeline.priorities),
            (chosen["commitment"], timeline.commitments),
        )
        if value and value not in {choice.value for choice in choices}
    ]
    return {
        "filters": filters,
        "unknown": unknown,
        "query": query.urlencode(),
        "csv_query": request.GET.urlencode(),
    }


def _csv(timeline: Timeline, name: str) -> HttpResponse:
    """One row per entry; its address is absolute when PCP_SITE_URL is set (not from the
    request's host, so the static export writes the same file as the site serves)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for quarter in timeline.quarters:
        for entry in quarter.entries:
            row = [
                quarter.label,
                quarter.version,
                entry.priority,
                entry.priority_title,
                entry.commitment_key,
                entry.commitment_text,
                entry.label,
                entry.depth,
                entry.entry_id,
                entry.text,
                f"{settings.PCP_SITE_URL.rstrip('/')}{entry.url}",
            ]
            writer.writerow([spreadsheet_safe(cell) for cell in row])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
