"""Writes of metric values from the admin: one save path with the rules entries keep.

A value carries a revision, raised on every save: a save made from an older copy is refused,
so of two people editing the same figure the second is told instead of silently replacing the
first. Officers write only their areas' figures, and only for a quarter still open for entry.
"""

from django.db import IntegrityError, transaction

from metrics.models import MetricValue
from metrics.selectors import metric_value_is_writable_by
from priorities.roles import ANALYST, OFFICER, user_area_ids, user_role


class MetricValueError(Exception):
    """A save the rules do not allow; the message tells the user why and what to do."""


class MetricValueConflict(MetricValueError):
    """Someone else saved the value after this user opened it."""


CONFLICT_MESSAGE = (
    "Someone else saved this figure while you were editing it, so yours was not saved (to keep "
    "theirs). Note your figure, reload the page to see theirs, and change it again if needed."
)
CLOSED_MESSAGE = (
    "{period} is closed for entry, so its figures for {area} can no longer be changed here. "
    "Ask the Performance Analysis Unit if a figure needs correcting."
)
TAKEN_MESSAGE = (
    "A figure for this metric, quarter and area was saved meanwhile. Open it from the list "
    "and change it there."
)


@transaction.atomic
def metric_value_save(*, value: MetricValue, by, expected_revision: int | None = None):
    """Create or change a value, refusing a save from an out-of-date copy or a closed quarter."""
    stored = None
    if value.pk is not None:
        stored = MetricValue.objects.select_for_update().filter(pk=value.pk).first()
        if stored is None:
            raise MetricValueError("This figure has been deleted meanwhile.")
        if expected_revision is not None and stored.revision != expected_revision:
            raise MetricValueConflict(CONFLICT_MESSAGE)
        _require_writable(stored, by)
        value.revision = stored.revision + 1
    else:
        value.revision = 1
        value.created_by = by
    _require_writable(value, by)
    if user_role(by) != ANALYST and (stored is None or stored.value != value.value):
        value.illustrative = False  # a figure someone typed in is a real one
    value.modified_by = by
    value._history_user = by  # django-simple-history records who made the change
    try:
        with transaction.atomic():
            value.save()
    except IntegrityError as error:  # two people added the same figure at once
        raise MetricValueConflict(TAKEN_MESSAGE) from error
    return value


def _require_writable(value: MetricValue, by) -> None:
    if metric_value_is_writable_by(value=value, user=by):
        return
    if user_role(by) not in (ANALYST, OFFICER):
        raise MetricValueError("Only analysts and area officers enter figures.")
    if value.area_id not in user_area_ids(by):
        raise MetricValueError(f"{value.area} is not one of your areas.")
    raise MetricValueError(closed_message(value=value))


def closed_message(*, value: MetricValue) -> str:
    return CLOSED_MESSAGE.format(period=value.period, area=value.area)
