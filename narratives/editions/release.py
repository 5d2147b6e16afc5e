"""The background half of publishing: render a requested edition's files, store them, and make
the edition public in one step once every file is stored.

If anything fails, the files this run wrote are removed, the edition stays unpublished with the
reason in `render_error` (so the previous version stays the public one), and the analyst who
asked is told why (a notice and an e-mail).
"""

import dataclasses
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from narratives.editions.assembled import AssembledEdition
from narratives.editions.assembly import cover_for, edition_assemble
from narratives.editions.files import StoredFile, file_store, files_discard
from narratives.editions.rendering.data import edition_csv, edition_json, flat_entries
from narratives.editions.rendering.docx import edition_docx
from narratives.editions.rendering.pdf import edition_pdf
from narratives.editions.rendering.web import edition_html
from narratives.models import Edition, EditionFile
from narratives.notices import edition_failed_notify, edition_published_notify
from narratives.search.indexing import search_index_edition

logger = logging.getLogger(__name__)


class NothingToPublish(Exception):
    """The period had approved entries when publishing was asked for, but none are left."""


def edition_files(edition: AssembledEdition, *, publication: dict) -> dict[str, str | bytes]:
    """Every format of an assembled edition, rendered from the same plain data."""
    return {
        "html": edition_html(edition),
        "pdf": edition_pdf(edition),
        "docx": edition_docx(edition),
        "json": edition_json(edition, publication=publication),
        "csv": edition_csv(edition),
    }


def edition_release(*, edition_id: int, plan_title: str, internal_marking: str = "") -> None:
    """Render, store and publish the requested edition (the task `edition_render` runs this)."""
    edition = Edition.objects.select_related("period").filter(pk=edition_id).first()
    if edition is None or edition.is_published:
        return  # replaced by a later request, or already done by an earlier run
    stored: list[StoredFile] = []
    try:
        # A savepoint: whatever fails inside, the failure can still be recorded after it.
        with transaction.atomic():
            files, frozen = _render(edition, plan_title, internal_marking)
            for fmt, content in files.items():
                stored.append(file_store(edition=edition, fmt=fmt, content=content))
            _make_public(edition, stored, frozen={"snapshot_json": files["json"], **frozen})
    except Exception as error:
        files_discard(stored)
        reason = _reason(error)
        with transaction.atomic():  # the reason and the analyst's notice, together
            Edition.objects.filter(pk=edition.pk).update(render_error=reason)
            edition.render_error = reason
            edition_failed_notify(edition=edition)
        logger.exception("Publishing %s failed: %s", edition, reason)
        raise


def _render(edition: Edition, plan_title: str, internal_marking: str):
    """The public set's files (for the storage), and the fields that freeze the rest: the
    operations the public edition names, and the internal set with its marking."""
    cover = cover_for(
        edition.period,
        plan_title=plan_title,
        version=edition.version,
        data_to=edition.data_to,
        produced=edition.produced,
        producing_unit=edition.producing_unit,
        protective_marking=edition.protective_marking,
    )
    assembled = edition_assemble(period=edition.period, cover=cover)
    marking = internal_marking or settings.PCP_INTERNAL_PROTECTIVE_MARKING
    internal_cover = dataclasses.replace(assembled.cover, protective_marking=marking)
    internal = edition_assemble(period=edition.period, internal=True, cover=internal_cover)
    if not internal.entry_count:
        raise NothingToPublish(
            f"{edition.period.label} has no approved entries any more: approve entries and "
            "publish again."
        )
    publication = {
        "period": edition.period.label,
        "version": edition.version,
        "change_note": edition.change_note,
        "published_at": edition.publishes_as_of.isoformat(),
    }
    internal_files = edition_files(internal, publication=publication)
    frozen = {
        "operation_keys": sorted({key for e in flat_entries(assembled) for key in e.operations}),
        "internal_protective_marking": marking,
        **{f"internal_snapshot_{fmt}": content for fmt, content in internal_files.items()},
    }
    return edition_files(assembled, publication=publication), frozen


def _make_public(edition: Edition, stored: list[StoredFile], *, frozen: dict) -> None:
    """Record every file and set published_at together: public with all its files, or not."""
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if locked.is_published:
        return
    EditionFile.objects.bulk_create(
        EditionFile(edition=locked, format=f.format, name=f.name, size=f.size, sha256=f.sha256)
        for f in stored
    )
    for name, value in frozen.items():
        setattr(locked, name, value)
    locked.published_at = locked.publishes_as_of
    locked.render_error = ""
    locked.save(update_fields=[*frozen, "published_at", "render_error"])
    search_index_edition(edition=locked)  # searchable as it becomes public, in the same step
    edition.published_at = locked.published_at
    edition_published_notify(edition=locked)


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, NothingToPublish):
        return str(error)
    return f"The files could not be made ({type(error).__name__}: {error})."
