"""Reminders of the entry deadline to officers who still have something missing.

For the quarter open for entry, each officer's areas × the plan's commitments with nothing
submitted (or approved) for them: an entry for a district counts for the LPA above it. An
officer with anything missing is reminded N days before the deadline (each N of
PCP_REMINDER_DAYS_BEFORE, e.g. 7 and 1), and once after it has passed. Each reminder is a
notice (pcp.accounts.notices) with its e-mail; the notices are the record that makes a reminder
go once only: once per officer, quarter and N (or "overdue"), and never two on the same day.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from narratives.entries.selectors import commitments_expected
from narratives.models import Entry
from narratives.notices import notify_each, site_url
from narratives.public import editions_published
from pcp.accounts.models import Notice
from pcp.accounts.notices import notice_build, once_notices_sent
from priorities.models import Area, Commitment, Period
from priorities.roles import OFFICER, ROLE_GROUPS, user_role
from priorities.selectors import area_tree

# After the deadline, an overdue reminder goes only this long: an old quarter left open
# should not remind anyone months later.
OVERDUE_FOR_DAYS = 14
DONE = (Entry.Status.SUBMITTED, Entry.Status.APPROVED)


@dataclass
class Reminder:
    officer: object
    period: Period
    days_left: int  # below zero once the deadline has passed
    missing: list[tuple[Area, list[Commitment]]]
    once_key: str

    @property
    def kind(self) -> str:
        return Notice.Kind.OVERDUE if self.days_left < 0 else Notice.Kind.REMINDER


def missing_by_officer(*, period: Period) -> list[tuple[object, list[tuple[Area, list]]]]:
    """Active officers with something missing, each with their areas and what is missing."""
    tree = area_tree()
    covered = set()
    done = Entry.objects.filter(period=period, status__in=DONE)
    for commitment_id, area_id in done.values_list("commitment_id", "area_id").distinct():
        if area_id in tree:
            covered.update((commitment_id, a.pk) for a in [tree[area_id], *tree.ancestors(area_id)])
    commitments = commitments_expected(period=period)
    officers = (
        get_user_model()
        .objects.filter(groups__name=ROLE_GROUPS[OFFICER], is_active=True)
        .prefetch_related("area_assignments")
        .order_by("username")
        .distinct()
    )
    found = []
    for officer in officers:
        if user_role(officer) != OFFICER:
            continue
        area_ids = sorted((a.area_id for a in officer.area_assignments.all()), key=tree.rank)
        missing = [
            (tree[pk], [c for c in commitments if (c.pk, pk) not in covered])
            for pk in area_ids
            if pk in tree
        ]
        missing = [(area, gaps) for area, gaps in missing if gaps]
        if missing:
            found.append((officer, missing))
    return found


def days_left(*, period: Period, now: datetime.datetime) -> int:
    """Whole days from today to the deadline's day (0 on the day; -1 the day after)."""
    deadline = timezone.localtime(period.entry_deadline).date()
    left = (deadline - timezone.localtime(now).date()).days
    return min(left, -1) if period.entry_deadline <= now else left


def periods_to_remind(*, now: datetime.datetime):
    """Quarters open (or just overdue) for entry, with a deadline, not yet published."""
    published = editions_published().filter(period=OuterRef("pk"))
    return (
        Period.objects.filter(is_open=True, entry_deadline__isnull=False)
        .filter(entry_deadline__gt=now - datetime.timedelta(days=OVERDUE_FOR_DAYS))
        .exclude(Exists(published))
        .order_by("year", "quarter")
    )


def reminders_due(*, now: datetime.datetime, days_before: list[int]) -> list[Reminder]:
    """The reminders to send now, leaving out any already sent (or one sent today)."""
    due = []
    for period in periods_to_remind(now=now):
        left = days_left(period=period, now=now)
        thresholds = [days for days in sorted(days_before) if left <= days]
        if left >= 0 and not thresholds:
            continue  # too early
        key = f"{period.slug}:{'overdue' if left < 0 else f'{thresholds[0]}-days'}"
        sent = once_notices_sent(
            kinds=[Notice.Kind.REMINDER, Notice.Kind.OVERDUE], key_prefix=f"{period.slug}:"
        )
        today = timezone.localtime(now).date()
        skip = {user for user, sent_key, _ in sent if sent_key == key}
        skip |= {user for user, _, at in sent if timezone.localtime(at).date() == today}
        for officer, missing in missing_by_officer(period=period):
            if officer.pk not in skip:
                due.append(Reminder(officer, period, left, missing, key))
    return due


@transaction.atomic
def reminders_send(*, reminders: list[Reminder], base_url: str | None = None) -> int:
    """Record each reminder's notice and queue its e-mail; how many e-mails were queued."""
    return notify_each(
        notice_build(user=r.officer, **reminder_text(r, base_url)) for r in reminders
    )


def reminder_text(reminder: Reminder, base_url: str | None = None) -> dict:
    period, left = reminder.period, reminder.days_left
    deadline = f"{timezone.localtime(period.entry_deadline):%A %d %B %Y, %H:%M}"
    count = sum(len(gaps) for _, gaps in reminder.missing)
    what = f"{count} commitment{'s' if count != 1 else ''}"
    areas = ", ".join(area.name for area, _ in reminder.missing)
    if left < 0:
        subject = f"Quarterly update {period.label}: overdue, {what} missing for {areas}"
        opening = (
            f"The deadline for the {period.label} quarterly update passed on {deadline}, and "
            f"nothing has been submitted for these. Ask the PAU if you still can."
        )
    else:
        when = {0: "today", 1: "1 day left"}.get(left, f"{left} days left")
        subject = f"Quarterly update {period.label}: {when}, {what} missing for {areas}"
        opening = (
            f"The deadline for the {period.label} quarterly update is {deadline} ({when}). "
            f"Nothing has been submitted yet for these:"
        )
    lines = defaultdict(list)
    for area, gaps in reminder.missing:
        for c in gaps:
            lines[area.name].append(f"  - {c.reference} {_short(c.text)}")
    listing = "\n".join(f"{name}:\n" + "\n".join(items) for name, items in lines.items())
    link = reverse("my_quarter:current")  # the officer's quarter: what is missing, one click each
    body = (
        f'{opening}\n\n{listing}\n\nWrite or update your entries ("Start from last quarter" '
        f"copies last quarter's approved ones as drafts) and submit them for review:\n"
        f"{site_url(link, base=base_url)}"
    )
    return {
        "kind": reminder.kind,
        "subject": subject,
        "body": body,
        "link": link,
        "once_key": reminder.once_key,
    }


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 90 else f"{text[:89]}…"
