"""Publishing a period's edition: freeze every format once, under a version that only goes up.

A published edition's HTML, PDF, Word, JSON and CSV are files in storage, made once when it was
published; the public pages serve those stored bytes, so later edits to entries or figures never
change a published version. A correction is a new version ("1.1") with a change note.

Publishing answers at once: it checks and records the request, and a background task renders
the files (narratives.editions.release). Each version is frozen twice from the same entries: the
public set, which leaves out what is not for publication (`narratives.public`), and the internal
set for staff, which keeps it under its own protective marking
(settings.PCP_INTERNAL_PROTECTIVE_MARKING unless the analyst gives one).
"""

import dataclasses
import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from narratives.editions.assembly import cover_for
from narratives.editions.tasks import edition_render
from narratives.models import Edition, Entry
from priorities.models import Period
from priorities.scoping import user_may
from priorities.selectors import periods_of

VERSION = re.compile(r"^(\d{1,3})\.(\d{1,3})$")


@dataclass(frozen=True)
class CoverDetails:
    """What the cover says beyond the period; blanks take the house defaults."""

    plan_title: str = ""  # the plan of the period's entries
    data_to: datetime.date | None = None  # the period's last month
    produced: datetime.date | None = None  # this month
    producing_unit: str = ""  # settings.PCP_PRODUCING_UNIT
    protective_marking: str = ""  # settings.PCP_PROTECTIVE_MARKING
    internal_marking: str = ""  # settings.PCP_INTERNAL_PROTECTIVE_MARKING


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
    latest = Edition.objects.filter(period=period).exclude(
        published_at__isnull=True, render_error__gt=""
    )  # a version whose files could not be made is the one to ask for again
    latest = latest.order_by("version_major", "version_minor")
    latest = latest.values_list("version_major", "version_minor").last()
    return "1.0" if latest is None else f"{latest[0]}.{latest[1] + 1}"


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
    """Ask for the period's approved entries to be published as `version`; returns at once.

    The edition is recorded unpublished and its files are rendered by a background task
    (narratives.editions.release), which makes it public when all are stored. `by` None means
    a command-line import.
    """
    if by is not None and not user_may(by, "narratives.publish_edition"):
        raise PermissionDenied("Only analysts (PAU) may publish an edition.")
    major, minor = version_parse(version)
    version = f"{major}.{minor}"
    # Lock the period so two analysts publishing at once cannot both take the same version.
    period = Period.objects.select_for_update().get(pk=period.pk)
    # A version whose files could not be made was never public: asking again replaces it.
    Edition.objects.filter(period=period, published_at__isnull=True).exclude(
        render_error=""
    ).delete()
    _check_version(period, (major, minor), change_note)
    details = cover or CoverDetails()
    plan_title = details.plan_title or _plan_title(period)
    front = _cover(period, version, dataclasses.replace(details, plan_title=plan_title))
    cover_fields = ("title", "data_to", "produced", "producing_unit", "protective_marking")
    edition = Edition.objects.create(
        period=period,
        version=version,
        version_major=major,
        version_minor=minor,
        change_note=change_note,
        publishes_as_of=published_at or timezone.now(),
        published_by=by,
        created_by=by,
        modified_by=by,
        **{name: getattr(front, name) for name in cover_fields},
    )
    # Stored with the edition in this transaction (database task backend), so a publication
    # is never recorded without its rendering queued.
    internal_marking = details.internal_marking.strip() or settings.PCP_INTERNAL_PROTECTIVE_MARKING
    edition_render.enqueue(
        edition_id=edition.pk, plan_title=plan_title, internal_marking=internal_marking
    )
    edition.refresh_from_db()  # a backend that runs tasks at once has published it already
    return edition


def _plan_title(period: Period) -> str:
    """The plan of the edition's first entry (as the assembly would find it); refuses a period
    with nothing approved, so the analyst hears at once rather than from the task."""
    approved = Entry.objects.filter(period=period, status=Entry.Status.APPROVED)
    first = approved.select_related("commitment__priority__plan").order_by(
        "commitment__priority__number", "commitment__order", "order", "pk"
    )
    first = first.first()
    if first is None:
        raise ValidationError(
            f"{period.label} has no approved entries: approve entries before publishing.",
            code="nothing_to_publish",
        )
    return first.commitment.priority.plan.title


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
    period = periods_of(quarter=cover.period).get()
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
