"""Assembling an edition: grouping, nesting, labels, approval, operations, fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from narratives.demo.sample_edition import sample_areas, sample_edition
from narratives.editions.assembly import edition_assemble
from narratives.editions.rendering.data import flat_entries
from narratives.models import Entry
from priorities.models import AreaAlias, Period
from tests.factories import CommitmentFactory, EntryFactory, PeriodFactory

pytestmark = pytest.mark.django_db


def _first_commitment(edition):
    return edition.priorities[0].commitments[0]


def test_edition_groups_entries_under_lpa_and_district_headings():
    sample_edition()
    edition = edition_assemble(period=Period.objects.get())
    assert [p.number for p in edition.priorities] == [1, 2, 3, 4, 5, 6, 7]
    assert sum(len(p.commitments) for p in edition.priorities) == 12
    assert edition.entry_count == 120
    groups = _first_commitment(edition).groups
    # A lone West LPA entry after South LPA's group gets its own heading: inline ("West LPA:
    # ...") it would read as part of South LPA (issue 10, item 2).
    assert [g.heading for g in groups] == ["", "North LPA", "South LPA", "West LPA"]
    force, north, south, west = groups
    # Force-wide: no heading; children for districts carry the district inline.
    parent = force.blocks[0].entries[1]
    assert [c.label for c in parent.children] == ["Thurrock", "Southend"]
    # Two Colchester entries sit under a sub-heading; the lone Tendring entry after them gets a
    # sub-heading of its own, since inline it would read as part of Colchester.
    assert [(b.heading, [e.label for e in b.entries]) for b in north.blocks] == [
        ("Colchester", ["", ""]),
        ("Tendring", [""]),
    ]
    assert south.blocks[0].entries[0].label == "Castle Point and Rochford"
    assert south.blocks[1].entries[0].label == ""  # for the LPA itself, under its heading
    assert west.blocks[0].entries[0].label == ""


def test_edition_keeps_stored_order_even_when_lpas_come_back():
    # As in the reference, where one commitment runs South LPA, then North, then West.
    areas = sample_areas()
    commitment = CommitmentFactory()
    period = PeriodFactory()
    for order, area in enumerate(["Basildon", "Colchester", "Harlow", "Southend"]):
        EntryFactory(
            commitment=commitment, period=period, area=areas[area], order=order, status="approved"
        )
    edition = edition_assemble(period=period)
    groups = edition.priorities[0].commitments[0].groups
    assert [g.heading for g in groups] == ["South LPA", "North LPA", "West LPA", "South LPA"]


def test_entries_of_equal_order_go_force_wide_then_lpa_then_district():
    areas = sample_areas()
    commitment, period = CommitmentFactory(), PeriodFactory()
    for area in ["Harlow", "South LPA", "Demo Police", "Colchester"]:
        EntryFactory(commitment=commitment, period=period, area=areas[area], order=0)
    edition = edition_assemble(period=period, include_unapproved=True)
    areas_in_order = [e.area for e in flat_entries(edition)]
    assert areas_in_order == ["Demo Police", "Colchester", "South LPA", "Harlow"]


def test_published_assembly_has_only_approved_entries_and_preview_marks_the_rest():
    areas = sample_areas()
    commitment, period = CommitmentFactory(), PeriodFactory()
    EntryFactory(commitment=commitment, period=period, area=areas["Colchester"], status="approved")
    EntryFactory(commitment=commitment, period=period, area=areas["Harlow"], status="submitted")
    published = edition_assemble(period=period)
    assert [e.area for e in flat_entries(published)] == ["Colchester"]
    preview = edition_assemble(period=period, include_unapproved=True)
    statuses = {
        e.area: e.status
        for g in preview.priorities[0].commitments[0].groups
        for b in g.blocks
        for e in b.entries
    }
    assert statuses == {"Colchester": "approved", "Harlow": "submitted"}
    assert preview.is_draft and preview.cover.version == "Draft"


def test_child_of_an_unapproved_parent_is_left_out_with_a_warning():
    commitment, period = CommitmentFactory(), PeriodFactory()
    parent = EntryFactory(commitment=commitment, period=period, status="submitted")
    EntryFactory(commitment=commitment, period=period, parent=parent, status="approved")
    edition = edition_assemble(period=period)
    assert edition.entry_count == 0
    assert "1 entries left out" in edition.warnings[0]


def test_label_is_not_repeated_when_the_text_already_names_the_area():
    areas = sample_areas()
    AreaAlias.objects.create(name="Canvey Island", area=areas["Castle Point"])
    commitment, period = CommitmentFactory(), PeriodFactory()
    EntryFactory(
        commitment=commitment,
        period=period,
        area=areas["Castle Point"],
        text="Canvey Island: youth workers joined evening patrols.",
        status="approved",
    )
    entry = next(flat_entries(edition_assemble(period=period)))
    assert entry.label == ""


def test_operations_named_in_the_text_become_links_whatever_their_case():
    sample_edition()
    edition = edition_assemble(period=Period.objects.get())
    tendring = _first_commitment(edition).groups[1].blocks[1].entries[0]
    linked = [(s.text, s.operation) for s in tendring.segments if s.operation]
    assert linked == [("Operation LANTERN", "lantern")]
    assert "".join(s.text for s in tendring.segments) == tendring.text
    assert tendring.operations == ("LANTERN",)


def test_hostile_text_is_escaped_in_the_web_edition():
    from narratives.editions.rendering.web import edition_html

    commitment, period = CommitmentFactory(), PeriodFactory()
    EntryFactory(
        commitment=commitment, period=period, text="<script>alert(1)</script>", status="approved"
    )
    html = edition_html(edition_assemble(period=period))
    assert "<script>" not in html and "&lt;script&gt;" in html


def _queries(period: Period) -> int:
    with CaptureQueriesContext(connection) as context:
        edition_assemble(period=period, include_unapproved=True)
    return len(context.captured_queries)


def test_assembly_takes_the_same_queries_whatever_the_size(django_assert_max_num_queries):
    small = Period.objects.create(year=2019, quarter=1)
    sample_edition(small, scale=1)
    large = Period.objects.create(year=2019, quarter=2)
    entries = sample_edition(large, scale=10)
    assert len(entries) == 1200  # ten times the reference edition's size
    with django_assert_max_num_queries(6):
        edition = edition_assemble(period=large)
    assert edition.entry_count == 1200
    assert _queries(small) == _queries(large)


def test_an_empty_period_assembles_to_an_empty_edition():
    edition = edition_assemble(period=PeriodFactory())
    assert edition.priorities == () and edition.entry_count == 0
    assert Entry.objects.count() == 0
