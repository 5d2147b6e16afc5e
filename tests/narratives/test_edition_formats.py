"""The web page, the PDF and the Word document of one edition show the same content: cover,
contents, every priority, commitment (lead-in and sentence), area heading and entry, in order;
hostile text is shown as text in all three."""

import io
import re

import pytest
from docx import Document

from narratives.demo.sample_edition import sample_edition
from narratives.editions.assembled import AssembledEdition, EntryNode
from narratives.editions.assembly import cover_for, edition_assemble
from narratives.editions.publishing import edition_publish
from narratives.editions.rendering.docx import edition_docx
from narratives.editions.rendering.pdf import edition_pdf
from narratives.editions.rendering.web import edition_html
from narratives.models import Edition, Entry
from priorities.models import Period
from tests.factories import CommitmentFactory, EntryFactory, PeriodFactory
from tests.narratives.test_edition_pdf import pdf_pages
from tests.narratives.test_edition_reference import page_text
from tests.second_factor import login_verified

pytestmark = pytest.mark.django_db

BULLETS = {"•", "◦", "▪", "‣", "-"}
PAGE_OF = re.compile(r"Page \d+ of \d+")


def squash(text: str) -> str:
    """Text without whitespace: line breaks fall in different places in each format."""
    return "".join(text.split())


def pdf_text(content: bytes) -> str:
    """The PDF's body text, page after page, without list bullets and the running header and
    footer (pypdf reads the header line first and the footer line last), so an entry split by
    a page break reads as one."""
    bodies = []
    for text in pdf_pages(content):
        lines = [line for line in text.splitlines() if line.strip() not in BULLETS]
        assert PAGE_OF.search(lines[-1]), lines[-1]
        bodies.append("\n".join(lines[1:-1]))
    return "\n".join(bodies)


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    return header + "\n" + "\n".join(p.text for p in document.paragraphs)


def _entry_lines(entry: EntryNode, draft: bool):
    line = f"{entry.label}: {entry.text}" if entry.label else entry.text
    yield line, (entry.status_label if draft and not entry.is_approved else "")
    for child in entry.children:
        yield from _entry_lines(child, draft)


def expected_cover(edition: AssembledEdition) -> list[str]:
    cover = edition.cover
    return [
        cover.protective_marking,
        cover.plan_title,
        "Quarterly Update",
        cover.quarter_line,
        f"Data to {cover.data_to_label}",
        cover.version,
        cover.produced_label,
        cover.producing_unit,
    ]


def expected_body(edition: AssembledEdition) -> list[str]:
    """Every heading and entry in document order; an unapproved entry's status follows it."""
    lines = ["Contents", *(p.heading for p in edition.priorities)]
    for priority in edition.priorities:
        lines.append(priority.heading)
        for commitment in priority.commitments:
            lines += [commitment.lead_in, commitment.text]
            for group in commitment.groups:
                lines.append(group.heading)
                for block in group.blocks:
                    lines.append(block.heading)
                    for entry in block.entries:
                        for line, status in _entry_lines(entry, edition.is_draft):
                            lines += [line, status]
    return [line for line in lines if line]


def assert_in_order(text: str, expected: list[str], fmt: str) -> None:
    text, position = squash(text), 0
    for line in expected:
        found = text.find(squash(line), position)
        assert found >= 0, f"{fmt}: {line!r} missing or out of order"
        position = found + len(squash(line))


def assert_same_content(edition: AssembledEdition, web: str, pdf: bytes, docx: bytes) -> None:
    for fmt, text in (("web", web), ("pdf", pdf_text(pdf)), ("docx", docx_text(docx))):
        assert_in_order(text, expected_cover(edition), fmt)
        assert_in_order(text, expected_body(edition), fmt)


def test_published_web_pdf_and_word_hold_every_heading_and_entry(client, analyst):
    sample_edition()
    period = Period.objects.get()
    edition_publish(period=period, version="1.0", by=analyst)
    edition = edition_assemble(period=period)
    assert edition.entry_count == 120
    html = client.get("/editions/2020-21/q2/").content.decode()
    web = page_text(html)
    pdf = client.get("/editions/2020-21/q2.pdf").content
    docx = client.get("/editions/2020-21/q2.docx").content
    # Operations link to their register pages, which anonymous readers can open.
    links = set(re.findall(r'href="(/operations/[^"]+)"', html))
    assert links == {"/operations/lantern/"}
    assert all(client.get(link).status_code == 200 for link in links)
    published = Edition.objects.get()
    cover = cover_for(period, plan_title="", version="1.0", produced=published.produced)
    edition = edition_assemble(period=period, cover=cover)
    assert_same_content(edition, web, pdf, docx)


def test_preview_marks_the_same_unapproved_entries_in_every_format(client, analyst):
    sample_edition()
    period = Period.objects.get()
    Entry.objects.filter(text__startswith="A repeat vandal").update(status=Entry.Status.SUBMITTED)
    Entry.objects.filter(text__startswith="Southend").update(status=Entry.Status.RETURNED)
    login_verified(client, analyst)
    web = page_text(client.get("/editions/2020-21/q2/preview/").content.decode())
    pdf = client.get("/editions/2020-21/q2/preview.pdf").content
    docx = client.get("/editions/2020-21/q2/preview.docx").content
    edition = edition_assemble(period=period, include_unapproved=True)
    assert_same_content(edition, web, pdf, docx)
    assert "Submitted" in expected_body(edition)


def test_reference_edition_reads_the_same_in_every_format(client, reference_edition_path):
    from django.core.management import call_command

    call_command("import_update", str(reference_edition_path), "--publish", stdout=io.StringIO())
    published = Edition.objects.get()
    web = page_text(client.get("/editions/2020-21/q2/").content.decode())
    pdf = client.get("/editions/2020-21/q2.pdf").content
    docx = client.get("/editions/2020-21/q2.docx").content
    edition = edition_assemble(period=published.period)
    assert edition.entry_count == Entry.objects.count()
    for fmt, text in (("web", web), ("pdf", pdf_text(pdf)), ("docx", docx_text(docx))):
        assert_in_order(text, expected_body(edition), fmt)
        for fact in ("Quarterly Update", "Data to September 2020", published.protective_marking):
            assert squash(fact) in squash(text), (fmt, fact)


HOSTILE = [
    "<script>alert('x')</script> & <b>bold</b>",
    "{{ request.user }} {% now 'Y' %} ${7*7}",
    "Fish & Chips < 5 > 3 \"quoted\" 'single'",
    "Long " + "Ab" * 120 + " word",
    # Typst markup and code: the PDF template reads text as data, so this prints literally.
    '#set page(width: 1cm) #eval("1+1") #read("/etc/passwd") *bold* _it_ $x^2$ <lbl> @lbl ]',
]


def test_hostile_text_is_shown_as_text_in_every_format(client):
    commitment, period = CommitmentFactory(), PeriodFactory(year=2020, quarter=2)
    for order, text in enumerate(HOSTILE):
        EntryFactory(
            commitment=commitment, period=period, text=text, order=order, status="approved"
        )
    edition = edition_assemble(period=period)
    html = edition_html(edition)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "{{ request.user }}" in html
    assert "Fish &amp; Chips &lt; 5 &gt; 3" in html
    web, pdf, docx = page_text(html), edition_pdf(edition), edition_docx(edition)
    assert_same_content(edition, web, pdf, docx)
    # The long word is wrapped inside the page, not cut off at its edge.
    assert max(len(line) for line in pdf_text(pdf).splitlines()) < 120


def test_control_characters_pasted_from_word_do_not_break_the_word_document():
    commitment, period = CommitmentFactory(), PeriodFactory()
    EntryFactory(
        commitment=commitment,
        period=period,
        text="First line\x0bsecond line\x0cthird\x07 line",
        status="approved",
    )
    commitment.text = "Pasted\x0bpromise."
    commitment.save()
    edition = edition_assemble(period=period)
    for text in (
        docx_text(edition_docx(edition)),
        pdf_text(edition_pdf(edition)),
        page_text(edition_html(edition)),
    ):
        assert "First line second line third line" in " ".join(text.split())
        assert "Pasted promise." in text
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
