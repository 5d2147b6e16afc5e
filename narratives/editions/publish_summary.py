"""What an analyst reads before publishing a quarter: where its entries stand, which areas
wrote nothing, and whether officers may still be writing (the deadline)."""

import datetime
from dataclasses import dataclass

from django.template.defaultfilters import date as format_date
from django.utils import timezone

from narratives.models import Entry
from narratives.public import editions_published
from narratives.review.selectors import review_board
from priorities.models import Area, Period

Status = Entry.Status


@dataclass(frozen=True)
class PublishSummary:
    period: Period
    counts: dict[str, int]  # by status: approved, submitted, draft, returned
    silent_areas: list[Area]  # officers' areas with nothing written at all
    missing: int  # commitments an area wrote for last quarter and not this one
    deadline: datetime.datetime | None
    deadline_passed: bool
    published_versions: list[str]

    @property
    def unapproved(self) -> int:
        return sum(self.counts[s] for s in (Status.SUBMITTED, Status.DRAFT, Status.RETURNED))

    @property
    def reasons_to_confirm(self) -> list[str]:
        """Why publishing now may surprise someone; publishing then needs a confirmation."""
        reasons = []
        if self.unapproved:
            reasons.append(
                f"{self.unapproved} entr{'y is' if self.unapproved == 1 else 'ies are'} not "
                "approved and will not be in the edition."
            )
        if self.deadline is None and self.period.is_open:
            reasons.append("No entry deadline is set and officers may still be writing.")
        elif self.deadline is not None and not self.deadline_passed:
            when = format_date(timezone.localtime(self.deadline), "j F Y, H:i")
            reasons.append(f"The entry deadline ({when}) has not passed yet.")
        return reasons

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.reasons_to_confirm)


def publish_summary(*, period: Period, now=None) -> PublishSummary:
    """The period's summary, with the review screen's figures (a fixed number of queries)."""
    board = review_board(period=period, now=now)
    versions = editions_published(period=period)
    return PublishSummary(
        period=period,
        counts={status: board.totals.get(status, 0) for status in Status.values},
        silent_areas=board.silent_areas,
        missing=len(board.missing_rows),
        deadline=period.entry_deadline,
        deadline_passed=board.deadline_passed,
        published_versions=list(
            versions.order_by("version_major", "version_minor").values_list("version", flat=True)
        ),
    )
