"""The PAU's review screen: what it shows for a period, and approving / returning from it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from narratives.entries.copies import entries_carry_forward
from narratives.entries.workflow import entry_submit
from narratives.models import Entry, Transition
from narratives.review.selectors import review_board
from narratives.review.views import period_url
from tests.priorities.world import build_world
from tests.second_factor import login_verified

Status = Entry.Status


@pytest.fixture
def w(db):
    return build_world()


def row_for(board, commitment, area):
    return next(r for r in board.rows if r.commitment == commitment and r.area == area)


def test_board_counts_by_commitment_and_area(w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    Entry.objects.create(commitment=w.commitment, period=w.q2, area=w.colbury, text="Another")
    board = review_board(period=w.q2)
    row = row_for(board, w.commitment, w.colbury)
    assert (row.counts["submitted"], row.counts["draft"]) == (1, 1)
    assert board.totals == {"submitted": 1, "draft": 2}


def test_board_shows_what_is_missing_against_last_quarter(w):
    board = review_board(period=w.q2)
    # Marshby wrote for the second commitment last quarter, nothing yet this quarter.
    missing = board.missing_rows
    assert [(r.commitment, r.area) for r in missing] == [(w.commitment2, w.marshby)]
    assert not row_for(board, w.commitment, w.colbury).missing


def test_board_marks_overdue_once_the_deadline_has_passed(w):
    assert not review_board(period=w.q2).overdue_rows
    later = timezone.now() + datetime.timedelta(days=30)
    board = review_board(period=w.q2, now=later)
    overdue = {(r.commitment, r.area) for r in board.overdue_rows}
    assert overdue == {
        (w.commitment, w.colbury),
        (w.commitment, w.marshby),
        (w.commitment2, w.marshby),  # missing
    }
    entry_submit(entry=w.colbury_draft, by=w.officer)
    board = review_board(period=w.q2, now=later)
    assert (w.commitment, w.colbury) not in {(r.commitment, r.area) for r in board.overdue_rows}


def test_board_nests_sub_bullets_under_their_parent(w):
    child = Entry.objects.create(
        commitment=w.commitment, period=w.q2, area=w.colbury, parent=w.colbury_draft, text="Sub"
    )
    row = row_for(review_board(period=w.q2), w.commitment, w.colbury)
    assert [(e.pk, depth) for e, depth in row.entries] == [(w.colbury_draft.pk, 0), (child.pk, 1)]


def test_screen_is_for_analysts_only(client, w):
    url = period_url(w.q2)
    assert client.get(url).status_code == 302  # to the login page
    for user in (w.officer, w.manager):
        login_verified(client, user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"approve_one": w.colbury_draft.pk}).status_code == 403
        assert client.get(reverse("review:index")).status_code == 403


def test_unknown_period_is_404(client, w):
    login_verified(client, w.analyst)
    assert client.get(reverse("review:period", args=["2030-31", "q1"])).status_code == 404
    assert client.get(reverse("review:period", args=["2030-33", "q1"])).status_code == 404
    assert client.get(reverse("review:period", args=["nonsense", "q9"])).status_code == 404


def test_screen_shows_rows_flags_and_return_comments(client, w):
    parent, _child = entries_carry_forward(area=w.north, period=w.q2, by=w.officer)
    entry_submit(entry=parent, by=w.officer, allow_unchanged=True)
    login_verified(client, w.analyst)
    page = client.get(period_url(w.q2)).content.decode()
    assert "Review 2020/21 Q2" in page
    assert "Unchanged from 2020/21 Q1" in page
    assert "Missing" in page
    assert reverse("admin:narratives_entry_change", args=[parent.pk]) in page


def test_approve_many_at_once(client, w):
    for entry in (w.colbury_draft, w.marshby_draft):
        entry_submit(entry=entry, by=w.analyst)
    login_verified(client, w.analyst)
    url = period_url(w.q2)
    response = client.post(
        url, {"entries": [w.colbury_draft.pk, w.marshby_draft.pk], "action": "approve"}
    )
    assert response.status_code == 302
    assert set(Entry.objects.filter(period=w.q2).values_list("status", flat=True)) == {"approved"}


def test_approve_one_from_its_row(client, w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    login_verified(client, w.analyst)
    client.post(period_url(w.q2), {"approve_one": w.colbury_draft.pk})
    assert Entry.objects.get(pk=w.colbury_draft.pk).status == Status.APPROVED


def test_return_with_a_comment(client, w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    login_verified(client, w.analyst)
    url = period_url(w.q2)
    refused = client.post(url, {"entries": [w.colbury_draft.pk], "action": "return"})
    assert refused.status_code == 400
    page = refused.content.decode()
    # The reason comes first on the page, and the tick is kept for the second try.
    assert page.index("Write a comment") < page.index("Summary by commitment and area")
    assert (
        f'id="pick-{w.colbury_draft.pk}" aria-label="Select entry {w.colbury_draft.pk}" checked'
        in page
    )
    assert f'id="pick-{w.marshby_draft.pk}" aria-label="Select entry {w.marshby_draft.pk}">' in page

    client.post(
        url, {"entries": [w.colbury_draft.pk], "action": "return", "comment": "Add a date."}
    )
    step = Transition.objects.get(to_status="returned")
    assert (step.entry_id, step.comment, step.by) == (w.colbury_draft.pk, "Add a date.", w.analyst)
    assert "Add a date." in client.get(url).content.decode()


def test_unchanged_carry_forward_needs_the_confirm_box(client, w):
    parent, _child = entries_carry_forward(area=w.north, period=w.q2, by=w.officer)
    entry_submit(entry=parent, by=w.officer, allow_unchanged=True)
    login_verified(client, w.analyst)
    url = period_url(w.q2)
    response = client.post(url, {"entries": [parent.pk], "action": "approve"})
    assert "repeats last quarter" in response.content.decode()
    assert Entry.objects.get(pk=parent.pk).status == Status.SUBMITTED
    client.post(url, {"entries": [parent.pk], "action": "approve", "confirm_unchanged": "on"})
    assert Entry.objects.get(pk=parent.pk).status == Status.APPROVED


def test_entries_of_another_period_cannot_be_posted(client, w):
    login_verified(client, w.analyst)
    response = client.post(
        period_url(w.q2), {"entries": [w.last_colbury.pk], "action": "return", "comment": "x"}
    )
    assert response.status_code == 400
    assert Entry.objects.get(pk=w.last_colbury.pk).status == Status.APPROVED


def test_nothing_ticked_is_explained(client, w):
    login_verified(client, w.analyst)
    response = client.post(period_url(w.q2), {"action": "approve"})
    assert response.status_code == 400
    assert "Tick at least one entry" in response.content.decode()
