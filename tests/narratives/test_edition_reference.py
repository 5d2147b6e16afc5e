"""The reference edition, imported and published, reads back in its own order and grouping."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from narratives.models import Edition, Entry
from tests.narratives.test_edition_pdf import assert_contents_match_pages, pdf_pages

pytestmark = pytest.mark.django_db


class _Text(HTMLParser):
    """The text a reader sees: blocks apart, inline elements (links, labels) run in."""

    INLINE = {"a", "strong", "span", "em", "b", "i"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        self.handle_starttag(tag, [])

    def handle_data(self, data):
        self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def reference(reference_edition_path):
    out = io.StringIO()
    call_command("import_update", str(reference_edition_path), "--publish", stdout=out)
    assert "Published 2020/21 Q2 version 1.1" in out.getvalue()
    return reference_edition_path.read_text(encoding="utf-8")


def test_reference_edition_is_published_as_the_version_it_states(reference):
    edition = Edition.objects.get()
    assert (edition.version, str(edition.data_to), str(edition.produced)) == (
        "1.1",
        "2020-09-01",
        "2020-10-01",
    )


def test_web_edition_holds_every_entry_in_the_references_order(reference, client):
    response = client.get("/editions/2020-21/q2/")
    assert response.status_code == 200
    text = page_text(response.content.decode())
    source = words(reference)
    entries = list(
        Entry.objects.order_by("commitment__priority__number", "commitment__order", "order")
    )
    assert len(entries) > 90
    position = source_position = 0
    for entry in entries:
        found = text.find(words(entry.text), position)
        assert found >= 0, f"missing or out of order: {entry.text[:60]}"
        position = found + len(words(entry.text))
        # The same order as in the reference document itself.
        start = source.find(words(entry.text)[:50], source_position)
        if start >= 0:  # the importer tidies some conversion noise out of a few entries
            assert start >= source_position, entry.text[:60]
            source_position = start


GROUPINGS = [
    # A force-wide entry whose nested entries each name their district.
    "including: Thurrock: A vulnerable tenant",
    # Two districts at once.
    "Castle Point and Rochford: Following police targeting",
    # A district heading over its entries, under the LPA heading.
    "North LPA Colchester Following work with CCTV",
    # A lone entry for an LPA, labelled inline.
    "West LPA: During the quarter",
    # An LPA heading over its districts' entries, each labelled inline.
    "South LPA Basildon: Operation OXYGEN dealt with",
]


def test_web_edition_keeps_the_references_grouping(reference, client):
    text = page_text(client.get("/editions/2020-21/q2/").content.decode())
    for grouped in GROUPINGS:
        assert grouped in text


def test_pdf_contents_give_the_pages_of_each_priority(reference, client):
    response = client.get("/editions/2020-21/q2.pdf")
    headings = {
        int(number): f"Priority {number} – {title}"
        for number, title in re.findall(
            r"^\| Priority (\d) – (.+?) \|", reference, flags=re.MULTILINE
        )
    }
    assert len(headings) == 7
    assert_contents_match_pages(response.content, headings)
    assert len(pdf_pages(response.content)) > 10
