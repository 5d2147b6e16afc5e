"""send_reminders: officers whose areas have nothing submitted for the open period hear of it."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from narratives.entries.workflow import entry_submit
from tests.priorities.world import build_world


@pytest.fixture
def w(db):
    w = build_world()
    w.marsh_officer.email = "marshby.officer@example.org"
    w.marsh_officer.save()
    return w


def run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_each_officer_with_nothing_submitted_gets_one_email(w):
    entry_submit(entry=w.marshby_draft, by=w.marsh_officer)
    output = run("--site-url", "https://pcp.example.org")
    assert "1 reminder(s) queued." in output
    assert [message.to for message in mail.outbox] == [["north.officer@example.org"]]
    message = mail.outbox[0]
    assert "2020/21 Q2" in message.subject and "North LPA" in message.subject
    assert "https://pcp.example.org/admin/" in message.body
    assert "The deadline is" in message.body


def test_a_submitted_district_entry_counts_for_its_lpa_officer(w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    run()
    assert [message.to for message in mail.outbox] == [["marshby.officer@example.org"]]


def test_dry_run_sends_nothing(w):
    output = run("--dry-run")
    assert "Would remind north.officer@example.org" in output
    assert mail.outbox == []


def test_nothing_open_nothing_sent(w):
    w.q2.entry_deadline = timezone.now() - datetime.timedelta(hours=1)
    w.q2.save()
    assert "No period is open" in run()
    assert mail.outbox == []


def test_officers_without_an_address_and_other_roles_are_left_out(w):
    w.officer.email = ""
    w.officer.save()
    w.analyst.email = "analyst@example.org"
    w.analyst.save()
    run()
    assert [message.to for message in mail.outbox] == [["marshby.officer@example.org"]]
