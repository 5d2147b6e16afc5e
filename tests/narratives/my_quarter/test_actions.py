"""Submit all ready drafts and withdraw a submitted entry, from My quarter and as services."""

import datetime

import pytest
from django.utils import timezone

from narratives.entries.copies import entries_carry_forward
from narratives.entries.workflow import (
    WorkflowError,
    entry_approve,
    entry_return,
    entry_submit,
    entry_withdraw,
)
from narratives.models import Entry, Transition
from priorities.models import Period
from tests.priorities.world import build_world
from tests.second_factor import login_verified

pytestmark = pytest.mark.django_db
Status = Entry.Status


@pytest.fixture
def w(db):
    return build_world()


@pytest.fixture
def officer(client, w):
    login_verified(client, w.officer)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_submit_all_ready_drafts_submits_them_with_their_nested_entries(officer, w):
    child = Entry.objects.create(
        commitment=w.commitment, period=w.q2, area=w.colbury, parent=w.colbury_draft, text="Sub."
    )
    board = officer.get("/my-quarter/").context["page"]
    ready = [written.entry.pk for written in board.ready]
    assert ready == [w.colbury_draft.pk]  # the nested entry goes with its parent
    response = officer.post("/my-quarter/submit/", {"entry": ready}, follow=True)
    assert messages_of(response) == ["2 entries submitted (with 1 nested) for review by the PAU."]
    for entry in (w.colbury_draft, child):
        entry.refresh_from_db()
        assert entry.status == Status.SUBMITTED
    assert Transition.objects.filter(to_status=Status.SUBMITTED, by=w.officer).count() == 2


def test_unchanged_copies_are_not_ready_and_are_refused_with_the_reason(officer, w):
    copies = entries_carry_forward(area=w.colbury, period=w.q2, by=w.officer)
    board = officer.get("/my-quarter/").context["page"]
    assert {written.entry.pk for written in board.ready}.isdisjoint(c.pk for c in copies)
    response = officer.post("/my-quarter/submit/", {"entry": [copies[0].pk]}, follow=True)
    assert "repeats last quarter's text unchanged" in messages_of(response)[0]
    copies[0].refresh_from_db()
    assert copies[0].status == Status.DRAFT


def test_a_returned_entry_is_ready_once_changed_since_its_return(officer, w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    entry_return(entry=w.colbury_draft, by=w.analyst, comment="Add the date.")
    assert officer.get("/my-quarter/").context["page"].ready == []
    w.colbury_draft.refresh_from_db()
    w.colbury_draft.text = "Colbury draft text, on 3 August."
    w.colbury_draft.save()
    ready = officer.get("/my-quarter/").context["page"].ready
    assert [written.entry.pk for written in ready] == [w.colbury_draft.pk]


def test_another_officers_entries_are_not_submitted(officer, w):
    response = officer.post("/my-quarter/submit/", {"entry": [w.marshby_draft.pk]}, follow=True)
    assert messages_of(response) == ["Nothing was submitted: no draft was ready."]
    w.marshby_draft.refresh_from_db()
    assert w.marshby_draft.status == Status.DRAFT


def test_withdraw_takes_a_submitted_entry_back_to_draft_and_records_it(w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    entry = entry_withdraw(entry=w.colbury_draft, by=w.officer)
    assert entry.status == Status.DRAFT
    step = Transition.objects.filter(entry=entry).order_by("-pk").first()
    assert (step.from_status, step.to_status, step.by) == (
        Status.SUBMITTED,
        Status.DRAFT,
        w.officer,
    )
    assert entry.revision == 3  # an edit opened before the withdrawal cannot undo it


def test_withdraw_brings_nested_entries_back_too(w):
    child = Entry.objects.create(
        commitment=w.commitment, period=w.q2, area=w.colbury, parent=w.colbury_draft, text="Sub."
    )
    entry_submit(entry=w.colbury_draft, by=w.officer)
    entry_withdraw(entry=w.colbury_draft, by=w.officer)
    child.refresh_from_db()
    assert child.status == Status.DRAFT


def test_another_officer_cannot_withdraw_an_entry(w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    with pytest.raises(WorkflowError, match="not yours to withdraw"):
        entry_withdraw(entry=w.colbury_draft, by=w.marsh_officer)
    with pytest.raises(WorkflowError, match="Only area officers and analysts"):
        entry_withdraw(entry=w.colbury_draft, by=w.manager)
    w.colbury_draft.refresh_from_db()
    assert w.colbury_draft.status == Status.SUBMITTED


@pytest.mark.parametrize("review", ["approve", "return"])
def test_an_entry_the_pau_has_reviewed_cannot_be_withdrawn(w, review):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    if review == "approve":
        entry_approve(entry=w.colbury_draft, by=w.analyst)
    else:
        entry_return(entry=w.colbury_draft, by=w.analyst, comment="Add the date.")
    with pytest.raises(WorkflowError, match="only a submitted entry not yet reviewed"):
        entry_withdraw(entry=w.colbury_draft, by=w.officer)


def test_nothing_is_withdrawn_after_the_deadline(w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    Period.objects.filter(pk=w.q2.pk).update(
        entry_deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    with pytest.raises(WorkflowError, match="period is closed for entry"):
        entry_withdraw(entry=w.colbury_draft, by=w.officer)


def test_withdraw_from_my_quarter(officer, w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    response = officer.post("/my-quarter/withdraw/", {"entry": w.colbury_draft.pk}, follow=True)
    assert messages_of(response) == [
        "“Colbury draft text.” is a draft again: correct it, then submit it again."
    ]
    w.colbury_draft.refresh_from_db()
    assert w.colbury_draft.status == Status.DRAFT


def test_withdraw_from_my_quarter_respects_the_review(officer, w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    entry_approve(entry=w.colbury_draft, by=w.analyst)
    response = officer.post("/my-quarter/withdraw/", {"entry": w.colbury_draft.pk}, follow=True)
    assert "is approved: only a submitted entry not yet reviewed" in messages_of(response)[0]


def test_another_officers_entry_is_not_found_to_withdraw(officer, w):
    entry_submit(entry=w.marshby_draft, by=w.marsh_officer)
    response = officer.post("/my-quarter/withdraw/", {"entry": w.marshby_draft.pk})
    assert response.status_code == 404
    w.marshby_draft.refresh_from_db()
    assert w.marshby_draft.status == Status.SUBMITTED


def test_the_actions_take_only_posts(officer):
    assert officer.get("/my-quarter/submit/").status_code == 405
    assert officer.get("/my-quarter/withdraw/").status_code == 405
