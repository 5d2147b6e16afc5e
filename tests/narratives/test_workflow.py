"""The review workflow's services: every step, who may take it, and what it records."""

import datetime

import pytest
from django.utils import timezone

from narratives.entries.copies import entries_carry_forward, entry_restore
from narratives.entries.workflow import (
    EntryConflict,
    WorkflowError,
    entries_approve,
    entries_return,
    entries_submit,
    entry_approve,
    entry_return,
    entry_save,
    entry_submit,
)
from narratives.models import Edition, Entry, Transition

Status = Entry.Status


def test_officer_submits_and_analyst_approves_each_step_recorded(w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    entry_approve(entry=w.colbury_draft, by=w.analyst)

    w.colbury_draft.refresh_from_db()
    assert w.colbury_draft.status == Status.APPROVED
    steps = list(Transition.objects.filter(entry=w.colbury_draft).order_by("pk"))
    assert [(s.from_status, s.to_status, s.by) for s in steps] == [
        ("draft", "submitted", w.officer),
        ("submitted", "approved", w.analyst),
    ]
    assert all(step.at is not None for step in steps)


def test_returned_entry_carries_comment_and_can_be_resubmitted(w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    entry_return(entry=w.colbury_draft, by=w.analyst, comment="Give the number of hours.")
    w.colbury_draft.refresh_from_db()
    assert w.colbury_draft.status == Status.RETURNED
    assert w.colbury_draft.transitions.last().comment == "Give the number of hours."

    w.colbury_draft.text = "Colbury volunteers gave 140 hours."
    entry_save(entry=w.colbury_draft, by=w.officer, expected_revision=w.colbury_draft.revision)
    entry_submit(entry=w.colbury_draft, by=w.officer)
    assert Entry.objects.get(pk=w.colbury_draft.pk).status == Status.SUBMITTED


def test_return_needs_a_comment(w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    with pytest.raises(WorkflowError, match="comment"):
        entry_return(entry=w.colbury_draft, by=w.analyst, comment="   ")
    assert Entry.objects.get(pk=w.colbury_draft.pk).status == Status.SUBMITTED


@pytest.mark.parametrize("who", ["officer", "manager"])
def test_only_analysts_approve_or_return(w, who):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    with pytest.raises(WorkflowError):
        entry_approve(entry=w.colbury_draft, by=getattr(w, who))
    with pytest.raises(WorkflowError):
        entry_return(entry=w.colbury_draft, by=getattr(w, who), comment="No")
    assert not Transition.objects.filter(to_status__in=["approved", "returned"]).exists()


def test_officer_cannot_submit_outside_their_areas(w):
    with pytest.raises(WorkflowError, match="not yours"):
        entry_submit(entry=w.marshby_draft, by=w.officer)
    assert Entry.objects.get(pk=w.marshby_draft.pk).status == Status.DRAFT


def test_only_drafts_and_returned_entries_can_be_submitted(w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    with pytest.raises(WorkflowError, match="not a draft"):
        entry_submit(entry=w.colbury_draft, by=w.officer)
    with pytest.raises(WorkflowError, match="not submitted"):
        entry_approve(entry=w.marshby_draft, by=w.analyst)


def test_bulk_steps_move_the_eligible_and_report_the_rest(w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    result = entries_approve(entries=[w.colbury_draft, w.marshby_draft], by=w.analyst)
    assert [e.pk for e in result.done] == [w.colbury_draft.pk]
    assert [e.pk for e, _ in result.skipped] == [w.marshby_draft.pk]


def test_nested_entries_travel_with_their_parent(w):
    child = Entry.objects.create(
        commitment=w.commitment, period=w.q2, area=w.colbury, parent=w.colbury_draft, text="Sub"
    )
    entries_submit(entries=[w.colbury_draft], by=w.officer)
    assert Entry.objects.get(pk=child.pk).status == Status.SUBMITTED
    entries_return(entries=[w.colbury_draft], by=w.analyst, comment="Both need dates.")
    assert Entry.objects.get(pk=child.pk).status == Status.RETURNED


def test_officer_steps_stop_at_the_deadline(w):
    w.q2.entry_deadline = timezone.now() - datetime.timedelta(minutes=1)
    w.q2.save()
    with pytest.raises(WorkflowError):
        entry_submit(entry=w.colbury_draft, by=w.officer)
    w.colbury_draft.text = "Too late"
    with pytest.raises(WorkflowError):
        entry_save(entry=w.colbury_draft, by=w.officer, expected_revision=1)
    # The PAU can still finish the period.
    entry_submit(entry=w.colbury_draft, by=w.analyst)


def test_officer_steps_stop_once_the_edition_is_published(w):
    Edition.objects.create(
        period=w.q2,
        version="1.0",
        title="Quarterly Update",
        data_to=datetime.date(2020, 9, 1),
        produced=datetime.date(2020, 10, 1),
        published_at=timezone.now(),
    )
    w.colbury_draft.text = "After publication"
    with pytest.raises(WorkflowError):
        entry_save(entry=w.colbury_draft, by=w.officer, expected_revision=1)
    assert Entry.objects.get(pk=w.colbury_draft.pk).text == "Colbury draft text."


def test_officer_cannot_write_for_a_closed_period(w):
    entry = Entry(commitment=w.commitment, period=w.q1, area=w.colbury, text="Back-dated")
    with pytest.raises(WorkflowError):
        entry_save(entry=entry, by=w.officer)
    assert not Entry.objects.filter(text="Back-dated").exists()


def test_save_from_an_out_of_date_copy_is_refused_and_first_edit_survives(w):
    first = Entry.objects.get(pk=w.colbury_draft.pk)
    second = Entry.objects.get(pk=w.colbury_draft.pk)
    first.text = "First officer's wording."
    entry_save(entry=first, by=w.officer, expected_revision=1)
    second.text = "Second officer's wording."
    with pytest.raises(EntryConflict):
        entry_save(entry=second, by=w.marsh_officer, expected_revision=1)
    stored = Entry.objects.get(pk=w.colbury_draft.pk)
    assert (stored.text, stored.revision) == ("First officer's wording.", 2)


def test_review_steps_raise_the_revision(w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    assert Entry.objects.get(pk=w.colbury_draft.pk).revision == 2


def test_carry_forward_copies_approved_entries_with_nesting_areas_and_operations(w):
    copies = entries_carry_forward(area=w.north, period=w.q2, by=w.officer)

    assert [c.carried_forward_from_id for c in copies] == [
        w.last_colbury.pk,
        w.last_colbury_child.pk,
    ]
    parent, child = copies
    assert child.parent_id == parent.pk
    assert all(c.status == Status.DRAFT and c.period == w.q2 for c in copies)
    assert list(parent.areas.all()) == [w.colbury]
    assert list(parent.operations.all()) == [w.gambit]
    assert parent.is_unchanged_carry_forward
    assert parent.created_by == w.officer


def test_carry_forward_twice_copies_nothing_more(w):
    entries_carry_forward(area=w.north, period=w.q2, by=w.officer)
    assert entries_carry_forward(area=w.north, period=w.q2, by=w.officer) == []
    assert Entry.objects.filter(period=w.q2, carried_forward_from__isnull=False).count() == 2


def test_carry_forward_leaves_unapproved_and_other_areas(w):
    w.last_colbury_child.status = Status.SUBMITTED
    w.last_colbury_child.save()
    copies = entries_carry_forward(area=w.north, period=w.q2, by=w.officer)
    assert [c.carried_forward_from_id for c in copies] == [w.last_colbury.pk]


def test_officer_carries_forward_only_their_areas_and_open_periods(w):
    with pytest.raises(WorkflowError, match="do not write"):
        entries_carry_forward(area=w.marshby, period=w.q2, by=w.officer)
    w.q2.is_open = False
    w.q2.save()
    with pytest.raises(WorkflowError, match="not open"):
        entries_carry_forward(area=w.north, period=w.q2, by=w.officer)
    # The PAU may do it for everyone, open or not.
    copies = entries_carry_forward(area=w.force, period=w.q2, by=w.analyst)
    assert len(copies) == 3


def test_unchanged_carry_forward_needs_confirmation_to_approve(w):
    parent, _child = entries_carry_forward(area=w.north, period=w.q2, by=w.officer)
    entry_submit(entry=parent, by=w.officer, allow_unchanged=True)
    with pytest.raises(WorkflowError, match="unchanged"):
        entry_approve(entry=parent, by=w.analyst)
    entry_approve(entry=parent, by=w.analyst, allow_unchanged=True)
    assert Entry.objects.get(pk=parent.pk).status == Status.APPROVED


def test_unchanged_carry_forward_needs_confirmation_to_submit(w):
    parent, child = entries_carry_forward(area=w.north, period=w.q2, by=w.officer)
    with pytest.raises(WorkflowError, match="unchanged; update it first, or confirm"):
        entry_submit(entry=parent, by=w.officer)
    assert Entry.objects.get(pk=parent.pk).status == Status.DRAFT
    parent.text = "Colbury volunteers gave 150 hours this quarter."
    entry_save(entry=parent, by=w.officer, expected_revision=parent.revision)
    entry_submit(entry=parent, by=w.officer)  # updated: no question asked
    # Its sub-bullet, still last quarter's words, waits for an update or a confirmation.
    assert Entry.objects.get(pk=child.pk).status == Status.DRAFT
    entry_submit(entry=child, by=w.officer, allow_unchanged=True)
    assert Entry.objects.get(pk=child.pk).status == Status.SUBMITTED


def test_edited_carry_forward_is_no_longer_flagged(w):
    parent, _child = entries_carry_forward(area=w.north, period=w.q2, by=w.officer)
    parent.text = "Colbury volunteers gave 150 hours this quarter."
    entry_save(entry=parent, by=w.officer, expected_revision=parent.revision)
    assert not Entry.objects.get(pk=parent.pk).is_unchanged_carry_forward


def test_no_previous_period_is_a_clear_error(w):
    with pytest.raises(WorkflowError, match="2019/20 Q4"):
        entries_carry_forward(area=w.north, period=w.q1, by=w.analyst)


def test_every_save_keeps_history(w):
    w.colbury_draft.text = "Second wording"
    entry_save(entry=w.colbury_draft, by=w.officer, expected_revision=1)
    texts = list(w.colbury_draft.history.order_by("history_id").values_list("text", flat=True))
    assert texts == ["Colbury draft text.", "Second wording"]
    assert w.colbury_draft.history.latest().history_user == w.officer


def test_deleted_entry_is_restored_with_areas_operations_and_nested_entries(w):
    parent_pk, child_pk = w.last_colbury.pk, w.last_colbury_child.pk
    w.last_colbury.delete()
    assert not Entry.objects.filter(pk__in=[parent_pk, child_pk]).exists()

    restored = entry_restore(entry_id=parent_pk, by=w.analyst)

    assert [e.pk for e in restored] == [parent_pk, child_pk]
    parent = Entry.objects.get(pk=parent_pk)
    assert parent.text.startswith("Colbury volunteers")
    assert parent.status == Status.APPROVED
    assert list(parent.areas.all()) == [w.colbury]
    assert list(parent.operations.all()) == [w.gambit]
    assert Entry.objects.get(pk=child_pk).parent_id == parent_pk
    assert parent.history.latest().history_user == w.analyst


def test_restore_is_for_analysts_and_deleted_entries_only(w):
    pk = w.colbury_draft.pk
    with pytest.raises(WorkflowError, match="not been deleted"):
        entry_restore(entry_id=pk, by=w.analyst)
    w.colbury_draft.delete()
    with pytest.raises(WorkflowError):
        entry_restore(entry_id=pk, by=w.officer)
    with pytest.raises(WorkflowError, match="No deleted entry"):
        entry_restore(entry_id=999999, by=w.analyst)


def test_restoring_a_sub_bullet_whose_parent_is_gone_says_so(w):
    child_pk, parent_pk = w.last_colbury_child.pk, w.last_colbury.pk
    w.last_colbury.delete()
    with pytest.raises(WorkflowError, match=f"parent entry \\({parent_pk}\\)"):
        entry_restore(entry_id=child_pk, by=w.analyst)
    assert not Entry.objects.filter(pk=child_pk).exists()
