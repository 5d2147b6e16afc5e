"""Check the figures of a stored period's entries: `manage.py check_figures --period 2020/21-Q2`."""

import json

from django.core.management.base import BaseCommand, CommandError

from narratives.figures.selectors import checks_for_entries, entries_of_period, entry_label
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
        checks = checks_for_entries(entries_of_period(year=quarter.year, quarter=quarter.quarter))
        found = [item for check in checks for item in check.items]
        claims = sum(check.claims for check in checks)
        open_ = [item for item in found if not item.is_accepted]
        accepted = [item for item in found if item.is_accepted]
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    _as_json(quarter.label, claims, open_, accepted), ensure_ascii=False, indent=2
                )
            )
        else:
            self._write_human(quarter.label, claims, open_, accepted)

    def _write_human(self, label, claims, open_, accepted):
        # Say only what was checked: no findings among no checkable claims proves nothing.
        if claims == 0:
            self.stdout.write(f"{label}: no checkable claims.")
        elif not open_:
            self.stdout.write(f"{label}: {claims} claim(s) checked, no figures findings.")
        else:
            self.stdout.write(
                f"{label}: {claims} claim(s) checked, {len(open_)} figures finding(s)."
            )
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


def _as_json(label, claims, open_, accepted) -> dict:
    return {
        "period": label,
        "claims_checked": claims,
        "findings": [_row(item) for item in open_],
        "accepted": [_row(item) | {"reason": item.acceptance.reason} for item in accepted],
    }
