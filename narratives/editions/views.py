"""Public pages of published editions (no login), the internal edition (staff), analysts' previews.

Published pages serve the files stored at publication; only the preview assembles live. Public
pages are compressed and may be cached for a few minutes (a re-issue shows within that time);
a version's files never change, so their addresses with a version are cached for good.
Each
version has a public set of files and an internal one (`narratives.public` says what differs);
the internal pages are the same views under `staff_only`, never cached.
"""

import json
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.cache import never_cache

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
from narratives.models import Edition, EditionFile
from narratives.public import editions_published
from narratives.public_pages import PAGE_SECONDS, public_page
from priorities.models import Period
from priorities.scoping import user_may
from priorities.selectors import period_from_url, periods_of

KINDS = ("added", "removed", "changed")
INTERNAL = ["internal_snapshot_html", "internal_snapshot_json", "internal_snapshot_csv"]
SNAPSHOTS = ["snapshot_json", *INTERNAL, "internal_snapshot_pdf", "internal_snapshot_docx"]
FOREVER = 365 * 24 * 3600


def _period(fy: str, quarter: int) -> Period:
    """The period of a URL such as 2020-21/q2; 404 for one that is not a financial quarter."""
    try:
        period = period_from_url(fy=fy, quarter=quarter)
    except ValueError:
        period = None
    if period is None:
        raise Http404("No such quarter")
    return period


def _published(period: Period, *fields: str) -> list[Edition]:
    """The period's published versions, oldest first, loading only the snapshots asked for."""
    editions = editions_published(period=period)
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
        editions_published()
        .select_related("period")
        .defer(*SNAPSHOTS)
        .order_by("-period__year", "-period__quarter", "-version_major", "-version_minor")
    )
    periods: dict[int, dict] = {}
    for edition in editions:
        row = periods.setdefault(
            edition.period_id, {"latest": edition, "versions": [], "fy": edition.period.fy}
        )
        row["versions"].append(edition)
    return render(request, "editions/list.html", {"periods": list(periods.values())})


@public_page
def edition_detail(
    request, fy: str, quarter: int, version: str | None = None, *, internal: bool = False
):
    period = _period(fy, quarter)
    editions = _published(period)
    edition = _version(editions, version)
    field = _snapshot(edition, "snapshot_html", internal=internal)
    # Only the chosen version's HTML is read, not every version's.
    if internal:  # the internal set stays in the database
        edition.html = Edition.objects.values_list(field, flat=True).get(pk=edition.pk)
    else:
        edition.html = file_text(edition.files.get(format=EditionFile.Format.HTML))
    context = {
        "period": period,
        "fy": fy,
        "edition": edition,
        "versions": editions,
        "latest": editions[-1],
        "previous": editions[editions.index(edition) - 1] if editions.index(edition) else None,
        "internal": internal,
        "staff": internal or user_may(request.user, "narratives.view_edition"),
    }
    return render(request, "editions/edition.html", context)


def edition_file(
    request, fy: str, quarter: int, fmt: str, version: str | None = None, *, internal=False
):
    """A published file from storage, with its content hash as ETag. At an address with a
    version it never changes (cached for good); the latest version's may, after a re-issue."""
    period = _period(fy, quarter)
    edition = _version(_published(period), version)
    if internal:
        return _internal_file(edition, fmt)
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


def _internal_file(edition: Edition, fmt: str) -> HttpResponse:
    """A file of the internal set, kept in the database (staff only, never cached)."""
    field = _snapshot(edition, f"snapshot_{fmt}", internal=True)
    content = Edition.objects.values_list(field, flat=True).get(pk=edition.pk)
    content = bytes(content) if fmt in ("pdf", "docx") else content
    response = HttpResponse(content, CONTENT_TYPES[fmt])
    disposition = DISPOSITIONS.get(fmt, "attachment")
    name = download_name(edition, fmt).replace(f".{fmt}", f"-internal.{fmt}")
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
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
        if not user_may(request.user, "narratives.view_edition"):  # every staff role
            raise PermissionDenied("The internal edition is for staff only.")
        return view(request, *args, internal=True, **kwargs)

    return internal_view


internal_detail = staff_only(edition_detail)
internal_file = staff_only(edition_file)


def _analyst(request) -> None:
    if not user_may(request.user, "narratives.publish_edition"):
        raise PermissionDenied("Only analysts (PAU) can preview an unpublished edition.")


@login_required
def edition_preview(request, fy: str, quarter: int, fmt: str = "html"):
    _analyst(request)
    period = _period(fy, quarter)
    # ?edition=public previews the public edition, without what is not for publication.
    public = request.GET.get("edition") == "public"
    slug = period.file_slug
    if fmt == "pdf":
        return _preview_pdf(request, period, fy, internal=not public)
    edition = edition_assemble(period=period, include_unapproved=True, internal=not public)
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
        "public": public,
        "query": "?edition=public" if public else "",
    }
    return render(request, "editions/preview.html", context)


def _preview_pdf(request, period: Period, fy: str, *, internal: bool):
    """The stored preview if the entries have not changed since it was made; otherwise its
    rendering is queued and a page says so, reloading itself until the PDF is there."""
    fingerprint = preview_fingerprint(period=period, internal=internal)
    name = preview_pdf_stored(period=period, fingerprint=fingerprint)
    # One queued rendering per version of the entries, however often the page reloads.
    if name is None and cache.add(f"preview-pdf:{period.pk}:{fingerprint}", True, 120):
        preview_pdf_render.enqueue(period_id=period.pk, fingerprint=fingerprint, internal=internal)
        name = preview_pdf_stored(period=period, fingerprint=fingerprint)  # done at once?
    if name is None:
        context = {"period": period, "fy": fy}
        return render(request, "editions/preview_pending.html", context, status=202)
    with default_storage.open(name, "rb") as handle:
        response = HttpResponse(handle.read(), CONTENT_TYPES["pdf"])
    slug = period.file_slug
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
    before = periods_of(quarter=period.as_quarter.previous())
    return (
        editions_published()
        .filter(period__in=before)
        .select_related("period")
        .defer(*SNAPSHOTS)
        .order_by("version_major", "version_minor")
        .last()
    )
