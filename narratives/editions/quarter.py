"""Publishing a quarter as one step: its edition, and the quarter closed for entry with it.

Officers cannot write for a published quarter (narratives.entries.selectors), so closing it
in the same transaction makes every page say what is true: the review screen and the
officers' pages show it closed, and their figures (metrics) follow the same rule.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from narratives.editions.publish_summary import publish_summary
from narratives.editions.publishing import CoverDetails, edition_publish
from narratives.models import Edition
from priorities.models import Period
from priorities.services import periods_set_open


@transaction.atomic
def quarter_publish(
    *,
    period: Period,
    version: str,
    by,
    change_note: str = "",
    cover: CoverDetails | None = None,
    confirmed: bool = False,
) -> Edition:
    """Publish the period's edition and close the period for entry, both or neither.

    Unapproved entries, or a deadline not yet passed, need `confirmed`: the analyst has read
    the summary saying so.
    """
    summary = publish_summary(period=period)
    if summary.needs_confirmation and not confirmed:
        raise ValidationError(
            " ".join(summary.reasons_to_confirm) + " Tick the confirmation to publish anyway.",
            code="confirmation_required",
        )
    edition = edition_publish(
        period=period, version=version, by=by, change_note=change_note, cover=cover
    )
    periods_set_open(periods=[period], is_open=False)
    return edition
