"""An edition's text file (as converted from the PDF by some tool): decoded, checked to be text."""

import re
from pathlib import Path

from narratives.importing.readers.document import TXT, EditionDocument, EditionFileError

CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Documents an analyst may pick by mistake, known by how they start.
HTML = re.compile(rb"^\s*<(?:!doctype\s+html|html|\?xml)\b", re.I)


def read_text(data: bytes, *, name: str) -> EditionDocument:
    if HTML.match(data[:1024].removeprefix(b"\xef\xbb\xbf")):
        raise EditionFileError(
            f"{name}: an HTML or XML page, not an edition (save it as PDF or text)"
        )
    if b"\x00" in data[:65536]:
        raise EditionFileError(f"{name}: a binary file, not the text of an edition")
    notes: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise EditionFileError(
                f"{name}: not UTF-8 text (byte {error.start} cannot be read); save the edition's "
                "text as UTF-8"
            ) from error
        notes.append(f"{Path(name).name} is not UTF-8; it was read as Windows-1252 text.")
    if len(CONTROL.findall(text)) > max(1, len(text) // 200):
        raise EditionFileError(f"{name}: a binary file, not the text of an edition")
    if not text.strip():
        raise EditionFileError(f"{name}: the file is empty (only blank lines)")
    return EditionDocument(text=text, source=TXT, notes=notes)
