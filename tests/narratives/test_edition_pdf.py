"""The PDF's contents give the real pages of each priority; every page says "Page X of Y"."""

import io
import re
import zipfile

import pytest
from docx import Document
from pypdf import PdfReader

from narratives.demo.sample_edition import sample_edition
from narratives.editions.assembly import edition_assemble
from narratives.editions.rendering.docx import edition_docx
from narratives.editions.rendering.pdf import edition_pdf
from priorities.models import Period

pytestmark = pytest.mark.django_db

CONTENTS_ROW = re.compile(r"Priority (\d+) – .+? (\d+)(?:-(\d+))?$")


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def contents_page(pages: list[str]) -> int:
    """Index of the page titled "Contents" (its first line, or the one after the running header)."""
    return next(
        i
        for i, text in enumerate(pages)
        if "Contents" in [x.strip() for x in text.splitlines()[:2]]
    )


def contents_ranges(pages: list[str]) -> dict[int, list[int]]:
    """{priority number: pages} as printed in the contents (found on the second page)."""
    contents = contents_page(pages)
    ranges = {}
    for line in pages[contents].splitlines():
        match = CONTENTS_ROW.match(line.strip())
        if match:
            start = int(match.group(2))
            end = int(match.group(3) or start)
            ranges[int(match.group(1))] = list(range(start, end + 1))
    return ranges


def heading_pages(pages: list[str], headings: dict[int, str]) -> dict[int, list[int]]:
    """{priority number: pages whose text carries its heading}, after the contents."""
    contents = contents_page(pages)
    found: dict[int, list[int]] = {number: [] for number in headings}
    for index, text in enumerate(pages[contents + 1 :], start=contents + 2):
        for number, heading in headings.items():
            if heading in text:
                found[number].append(index)
    return found


def assert_contents_match_pages(content: bytes, headings: dict[int, str]) -> None:
    pages = pdf_pages(content)
    printed = contents_ranges(pages)
    assert sorted(printed) == sorted(headings)
    assert printed == heading_pages(pages, headings)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text


def test_contents_page_ranges_are_the_pages_each_priority_is_on():
    sample_edition()
    edition = edition_assemble(period=Period.objects.get())
    content = edition_pdf(edition)
    headings = {p.number: p.heading for p in edition.priorities}
    assert_contents_match_pages(content, headings)
    pages = pdf_pages(content)
    # Long priorities run over more than one page, so the ranges are really tested.
    assert any(len(r) > 1 for r in contents_ranges(pages).values())
    assert "Data to September 2020" in pages[0] and "OFFICIAL" in pages[0]


def test_word_document_has_the_same_entries_in_the_same_order():
    sample_edition()
    edition = edition_assemble(period=Period.objects.get())
    document = Document(io.BytesIO(edition_docx(edition)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    from narratives.editions.rendering.data import flat_entries

    position = 0
    for entry in flat_entries(edition):
        expected = f"{entry.label}: {entry.text}" if entry.label else entry.text
        found = text.find(expected, position)
        assert found >= 0, expected
        position = found + len(expected)
    assert "Quarter 2 - 2020/21" in text and "Data to September 2020" in text


def test_the_same_edition_renders_to_the_same_bytes():
    sample_edition()
    edition = edition_assemble(period=Period.objects.get())
    assert edition_pdf(edition) == edition_pdf(edition)
    docx = edition_docx(edition)
    # python-docx stamps the current time on each zip member; the renderer fixes the date.
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        assert {member.date_time for member in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert edition_docx(edition) == docx


def test_the_pdf_is_dated_by_the_edition_not_by_the_clock():
    # The same edition gives the same bytes on any day and any machine's clock.
    sample_edition()
    edition = edition_assemble(period=Period.objects.get())
    info = PdfReader(io.BytesIO(edition_pdf(edition))).metadata
    assert info.creation_date.date() == edition.cover.produced


def test_pdf_is_tagged_pdf_ua_with_title_language_and_bookmarks():
    sample_edition()
    edition = edition_assemble(period=Period.objects.get())
    reader = PdfReader(io.BytesIO(edition_pdf(edition)))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    xmp = reader.xmp_metadata
    assert xmp.dc_title["x-default"] == f"{edition.cover.title} – {edition.period_label}"
    assert "en-GB" in xmp.dc_language
    xml = root["/Metadata"].get_object().get_data().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xml  # the PDF/UA-1 identifier
    # Bookmarks: the contents and one per priority, in order.
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == ["Contents", *(p.heading for p in edition.priorities)]


def test_word_contents_is_a_table_of_contents_field_word_updates_on_open():
    sample_edition()
    edition = edition_assemble(period=Period.objects.get())
    document = Document(io.BytesIO(edition_docx(edition)))
    body = document.element.body.xml
    assert 'TOC \\o "1-1"' in body and 'w:fldCharType="begin"' in body
    assert 'w:fldCharType="end"' in body
    assert "w:updateFields" in document.settings.element.xml
    # Until Word fills it in, the field shows the priorities, in order.
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Contents") + 1
    assert texts[start : start + len(edition.priorities)] == [p.heading for p in edition.priorities]
