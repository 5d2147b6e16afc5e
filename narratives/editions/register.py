"""The public register of operations: those that published editions name, and where.

Nothing here reads an entry or an operation the public may not see: the list and each page come
from `narratives.public` and the frozen public files, never from the entries as they stand.
"""

import json

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from narratives.editions.assembled import operation_slug
from narratives.editions.views import public_page
from narratives.public import editions_published, operations_public


@public_page
def operation_list(request):
    operations = operations_public().only("name", "key")
    rows = [(operation, operation_slug(operation.key)) for operation in operations]
    return render(request, "editions/operations.html", {"operations": rows})


@public_page
def operation_detail(request, slug: str):
    """An operation, its approved description, and every mention of it in the latest
    published version of each quarter."""
    # "SHIELD II" and "SHIELD-II" share an address; the page gathers the mentions of both.
    operations = [op for op in operations_public() if operation_slug(op.key) == slug]
    if not operations:
        raise Http404("No such operation")
    operation, keys = operations[0], {op.key for op in operations}
    editions = (
        editions_published()
        .select_related("period")
        .only("period", "version", "version_major", "version_minor", "snapshot_json")
        .order_by("-period__year", "-period__quarter", "-version_major", "-version_minor")
    )
    mentions, seen = [], set()
    for edition in editions:
        if edition.period_id in seen:
            continue
        seen.add(edition.period_id)
        for entry in json.loads(edition.snapshot_json or "{}").get("entries", []):
            if keys.intersection(entry["operations"]):
                url = reverse(
                    "narratives:edition", args=[edition.period.fy, edition.period.quarter]
                )
                mentions.append(
                    {"edition": edition, "entry": entry, "url": f"{url}#entry-{entry['entry_id']}"}
                )
    context = {"operation": operation, "mentions": mentions}
    return render(request, "editions/operation.html", context)
