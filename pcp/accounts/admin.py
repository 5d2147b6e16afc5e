"""Audit records in the admin, for superusers: downloads of non-public data, notices sent, and
users with their history (who changed a user, their password, active flag or role, and when).
Sign-in records (successes, failures, lock-outs) and second-factor devices are django-axes' and
django-otp's own admin pages."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from pcp.accounts.models import DownloadRecord, Notice
from priorities.scoping import HistoryAdmin


class SuperuserRecordAdmin(admin.ModelAdmin):
    """A record nobody edits, that only superusers read."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DownloadRecord)
class DownloadRecordAdmin(SuperuserRecordAdmin):
    list_display = ("at", "username", "kind", "what", "address")
    list_filter = ("kind", "at")
    search_fields = ("username", "what", "path")
    date_hierarchy = "at"
    fields = ("at", "username", "user", "kind", "what", "path", "address")
    readonly_fields = fields


@admin.register(Notice)
class NoticeAdmin(SuperuserRecordAdmin):
    """What each user was told (and e-mailed), for answering "did they get the reminder?"."""

    list_display = ("created", "user", "kind", "subject", "read_at")
    list_filter = ("kind", "created")
    list_select_related = ("user",)
    search_fields = ("user__username", "subject")
    date_hierarchy = "created"
    fields = ("created", "user", "kind", "subject", "body", "link", "once_key", "read_at")
    readonly_fields = fields


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserWithHistoryAdmin(HistoryAdmin, UserAdmin):
    """Django's user admin, with the history of each user and their roles."""

    list_select_related = ()
