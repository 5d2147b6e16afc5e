"""E-mail each officer whose areas have nothing submitted for a period open for entry.

Meant for a scheduler (e.g. daily in the last week before the deadline); sending twice on the
same day is harmless, and officers who have submitted hear nothing.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from narratives.entries.selectors import officers_with_nothing_submitted, periods_open_for_entry
from narratives.notices import emails_queue


class Command(BaseCommand):
    help = "Remind officers with nothing submitted for the open period(s), by e-mail."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List, but send nothing")
        parser.add_argument(
            "--site-url",
            default=settings.PCP_SITE_URL,
            help="Address of the site, quoted in the e-mail (default: PCP_SITE_URL)",
        )

    def handle(self, *args, dry_run: bool, site_url: str, **options):
        messages = []
        periods = list(periods_open_for_entry().order_by("year", "quarter"))
        if not periods:
            self.stdout.write("No period is open for entry; nothing to send.")
            return
        for period in periods:
            for officer, areas in officers_with_nothing_submitted(period=period):
                subject, body = self._message(period, areas, site_url)
                if dry_run:
                    self.stdout.write(f"Would remind {officer.email}: {subject}")
                    continue
                messages.append({"to": officer.email, "subject": subject, "body": body})
        if not dry_run:
            # Sent by the task worker, so a slow mail server holds up nobody.
            emails_queue(messages)
            self.stdout.write(self.style.SUCCESS(f"{len(messages)} reminder(s) queued."))

    def _message(self, period, areas, site_url: str) -> tuple[str, str]:
        names = ", ".join(area.name for area in areas) or "your areas"
        subject = f"Quarterly update {period.label}: nothing submitted yet for {names}"
        deadline = (
            f"The deadline is {timezone.localtime(period.entry_deadline):%A %d %B %Y, %H:%M}."
            if period.entry_deadline
            else "Please submit as soon as you can."
        )
        where = f" at {site_url.rstrip('/')}/admin/" if site_url else ""
        body = (
            f"No entry for {names} has been submitted for the {period.label} quarterly update "
            f"yet. {deadline}\n\n"
            f'Log in to the data entry pages{where}, write or update your entries ("Start '
            f"from last quarter\" copies last quarter's approved ones as drafts) and submit "
            f"them for review.\n\nPerformance Analysis Unit"
        )
        return subject, body
