"""Records kept for audit: downloads of non-public data, and the history of users and roles.

Sign-in records (successes, failures, lock-outs) are django-axes' own models.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from simple_history import register

# Who changed a user, their password, active flag or role (a role is a group), and when.
register(
    get_user_model(), app="pcp.accounts", m2m_fields=["groups"], excluded_fields=["last_login"]
)


class DownloadRecord(models.Model):
    """Someone fetched data that is not public: an export, a CSV, a preview, an internal edition."""

    class Kind(models.TextChoices):
        ADMIN_EXPORT = "admin-export", "Admin export"
        DASHBOARD_CSV = "dashboard-csv", "Dashboard CSV"
        PREVIEW = "preview", "Edition preview"
        INTERNAL_EDITION = "internal-edition", "Internal edition"
        REVIEW_EXPORT = "review-export", "Review export"
        OTHER = "other", "Other file"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, help_text="Kept if the user is later deleted")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind)
    what = models.CharField(max_length=300, help_text="What was fetched, in words")
    path = models.CharField(max_length=500, help_text="The address asked for")
    address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.username}: {self.what} ({self.at:%Y-%m-%d %H:%M})"
