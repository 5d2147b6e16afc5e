"""Importing one edition file, or a folder of them (oldest first), each in its own transaction.

A file that cannot be read or is not an edition is reported and the rest go on: a PAU's archive
folder holds odd files, and one should not keep the others out.
"""

import dataclasses
from pathlib import Path

from django.db import transaction

from narratives.figures.selectors import parsed_edition_findings
from narratives.importing.model import NotAnEdition, ParsedEdition
from narratives.importing.parser import parse_document
from narratives.importing.readers import (
    SUFFIXES,
    EditionDocument,
    EditionFileError,
    edition_document_read,
)
from narratives.importing.store import StoreResult, edition_import_document, gazetteer_from_db


class NotPublished(ValueError):
    """--publish refused the edition; the message says why (the import is rolled back)."""


@dataclasses.dataclass
class FileImport:
    """What became of one file."""

    name: str
    edition: ParsedEdition | None = None
    result: StoreResult | None = None
    findings: list[dict] = dataclasses.field(default_factory=list)
    error: str = ""
    published: str = ""  # what --publish did, in words

    def row(self) -> dict:
        """The summary table's row: file, quarter, version, counts, warnings, findings."""
        if self.edition is None:
            return {"file": self.name, "error": self.error}
        edition = self.edition
        return {
            "file": self.name,
            "quarter": edition.cover.period.label,
            "version": edition.cover.version or "?",
            "priorities": len(edition.priorities),
            "commitments": sum(len(p.commitments) for p in edition.priorities),
            "entries": self.result.entries if self.result else len(list(edition.all_entries())),
            "operations": len(edition.operations),
            "figures": self.result.figures if self.result else len(edition.figures),
            "warnings": len(edition.warnings),
            "findings": len(self.findings),
        }


def edition_files(folder: Path) -> list[Path]:
    """The edition files in a folder (not its sub-folders), by name."""
    return sorted(
        path for path in folder.iterdir() if path.is_file() and path.suffix.lower() in SUFFIXES
    )


def edition_file_import(
    *, path: Path, max_bytes: int, by=None, dry_run: bool = False, publish=None
) -> FileImport:
    """Read, store and (with `publish`, a function of the cover) publish one file, all or
    nothing. Refusals are reported in `error`, not raised."""
    done = FileImport(name=path.name)
    try:
        document = edition_document_read(path, max_bytes=max_bytes)
    except EditionFileError as error:
        done.error = str(error)
        return done
    return _import_document(done, document, by=by, dry_run=dry_run, publish=publish)


def edition_folder_import(
    *, folder: Path, max_bytes: int, by=None, dry_run: bool = False, publish=None
) -> list[FileImport]:
    """Every edition file in `folder`, oldest quarter (then lowest version) first."""
    read: list[tuple[FileImport, EditionDocument]] = []
    failed: list[FileImport] = []
    for path in edition_files(folder):
        done = FileImport(name=path.name)
        try:
            read.append((done, edition_document_read(path, max_bytes=max_bytes)))
        except EditionFileError as error:
            done.error = str(error)
            failed.append(done)
    named = [(done.name, document) for done, document in read]
    return edition_documents_import(named, by=by, dry_run=dry_run, publish=publish) + failed


def edition_documents_import(
    named: list[tuple[str, EditionDocument]], *, by=None, dry_run: bool = False, publish=None
) -> list[FileImport]:
    """Editions already read, each with its file name: oldest first, each on its own."""
    gazetteer = gazetteer_from_db()
    ordered = sorted(named, key=lambda pair: _age(pair[1], gazetteer))
    return [
        _import_document(FileImport(name=name), document, by=by, dry_run=dry_run, publish=publish)
        for name, document in ordered
    ]


def edition_documents_preview(named: list[tuple[str, EditionDocument]]) -> list[FileImport]:
    """Editions already read, parsed and checked but not stored: what an import would bring."""
    gazetteer = gazetteer_from_db()
    done = []
    for name, document in named:
        item = FileImport(name=name)
        try:
            item.edition = parse_document(document, gazetteer=gazetteer)
            item.findings = parsed_edition_findings(item.edition)
        except NotAnEdition as error:
            item.edition, item.error = None, f"{name}: not a quarterly update edition: {error}"
        done.append(item)
    return sorted(done, key=lambda item: _edition_age(item.edition))


def _edition_age(edition: ParsedEdition | None) -> tuple:
    if edition is None:
        return (9999, 9, 0.0)
    return (
        edition.cover.period.year,
        edition.cover.period.quarter,
        float(edition.cover.version) if edition.cover.version else 0.0,
    )


def _age(document: EditionDocument, gazetteer) -> tuple:
    try:
        return _edition_age(parse_document(document, gazetteer=gazetteer))
    except NotAnEdition:
        return _edition_age(None)


def _import_document(done: FileImport, document, *, by, dry_run, publish) -> FileImport:
    try:
        with transaction.atomic():  # the import and its publishing: both or neither
            done.edition, done.result = edition_import_document(
                document=document, source=done.name, by=by, dry_run=dry_run
            )
            done.findings = parsed_edition_findings(done.edition)
            if publish is not None and not dry_run:
                done.published = publish(done.edition.cover)
    except NotAnEdition as error:
        done.edition, done.result = None, None
        done.error = f"{done.name}: not a quarterly update edition: {error}"
    except NotPublished as error:
        done.edition, done.result = None, None
        done.error = f"{done.name}: not imported, as it could not be published: {error}"
    return done
