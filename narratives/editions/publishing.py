"""Publishing a period's edition: freeze every format once, under a version that only goes up.

A published Edition row holds its HTML, PDF, Word, JSON and CSV as they were at publication;
the public pages serve those stored bytes, so later edits to entries or figures never change
a published version. A correction is a new version ("1.1") with a change note.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from narratives.editions.assembled import AssembledEdition
from narratives.editions.assembly import cover_for, edition_assemble
from narratives.editions.rendering.data import edition_csv, edition_json
from narratives.editions.rendering.docx import edition_docx
from narratives.editions.rendering.pdf import edition_pdf
from narratives.editions.rendering.web import edition_html
from narratives.models import Edition
from priorities.models import Period
from priorities.roles import ANALYST, user_role

VERSION = re.compile(r"^(\d{1,3})\.(\d{1,3})$")
SNAPSHOT_FORMATS = ("html", "pdf", "docx", "json", "csv")


@dataclass(frozen=True)
class CoverDetails:
    """What the cover says beyond the period; blanks take the house defaults."""

    plan_title: str = ""  # the plan of the period's entries
    data_to: datetime.date | None = None  # the period's last month
    produced: datetime.date | None = None  # this month
    producing_unit: str = ""  # settings.PCP_PRODUCING_UNIT
    protective_marking: str = ""  # settings.PCP_PROTECTIVE_MARKING


@dataclass(frozen=True)
class EditionFiles:
    html: str
    pdf: bytes
    docx: bytes
    json: str
    csv: str


def version_parse(version: str) -> tuple[int, int]:
    """ "1.1" → (1, 1); anything else is refused with the form expected."""
    match = VERSION.match(str(version).strip())
    if not match:
        raise ValidationError(
            f'Version "{version}" is not a version number such as "1.0" or "1.1".',
            code="version_format",
        )
    return int(match.group(1)), int(match.group(2))


def version_next(*, period: Period) -> str:
    """The version an analyst would publish next: 1.0 first, then the next minor version."""
    latest = Edition.objects.filter(period=period).order_by("version_major", "version_minor")
    latest = latest.values_list("version_major", "version_minor").last()
    return "1.0" if latest is None else f"{latest[0]}.{latest[1] + 1}"


def edition_files(edition: AssembledEdition, *, publication: dict) -> EditionFiles:
    """Every format of an assembled edition, rendered from the same plain data."""
    return EditionFiles(
        html=edition_html(edition),
        pdf=edition_pdf(edition),
        docx=edition_docx(edition),
        json=edition_json(edition, publication=publication),
        csv=edition_csv(edition),
    )


@transaction.atomic
def edition_publish(
    *,
    period: Period,
    version: str,
    by,
    change_note: str = "",
    cover: CoverDetails | None = None,
    published_at: datetime.datetime | None = None,
) -> Edition:
    """Publish the period's approved entries as `version`. `by` None means a command-line import."""
    if by is not None and user_role(by) != ANALYST:
        raise PermissionDenied("Only analysts (PAU) may publish an edition.")
    major, minor = version_parse(version)
    version = f"{major}.{minor}"
    # Lock the period so two analysts publishing at once cannot both take the same version.
    period = Period.objects.select_for_update().get(pk=period.pk)
    _check_version(period, (major, minor), change_note)
    edition = edition_assemble(period=period, cover=_cover(period, version, cover))
    if not edition.entry_count:
        raise ValidationError(
            f"{period.label} has no approved entries: approve entries before publishing.",
            code="nothing_to_publish",
        )
    published_at = published_at or timezone.now()
    publication = {
        "period": period.label,
        "version": version,
        "change_note": change_note,
        "published_at": published_at.isoformat(),
    }
    files = edition_files(edition, publication=publication)
    cover_fields = ("title", "data_to", "produced", "producing_unit", "protective_marking")
    return Edition.objects.create(
        period=period,
        version=version,
        version_major=major,
        version_minor=minor,
        change_note=change_note,
        published_at=published_at,
        published_by=by,
        created_by=by,
        modified_by=by,
        **{name: getattr(edition.cover, name) for name in cover_fields},
        **{f"snapshot_{name}": getattr(files, name) for name in SNAPSHOT_FORMATS},
    )


def _cover(period: Period, version: str, details: CoverDetails | None):
    details = details or CoverDetails()
    return cover_for(
        period,
        plan_title=details.plan_title,
        version=version,
        data_to=details.data_to,
        produced=details.produced,
        producing_unit=details.producing_unit,
        protective_marking=details.protective_marking,
    )


def _check_version(period: Period, version: tuple[int, int], change_note: str) -> None:
    latest = (
        Edition.objects.filter(period=period)
        .order_by("version_major", "version_minor")
        .only("version", "version_major", "version_minor")
        .last()
    )
    if latest is None:
        return
    if version <= (latest.version_major, latest.version_minor):
        raise ValidationError(
            f"Version {version[0]}.{version[1]} must be higher than {latest.version}, "
            f"the latest version of {period.label}.",
            code="version_not_higher",
        )
    if not change_note.strip():
        raise ValidationError(
            f"A re-issue of {period.label} needs a change note saying what changed since "
            f"version {latest.version}.",
            code="change_note_required",
        )


def edition_publish_imported(*, cover, by=None) -> Edition:
    """Publish a past edition just imported, as the version its cover states.

    `cover` is the importer's parsed cover (period, version, data_to, produced, unit, marking);
    the edition counts as published in the month it was produced.
    """
    if not cover.version:
        raise ValidationError(
            "The cover states no version, so the edition cannot be published as the version "
            "it was issued as.",
            code="version_missing",
        )
    period = Period.objects.get(year=cover.period.year, quarter=cover.period.quarter)
    produced = cover.produced
    published_at = None
    if produced is not None:
        published_at = timezone.make_aware(datetime.datetime.combine(produced, datetime.time()))
    return edition_publish(
        period=period,
        version=cover.version if "." in cover.version else f"{cover.version}.0",
        by=by,
        change_note=(
            "Re-issue, imported from the edition's text."
            if Edition.objects.filter(period=period).exists()
            else ""
        ),
        cover=CoverDetails(
            plan_title=cover.plan_title,
            data_to=cover.data_to,
            produced=produced,
            producing_unit=cover.producing_unit,
            protective_marking=cover.protective_marking,
        ),
        published_at=published_at,
    )
