"""My quarter: the open quarter and its deadline, every commitment in the officer's areas with
what is written and its state, what is missing, and past quarters read-only."""

import datetime

import pytest
from django.utils import timezone

from narratives.editions.publishing import edition_publish
from narratives.entries.copies import entries_carry_forward
from narratives.entries.workflow import entry_approve, entry_return, entry_submit
from narratives.models import Entry
from priorities.models import Period
from tests.priorities.world import build_world
from tests.second_factor import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    return build_world()


@pytest.fixture
def officer(client, w):
    login_verified(client, w.officer)
    return client


def text(response) -> str:
    return " ".join(response.content.decode().split())


def test_the_page_shows_the_open_quarter_and_its_deadline(officer, w):
    Period.objects.filter(pk=w.q2.pk).update(
        entry_deadline=timezone.now() + datetime.timedelta(days=3, hours=1)
    )
    page = text(officer.get("/my-quarter/"))
    assert "My quarter: 2020/21 Q2" in page
    assert "3 days left" in page
    assert "Submit 1 ready draft" in page  # Colbury's draft


def test_an_overdue_quarter_says_so_and_offers_no_writing(officer, w):
    Period.objects.filter(pk=w.q2.pk).update(
        entry_deadline=timezone.now() - datetime.timedelta(days=2)
    )
    response = officer.get("/my-quarter/")
    page = text(response)
    assert "2 days overdue" in page
    assert "can no longer be written or submitted" in page
    assert "entry/add/?commitment" not in page
    assert "/my-quarter/submit/" not in page


def test_no_quarter_open_for_entry(officer, w):
    Period.objects.update(is_open=False)
    page = text(officer.get("/my-quarter/"))
    assert "No quarter is open for entry." in page
    assert "2020/21 Q1" in page  # the past quarters, still to read


def test_every_commitment_by_each_area_with_states_and_the_returned_comment(officer, w):
    submitted = Entry.objects.create(
        commitment=w.commitment2, period=w.q2, area=w.eastwick, text="Eastwick counter opened."
    )
    entry_submit(entry=submitted, by=w.officer)
    approved = Entry.objects.create(
        commitment=w.commitment2, period=w.q2, area=w.north, text="North surgeries held."
    )
    entry_submit(entry=approved, by=w.officer)
    entry_approve(entry=approved, by=w.analyst)
    returned = Entry.objects.create(
        commitment=w.commitment, period=w.q2, area=w.north, text="North cadets met."
    )
    entry_submit(entry=returned, by=w.officer)
    entry_return(entry=returned, by=w.analyst, comment="Say how many cadets came.")

    response = officer.get("/my-quarter/")
    page = text(response)
    board = response.context["page"]
    assert [a.name for a in board.areas] == ["North LPA", "Colbury", "Eastwick"]
    rows = [row for group in board.groups for row in group.rows]
    assert [row.commitment for row in rows] == [w.commitment, w.commitment2]
    assert all(len(row.cells) == 3 for row in rows)
    states = {w_.entry.text: w_.entry.status for w_ in board.written}
    assert states == {
        "Colbury draft text.": "draft",
        "Eastwick counter opened.": "submitted",
        "North surgeries held.": "approved",
        "North cadets met.": "returned",
    }
    assert "Marshby draft text." not in page  # another officer's area
    assert "Returned by the PAU (1)" in page
    assert "“Say how many cadets came.”" in page
    assert "Withdraw to correct" in page
    assert "Draft 1 · Submitted 1 · Returned 1 · Approved 1" in page
    write = f"/admin/narratives/entry/add/?commitment={w.commitment2.pk}&amp;area={w.colbury.pk}"
    assert write in response.content.decode()


def test_what_was_written_last_quarter_and_not_yet_is_missing(officer, w):
    page = text(officer.get("/my-quarter/"))
    assert "Still missing" not in page  # Colbury has a Q2 draft for 1.1, as it had in Q1
    w.colbury_draft.delete()
    page = text(officer.get("/my-quarter/"))
    assert "Still missing (1)" in page
    assert "<strong>Colbury</strong>: 1.1 Grow the volunteer police family." in page


def test_start_from_last_quarter_is_offered_while_there_is_something_to_copy(officer, w):
    page = text(officer.get("/my-quarter/"))
    assert "Start from last quarter (2 approved entries)" in page
    assert f"/admin/narratives/entry/carry-forward/?period={w.q2.pk}" in page
    entries_carry_forward(area=w.north, period=w.q2, by=w.officer)
    page = text(officer.get("/my-quarter/"))
    assert "Start from last quarter" not in page
    assert "2 drafts repeat last quarter's text unchanged" in page
    assert "Submit 1 ready draft" in page  # the copies wait for an update


def test_a_past_quarter_is_read_only_with_a_switcher(officer, w):
    edition_publish(period=w.q1, version="1.0", by=w.analyst)
    response = officer.get("/my-quarter/2020-21/q1/")
    page = text(response)
    assert response.status_code == 200
    assert "My quarter: 2020/21 Q1" in page
    assert "has been published" in page
    assert "Colbury volunteers gave 120 hours" in page
    assert "Nothing written: North LPA, Colbury, Eastwick." in page
    for action in ("entry/add/?commitment", "Withdraw", "/my-quarter/submit/", "carry-forward/?"):
        assert action not in page
    assert 'href="/my-quarter/"' in page  # back to the open quarter
    assert 'href="/my-quarter/2020-21/q1/" aria-current="page"' in page


def test_the_open_quarter_at_its_past_address_is_the_page_itself(officer, w):
    assert officer.get("/my-quarter/2020-21/q2/")["Location"] == "/my-quarter/"
    assert officer.get("/my-quarter/2031-32/q1/").status_code == 404
    assert officer.get("/my-quarter/2020-22/q1/").status_code == 404


@pytest.mark.parametrize("who", ["analyst", "manager"])
def test_only_officers_have_a_quarter(client, w, who):
    login_verified(client, getattr(w, who))
    assert client.get("/my-quarter/").status_code == 403


def test_anonymous_visitors_are_asked_to_sign_in(client, w):
    response = client.get("/my-quarter/")
    assert response["Location"] == "/admin/login/?next=/my-quarter/"


def test_an_officer_without_areas_is_told_whom_to_ask(client, w):
    w.officer.area_assignments.all().delete()
    login_verified(client, w.officer)
    page = text(client.get("/my-quarter/"))
    assert "You have no areas to write for yet" in page
    assert "Not written yet" not in page
