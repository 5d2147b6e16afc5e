"""Published files in Django's default storage (a folder, or an S3-compatible bucket).

Each file is stored under a name holding the hash of its content, so a stored name never
changes its bytes: the hash is the file's ETag, and a cached copy can be trusted forever.
"""

import functools
import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from narratives.models import Edition, EditionFile

Format = EditionFile.Format
CONTENT_TYPES = {
    Format.HTML: "text/html; charset=utf-8",
    Format.PDF: "application/pdf",
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.JSON: "application/json; charset=utf-8",
    Format.CSV: "text/csv; charset=utf-8",
}
# Opened in the browser, or saved.
DISPOSITIONS = {Format.PDF: "inline", Format.JSON: "inline", Format.DOCX: "attachment"}


@dataclass(frozen=True)
class StoredFile:
    format: str
    name: str
    size: int
    sha256: str
    created: bool  # False when the same bytes were already stored under that name


def download_name(edition: Edition, fmt: str) -> str:
    slug = edition.period.file_slug
    return f"quarterly-update-{slug}-v{edition.version}.{fmt}"


def file_store(*, edition: Edition, fmt: str, content: bytes | str) -> StoredFile:
    """Write one file of the edition to the storage (once: the same bytes keep one copy)."""
    data = content.encode() if isinstance(content, str) else bytes(content)
    digest = hashlib.sha256(data).hexdigest()
    slug = edition.period.file_slug
    name = f"editions/{slug}/v{edition.version}/{digest[:16]}/{download_name(edition, fmt)}"
    created = not default_storage.exists(name)
    if created:
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:  # a storage that renamed rather than wrote the name asked for
            default_storage.delete(saved)
            raise OSError(f"The file storage would not store {name} under that name.")
    return StoredFile(fmt, name, len(data), digest, created)


def files_discard(stored: list[StoredFile]) -> None:
    """Remove files a failed publication wrote (never ones that were there before it)."""
    for file in stored:
        if file.created:
            default_storage.delete(file.name)


def file_bytes(file: EditionFile) -> bytes:
    with default_storage.open(file.name, "rb") as handle:
        return handle.read()


@functools.lru_cache(maxsize=64)
def _stored_text(name: str) -> str:
    with default_storage.open(name, "rb") as handle:
        return handle.read().decode("utf-8")


def file_text(file: EditionFile) -> str:
    """A stored text file's content; kept in memory, as a name never changes its bytes."""
    return _stored_text(file.name)
