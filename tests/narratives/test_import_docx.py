"""Word editions written by hand rather than by this system: headings by style, bullets by list
numbering and level, bold area labels, Word's contents, a commitment boxed in a table."""

import io

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from narratives.importing.parser import parse_document
from narratives.importing.readers import EditionFileError, edition_document_from_bytes
from tests.builders.text_editions import expected, outline, read

LABELS = ("Colchester", "Tendring", "North LPA")


def numbered(paragraph, num_id: int, level: int) -> None:
    """Word's own way to make a list item: numbering on the paragraph itself."""
    properties = paragraph._p.get_or_add_pPr()
    numbering = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(value))
        numbering.append(element)
    properties.append(numbering)


def handmade(spec, *, boxed: bool) -> bytes:
    document = Document()
    document.add_paragraph("OFFICIAL").runs[0].bold = True
    document.add_paragraph(f"{spec.plan} Quarterly Update", style="Title")
    for line in (f"Quarter {spec.quarter} - {spec.year_label}", f"Data to {spec.data_to}",
                 f"Version {spec.version}", f"Produced {spec.produced}",
                 "Performance Analysis Unit, Demo Police"):  # fmt: skip
        document.add_paragraph(line)
    document.add_heading("Contents", level=1)
    toc = document.styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
    for number, (title, _) in enumerate(spec.priorities, start=1):
        document.add_paragraph(f"Priority {number} – {title}\t{number + 2}", style=toc)
    for number, (title, commitments) in enumerate(spec.priorities, start=1):
        document.add_heading(f"Priority {number} – {title}", level=1)
        for lead_in, text, bullets in commitments:
            if boxed:
                cell = document.add_table(rows=1, cols=1).cell(0, 0)
                cell.paragraphs[0].add_run(lead_in).bold = True
                cell.add_paragraph(text)
            else:
                document.add_paragraph().add_run(lead_in).bold = True
                document.add_paragraph(text)
            for item in bullets:
                _bullet(document, item)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _bullet(document, item: str) -> None:
    nested = item.startswith("  ")
    label, _, rest = item.strip().partition(": ")
    paragraph = document.add_paragraph(style="List Paragraph")
    numbered(paragraph, num_id=1, level=1 if nested else 0)
    if label in LABELS:  # a bold label without its colon, as many officers type it
        paragraph.add_run(label).bold = True
        paragraph.add_run(f" {rest}")
    else:
        paragraph.add_run(item.strip())


def read_docx(content: bytes, stored_gazetteer):
    document = edition_document_from_bytes(content, name="edition.docx", max_bytes=10**7)
    return parse_document(document, gazetteer=stored_gazetteer)


@pytest.mark.parametrize("boxed", [False, True])
def test_a_handmade_word_edition_imports_whole(stored_gazetteer, boxed):
    spec = outline(scale=2)
    edition = read_docx(handmade(spec, boxed=boxed), stored_gazetteer)
    assert (edition.source, edition.cover.period.label, edition.cover.version) == (
        "docx",
        "2020/21 Q2",
        "1.0",
    )
    assert edition.cover.protective_marking == "OFFICIAL"
    assert edition.cover.plan_title == "Police and Crime Plan 2016-2020"
    assert read(edition) == expected(spec)
    first = next(edition.all_entries())
    assert (first.area, first.page) == ("Colchester", None)
    assert not edition.warnings


def test_bullet_levels_come_from_list_styles_too(stored_gazetteer):
    spec = outline()
    document = Document()
    document.add_paragraph(f"{spec.plan} Quarterly Update", style="Title")
    document.add_paragraph("Quarter 2 - 2020/21 · Version 1.0")
    for number, (title, commitments) in enumerate(spec.priorities, start=1):
        document.add_heading(f"Priority {number} – {title}", level=1)
        for lead_in, text, bullets in commitments:
            document.add_heading(lead_in, level=2)
            document.add_paragraph(text, style="Intense Quote")
            for item in bullets:
                style = "List Bullet 2" if item.startswith("  ") else "List Bullet"
                document.add_paragraph(item.strip(), style=style)
        document.add_paragraph("Figures are provisional.", style="List Number")
    out = io.BytesIO()
    document.save(out)
    edition = read_docx(out.getvalue(), stored_gazetteer)
    # A numbered paragraph is not a bullet: it is a paragraph of the last commitment.
    want = expected(spec)
    for priority in want:
        priority[2][-1][2].append((0, "Figures are provisional."))
    assert read(edition) == want


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04not really a zip", "cannot be read as a Word document"),
        (b"%PDF-1.7\nnot really a pdf", "a PDF file that cannot be read"),
    ],
)
def test_broken_files_are_refused_clearly(content, message):
    with pytest.raises(EditionFileError, match=message):
        edition_document_from_bytes(content, name="broken", max_bytes=10**7)


def test_a_spreadsheet_is_not_a_word_document(tmp_path):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(EditionFileError, match="no word/document.xml"):
        edition_document_from_bytes(out.getvalue(), name="figures.xlsx", max_bytes=10**7)
