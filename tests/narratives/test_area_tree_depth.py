"""What narratives ask the one area tree, with areas below districts (three levels and more)."""

import pytest

from narratives.entries.copies import entries_carry_forward
from narratives.importing.gazetteer import Gazetteer
from narratives.models import Entry
from narratives.review.selectors import review_board
from priorities.models import Area
from priorities.roles import OFFICER, user_save_with_role
from tests.priorities.world import build_world

NESTED = {
    "force": {"name": "Demo Police"},
    "lpas": [
        {
            "name": "North LPA",
            "districts": [
                {
                    "name": "Tendring",
                    "districts": [
                        {
                            "name": "Clacton",
                            "aliases": ["Clacton-on-Sea"],
                            "districts": [{"name": "Jaywick"}],
                        }
                    ],
                },
                {"name": "Colchester"},
            ],
        },
        {"name": "South LPA", "districts": [{"name": "Basildon"}]},
    ],
}


def test_the_gazetteer_reads_labels_at_any_depth():
    gazetteer = Gazetteer.from_data(NESTED)
    jaywick = gazetteer.find_one("jaywick")
    assert (jaywick.parent, jaywick.depth) == ("Clacton", 4)
    assert gazetteer.within("Jaywick", "North LPA") and gazetteer.within("Jaywick", "Tendring")
    assert not gazetteer.within("Jaywick", "South LPA")
    assert [p.name for p in gazetteer.find("Clacton-on-Sea and Basildon")] == [
        "Clacton",
        "Basildon",
    ]
    east = gazetteer.add("East LPA", "lpa", "Demo Police")
    assert (east.depth, gazetteer.within("East LPA", "Demo Police")) == (1, True)


@pytest.fixture
def w(db):
    world = build_world()
    world.town = Area.objects.create(name="Colbury Town", kind="district", parent=world.colbury)
    world.ward = Area.objects.create(name="Old Quay", kind="district", parent=world.town)
    return world


def test_starting_from_last_quarter_copies_entries_of_every_level_below(w):
    source = Entry.objects.create(
        commitment=w.commitment, period=w.q1, area=w.ward, text="Ward surgery.", status="approved"
    )
    copies = entries_carry_forward(area=w.north, period=w.q2, by=w.officer)
    assert source.pk in {copy.carried_forward_from_id for copy in copies}


def test_the_review_screen_lists_each_area_before_the_areas_below_it(w):
    for area in (w.marshby, w.ward, w.eastwick, w.town, w.colbury):
        Entry.objects.create(commitment=w.commitment, period=w.q2, area=area, text="x")
    rows = [row.area for row in review_board(period=w.q2).rows if row.commitment == w.commitment]
    current = [a for a in rows if a in (w.colbury, w.town, w.ward, w.eastwick, w.marshby)]
    assert current == [w.colbury, w.town, w.ward, w.eastwick, w.marshby]


def test_an_entry_for_a_ward_counts_for_the_officer_of_the_town_above_it(w):
    user_save_with_role(username="town.officer", role=OFFICER, areas=[w.town])

    def silent() -> list:
        return [silent.area for silent in review_board(period=w.q2).silent_areas]

    assert w.town in silent()
    Entry.objects.create(commitment=w.commitment, period=w.q2, area=w.ward, text="x")
    assert w.town not in silent()
