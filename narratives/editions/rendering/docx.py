"""The edition as a Word document, for those who must edit or circulate it.

Same content as the web page and the PDF: cover, contents, then priorities with their
commitments and entries under area headings. Word paginates for itself, so the contents is a
Word TOC field (filled in with page numbers when the file is opened) and the footer uses Word's
own PAGE / NUMPAGES fields.
"""

import datetime
import io
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from narratives.editions.assembled import AssembledEdition, EntryNode, printable

FONT = "DejaVu Sans"
_BULLETS = ["List Bullet", "List Bullet 2", "List Bullet 3"]


def edition_docx(edition: AssembledEdition) -> bytes:
    document = Document()
    add = _Paragraphs(document)
    _set_up(document, edition)
    _cover(document, edition)
    _contents(document, edition)
    for priority in edition.priorities:
        add("Heading 1", priority.heading).paragraph_format.page_break_before = True
        for commitment in priority.commitments:
            if commitment.lead_in:
                add("Heading 2", commitment.lead_in)
            add("Intense Quote", commitment.text)
            for group in commitment.groups:
                if group.heading:
                    add("Heading 3", group.heading)
                for block in group.blocks:
                    if block.heading:
                        add("Heading 4" if group.heading else "Heading 3", block.heading)
                    for entry in block.entries:
                        _entry(add, entry, edition.is_draft, depth=0)
    out = io.BytesIO()
    document.save(out)
    return _same_bytes_every_time(out.getvalue())


def _same_bytes_every_time(package: bytes) -> bytes:
    """The .docx zip with a fixed date on every member (python-docx stamps the current time),
    so the same edition always gives the same file."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member))
    return out.getvalue()


class _Paragraphs:
    """Adds paragraphs in a named style. python-docx looks a style up by name on every
    paragraph, which dominates the time for a large edition; the ids are looked up once."""

    def __init__(self, document):
        self.document, self.ids = document, {}

    def __call__(self, style: str, text: str = ""):
        if style not in self.ids:
            self.ids[style] = self.document.styles[style].style_id
        paragraph = self.document.add_paragraph(printable(text))
        paragraph._p.style = self.ids[style]
        return paragraph


def _set_up(document, edition: AssembledEdition) -> None:
    cover = edition.cover
    document.styles["Normal"].font.name = FONT
    document.styles["Normal"].font.size = Pt(10)
    props = document.core_properties
    props.title = f"{cover.title} – {edition.period_label}"
    props.author = cover.producing_unit
    props.version = cover.version
    # Fixed dates, not "now": the file describes the edition, not the moment it was rendered.
    stamp = datetime.datetime.combine(cover.produced, datetime.time())
    props.created = props.modified = stamp
    props.last_modified_by = cover.producing_unit
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = cover.protective_marking
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.add_run(f"{cover.title} – {edition.period_label} – Version {cover.version}    ")
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in as it paginates."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _cover(document, edition: AssembledEdition) -> None:
    cover = edition.cover
    if cover.protective_marking:
        document.add_paragraph().add_run(cover.protective_marking).bold = True
    document.add_heading(cover.plan_title, level=0)
    document.add_heading("Quarterly Update", level=0)
    document.add_paragraph().add_run(cover.quarter_line).bold = True
    document.add_paragraph(f"Data to {cover.data_to_label}")
    for label, value in (
        ("Version", cover.version),
        ("Produced", cover.produced_label),
        ("Produced by", cover.producing_unit),
    ):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(document, edition: AssembledEdition) -> None:
    """A real Word table of contents (a TOC field over the priority headings) that Word fills
    in with page numbers when the file is opened; until then it shows the priorities."""
    document.add_heading("Contents", level=1)
    if not edition.priorities:
        document.add_paragraph(f"No entries for {edition.period_label}.")
        return
    headings = [priority.heading for priority in edition.priorities]
    for index, heading in enumerate(headings):
        paragraph = document.add_paragraph()
        if index == 0:
            _field_char(paragraph, "begin")
            _instruction(paragraph, r'TOC \o "1-1" \h \z \u')
            _field_char(paragraph, "separate")
        paragraph.add_run(heading)
        if index == len(headings) - 1:
            _field_char(paragraph, "end")
    _update_fields_on_open(document)


def _field_char(paragraph, kind: str) -> None:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        char.set(qn("w:dirty"), "true")  # Word recomputes it (page numbers) on open
    run.append(char)
    paragraph._p.append(run)


def _instruction(paragraph, text: str) -> None:
    run = OxmlElement("w:r")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = text
    run.append(instruction)
    paragraph._p.append(run)


def _update_fields_on_open(document) -> None:
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)


def _entry(add: _Paragraphs, entry: EntryNode, is_draft: bool, depth: int) -> None:
    paragraph = add(_BULLETS[min(depth, len(_BULLETS) - 1)])
    if entry.label:
        paragraph.add_run(f"{printable(entry.label)}: ").bold = True
    paragraph.add_run(printable(entry.text))
    if is_draft and not entry.is_approved:
        paragraph.add_run(f" [{entry.status_label}]").italic = True
    for child in entry.children:
        _entry(add, child, is_draft, depth + 1)
