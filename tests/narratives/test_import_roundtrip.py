"""Editions this system publishes re-import to the same structure: from the WeasyPrint PDF,
the Word file and (tests/browser) the web page printed to PDF by Chromium."""

import pytest

from narratives.editions.rendering.docx import edition_docx
from narratives.editions.rendering.pdf import edition_pdf
from narratives.models import Entry
from priorities.models import Area, Period
from tests.narratives.edition_builders import build_edition
from tests.narratives.roundtrip import parsed_structure, published_structure, reimported

pytestmark = pytest.mark.django_db

FIGURES_ENTRY = (
    "The Force Control Room took 91,425 emergency calls (999), an increase of 16,975 on the "
    "previous quarter."
)


def edition_with_figures(scale: int) -> Period:
    period = Period.objects.create(year=2020, quarter=2)
    entries = build_edition(period, scale=scale)
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
    assert parsed_structure(parsed) == expected
    assert parsed.operations == ["LANTERN"]
    figures = {(f.metric, f.period.label, f.value) for f in parsed.figures}
    assert figures == {("calls-999", "2020/21 Q2", 91425), ("calls-999", "2020/21 Q1", 74450)}
