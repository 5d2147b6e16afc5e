"""Import past editions of the quarterly update from their PDF, Word or text files."""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from narratives.editions.publishing import edition_publish_imported
from narratives.figures.selectors import parsed_edition_findings
from narratives.importing.batch import FileImport, NotPublished, edition_folder_import
from narratives.importing.model import NotAnEdition
from narratives.importing.readers import EditionFileError, edition_document_read
from narratives.importing.store import edition_import_document
from narratives.models import Edition

COLUMNS = (
    ("file", "File"),
    ("quarter", "Quarter"),
    ("version", "Version"),
    ("priorities", "Priorities"),
    ("commitments", "Commitments"),
    ("entries", "Entries"),
    ("operations", "Operations"),
    ("figures", "Figures"),
    ("warnings", "Warnings"),
    ("findings", "Findings"),
)


class Command(BaseCommand):
    help = (
        "Read an edition (PDF, Word or text file) or a folder of them (oldest first, each file "
        "on its own) and store priorities, commitments, entries (approved), operations and "
        "headline figures. Importing the same edition again replaces what the earlier import "
        "stored for that period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="An edition (.pdf, .docx or .txt), or a folder of editions"
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
        publish = options.get("publish")
        if Path(path).is_dir():
            self._folder(Path(path), by=by, dry_run=dry_run, as_json=as_json, publish=publish)
            return
        try:
            with transaction.atomic():  # import and --publish: both or neither
                document = edition_document_read(
                    Path(path), max_bytes=settings.IMPORT_MAX_UPLOAD_BYTES
                )
                edition, result = edition_import_document(
                    document=document, source=Path(path).name, by=by, dry_run=dry_run
                )
                said = _publish(edition.cover, by) if publish and not dry_run else ""
        except EditionFileError as error:
            raise CommandError(str(error)) from error
        except NotAnEdition as error:
            raise CommandError(f"{path}: not a quarterly update edition: {error}") from error
        except NotPublished as error:
            raise CommandError(f"{path}: not published: {error}") from error
        if as_json:
            # The figures check reads the edition's entries as they were parsed.
            data = edition.as_json() | {"findings": parsed_edition_findings(edition)}
            self.stdout.write(_dumps(data))
            return
        self._summary(edition, result, dry_run)
        if said:
            self.stdout.write(said)

    def _folder(self, folder: Path, *, by, dry_run: bool, as_json: bool, publish: bool) -> None:
        done = edition_folder_import(
            folder=folder,
            max_bytes=settings.IMPORT_MAX_UPLOAD_BYTES,
            by=by,
            dry_run=dry_run,
            publish=(lambda cover: _publish(cover, by)) if publish else None,
        )
        if not done:
            raise CommandError(f"{folder}: no .pdf, .docx or .txt files in it")
        if as_json:
            self.stdout.write(_dumps([_file_json(item) for item in done]))
        else:
            self._table(done, dry_run)
        failed = [item for item in done if item.error]
        if failed:
            raise CommandError(f"{len(failed)} of {len(done)} files were not imported.")

    def _table(self, done: list[FileImport], dry_run: bool) -> None:
        rows = [item.row() for item in done]
        widths = {
            key: max(len(title), *(len(str(row.get(key, ""))) for row in rows))
            for key, title in COLUMNS
        }
        self.stdout.write("  ".join(title.ljust(widths[key]) for key, title in COLUMNS))
        for row in rows:
            if "error" in row:
                self.stdout.write(f"{row['file'].ljust(widths['file'])}  not imported")
                continue
            self.stdout.write("  ".join(str(row[key]).ljust(widths[key]) for key, _ in COLUMNS))
        for item in done:
            if item.error:
                self.stdout.write(self.style.ERROR(f"Not imported: {item.error}"))
            elif item.published:
                self.stdout.write(f"{item.name}: {item.published}")
            for warning in item.edition.warnings if item.edition else []:
                self.stdout.write(self.style.WARNING(f"Warning: {item.name}: {warning}"))
        imported = sum(1 for item in done if not item.error)
        verb = "would be imported (dry run: nothing was written)" if dry_run else "imported"
        self.stdout.write(f"{imported} of {len(done)} files {verb}.")

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


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _file_json(item: FileImport) -> dict:
    if item.edition is None:
        return {"file": item.name, "error": item.error}
    return {"file": item.name} | item.edition.as_json() | {"findings": item.findings}


def _already_published(cover) -> Edition | None:
    """The edition this cover's version was published as before: --publish again is a no-op."""
    if not cover.version:
        return None
    version = cover.version if "." in cover.version else f"{cover.version}.0"
    period = cover.period
    return Edition.objects.filter(
        period__year=period.year, period__quarter=period.quarter, version=version
    ).first()


def _publish(cover, by) -> str:
    """--publish, said in words; a refusal (NotPublished) rolls the import back with it."""
    already = _already_published(cover)
    if already is not None:
        return (
            f"{already.period.label} version {already.version} was already published; "
            "it is not published again."
        )
    try:
        published = edition_publish_imported(cover=cover, by=by)
    except (ValidationError, PermissionDenied) as error:
        messages = getattr(error, "messages", None) or [str(error)]
        raise NotPublished(" ".join(messages)) from error
    label = f"{published.period.label} version {published.version}"
    if not published.is_published:  # the database task backend: the worker makes its files
        return f"Publishing {label}: the task worker makes its files, then it is public."
    return f"Published {label}."
