"""Notices: what the system told each person, kept so they see it on their home page.

Every app records its notices here (this app is the one every app may use, so the dashboards
show them without reading narratives); the e-mail that goes with a notice is the caller's.
Writes are called inside the transaction of the change they report, so a notice is stored with
its change or not at all.
"""

import datetime
from collections.abc import Iterable

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from pcp.accounts.models import Notice

RECENT = 5  # how many a home page shows
PER_PAGE = 25  # the full list's page size


def notice_build(*, user, kind: str, subject: str, body: str, link: str, once_key: str = ""):
    """An unsaved notice (for notices_record), with its fields cut to what they hold."""
    return Notice(
        user=user,
        kind=kind,
        subject=subject[:300],
        body=body,
        link=link[:500],
        once_key=once_key[:100],
    )


def notices_record(*, notices: Iterable[Notice]) -> list[Notice]:
    """Store notices in one query."""
    return Notice.objects.bulk_create(list(notices))


def notice_record(*, user, kind: str, subject: str, body: str, link: str) -> Notice:
    notice = notice_build(user=user, kind=kind, subject=subject, body=body, link=link)
    notice.save()
    return notice


def notices_mark_read(*, user, now: datetime.datetime | None = None) -> int:
    """Mark every unread notice of the user read; how many were."""
    return Notice.objects.filter(user=user, read_at__isnull=True).update(
        read_at=now or timezone.now()
    )


@transaction.atomic
def notices_purge(*, before: datetime.datetime) -> int:
    deleted, _ = Notice.objects.filter(created__lt=before).delete()
    return deleted


def notices_for(*, user) -> QuerySet[Notice]:
    """The user's own notices, newest first (the only notices anyone is shown)."""
    if user is None or not user.is_authenticated:
        return Notice.objects.none()
    return Notice.objects.filter(user=user).order_by("-created", "-id")


def notices_recent(*, user, limit: int = RECENT) -> list[Notice]:
    return list(notices_for(user=user)[:limit])


def notices_unread_count(*, user) -> int:
    return notices_for(user=user).filter(read_at__isnull=True).count()


def notices_page(*, user, number) -> Page:
    """One page of the user's notices (a bad page number gives the nearest page)."""
    return Paginator(notices_for(user=user), PER_PAGE).get_page(number)


def once_notices_sent(*, kinds: Iterable[str], key_prefix: str) -> list[tuple[int, str, object]]:
    """(user id, key, when) of the once-only notices of these kinds whose key starts so."""
    found = Notice.objects.filter(kind__in=list(kinds), once_key__startswith=key_prefix)
    return list(found.values_list("user_id", "once_key", "created"))
