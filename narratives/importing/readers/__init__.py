"""Reading an edition file (PDF, Word or text) into one form the parser reads.

The kind of file is told by its content, not its name; anything else is refused with a reason.
"""

import zipfile
from pathlib import Path

from narratives.importing.readers.document import (
    DOCX,
    PDF,
    TXT,
    EditionDocument,
    EditionFileError,
)

__all__ = ["DOCX", "PDF", "TXT", "EditionDocument", "EditionFileError", "edition_document_read"]
SUFFIXES = (".pdf", ".docx", ".txt")


def edition_document_read(path: Path, *, max_bytes: int) -> EditionDocument:
    if not path.exists():
        raise EditionFileError(f"{path}: no such file")
    if not path.is_file():
        raise EditionFileError(f"{path}: not a file")
    size = path.stat().st_size
    if size > max_bytes:
        raise EditionFileError(f"{path}: {size:,} bytes is more than the {max_bytes:,} allowed")
    try:
        data = path.read_bytes()
    except OSError as error:  # unreadable: permissions, a device, a vanished file
        raise EditionFileError(f"{path}: cannot be read ({error.strerror or error})") from error
    return edition_document_from_bytes(data, name=str(path), max_bytes=max_bytes)


def edition_document_from_bytes(data: bytes, *, name: str, max_bytes: int) -> EditionDocument:
    """The edition in `data`; `name` is only for messages."""
    if not data:
        raise EditionFileError(f"{name}: the file is empty")
    if len(data) > max_bytes:
        raise EditionFileError(
            f"{name}: {len(data):,} bytes is more than the {max_bytes:,} allowed"
        )
    if data.startswith(b"%PDF-"):
        return _pdf(data, name)
    if data.startswith(b"PK\x03\x04"):
        return _docx(data, name, max_bytes)
    from narratives.importing.readers.text import read_text

    return read_text(data, name=name)


def _pdf(data: bytes, name: str) -> EditionDocument:
    from narratives.importing.readers.pdf import read_pdf
    from narratives.importing.readers.pdf_glyphs import PdfUnreadable

    try:
        document = read_pdf(data)
    except PdfUnreadable as error:
        raise EditionFileError(f"{name}: a PDF file that cannot be read: {error}") from error
    if not document.text.strip():
        raise EditionFileError(
            f"{name}: a PDF file with no text in it (a scan? it needs text recognition first)"
        )
    return document


def _docx(data: bytes, name: str, max_bytes: int) -> EditionDocument:
    from narratives.importing.readers.docx import WordUnreadable, read_docx

    try:
        return read_docx(data, max_unpacked=max_bytes * 20)
    except (WordUnreadable, zipfile.BadZipFile, KeyError) as error:
        raise EditionFileError(
            f"{name}: a Word, Excel or zip file that cannot be read as a Word document ({error})"
        ) from error
