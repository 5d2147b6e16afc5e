"""An edition's Word file, read with python-docx: paragraphs in order (table cells too), with
their styles, list levels and bold runs.

- Headings ("Heading 1", "Title", ...) and quotes stay lines of their own.
- A bullet is a paragraph in a list style or with list numbering whose format is not a number;
  its level comes from the paragraph's numbering, else its style ("List Bullet 2" is level 1).
- A bold run opening a paragraph ("Colchester" then the text) is its area label.
- Word's contents ("TOC 1" ...) keep their page numbers, as a contents table does.
"""

import io
import re
import zipfile

from narratives.importing.readers.document import DOCX, EditionDocument, LineWriter

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NUMBERED = {"decimal", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter", "ordinal"}
LABEL_MAX = 60


class WordUnreadable(ValueError):
    """Not a Word document python-docx can open; the message says why."""


def read_docx(data: bytes, *, max_unpacked: int) -> EditionDocument:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/document.xml" not in archive.namelist():
            raise WordUnreadable("it has no word/document.xml: not a Word document")
        if sum(info.file_size for info in archive.infolist()) > max_unpacked:
            raise WordUnreadable(f"it unpacks to more than {max_unpacked:,} bytes")
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, ValueError) as error:
        raise WordUnreadable(str(error)) from error
    formats = _list_formats(document)
    styles = _Styles(document)
    writer = LineWriter()
    title: list[str] = []  # a title set over several "Title" paragraphs is one line
    for paragraph in _paragraphs(document):
        style, numbering = styles.of(paragraph)
        if style == "Title":
            title.append(paragraph.text)
            continue
        writer.block(" ".join(title))
        title = []
        _write(writer, paragraph, style, numbering, formats)
    writer.block(" ".join(title))
    return EditionDocument(text=writer.text, source=DOCX)


class _Styles:
    """Paragraph styles by id, looked up once (python-docx's own lookup per paragraph walks
    every style, which dominated the time for a long edition)."""

    def __init__(self, document):
        from docx.enum.style import WD_STYLE_TYPE

        self.names: dict[str, str] = {}
        self.numbering: dict[str, object] = {}
        for style in document.styles:
            if style.type == WD_STYLE_TYPE.PARAGRAPH:
                self.names[style.style_id] = style.name
                self.numbering[style.style_id] = _style_ppr(style)
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.default = default.style_id if default is not None else None

    def of(self, paragraph) -> tuple[str, object]:
        """The paragraph's style name, and the style's own list numbering (or None)."""
        style_id = paragraph._p.style or self.default
        return self.names.get(style_id, ""), self.numbering.get(style_id)


def _paragraphs(document):
    """Body paragraphs in document order, a table's cells read row by row."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    yield from cell.paragraphs


def _write(writer: LineWriter, paragraph, style: str, numbering, formats: dict) -> None:
    text = paragraph.text.replace("\t", " ").strip()
    if not text:
        return
    if style.startswith(("Heading", "Title", "Subtitle", "TOC", "Intense Quote", "Quote")):
        writer.block(text)
        return
    level, fmt = _list_level(paragraph, style, numbering, formats)
    bullet = fmt is not None and fmt not in NUMBERED
    writer.block(_labelled(paragraph, text), level=level if bullet else 0, bullet=bullet)


def _list_level(paragraph, style: str, numbering, formats: dict) -> tuple[int, str | None]:
    """(level, numbering format) of a list paragraph; (0, None) for a plain one."""
    for source in (paragraph._p.pPr, numbering):
        num = source.find(f"{W}numPr") if source is not None else None
        if num is None:
            continue
        num_id = num.find(f"{W}numId")
        ilvl = num.find(f"{W}ilvl")
        level = int(ilvl.get(f"{W}val")) if ilvl is not None else _style_level(style)
        key = num_id.get(f"{W}val") if num_id is not None else None
        if key == "0":
            return 0, None  # numbering switched off for this paragraph
        return level, formats.get((key, level), "bullet")
    if style.startswith("List Bullet"):
        return _style_level(style), "bullet"
    return 0, None


def _style_ppr(style):
    while style is not None:
        ppr = style.element.find(f"{W}pPr")
        if ppr is not None and ppr.find(f"{W}numPr") is not None:
            return ppr
        style = style.base_style
    return None


def _style_level(style: str) -> int:
    found = re.search(r"(\d)$", style)
    return int(found.group(1)) - 1 if found else 0


def _list_formats(document) -> dict[tuple[str, int], str]:
    """{(numId, level): "bullet" | "decimal" | ...} from the numbering part."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract = {}
    for item in numbering.findall(f"{W}abstractNum"):
        levels = {}
        for lvl in item.findall(f"{W}lvl"):
            fmt = lvl.find(f"{W}numFmt")
            levels[int(lvl.get(f"{W}ilvl"))] = fmt.get(f"{W}val") if fmt is not None else "bullet"
        abstract[item.get(f"{W}abstractNumId")] = levels
    formats = {}
    for num in numbering.findall(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        levels = abstract.get(ref.get(f"{W}val") if ref is not None else None, {})
        for level, fmt in levels.items():
            formats[(num.get(f"{W}numId"), level)] = fmt
    return formats


def _labelled(paragraph, text: str) -> str:
    """ "Colchester" in bold, then the text: "Colchester: the text" (a colon it lacks added)."""
    bold = ""
    for run in paragraph.runs:
        if not run.text.strip() and bold:
            bold += run.text
            continue
        if not run.bold:
            break
        bold += run.text
    label = bold.strip()
    if not label or label == text or len(label) > LABEL_MAX or label.endswith(":"):
        return text
    rest = text[len(bold.lstrip()) :].strip() if text.startswith(label) else ""
    if not rest or rest[:1] in ":-–":
        return text
    return f"{label}: {rest}"
