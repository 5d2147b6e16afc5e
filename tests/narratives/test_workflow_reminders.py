"""send_reminders: officers with areas × commitments still missing for the open quarter hear
of it N days before the deadline and once after it, as a notice and an e-mail, never twice."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from narratives.entries.workflow import entry_submit
from pcp.accounts.models import Notice
from tests.priorities.world import build_world


@pytest.fixture
def w(db):
    w = build_world()
    w.marsh_officer.email = "marshby.officer@example.org"
    w.marsh_officer.save()
    return w


def run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", "--site-url", "https://pcp.example.org", *args, stdout=out)
    return out.getvalue()


def deadline_in(w, days: float) -> None:
    w.q2.entry_deadline = timezone.now() + datetime.timedelta(days=days)
    w.q2.save()


def mail_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def test_nothing_goes_while_the_deadline_is_further_off_than_the_days_before(w):
    assert "No reminder due now (days before the deadline: 1, 7" in run()  # 14 days left
    assert mail.outbox == [] and not Notice.objects.exists()


def test_a_week_before_each_officer_hears_what_is_missing_with_the_deadline_and_a_link(w):
    deadline_in(w, 7)
    entry_submit(entry=w.colbury_draft, by=w.officer)  # commitment 1.1, a district of North
    output = run()
    assert "2 reminder(s) recorded, 2 e-mail(s) queued." in output
    (message,) = mail_to("north.officer@example.org")
    assert (
        message.subject
        == "Quarterly update 2020/21 Q2: 7 days left, 1 commitment missing for North LPA"
    )
    deadline = f"{timezone.localtime(w.q2.entry_deadline):%A %d %B %Y, %H:%M}"
    assert f"is {deadline} (7 days left)" in message.body
    assert "North LPA:\n  - 1.2 Make it easier to reach us." in message.body
    assert "1.1 Grow" not in message.body  # Colbury's entry counts for its LPA
    link = "/my-quarter/"
    assert f"https://pcp.example.org{link}" in message.body
    (marshby,) = mail_to("marshby.officer@example.org")
    assert "2 commitments missing for Marshby" in marshby.subject
    notice = Notice.objects.get(user=w.officer)
    assert (notice.kind, notice.link, notice.subject) == ("reminder", link, message.subject)


def test_never_twice_for_the_same_reminder_nor_on_the_same_day(w):
    deadline_in(w, 7)
    run()
    sent = len(mail.outbox)
    assert "No reminder due now" in run()
    deadline_in(w, 1)  # the next reminder is due, but one went today
    assert "No reminder due now" in run()
    Notice.objects.update(created=timezone.now() - datetime.timedelta(days=6))
    assert "2 reminder(s) recorded" in run()
    assert "1 day left" in mail.outbox[-1].subject
    assert "No reminder due now" in run()
    assert len(mail.outbox) == sent + 2
    assert Notice.objects.filter(user=w.officer).count() == 2


def test_a_missed_day_is_caught_up_with_the_days_actually_left(w):
    deadline_in(w, 5)
    run()
    assert "5 days left" in mail_to("north.officer@example.org")[0].subject
    assert Notice.objects.get(user=w.officer).once_key == "2020-21/q2:7-days"


def test_once_overdue_after_the_deadline_and_not_for_long_past_quarters(w):
    deadline_in(w, -1 / 24)
    run()
    (message,) = mail_to("north.officer@example.org")
    assert message.subject.startswith("Quarterly update 2020/21 Q2: overdue, 2 commitments")
    assert "passed on" in message.body
    assert Notice.objects.get(user=w.officer).kind == "overdue"
    Notice.objects.update(created=timezone.now() - datetime.timedelta(days=2))
    assert "No reminder due now" in run()
    Notice.objects.all().delete()
    deadline_in(w, -30)
    assert "No reminder due now" in run()


def test_officers_with_everything_submitted_hear_nothing(w):
    deadline_in(w, 1)
    entry_submit(entry=w.marshby_draft, by=w.marsh_officer)
    w.marshby_draft.pk = None  # a second entry, for the other commitment
    w.marshby_draft.commitment = w.commitment2
    w.marshby_draft.status = "draft"
    w.marshby_draft.save()
    entry_submit(entry=w.marshby_draft, by=w.marsh_officer)
    run()
    assert [message.to for message in mail.outbox] == [["north.officer@example.org"]]


def test_without_an_address_a_notice_only_and_other_roles_are_left_out(w):
    deadline_in(w, 1)
    w.officer.email = ""
    w.officer.save()
    w.analyst.email = "analyst@example.org"
    w.analyst.save()
    assert "2 reminder(s) recorded, 1 e-mail(s) queued." in run()
    assert [message.to for message in mail.outbox] == [["marshby.officer@example.org"]]
    assert set(Notice.objects.values_list("user__username", flat=True)) == {
        "north.officer",
        "marshby.officer",
    }


def test_dry_run_sends_and_records_nothing(w):
    deadline_in(w, 1)
    output = run("--dry-run")
    assert "Would remind north.officer@example.org: Quarterly update 2020/21 Q2: 1 day left" in (
        output
    )
    assert mail.outbox == [] and not Notice.objects.exists()


def test_days_before_given_on_the_command_line(w, settings):
    settings.PCP_REMINDER_DAYS_BEFORE = [3]
    assert "No reminder due now (days before the deadline: 3;" in run()
    assert "2 reminder(s)" in run("--days-before", "14", "2")
    with pytest.raises(CommandError, match="whole days, 0 or more, not -1"):
        run("--days-before", "-1")


def test_no_quarter_open_nothing_sent(w):
    w.q2.is_open = False
    w.q2.save()
    assert "No reminder due now" in run()
    assert mail.outbox == []
