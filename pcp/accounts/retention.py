"""What is kept, and for how long: ended sessions, sign-in records, download records, users'
notices and abandoned pending imports are deleted once older than their setting
(apply_retention)."""

import datetime
from dataclasses import dataclass
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pcp.accounts.models import DownloadRecord
from pcp.accounts.notices import notices_purge
from pcp.spreadsheets.pending import pending_imports_expire


@dataclass(frozen=True)
class Purged:
    sessions: bool
    login_records: int
    download_records: int
    pending_imports: int
    notices: int


def sessions_purge() -> bool:
    """Delete ended sessions (Django's clearsessions); False where the store cannot."""
    engine = import_module(settings.SESSION_ENGINE)
    try:
        engine.SessionStore.clear_expired()
    except NotImplementedError:  # e.g. signed cookies: nothing is stored
        return False
    return True


@transaction.atomic
def login_records_purge(*, before: datetime.datetime) -> int:
    """Sign-ins, sign-outs and failures recorded by django-axes before `before`."""
    logs, _ = AccessLog.objects.filter(attempt_time__lt=before).delete()
    failures, _ = AccessFailureLog.objects.filter(attempt_time__lt=before).delete()
    attempts, _ = AccessAttempt.objects.filter(attempt_time__lt=before).delete()
    return logs + failures + attempts


def download_records_purge(*, before: datetime.datetime) -> int:
    deleted, _ = DownloadRecord.objects.filter(at__lt=before).delete()
    return deleted


def retention_apply(*, now: datetime.datetime | None = None) -> Purged:
    now = now or timezone.now()
    days = datetime.timedelta(days=1)
    return Purged(
        sessions=sessions_purge(),
        login_records=login_records_purge(before=now - settings.PCP_LOGIN_RECORD_DAYS * days),
        download_records=download_records_purge(
            before=now - settings.PCP_DOWNLOAD_RECORD_DAYS * days
        ),
        # The uploads' own module keeps them and knows where (pcp/spreadsheets/pending.py).
        pending_imports=pending_imports_expire(
            older_than=datetime.timedelta(hours=settings.PCP_PENDING_IMPORT_HOURS)
        ),
        notices=notices_purge(before=now - settings.PCP_NOTICE_DAYS * days),
    )
