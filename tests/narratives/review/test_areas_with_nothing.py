"""Areas with nothing written: every LPA and district of the one area tree counts, whether or
not an officer is assigned, and the screen says who is meant to write for each."""

from narratives.models import Entry
from narratives.review.filters import ReviewFilters
from narratives.review.selectors import review_board
from narratives.review.views import period_url
from priorities.models import Area, Assignment
from priorities.roles import OFFICER, user_save_with_role
from priorities.selectors import area_tree


def silent(board) -> list[tuple[str, list[str]]]:
    return [(s.area.name, s.officers) for s in board.silent_areas]


def test_every_area_below_the_force_counts_with_its_officers(w):
    # Colbury and Marshby wrote; North and South LPA are covered by their districts.
    assert silent(review_board(period=w.q2)) == [("Eastwick", ["north.officer"])]
    Entry.objects.filter(area=w.marshby, period=w.q2).delete()
    assert silent(review_board(period=w.q2)) == [
        ("Eastwick", ["north.officer"]),
        ("South LPA", []),  # nobody is assigned to South LPA itself
        ("Marshby", ["marshby.officer"]),
    ]


def test_an_area_nobody_is_assigned_to_counts_and_says_so(analyst_client, w):
    Area.objects.create(name="Westby", kind="district", parent=w.south, order=2)
    assert ("Westby", []) in silent(review_board(period=w.q2))
    page = analyst_client.get(period_url(w.q2)).content.decode()
    assert "Westby (district) — <strong>no officer assigned</strong>" in page
    assert "Eastwick (district) — officer: north.officer" in page


def test_an_officer_of_an_lpa_is_named_for_its_districts_and_inactive_ones_are_not(w):
    Entry.objects.filter(area=w.marshby, period=w.q2).delete()
    south_officer = user_save_with_role(username="south.officer", role=OFFICER, areas=[w.south])
    found = dict(silent(review_board(period=w.q2)))
    assert found["South LPA"] == ["south.officer"]
    assert found["Marshby"] == ["marshby.officer", "south.officer"]
    south_officer.is_active = False
    south_officer.save()
    assert dict(silent(review_board(period=w.q2)))["South LPA"] == []


def test_only_officers_assignments_name_an_officer(w):
    """A manager or analyst left with an assignment (e.g. after a change of role) is not an
    officer who should be writing."""
    Entry.objects.filter(area=w.marshby, period=w.q2).delete()
    Assignment.objects.create(user=w.manager, area=w.south)
    Assignment.objects.create(user=w.analyst, area=w.south)
    assert dict(silent(review_board(period=w.q2)))["South LPA"] == []


def test_an_entry_naming_a_district_counts_for_it(w):
    both = Entry.objects.create(commitment=w.commitment, period=w.q2, area=w.north, text="Both.")
    both.areas.set([w.colbury, w.eastwick])
    assert silent(review_board(period=w.q2)) == []


def test_a_force_wide_entry_covers_no_area(w):
    Entry.objects.filter(period=w.q2).delete()
    Entry.objects.create(commitment=w.commitment, period=w.q2, area=w.force, text="Force.")
    names = [name for name, _ in silent(review_board(period=w.q2))]
    assert names == ["North LPA", "Colbury", "Eastwick", "South LPA", "Marshby"]


def test_the_area_filter_narrows_them_to_that_area(w):
    Entry.objects.filter(period=w.q2).delete()
    within = frozenset(area_tree().within(w.north.pk))
    board = review_board(period=w.q2, filters=ReviewFilters(area_id=w.north.pk, area_ids=within))
    assert [name for name, _ in silent(board)] == ["North LPA", "Colbury", "Eastwick"]
