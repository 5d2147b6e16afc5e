"""Editions this system publishes re-import to the same structure: from the WeasyPrint PDF,
the Word file and (tests/browser) the web page printed to PDF by Chromium."""

import pytest

from narratives.demo.sample_edition import sample_edition
from narratives.editions.rendering.docx import edition_docx
from narratives.editions.rendering.pdf import edition_pdf
from narratives.importing.readers import edition_document_read
from narratives.importing.store import edition_import_document
from narratives.models import Entry
from priorities.models import Area, Period
from tests.narratives.roundtrip import (
    lines_of,
    parsed_structure,
    published_structure,
    reimported,
)

pytestmark = pytest.mark.django_db

FIGURES_ENTRY = (
    "The Force Control Room took 91,425 emergency calls (999), an increase of 16,975 on the "
    "previous quarter."
)

FIGURES_FOUND = {("calls-999", "2020/21 Q2", 91425), ("calls-999", "2020/21 Q1", 74450)}


def edition_with_figures(scale: int) -> Period:
    period = Period.objects.create(year=2020, quarter=2)
    entries = sample_edition(period, scale=scale)
    Entry.objects.create(
        commitment=entries[0].commitment,
        period=period,
        area=Area.objects.get(kind=Area.Kind.FORCE),
        order=0,
        text=FIGURES_ENTRY,
        status=Entry.Status.APPROVED,
    )
    return period


@pytest.mark.parametrize("scale", [1, 10])
@pytest.mark.parametrize("producer", ["pdf", "docx"])
def test_a_published_edition_reimports_to_the_same_structure(scale, producer):
    period = edition_with_figures(scale)
    assembled, expected = published_structure(period)
    render = edition_pdf if producer == "pdf" else edition_docx
    parsed = reimported(render(assembled), f"edition.{producer}")

    assert parsed.source == producer
    assert parsed.cover.period.label == "2020/21 Q2"
    assert lines_of(parsed_structure(parsed)) == lines_of(expected)
    assert parsed.operations == ["LANTERN"]
    assert {(f.metric, f.period.label, f.value) for f in parsed.figures} == FIGURES_FOUND


@pytest.mark.parametrize("producer", ["pdf", "docx"])
def test_the_reference_edition_survives_import_publish_and_reimport(
    producer, reference_edition_path
):
    document = edition_document_read(reference_edition_path, max_bytes=10**7)
    original, _ = edition_import_document(document=document, source="reference.txt")
    period = Period.objects.get(year=2020, quarter=2)
    assembled, expected = published_structure(period)
    render = edition_pdf if producer == "pdf" else edition_docx
    parsed = reimported(render(assembled), f"reference.{producer}")

    assert lines_of(parsed_structure(parsed)) == lines_of(expected)
    assert sum(1 for _ in parsed.all_entries()) == 95
    assert parsed.operations == original.operations
    assert set(parsed.figures) == set(original.figures) and len(parsed.figures) == 25
    assert (parsed.cover.period, parsed.cover.plan_title) == (
        original.cover.period,
        original.cover.plan_title,
    )
