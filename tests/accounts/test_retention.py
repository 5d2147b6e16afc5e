"""apply_retention deletes ended sessions and records older than their settings."""

import datetime
import os

from axes.models import AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from pcp.accounts.models import DownloadRecord, Notice
from pcp.accounts.notices import notice_record


def test_old_records_go_and_recent_ones_stay(db, settings, tmp_path, capsys):
    settings.MEDIA_ROOT = tmp_path  # where pending uploads are kept (pcp.spreadsheets.pending)
    now = timezone.now()
    old = now - datetime.timedelta(days=400)
    for model in (AccessLog, AccessFailureLog):
        model.objects.create(username="a", ip_address="192.0.2.1")
        model.objects.create(username="b", ip_address="192.0.2.1")
        model.objects.filter(username="a").update(attempt_time=old)
    DownloadRecord.objects.create(username="a", kind="preview", what="x", path="/x")
    DownloadRecord.objects.create(username="b", kind="preview", what="y", path="/y")
    DownloadRecord.objects.filter(username="a").update(at=old)
    Session.objects.create(session_key="ended", session_data="", expire_date=old)
    Session.objects.create(
        session_key="live", session_data="", expire_date=now + datetime.timedelta(minutes=5)
    )
    stale = tmp_path / "pending-imports" / "7" / "stale-key"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    os.utime(stale, (old.timestamp(), old.timestamp()))
    fresh = stale.parent / "fresh-key"
    fresh.write_text("new")

    call_command("apply_retention")

    assert (
        "2 sign-in record(s), 1 download record(s), 0 notice(s), 1 pending import file(s)"
        in capsys.readouterr().out
    )
    assert set(AccessLog.objects.values_list("username", flat=True)) == {"b"}
    assert set(AccessFailureLog.objects.values_list("username", flat=True)) == {"b"}
    assert set(DownloadRecord.objects.values_list("username", flat=True)) == {"b"}
    assert set(Session.objects.values_list("session_key", flat=True)) == {"live"}
    assert not stale.exists() and fresh.exists()


def test_the_keeping_times_are_settings(settings, db):
    settings.PCP_LOGIN_RECORD_DAYS = 10
    AccessLog.objects.create(username="a", ip_address="192.0.2.1")
    AccessLog.objects.update(attempt_time=timezone.now() - datetime.timedelta(days=11))
    call_command("apply_retention")
    assert not AccessLog.objects.exists()


def test_notices_older_than_their_setting_go(settings, db, django_user_model):
    settings.PCP_NOTICE_DAYS = 30
    user = django_user_model.objects.create(username="reader")
    old, recent = (
        notice_record(user=user, kind="published", subject=subject, body="", link="/")
        for subject in ("old", "recent")
    )
    Notice.objects.filter(pk=old.pk).update(created=timezone.now() - datetime.timedelta(days=31))
    call_command("apply_retention")
    assert list(Notice.objects.values_list("subject", flat=True)) == ["recent"]
