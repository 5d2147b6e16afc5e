"""Remind officers with areas × commitments still missing, before the deadline and once after.

Meant for a scheduler, daily: a reminder goes when the deadline is N days away (each N of
--days-before, by default PCP_REMINDER_DAYS_BEFORE, e.g. 7 and 1; a missed day is caught up
the next), and an overdue one after it. Each is a notice on the officer's home page and an
e-mail; running it again sends nothing twice (narratives.reminders).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from narratives.reminders import reminder_text, reminders_due, reminders_send


class Command(BaseCommand):
    help = "Remind officers with something missing for the open quarter, before its deadline."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List, but send nothing")
        parser.add_argument(
            "--days-before",
            type=int,
            nargs="+",
            default=None,
            metavar="N",
            help="Remind N days before the deadline (default: PCP_REMINDER_DAYS_BEFORE)",
        )
        parser.add_argument(
            "--site-url",
            default=settings.PCP_SITE_URL,
            help="Address of the site, quoted in the e-mail (default: PCP_SITE_URL)",
        )

    def handle(self, *args, dry_run: bool, days_before, site_url: str, **options):
        days = days_before if days_before is not None else settings.PCP_REMINDER_DAYS_BEFORE
        if any(n < 0 for n in days):
            raise CommandError(f"--days-before takes whole days, 0 or more, not {min(days)}.")
        due = reminders_due(now=timezone.now(), days_before=days)
        if not due:
            self.stdout.write(
                "No reminder due now (days before the deadline: "
                f"{', '.join(map(str, sorted(days)))}; overdue once)."
            )
            return
        if dry_run:
            for reminder in due:
                who = reminder.officer.email or reminder.officer.get_username()
                self.stdout.write(f"Would remind {who}: {reminder_text(reminder)['subject']}")
            return
        emails = reminders_send(reminders=due, base_url=site_url)
        self.stdout.write(
            self.style.SUCCESS(f"{len(due)} reminder(s) recorded, {emails} e-mail(s) queued.")
        )
