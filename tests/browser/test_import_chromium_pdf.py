"""The web edition printed to PDF by Chromium (a second PDF producer, which draws its bullets
as shapes and sets its own running header) re-imports to the same structure."""

import pytest

from narratives.editions.publishing import edition_publish
from narratives.importing.readers import edition_document_read
from narratives.importing.store import edition_import_document
from priorities.models import Period
from priorities.roles import ANALYST, user_save_with_role
from tests.narratives.roundtrip import lines_of, parsed_structure, published_structure, reimported
from tests.narratives.test_import_roundtrip import FIGURES_FOUND, edition_with_figures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def printed(page, live_server, period: Period) -> bytes:
    analyst = user_save_with_role(username="analyst", role=ANALYST, password="a-long-password")
    edition_publish(period=period, version="1.1", by=analyst)
    page.goto(f"{live_server.url}/editions/{period.slug}/")
    return page.pdf(format="A4")


@pytest.mark.parametrize("scale", [1, 10])
def test_a_chromium_print_of_the_web_edition_reimports_to_the_same_structure(
    page, live_server, scale
):
    period = edition_with_figures(scale)
    _, expected = published_structure(period)
    parsed = reimported(printed(page, live_server, period), "printed.pdf")

    assert (parsed.source, parsed.cover.period.label, parsed.cover.version) == (
        "pdf",
        "2020/21 Q2",
        "1.1",
    )
    assert lines_of(parsed_structure(parsed)) == lines_of(expected)
    assert parsed.operations == ["LANTERN"]
    assert {(f.metric, f.period.label, f.value) for f in parsed.figures} == FIGURES_FOUND
    assert all(entry.page and entry.page > 2 for entry in parsed.all_entries())


def test_the_reference_edition_printed_by_chromium_reimports(
    page, live_server, reference_edition_path
):
    document = edition_document_read(reference_edition_path, max_bytes=10**7)
    original, _ = edition_import_document(document=document, source="reference.txt")
    period = Period.objects.get(year=2020, quarter=2)
    _, expected = published_structure(period)
    parsed = reimported(printed(page, live_server, period), "reference-printed.pdf")

    assert lines_of(parsed_structure(parsed)) == lines_of(expected)
    assert parsed.operations == original.operations
    assert set(parsed.figures) == set(original.figures)
