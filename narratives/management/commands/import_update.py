"""Import a past edition of the quarterly update from its text (as converted from the PDF)."""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from narratives.editions.publishing import edition_publish_imported
from narratives.figures.imported import parsed_edition_findings
from narratives.importing.model import NotAnEdition
from narratives.importing.reading import EditionFileError, edition_text_read
from narratives.importing.store import edition_import_text
from narratives.models import Edition


class Command(BaseCommand):
    help = (
        "Read an edition's text and store its priorities, commitments, entries (approved), "
        "operations and headline figures. Importing the same edition again replaces what the "
        "earlier import stored for that period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="The edition as text, e.g. quarterly-update-2020-21-q2.txt"
        )
        parser.add_argument("--dry-run", action="store_true", help="Read and check; write nothing")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print what is imported as JSON"
        )
        parser.add_argument("--user", help="Username recorded as creator of what is imported")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Then publish the edition as the version, data month and produced month it states",
        )

    def handle(self, *args, path: str, dry_run: bool, as_json: bool, user: str | None, **options):
        by = self._user(user)
        try:
            with transaction.atomic():  # import and --publish: both or neither
                text, notes = edition_text_read(
                    Path(path), max_bytes=settings.IMPORT_MAX_UPLOAD_BYTES
                )
                edition, result = edition_import_text(
                    text=text, source=Path(path).name, by=by, dry_run=dry_run
                )
                published = already = None
                if options.get("publish") and not dry_run:
                    already = _already_published(edition.cover)
                    published = None if already else _publish(path, edition.cover, by)
        except EditionFileError as error:
            raise CommandError(str(error)) from error
        except NotAnEdition as error:
            raise CommandError(f"{path}: not a quarterly update edition: {error}") from error
        edition.warnings[:0] = notes
        if as_json:
            # The figures check reads the edition's entries as they were parsed.
            data = edition.as_json() | {"findings": parsed_edition_findings(edition)}
            self.stdout.write(_dumps(data))
            return
        self._summary(edition, result, dry_run)
        if published is not None:
            label = f"{published.period.label} version {published.version}"
            self.stdout.write(
                f"Published {label}."
                if published.is_published
                else f"Publishing {label}: the task worker makes its files, then it is public."
            )
        if already is not None:
            self.stdout.write(
                f"{already.period.label} version {already.version} was already published; "
                "it is not published again."
            )

    def _user(self, username: str | None):
        if username is None:
            return None
        found = get_user_model().objects.filter(username=username).first()
        if found is None:
            raise CommandError(f"--user {username}: no such user")
        return found

    def _summary(self, edition, result, dry_run: bool) -> None:
        commitments = sum(len(p.commitments) for p in edition.priorities)
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb} {edition.cover.title} – {edition.cover.period.label} "
            f"(version {edition.cover.version or '?'}): {len(edition.priorities)} priorities, "
            f"{commitments} commitments, {result.entries} entries "
            f"({result.replaced} from an earlier import replaced), "
            f"{len(edition.operations)} operations ({result.operations_created} new), "
            f"{result.figures} figures."
        )
        for warning in edition.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _already_published(cover) -> Edition | None:
    """The edition this cover's version was published as before: --publish again is a no-op."""
    if not cover.version:
        return None
    version = cover.version if "." in cover.version else f"{cover.version}.0"
    period = cover.period
    return Edition.objects.filter(
        period__year=period.year, period__quarter=period.quarter, version=version
    ).first()


def _publish(path: str, cover, by):
    """--publish; a refusal rolls the import back with it."""
    try:
        return edition_publish_imported(cover=cover, by=by)
    except (ValidationError, PermissionDenied) as error:
        messages = getattr(error, "messages", None) or [str(error)]
        raise CommandError(f"{path}: not published: {' '.join(messages)}") from error
