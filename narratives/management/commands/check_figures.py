"""Check the figures of a stored period's entries: `manage.py check_figures --period 2020/21-Q2`."""

import json

from django.core.management.base import BaseCommand, CommandError

from narratives.figures.selectors import entries_of_period, entry_label, findings_for_entries
from priorities.models import Period
from priorities.periods import parse_quarter


class Command(BaseCommand):
    help = "Lists figures in a period's entries that do not agree with their numbers."

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help='The quarter, e.g. "2020/21-Q2"')
        parser.add_argument("--json", action="store_true", help="Print the findings as JSON")

    def handle(self, *args, **options):
        try:
            quarter = parse_quarter(options["period"])
        except ValueError as error:
            raise CommandError(f"--period: {error}") from error
        if not Period.objects.filter(year=quarter.year, quarter=quarter.quarter).exists():
            raise CommandError(f"--period: no period {quarter.label} is stored.")
        found = findings_for_entries(entries_of_period(year=quarter.year, quarter=quarter.quarter))
        open_ = [item for item in found if not item.is_accepted]
        accepted = [item for item in found if item.is_accepted]
        if options["json"]:
            self.stdout.write(
                json.dumps(_as_json(quarter.label, open_, accepted), ensure_ascii=False, indent=2)
            )
        else:
            self._write_human(quarter.label, open_, accepted)

    def _write_human(self, label, open_, accepted):
        if not open_:
            self.stdout.write(f"{label}: no figures findings.")
        else:
            self.stdout.write(f"{label}: {len(open_)} figures finding(s).")
        for item in open_:
            finding = item.finding
            self.stdout.write("")
            self.stdout.write(f"Entry:    {entry_label(item.entry)}")
            self.stdout.write(f"Sentence: {finding.sentence}")
            self.stdout.write(f"Stated:   {finding.stated}")
            self.stdout.write(f"Expected: {finding.expected}")
            self.stdout.write(f"          {finding.message}")
        if accepted:
            self.stdout.write("")
            self.stdout.write(f"Accepted by an analyst ({len(accepted)}):")
        for item in accepted:
            reason = item.acceptance.reason
            self.stdout.write(f"- {entry_label(item.entry)} {item.finding.stated}: {reason}")


def _row(item) -> dict:
    finding = item.finding
    return {
        "entry": entry_label(item.entry),
        "stated": finding.stated,
        "expected": finding.expected,
        "message": finding.message,
    }


def _as_json(label, open_, accepted) -> dict:
    return {
        "period": label,
        "findings": [_row(item) for item in open_],
        "accepted": [_row(item) | {"reason": item.acceptance.reason} for item in accepted],
    }
