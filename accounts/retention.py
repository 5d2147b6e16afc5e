"""What is kept, and for how long: ended sessions, sign-in records, download records and
abandoned pending imports are deleted once older than their setting (apply_retention)."""

import datetime
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import DownloadRecord


@dataclass(frozen=True)
class Purged:
    sessions: bool
    login_records: int
    download_records: int
    pending_imports: int


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


def pending_imports_purge(*, before: datetime.datetime, folder: Path | None = None) -> int:
    """Delete uploads waiting for a confirm that never came: every file under
    settings.PCP_PENDING_IMPORTS_DIR last changed before `before`. Whatever stores pending
    imports keeps them there (one file per upload, any sub-folders) for this to find."""
    folder = Path(folder or settings.PCP_PENDING_IMPORTS_DIR)
    if not folder.is_dir():
        return 0
    cutoff = before.timestamp()
    deleted = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            deleted += 1
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
        pending_imports=pending_imports_purge(
            before=now - datetime.timedelta(hours=settings.PCP_PENDING_IMPORT_HOURS)
        ),
    )
