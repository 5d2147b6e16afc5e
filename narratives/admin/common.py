"""Pieces the narratives admin pages share."""

from django.contrib.admin import ActionLocation

from narratives.entries.selectors import periods_open_for_entry

BOTH_PLACES = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]


def open_period_ids(request) -> frozenset[int]:
    """Periods open for entry, read once per request however many entries ask."""
    if not hasattr(request, "_pcp_open_period_ids"):
        request._pcp_open_period_ids = frozenset(
            periods_open_for_entry().values_list("pk", flat=True)
        )
    return request._pcp_open_period_ids


class ReadOnlyAdminMixin:
    """Records of what happened: listed and shown, never written here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
