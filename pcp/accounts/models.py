"""Records kept for audit: downloads of non-public data, and the history of users and roles.

Sign-in records (successes, failures, lock-outs) are django-axes' own models.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
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


class Notice(models.Model):
    """Something the system told one person (and usually e-mailed them): shown on their home
    page until it is old enough for apply_retention (PCP_NOTICE_DAYS)."""

    class Kind(models.TextChoices):
        RETURNED = "returned", "Entries returned"
        APPROVED = "approved", "Entries approved"
        PUBLISHED = "published", "Edition published"
        NOT_PUBLISHED = "not-published", "Edition not published"
        REMINDER = "reminder", "Deadline reminder"
        OVERDUE = "overdue", "Overdue reminder"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    link = models.CharField(max_length=500, help_text="The page it is about, on this site")
    # Set for notices that must go once only (a reminder: quarter and which one); see the
    # constraint below.
    once_key = models.CharField(max_length=100, blank=True, default="")
    created = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created", "-id"], name="notice_recent_for_user"),
            models.Index(fields=["created"], name="notice_created"),  # retention
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "once_key"],
                condition=~models.Q(once_key=""),
                name="notice_once_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.subject}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
