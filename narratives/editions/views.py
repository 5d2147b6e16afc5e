"""Public pages of published editions (no login), analysts' previews, and the operation register.

Published pages serve the bytes frozen at publication; only the preview assembles live.
"""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from narratives.editions.assembled import operation_slug
from narratives.editions.assembly import edition_assemble
from narratives.editions.rendering.changes import entries_compare
from narratives.editions.rendering.docx import edition_docx
from narratives.editions.rendering.pdf import edition_pdf
from narratives.editions.rendering.web import edition_html
from narratives.models import Edition, Operation
from priorities.models import Period
from priorities.periods import Quarter
from priorities.roles import ANALYST, user_role

KINDS = ("added", "removed", "changed")
SNAPSHOTS = ["snapshot_html", "snapshot_json", "snapshot_csv", "snapshot_pdf", "snapshot_docx"]
FILES = {
    "pdf": ("snapshot_pdf", "application/pdf", "inline"),
    "docx": (
        "snapshot_docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "attachment",
    ),
    "json": ("snapshot_json", "application/json; charset=utf-8", "inline"),
    "csv": ("snapshot_csv", "text/csv; charset=utf-8", "attachment"),
}


def _fy(period: Period) -> str:
    """The financial year as it appears in addresses: 2020-21."""
    return period.slug.split("/")[0]


def _period(fy: str, quarter: int) -> Period:
    """The period of a URL such as 2020-21/q2; 404 for one that is not a financial quarter."""
    year, second = (int(part) for part in fy.split("-"))
    if second != (year + 1) % 100 or not 1 <= quarter <= 4:
        raise Http404("No such quarter")
    try:
        return Period.objects.get(year=year, quarter=quarter)
    except Period.DoesNotExist:
        raise Http404("No such quarter") from None


def _published(period: Period, *fields: str) -> list[Edition]:
    """The period's published versions, oldest first, loading only the snapshots asked for."""
    editions = Edition.objects.filter(period=period, published_at__isnull=False)
    editions = editions.defer(*(f for f in SNAPSHOTS if f not in fields))
    return list(editions.order_by("version_major", "version_minor"))


def _version(editions: list[Edition], version: str | None) -> Edition:
    if not editions:
        raise Http404("This quarter's edition has not been published")
    if version is None:
        return editions[-1]
    for edition in editions:
        if edition.version == version:
            return edition
    raise Http404(f"No published version {version}")


def edition_list(request):
    editions = (
        Edition.objects.filter(published_at__isnull=False)
        .select_related("period")
        .defer(*SNAPSHOTS)
        .order_by("-period__year", "-period__quarter", "-version_major", "-version_minor")
    )
    periods: dict[int, dict] = {}
    for edition in editions:
        row = periods.setdefault(
            edition.period_id, {"latest": edition, "versions": [], "fy": _fy(edition.period)}
        )
        row["versions"].append(edition)
    return render(request, "editions/list.html", {"periods": list(periods.values())})


def edition_detail(request, fy: str, quarter: int, version: str | None = None):
    period = _period(fy, quarter)
    editions = _published(period)
    edition = _version(editions, version)
    # Only the chosen version's HTML is read, not every version's.
    edition.snapshot_html = Edition.objects.values_list("snapshot_html", flat=True).get(
        pk=edition.pk
    )
    context = {
        "period": period,
        "fy": fy,
        "edition": edition,
        "versions": editions,
        "latest": editions[-1],
        "previous": editions[editions.index(edition) - 1] if editions.index(edition) else None,
    }
    return render(request, "editions/edition.html", context)


def edition_file(request, fy: str, quarter: int, fmt: str, version: str | None = None):
    period = _period(fy, quarter)
    edition = _version(_published(period), version)
    field, content_type, disposition = FILES[fmt]
    content = Edition.objects.values_list(field, flat=True).get(pk=edition.pk)
    response = HttpResponse(bytes(content) if fmt in ("pdf", "docx") else content, content_type)
    filename = f"quarterly-update-{period.slug.replace('/', '-')}-v{edition.version}.{fmt}"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _analyst(request) -> None:
    if user_role(request.user) != ANALYST:
        raise PermissionDenied("Only analysts (PAU) can preview an unpublished edition.")


@login_required
def edition_preview(request, fy: str, quarter: int, fmt: str = "html"):
    _analyst(request)
    period = _period(fy, quarter)
    edition = edition_assemble(period=period, include_unapproved=True)
    slug = period.slug.replace("/", "-")
    if fmt == "pdf":
        response = HttpResponse(edition_pdf(edition), "application/pdf")
        response["Content-Disposition"] = f'inline; filename="quarterly-update-{slug}-draft.pdf"'
        return response
    if fmt == "docx":
        response = HttpResponse(edition_docx(edition), FILES["docx"][1])
        response["Content-Disposition"] = (
            f'attachment; filename="quarterly-update-{slug}-draft.docx"'
        )
        return response
    context = {
        "period": period,
        "fy": fy,
        "edition": edition,
        "edition_html": edition_html(edition),
    }
    return render(request, "editions/preview.html", context)


def edition_changes(request, fy: str, quarter: int):
    """Changes between two versions (?from=1.0&to=1.1), or against the previous quarter."""
    period = _period(fy, quarter)
    editions = _published(period)
    new = _version(editions, request.GET.get("to"))
    wanted = request.GET.get("from")
    if wanted == "previous-quarter":
        old = _previous_quarter(period)
    elif wanted:
        old = _version(editions, wanted)
    else:
        index = editions.index(new)
        old = editions[index - 1] if index else _previous_quarter(period)
    snapshots = dict(
        Edition.objects.filter(pk__in=[new.pk] + ([old.pk] if old else [])).values_list(
            "pk", "snapshot_json"
        )
    )
    new_entries = json.loads(snapshots[new.pk])["entries"]
    old_entries = json.loads(snapshots[old.pk])["entries"] if old else []
    changes = entries_compare(old_entries, new_entries) if old else []
    context = {
        "period": period,
        "fy": fy,
        "new": new,
        "old": old,
        "versions": editions,
        "changes": changes,
        "summary": {kind: sum(c.kind == kind for c in changes) for kind in KINDS},
    }
    return render(request, "editions/changes.html", context)


def _previous_quarter(period: Period) -> Edition | None:
    before = Quarter(period.year, period.quarter).previous()
    return (
        Edition.objects.filter(
            period__year=before.year, period__quarter=before.quarter, published_at__isnull=False
        )
        .select_related("period")
        .defer(*SNAPSHOTS)
        .order_by("version_major", "version_minor")
        .last()
    )


def operation_list(request):
    operations = Operation.objects.order_by("key")
    rows = [(operation, operation_slug(operation.key)) for operation in operations]
    return render(request, "editions/operations.html", {"operations": rows})


def operation_detail(request, slug: str):
    """An operation and every mention of it in the latest published version of each quarter."""
    # "SHIELD II" and "SHIELD-II" share an address; the page gathers the mentions of both.
    operations = [op for op in Operation.objects.all() if operation_slug(op.key) == slug]
    if not operations:
        raise Http404("No such operation")
    operation, keys = operations[0], {op.key for op in operations}
    editions = (
        Edition.objects.filter(published_at__isnull=False)
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
                    "narratives:edition", args=[_fy(edition.period), edition.period.quarter]
                )
                mentions.append(
                    {"edition": edition, "entry": entry, "url": f"{url}#entry-{entry['entry_id']}"}
                )
    context = {"operation": operation, "mentions": mentions}
    return render(request, "editions/operation.html", context)
