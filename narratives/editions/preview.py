"""The analyst's preview PDF, rendered in the background and kept until an entry of the period
changes (PDF rendering takes seconds; analysts reopen the same preview many times).

A preview is stored in the default storage under a fingerprint of the period's entries: any
save, review step or deletion of one of them records a history row, which changes the
fingerprint, so the next request renders afresh. Older previews of the period are removed.
"""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Count, Max

from narratives.editions.assembly import edition_assemble
from narratives.editions.rendering.pdf import edition_pdf
from narratives.models import Entry
from priorities.models import Period


def preview_fingerprint(*, period: Period, internal: bool = True) -> str:
    """Changes whenever an entry of the period is added, changed, reviewed or deleted; the
    internal preview (every entry) and the public one have their own."""
    history = Entry.history.filter(period_id=period.pk).aggregate(
        last=Max("history_id"), count=Count("history_id")
    )
    current = Entry.objects.filter(period=period).aggregate(
        count=Count("pk"), changed=Max("modified_at")
    )
    raw = f"{period.pk}|{internal}|{history['last']}|{history['count']}"
    raw += f"|{current['count']}|{current['changed']}"
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def _folder(period: Period) -> str:
    return f"previews/{period.file_slug}"


def preview_pdf_name(*, period: Period, fingerprint: str) -> str:
    return f"{_folder(period)}/{fingerprint}.pdf"


def preview_pdf_stored(*, period: Period, fingerprint: str) -> str | None:
    """The stored preview's name if one was made for the entries as they stand."""
    name = preview_pdf_name(period=period, fingerprint=fingerprint)
    return name if default_storage.exists(name) else None


def preview_pdf_make(*, period_id: int, fingerprint: str, internal: bool = True) -> None:
    """Render and store the preview for `fingerprint`, unless entries changed meanwhile (the
    next request asks for the newer one) or it is already there."""
    period = Period.objects.get(pk=period_id)
    if preview_fingerprint(period=period, internal=internal) != fingerprint:
        return
    name = preview_pdf_name(period=period, fingerprint=fingerprint)
    if default_storage.exists(name):
        return
    pdf = edition_pdf(edition_assemble(period=period, include_unapproved=True, internal=internal))
    saved = default_storage.save(name, ContentFile(pdf))
    if saved != name:  # another worker stored the same preview first
        default_storage.delete(saved)
    _, files = default_storage.listdir(_folder(period))
    for other in files:
        if other != name.rsplit("/", 1)[1]:
            default_storage.delete(f"{_folder(period)}/{other}")
