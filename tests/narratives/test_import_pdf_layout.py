"""PDFs laid out unlike this system's own: the reader uses positions, sizes, weights and glyphs,
not one producer's habits. Each test document is made here with WeasyPrint from plain HTML."""

import html

import pytest
import weasyprint

from narratives.importing.parser import parse_document
from narratives.importing.readers import edition_document_from_bytes
from tests.builders.text_editions import expected, outline, read

STALE = "Police and Crime Plan 2016-2020 – Quarterly Update 2020/21 Q1"
PAGE_CSS = f"""
@page {{ size: A4; margin: 25mm 20mm;
  @top-center {{ content: "{STALE}"; font-size: 8pt; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font-size: 8pt; }}
  @bottom-left {{ content: "OFFICIAL"; font-size: 8pt; }} }}
body {{ font-family: DejaVu Sans; font-size: 10pt; }}
h1 {{ font-size: 22pt; }} h2 {{ font-size: 15pt; break-before: page; }}
.lead {{ font-weight: bold; }}
ul {{ list-style: none; padding: 0; margin: 0; }}
li {{ margin: 2pt 0; }}
li.nested {{ margin-left: 8mm; }}
"""
LAYOUTS = {
    "plain": "",
    "two columns": ".bullets { columns: 2; column-gap: 12mm; }",
    "boxed commitment": ".commitment { border: 1.5pt solid #333; padding: 4mm; }",
}


def edition_html(spec, *, css: str, glyphs=("•", "–")) -> str:
    parts = [
        f"<html lang='en'><head><style>{PAGE_CSS}{css}</style></head><body>",
        f"<h1>{spec.plan} Quarterly Update</h1>",
        f"<p><b>Quarter {spec.quarter} - {spec.year_label}</b></p>",
        f"<p>Data to {spec.data_to}</p><p>Version {spec.version}</p>",
        f"<p>Produced {spec.produced}</p>",
        "<p>Performance Analysis Unit, Demo Police</p>",
    ]
    for number, (title, commitments) in enumerate(spec.priorities, start=1):
        parts.append(f"<h2>Priority {number} – {html.escape(title)}</h2>")
        for lead_in, text, bullets in commitments:
            parts.append(
                f"<div class='commitment'><p class='lead'>{lead_in}</p><p>{text}</p></div>"
            )
            parts.append("<ul class='bullets'>")
            for item in bullets:
                nested = item.startswith("  ")
                glyph = glyphs[1] if nested else glyphs[0]
                css_class = " class='nested'" if nested else ""
                parts.append(f"<li{css_class}>{glyph} {html.escape(item.strip())}</li>")
            parts.append("</ul>")
    return "".join(parts) + "</body></html>"


def read_pdf(content: bytes, stored_gazetteer):
    document = edition_document_from_bytes(content, name="test.pdf", max_bytes=10**8)
    return parse_document(document, gazetteer=stored_gazetteer)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_layouts_read_in_order_with_running_lines_dropped(stored_gazetteer, layout):
    spec = outline(scale=3)
    content = weasyprint.HTML(string=edition_html(spec, css=LAYOUTS[layout])).write_pdf()
    edition = read_pdf(content, stored_gazetteer)
    # The running header names Q1: a stale header does not change the cover's quarter.
    assert (edition.cover.period.label, edition.cover.version) == ("2020/21 Q2", "1.0")
    assert edition.cover.protective_marking == "OFFICIAL"
    assert read(edition) == expected(spec)
    pages = [entry.page for entry in edition.all_entries()]
    assert pages == sorted(pages) and pages[0] == 2 and pages[-1] == 4


@pytest.mark.parametrize("glyphs", [("●", "○"), ("▪", "-"), ("➢", "–")])
def test_bullets_by_glyph_nested_by_indent(stored_gazetteer, glyphs):
    spec = outline()
    content = weasyprint.HTML(string=edition_html(spec, css="", glyphs=glyphs)).write_pdf()
    assert read(read_pdf(content, stored_gazetteer)) == expected(spec)


def test_a_word_broken_at_a_line_end_is_joined(stored_gazetteer):
    spec = outline()
    spec.priorities[0][1][0][2][0] = (
        "Colchester: The anti-social behaviour team (the anti-<br>social behaviour team) met the "
        "community and the neigh\u2010<br>bourhood watch, and the commu-<br>nity was thanked."
    )
    page = edition_html(spec, css="").replace("&lt;br&gt;", "<br>")
    edition = read_pdf(weasyprint.HTML(string=page).write_pdf(), stored_gazetteer)
    first = edition.priorities[0].commitments[0].entries[0]
    assert first.text == (
        "The anti-social behaviour team (the anti-social behaviour team) met the community and "
        "the neighbourhood watch, and the community was thanked."
    )


def test_a_pdf_with_no_text_is_refused_clearly(db):
    from narratives.importing.readers import EditionFileError

    blank = weasyprint.HTML(string="<html><body><div style='height:20mm'></div>").write_pdf()
    with pytest.raises(EditionFileError, match="no text in it"):
        edition_document_from_bytes(blank, name="scan.pdf", max_bytes=10**8)


def test_a_bold_line_of_body_size_heads_the_bullets_after_it(stored_gazetteer):
    spec = outline()
    page = edition_html(spec, css="").replace(
        "<ul class='bullets'>", "<p><b>The Force Control Room (FCR)</b></p><ul class='bullets'>", 1
    )
    edition = read_pdf(weasyprint.HTML(string=page).write_pdf(), stored_gazetteer)
    heading = edition.priorities[0].commitments[0].entries[0]
    assert heading.text == "The Force Control Room (FCR):"
    assert [child.text for child in heading.children][:1] == [
        "Foot patrols covered the high street every evening (1.1)."
    ]
