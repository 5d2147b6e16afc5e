"""Public pages of published editions (no login), analysts' previews, and the operation register.

Published pages serve the files stored at publication; only the preview assembles live. Public
pages are compressed and may be cached for a few minutes (a re-issue shows within that time);
a version's files never change, so their addresses with a version are cached for good.
"""

import json

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import conditional_page

from narratives.editions.assembled import operation_slug
from narratives.editions.assembly import edition_assemble
from narratives.editions.files import (
    CONTENT_TYPES,
    DISPOSITIONS,
    download_name,
    file_bytes,
    file_text,
)
from narratives.editions.preview import preview_fingerprint, preview_pdf_stored
from narratives.editions.rendering.changes import entries_compare
from narratives.editions.rendering.docx import edition_docx
from narratives.editions.rendering.web import edition_html
from narratives.editions.tasks import preview_pdf_render
from narratives.models import Edition, EditionFile, Operation
from priorities.models import Period
from priorities.periods import Quarter
from priorities.roles import ANALYST, user_role

KINDS = ("added", "removed", "changed")
SNAPSHOTS = ["snapshot_json"]
PAGE_SECONDS = 300  # how stale a public page or "latest version" file may be in a cache
FOREVER = 365 * 24 * 3600


def public_page(view):
    """Compressed, cacheable for a few minutes, and answered 304 when unchanged."""
    return gzip_page(cache_control(public=True, max_age=PAGE_SECONDS)(conditional_page(view)))


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


@public_page
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


@public_page
def edition_detail(request, fy: str, quarter: int, version: str | None = None):
    period = _period(fy, quarter)
    editions = _published(period)
    edition = _version(editions, version)
    # Only the chosen version's HTML is read, not every version's.
    edition.html = file_text(edition.files.get(format=EditionFile.Format.HTML))
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
    """A published file from storage, with its content hash as ETag. At an address with a
    version it never changes (cached for good); the latest version's may, after a re-issue."""
    period = _period(fy, quarter)
    edition = _version(_published(period), version)
    file = edition.files.get(format=fmt)
    edition.period = period
    lifetime = {"max_age": FOREVER, "immutable": True} if version else {"max_age": PAGE_SECONDS}
    response = get_conditional_response(request, etag=file.etag)
    if response is None:
        # Files are a few MB at most: read whole, so the response has a length and can be
        # compressed or cached like any other.
        response = HttpResponse(file_bytes(file), CONTENT_TYPES[fmt])
        disposition = DISPOSITIONS.get(fmt, "attachment")
        response["Content-Disposition"] = f'{disposition}; filename="{download_name(edition, fmt)}"'
    response["ETag"] = file.etag
    patch_cache_control(response, public=True, **lifetime)
    return response


def _analyst(request) -> None:
    if user_role(request.user) != ANALYST:
        raise PermissionDenied("Only analysts (PAU) can preview an unpublished edition.")


@login_required
def edition_preview(request, fy: str, quarter: int, fmt: str = "html"):
    _analyst(request)
    period = _period(fy, quarter)
    slug = period.slug.replace("/", "-")
    if fmt == "pdf":
        return _preview_pdf(request, period, fy)
    edition = edition_assemble(period=period, include_unapproved=True)
    if fmt == "docx":
        response = HttpResponse(edition_docx(edition), CONTENT_TYPES["docx"])
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


def _preview_pdf(request, period: Period, fy: str):
    """The stored preview if the entries have not changed since it was made; otherwise its
    rendering is queued and a page says so, reloading itself until the PDF is there."""
    fingerprint = preview_fingerprint(period=period)
    name = preview_pdf_stored(period=period, fingerprint=fingerprint)
    # One queued rendering per version of the entries, however often the page reloads.
    if name is None and cache.add(f"preview-pdf:{period.pk}:{fingerprint}", True, 120):
        preview_pdf_render.enqueue(period_id=period.pk, fingerprint=fingerprint)
        name = preview_pdf_stored(period=period, fingerprint=fingerprint)  # done at once?
    if name is None:
        context = {"period": period, "fy": fy}
        return render(request, "editions/preview_pending.html", context, status=202)
    with default_storage.open(name, "rb") as handle:
        response = HttpResponse(handle.read(), CONTENT_TYPES["pdf"])
    slug = period.slug.replace("/", "-")
    response["Content-Disposition"] = f'inline; filename="quarterly-update-{slug}-draft.pdf"'
    return response


@public_page
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


@public_page
def operation_list(request):
    operations = Operation.objects.order_by("key")
    rows = [(operation, operation_slug(operation.key)) for operation in operations]
    return render(request, "editions/operations.html", {"operations": rows})


@public_page
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
