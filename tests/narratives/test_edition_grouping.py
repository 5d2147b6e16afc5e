"""Issue 10, items 2 and 3: grouping follows the area tree, and labels are printed as written.

An entry is printed under a heading only if its area lies within the heading's area; otherwise it
starts its own group with its own heading. The writer's label ("Canvey Island:") is kept, with
the area linked beside it. Checked on the reference edition, on made-up trees three and four
levels deep, and (property test) on editions built from random area assignments in web, PDF and
Word.
"""

import io
import re

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narratives.editions.assembly import edition_assemble
from narratives.editions.rendering.docx import edition_docx
from narratives.editions.rendering.pdf import edition_pdf
from narratives.editions.rendering.web import edition_html
from narratives.models import Entry
from priorities.models import Area, AreaAlias, Period
from priorities.selectors import area_tree
from tests.factories import CommitmentFactory, PeriodFactory
from tests.narratives.grouping_check import (
    misplaced,
    numbered,
    pdf_events,
    web_events,
    word_events,
)

pytestmark = pytest.mark.django_db

# Labels the reference edition writes that are not the names of the areas they stand for.
WRITTEN = ["Canvey Island", "Saffron Waldon", "Clacton", "Rochford and Castle Point"]
SOURCE_LABEL = re.compile(r"^\s*-?\s*(?:·\s*)?(?P<label>[A-Z][^:.;]{1,60}?)\s*:?\s*(?::|$)", re.M)


@pytest.fixture
def reference(reference_edition_path):
    call_command("import_update", str(reference_edition_path), "--publish", stdout=io.StringIO())
    return reference_edition_path.read_text(encoding="utf-8")


def _source_labels(source: str) -> set[str]:
    """Every area label or heading the source prints, as written."""
    tree = area_tree(aliases=True)
    labels = set()
    for line in source.splitlines():
        match = SOURCE_LABEL.match(line)
        if match and tree.find_all(match.group("label")):
            labels.add(" ".join(match.group("label").split()))
    return labels


def _printed_labels(html: str) -> list[str]:
    headings = re.findall(r'<h[45] class="(?:lpa|district)-heading">([^<]+)</h[45]>', html)
    inline = re.findall(r'<strong class="area-label">([^<]+):</strong>', html)
    return [" ".join(text.split()) for text in headings + inline]


def _reference_locate():
    """Finds the reference's entries by their text (each line holds one entry)."""
    tree = area_tree()
    entries = list(Entry.objects.prefetch_related("areas"))
    keys = {" ".join(entry.text.split())[:60]: entry for entry in entries}

    def locate(text: str):
        entry = next((e for key, e in keys.items() if key and key in text), None)
        if entry is None:
            return None
        named = [a.pk for a in entry.areas.all() if tree.depth(a.pk) >= 2]
        return entry.pk, set(named if len(named) >= 2 else [entry.area_id])

    return locate, len(entries)


def test_reference_edition_prints_every_area_label_as_written(reference, client):
    html = client.get("/editions/2020-21/q2/").content.decode()
    printed = _printed_labels(html)
    source = _source_labels(reference)
    assert set(WRITTEN) <= source
    for label in WRITTEN:  # as often as the source writes it, never renamed
        assert printed.count(label) == len(re.findall(rf"\b{label}:", reference)), label
    # Nothing printed as an area label that the source did not write (the force's name, for
    # a force-wide group after an LPA's, aside).
    assert set(printed) <= source, set(printed) - source


def test_reference_edition_has_no_entry_under_a_heading_that_does_not_contain_it(reference, client):
    html = client.get("/editions/2020-21/q2/").content.decode()
    locate, count = _reference_locate()
    assert misplaced(web_events(html), area_tree(aliases=True), locate, count) == []


def test_reference_lone_bullets_under_a_heading_keep_the_heading(reference):
    edition = edition_assemble(period=Period.objects.get(year=2020, quarter=2))
    hate_crime = edition.priorities[5].commitments[1]  # 6.2: "- Colchester:" over one bullet
    north = next(g for g in hate_crime.groups if g.heading == "North LPA")
    assert north.blocks[0].heading == "Colchester" and len(north.blocks[0].entries) == 1
    domestic_abuse = edition.priorities[2].commitments[0]  # 3.1: "- South LPA" over one bullet
    headings = [g.heading for g in domestic_abuse.groups]
    assert headings == ["", "North LPA", "South LPA", "West LPA"]
    # The label is kept beside the text, with the area it names linked.
    erasure = Entry.objects.get(text__startswith="Operation ERASURE")
    assert (erasure.area_label, erasure.area.name) == ("Canvey Island", "Castle Point")
    falcon = Entry.objects.get(text__startswith="Operation FALCON")
    assert falcon.area_label == "Rochford and Castle Point"
    assert {a.name for a in falcon.areas.all()} == {"Rochford", "Castle Point"}


# Made-up trees, three and four levels deep -------------------------------------------------


@pytest.fixture
def deep():
    """Demo Police → North, South LPA → districts → Clacton (a town) → Jaywick (a ward)."""
    force = Area.objects.create(name="Demo Police", kind="force")
    areas = {"Demo Police": force}
    for order, (lpa, districts) in enumerate(
        {"North LPA": ["Colchester", "Tendring"], "South LPA": ["Basildon", "Southend"]}.items()
    ):
        areas[lpa] = Area.objects.create(name=lpa, kind="lpa", parent=force, order=order)
        for index, name in enumerate(districts):
            areas[name] = Area.objects.create(
                name=name, kind="district", parent=areas[lpa], order=index
            )
    areas["Clacton"] = Area.objects.create(
        name="Clacton", kind="district", parent=areas["Tendring"]
    )
    areas["Jaywick"] = Area.objects.create(name="Jaywick", kind="district", parent=areas["Clacton"])
    AreaAlias.objects.create(name="Canvey", area=areas["Southend"])
    return areas


def _entries(deep, rows):
    """rows: (area, label, heading, parent index or None); order is the row's position."""
    commitment, period = CommitmentFactory(), PeriodFactory()
    made = []
    for order, (area, label, heading, parent) in enumerate(rows):
        made.append(
            Entry.objects.create(
                commitment=commitment,
                period=period,
                area=deep[area],
                area_label=label,
                area_heading=heading,
                parent=made[parent] if parent is not None else None,
                order=order,
                text=f"Entry {order} text.",
                status="approved",
            )
        )
    groups = edition_assemble(period=period).priorities[0].commitments[0].groups
    return [
        (g.heading, [(b.heading, [e.label for e in b.entries]) for b in g.blocks]) for g in groups
    ]


def test_a_force_wide_entry_after_an_lpa_group_goes_under_the_forces_name(deep):
    groups = _entries(deep, [("Colchester", "", False, None), ("Demo Police", "", False, None)])
    assert groups == [
        ("North LPA", [("", ["Colchester"])]),
        ("Demo Police", [("", [""])]),
    ]


def test_an_lpas_own_entry_after_a_district_sub_heading_repeats_the_lpa_heading(deep):
    rows = [("Colchester", "", False, None), ("Colchester", "", False, None)]
    groups = _entries(deep, [*rows, ("North LPA", "", False, None)])
    assert groups == [
        ("North LPA", [("Colchester", ["", ""])]),
        ("North LPA", [("", [""])]),
    ]


def test_a_ward_four_levels_down_sits_under_its_lpa_with_its_label_as_written(deep):
    rows = [
        ("Tendring", "", False, None),
        ("Jaywick", "", False, None),
        ("Jaywick", "Jaywick ward", True, None),
        ("Basildon", "", False, None),
    ]
    assert _entries(deep, rows) == [
        ("North LPA", [("", ["Tendring"]), ("", ["Jaywick"]), ("Jaywick ward", [""])]),
        ("South LPA", [("", ["Basildon"])]),
    ]


def test_an_entry_whose_sub_bullet_lies_in_another_lpa_is_not_put_under_either(deep):
    rows = [
        ("Colchester", "", False, None),
        ("Colchester", "", False, None),
        ("Colchester", "", False, None),
        ("Basildon", "", False, 2),  # nested under the third, printed inside it
    ]
    assert _entries(deep, rows) == [
        ("North LPA", [("Colchester", ["", ""])]),
        ("Demo Police", [("", ["Colchester"])]),
    ]


def test_an_officers_label_in_the_text_is_kept_and_not_doubled(deep):
    commitment, period = CommitmentFactory(), PeriodFactory()
    Entry.objects.create(
        commitment=commitment,
        period=period,
        area=deep["Southend"],
        text="Canvey: patrols on the seafront.",
        status="approved",
    )
    group = edition_assemble(period=period).priorities[0].commitments[0].groups[0]
    entry = group.blocks[0].entries[0]
    assert (entry.label, entry.text) == ("", "Canvey: patrols on the seafront.")


# The property: any assignment of areas, in every format ------------------------------------

AREA_NAMES = [
    "Demo Police",
    "North LPA",
    "South LPA",
    "Colchester",
    "Tendring",
    "Basildon",
    "Southend",
    "Clacton",
    "Jaywick",
]
LABELS = {"Tendring": ["Tendring", "TENDRING"], "Southend": ["Canvey"], "Clacton": ["Clacton"]}


@pytest.fixture
def slot():
    """One commitment and period; each generated example replaces the period's entries."""
    return CommitmentFactory(), PeriodFactory()


entry_rows = st.lists(
    st.tuples(
        st.sampled_from(AREA_NAMES),
        st.booleans(),  # the writer's label, when the area has one
        st.booleans(),  # printed as a heading
        st.integers(min_value=0, max_value=3),  # order: ties are sorted by the tree
        st.lists(st.sampled_from(AREA_NAMES), max_size=2),  # sub-bullets' areas
    ),
    min_size=1,
    max_size=7,
)


def _build(deep, period, commitment, rows) -> dict[int, set[int]]:
    Entry.objects.filter(period=period).delete()
    areas_of, number = {}, 0
    for area, labelled, heading, order, children in rows:
        number += 1
        label = LABELS.get(area, [""])[0] if labelled else ""
        parent = Entry.objects.create(
            commitment=commitment,
            period=period,
            area=deep[area],
            area_label=label,
            area_heading=heading,
            order=order,
            text=f"Entry {number} text.",
            status="approved",
        )
        areas_of[number] = {deep[area].pk}
        for child_area in children:
            number += 1
            Entry.objects.create(
                commitment=commitment,
                period=period,
                area=deep[child_area],
                parent=parent,
                text=f"Entry {number} text.",
                status="approved",
            )
            areas_of[number] = {deep[child_area].pk}
    return areas_of


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=entry_rows)
def test_any_area_assignment_is_grouped_by_the_tree_in_web_and_word(deep, slot, rows):
    commitment, period = slot
    areas_of = _build(deep, period, commitment, rows)
    tree = area_tree(aliases=True)
    edition = edition_assemble(period=period)
    locate, count = numbered(areas_of), len(areas_of)
    assert misplaced(web_events(edition_html(edition)), tree, locate, count) == []
    assert misplaced(word_events(edition_docx(edition)), tree, locate, count) == []


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=entry_rows)
def test_any_area_assignment_is_grouped_by_the_tree_in_pdf_text(deep, slot, rows):
    commitment, period = slot
    areas_of = _build(deep, period, commitment, rows)
    tree = area_tree(aliases=True)
    content = edition_pdf(edition_assemble(period=period))
    assert misplaced(pdf_events(content, tree), tree, numbered(areas_of), len(areas_of)) == []
