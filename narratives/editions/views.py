"""Public pages of published editions (no login), the internal edition (staff), analysts' previews.

Published pages serve the bytes frozen at publication; only the preview assembles live. Each
version has a public set of files and an internal one (`narratives.public` says what differs);
the internal pages are the same views under `staff_only`, never cached.
"""

import json
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from narratives.editions.assembly import edition_assemble
from narratives.editions.rendering.changes import entries_compare
from narratives.editions.rendering.docx import edition_docx
from narratives.editions.rendering.pdf import edition_pdf
from narratives.editions.rendering.web import edition_html
from narratives.models import Edition
from priorities.models import Period
from priorities.periods import Quarter
from priorities.roles import ANALYST, user_role

KINDS = ("added", "removed", "changed")
PUBLIC_SNAPSHOTS = [
    "snapshot_html",
    "snapshot_json",
    "snapshot_csv",
    "snapshot_pdf",
    "snapshot_docx",
]
SNAPSHOTS = PUBLIC_SNAPSHOTS + [f"internal_{name}" for name in PUBLIC_SNAPSHOTS]
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


def edition_detail(
    request, fy: str, quarter: int, version: str | None = None, *, internal: bool = False
):
    period = _period(fy, quarter)
    editions = _published(period)
    edition = _version(editions, version)
    field = _snapshot(edition, "snapshot_html", internal=internal)
    # Only the chosen version's HTML is read, not every version's.
    edition.snapshot_html = Edition.objects.values_list(field, flat=True).get(pk=edition.pk)
    context = {
        "period": period,
        "fy": fy,
        "edition": edition,
        "versions": editions,
        "latest": editions[-1],
        "previous": editions[editions.index(edition) - 1] if editions.index(edition) else None,
        "internal": internal,
        "staff": internal or user_role(request.user) is not None,
    }
    return render(request, "editions/edition.html", context)


def edition_file(
    request, fy: str, quarter: int, fmt: str, version: str | None = None, *, internal=False
):
    period = _period(fy, quarter)
    edition = _version(_published(period), version)
    field, content_type, disposition = FILES[fmt]
    field = _snapshot(edition, field, internal=internal)
    content = Edition.objects.values_list(field, flat=True).get(pk=edition.pk)
    response = HttpResponse(bytes(content) if fmt in ("pdf", "docx") else content, content_type)
    name = f"quarterly-update-{period.slug.replace('/', '-')}-v{edition.version}"
    name += "-internal" if internal else ""
    response["Content-Disposition"] = f'{disposition}; filename="{name}.{fmt}"'
    return response


def _snapshot(edition: Edition, field: str, *, internal: bool) -> str:
    """The field of the public or the internal set; 404 for a version frozen without one."""
    if not internal:
        return field
    if not edition.has_internal:
        raise Http404(f"Version {edition.version} was published without an internal edition")
    return f"internal_{field}"


def staff_only(view):
    """The internal set of a public view: logged-in staff (any role), never cached."""

    @never_cache
    @login_required
    @wraps(view)
    def internal_view(request, *args, **kwargs):
        if user_role(request.user) is None:
            raise PermissionDenied("The internal edition is for staff only.")
        return view(request, *args, internal=True, **kwargs)

    return internal_view


internal_detail = staff_only(edition_detail)
internal_file = staff_only(edition_file)


def _analyst(request) -> None:
    if user_role(request.user) != ANALYST:
        raise PermissionDenied("Only analysts (PAU) can preview an unpublished edition.")


@login_required
def edition_preview(request, fy: str, quarter: int, fmt: str = "html"):
    _analyst(request)
    period = _period(fy, quarter)
    # ?edition=public previews the public edition, without what is not for publication.
    public = request.GET.get("edition") == "public"
    edition = edition_assemble(period=period, include_unapproved=True, internal=not public)
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
        "public": public,
        "query": "?edition=public" if public else "",
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
