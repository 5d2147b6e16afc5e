"""Reading an edition file into text, refusing what is not a text file with a clear reason."""

import re
from pathlib import Path

CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Documents an analyst may pick by mistake, known by how they start.
OTHER_KINDS = (
    (re.compile(rb"^%PDF-"), "a PDF file (convert it to text first)"),
    (re.compile(rb"^PK\x03\x04"), "a Word, Excel or zip file (save the edition as text first)"),
    (re.compile(rb"^\s*<(?:!doctype\s+html|html|\?xml)\b", re.I), "an HTML or XML page"),
)


class EditionFileError(ValueError):
    """The file cannot be read as an edition's text; the message says why."""


def edition_text_read(path: Path, *, max_bytes: int) -> tuple[str, list[str]]:
    """The file's text and any notes on how it was read (e.g. its encoding)."""
    if not path.exists():
        raise EditionFileError(f"{path}: no such file")
    if not path.is_file():
        raise EditionFileError(f"{path}: not a file")
    size = path.stat().st_size
    if size == 0:
        raise EditionFileError(f"{path}: the file is empty")
    if size > max_bytes:
        raise EditionFileError(f"{path}: {size:,} bytes is more than the {max_bytes:,} allowed")
    try:
        data = path.read_bytes()
    except OSError as error:  # unreadable: permissions, a device, a vanished file
        raise EditionFileError(f"{path}: cannot be read ({error.strerror or error})") from error
    kind = _other_kind(data)
    if kind:
        raise EditionFileError(f"{path}: {kind}, not the text of an edition")
    if b"\x00" in data[:65536]:
        raise EditionFileError(f"{path}: a binary file, not the text of an edition")
    notes: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise EditionFileError(
                f"{path}: not UTF-8 text (byte {error.start} cannot be read); save the edition's "
                "text as UTF-8"
            ) from error
        notes.append(f"{path.name} is not UTF-8; it was read as Windows-1252 text.")
    if len(CONTROL.findall(text)) > max(1, len(text) // 200):
        raise EditionFileError(f"{path}: a binary file, not the text of an edition")
    if not text.strip():
        raise EditionFileError(f"{path}: the file is empty (only blank lines)")
    return text, notes


def _other_kind(data: bytes) -> str:
    head = data[:1024].removeprefix(b"\xef\xbb\xbf")
    return next((kind for pattern, kind in OTHER_KINDS if pattern.match(head)), "")
