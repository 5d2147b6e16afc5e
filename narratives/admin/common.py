"""Pieces the narratives admin pages share."""

from django.contrib.admin import ActionLocation
from django.utils import timezone
from django.utils.formats import date_format

from narratives.entries.selectors import latest_published_edition, periods_open_for_entry
from priorities.roles import OFFICER, user_role

BOTH_PLACES = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]


def open_period_ids(request) -> frozenset[int]:
    """Periods open for entry, read once per request however many entries ask."""
    if not hasattr(request, "_pcp_open_period_ids"):
        request._pcp_open_period_ids = frozenset(
            periods_open_for_entry().values_list("pk", flat=True)
        )
    return request._pcp_open_period_ids


def closed_notice(request) -> str:
    """For an officer with no quarter open: why Add and Import are gone, and until when."""
    if user_role(request.user) != OFFICER or open_period_ids(request):
        return ""
    said = "No quarter is open for entry"
    edition = latest_published_edition()
    if edition is not None:
        published = date_format(timezone.localtime(edition.published_at), "j F Y")
        said += f": {edition.period.label} was published on {published} and is closed"
    return (
        f"{said}. Add and Import come back when the Performance Analysis Unit opens the next "
        "quarter for entry."
    )


class ReadOnlyAdminMixin:
    """Records of what happened: listed and shown, never written here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
