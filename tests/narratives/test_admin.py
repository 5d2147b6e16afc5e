"""Writing and reviewing entries in the admin, posting the forms a browser would."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from narratives.entries.copies import entries_carry_forward
from narratives.entries.workflow import entry_submit
from narratives.models import Entry, Transition
from tests.priorities.adminforms import admin_form_data
from tests.second_factor import login_verified

Status = Entry.Status


def change_url(entry):
    return reverse("admin:narratives_entry_change", args=[entry.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_officer_add_form_offers_only_their_areas_and_open_periods(client, w):
    login_verified(client, w.officer)
    response = client.get(reverse("admin:narratives_entry_add"))
    form = response.context["adminform"].form
    assert set(form.fields["area"].queryset) == {w.north, w.colbury, w.eastwick}
    assert set(form.fields["areas"].queryset) == {w.north, w.colbury, w.eastwick}
    assert list(form.fields["period"].queryset) == [w.q2]


def test_officer_adds_an_entry_for_their_district(client, w):
    login_verified(client, w.officer)
    add_url = reverse("admin:narratives_entry_add")
    data = admin_form_data(
        client.get(add_url),
        commitment=str(w.commitment.pk),
        period=str(w.q2.pk),
        area=str(w.eastwick.pk),
        areas=[str(w.eastwick.pk)],
        operations=[str(w.gambit.pk)],
        text="Eastwick cadets ran a bike-marking day.",
    )
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = Entry.objects.get(text__startswith="Eastwick cadets")
    assert (entry.status, entry.revision, entry.created_by, entry.modified_by) == (
        Status.DRAFT,
        1,
        w.officer,
        w.officer,
    )
    assert list(entry.operations.all()) == [w.gambit]


def test_officer_cannot_post_an_entry_for_another_area(client, w):
    login_verified(client, w.officer)
    add_url = reverse("admin:narratives_entry_add")
    data = admin_form_data(
        client.get(add_url),
        commitment=str(w.commitment.pk),
        period=str(w.q2.pk),
        area=str(w.marshby.pk),
        text="Written for someone else's district.",
    )
    response = client.post(add_url, data)
    assert response.status_code == 200
    assert "area" in response.context["adminform"].form.errors
    assert not Entry.objects.filter(text__startswith="Written for someone").exists()


def test_officer_edits_a_draft_and_history_keeps_both_versions(client, w):
    login_verified(client, w.officer)
    url = change_url(w.colbury_draft)
    response = client.post(url, admin_form_data(client.get(url), text="Colbury, second go."))
    assert response.status_code == 302
    entry = Entry.objects.get(pk=w.colbury_draft.pk)
    assert (entry.text, entry.revision, entry.modified_by) == ("Colbury, second go.", 2, w.officer)

    entry.areas.add(w.eastwick)  # named areas are kept in the history too
    history = client.get(reverse("admin:narratives_entry_history", args=[entry.pk]))
    assert history.status_code == 200
    page = history.content.decode()
    assert "Colbury, second go." in page
    assert "<strong>Areas:</strong>" in page and "Eastwick" in page
    assert entry.history.count() == 3


def test_second_of_two_concurrent_edits_is_refused_and_the_first_survives(client, w):
    url = change_url(w.colbury_draft)
    login_verified(client, w.officer)
    first_page = client.get(url)
    second_page = client.get(url)  # the second person opened the same revision

    first = client.post(url, admin_form_data(first_page, text="First person's text."))
    assert first.status_code == 302
    second = client.post(url, admin_form_data(second_page, text="Second person's text."))

    assert second.status_code == 200
    assert "Someone else saved this entry" in second.content.decode()
    assert Entry.objects.get(pk=w.colbury_draft.pk).text == "First person's text."


def test_revision_is_a_hidden_field(client, w):
    login_verified(client, w.officer)
    page = client.get(change_url(w.colbury_draft)).content.decode()
    assert 'type="hidden" name="revision" value="1"' in page


def test_submitted_entry_is_read_only_for_its_officer(client, w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    login_verified(client, w.officer)
    url = change_url(w.colbury_draft)
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    refused = client.post(url, {"text": "Sneaky change", "revision": "2"})
    assert refused.status_code == 403
    assert Entry.objects.get(pk=w.colbury_draft.pk).text == "Colbury draft text."


def test_officer_submits_from_the_entry_page(client, w):
    login_verified(client, w.officer)
    url = change_url(w.colbury_draft)
    data = admin_form_data(client.get(url))
    data.update(
        {"CHANGE_FORM-action": "submit_selected", "_selected_action": str(w.colbury_draft.pk)}
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert Entry.objects.get(pk=w.colbury_draft.pk).status == Status.SUBMITTED
    assert "1 entry submitted." in messages_of(response)


SUBMIT_FROM_PAGE = {"CHANGE_FORM-action": "submit_selected", "index": "0"}


def test_an_action_run_with_unsaved_edits_saves_them_first(client, w):
    entry = w.colbury_draft
    login_verified(client, w.officer)
    url = change_url(entry)
    data = admin_form_data(client.get(url), text="Colbury edited before submitting.")
    response = client.post(url, {**data, **SUBMIT_FROM_PAGE, "_selected_action": str(entry.pk)})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.text, entry.status) == ("Colbury edited before submitting.", Status.SUBMITTED)
    saved = entry.history.filter(text="Colbury edited before submitting.").first()
    assert saved is not None and saved.history_user == w.officer  # the edit is on record
    said = messages_of(response)
    assert "Your changes were saved first, then “Submit for review” was run." in said
    assert "1 entry submitted." in said


def test_an_action_whose_edits_cannot_be_saved_is_not_run_and_keeps_the_text(client, w):
    entry = w.colbury_draft
    login_verified(client, w.officer)
    url = change_url(entry)
    data = admin_form_data(client.get(url), text="My careful rewrite of the Colbury entry.")
    Entry.objects.filter(pk=entry.pk).update(text="Someone else's text.", revision=7)
    response = client.post(url, {**data, **SUBMIT_FROM_PAGE, "_selected_action": str(entry.pk)})
    assert response.status_code == 200  # the page again, with the edits
    page = response.content.decode()
    assert "My careful rewrite of the Colbury entry." in page
    assert "Someone else saved this entry while you were editing it" in page
    assert "“Submit for review” was not run: your changes are not saved yet." in page
    entry.refresh_from_db()
    assert (entry.text, entry.status) == ("Someone else's text.", Status.DRAFT)


def test_bulk_submit_of_unchanged_copies_warns_and_asks(client, w):
    parent, child = entries_carry_forward(area=w.north, period=w.q2, by=w.officer)
    login_verified(client, w.officer)
    changelist = reverse("admin:narratives_entry_changelist")
    picked = {"action": "submit_selected", "_selected_action": [parent.pk, w.colbury_draft.pk]}
    asked = client.post(changelist, picked)
    assert asked.status_code == 200  # a question, not a result
    page = asked.content.decode()
    assert "2 of the entries to submit repeat last quarter's" in page  # the copy and its child
    assert parent.text[:30] in page and child.text[:30] in page
    assert Entry.objects.filter(status=Status.SUBMITTED).count() == 0

    kept = client.post(changelist, {**picked, "unchanged": "skip"})
    assert "1 entry submitted." in messages_of(kept)
    assert any("unchanged; update it first" in m for m in messages_of(kept))
    statuses = dict(Entry.objects.filter(period=w.q2).values_list("pk", "status"))
    assert statuses[w.colbury_draft.pk] == Status.SUBMITTED
    assert statuses[parent.pk] == statuses[child.pk] == Status.DRAFT

    sent = client.post(changelist, {**picked, "unchanged": "include"})
    assert "2 entries submitted." in messages_of(sent)
    assert Entry.objects.get(pk=child.pk).status == Status.SUBMITTED


def test_officer_has_no_approve_action(client, w):
    login_verified(client, w.officer)
    response = client.get(reverse("admin:narratives_entry_changelist"))
    choices = dict(response.context["action_form"].fields["action"].choices)
    assert "submit_selected" in choices
    assert "approve_selected" not in choices and "return_selected" not in choices
    forged = client.post(
        reverse("admin:narratives_entry_changelist"),
        {"action": "approve_selected", "_selected_action": [str(w.colbury_draft.pk)]},
    )
    assert "No action selected." in messages_of(forged)  # the action is not on offer
    assert Entry.objects.get(pk=w.colbury_draft.pk).status == Status.DRAFT


def test_analyst_approves_from_the_list(client, w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    login_verified(client, w.analyst)
    response = client.post(
        reverse("admin:narratives_entry_changelist"),
        {"action": "approve_selected", "_selected_action": [str(w.colbury_draft.pk)]},
    )
    assert response.status_code == 302
    assert Entry.objects.get(pk=w.colbury_draft.pk).status == Status.APPROVED


def test_analyst_returns_with_a_comment_the_officer_then_sees(client, w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    login_verified(client, w.analyst)
    changelist = reverse("admin:narratives_entry_changelist")
    chosen = {"action": "return_selected", "_selected_action": [str(w.colbury_draft.pk)]}
    ask = client.post(changelist, chosen)
    assert ask.status_code == 200
    assert "What should the officer change?" in ask.content.decode()

    empty = client.post(changelist, {**chosen, "confirm_return": "yes", "comment": " "})
    assert empty.status_code == 200
    assert Entry.objects.get(pk=w.colbury_draft.pk).status == Status.SUBMITTED

    done = client.post(
        changelist, {**chosen, "confirm_return": "yes", "comment": "Say how many hours."}
    )
    assert done.status_code == 302
    assert Entry.objects.get(pk=w.colbury_draft.pk).status == Status.RETURNED

    login_verified(client, w.officer)
    page = client.get(change_url(w.colbury_draft))
    assert page.context["has_change_permission"] is True
    assert "Say how many hours." in page.content.decode()


def test_nested_entry_added_on_the_parent_page_shares_its_commitment_and_period(client, w):
    login_verified(client, w.officer)
    url = change_url(w.colbury_draft)
    data = admin_form_data(client.get(url))
    prefix = "children"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-order": "1",
            f"{prefix}-0-text": "A sub-bullet written on the parent's page.",
            f"{prefix}-0-area": str(w.colbury.pk),
            f"{prefix}-0-parent": str(w.colbury_draft.pk),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    child = Entry.objects.get(parent=w.colbury_draft)
    assert (child.commitment, child.period, child.created_by) == (w.commitment, w.q2, w.officer)


def test_start_from_last_quarter_page(client, w):
    login_verified(client, w.officer)
    url = reverse("admin:narratives_entry_carry_forward")
    page = client.get(url)
    assert set(page.context["form"].fields["area"].queryset) == {w.north, w.colbury, w.eastwick}
    response = client.post(url, {"area": w.north.pk, "period": w.q2.pk})
    assert response.status_code == 302
    copies = Entry.objects.filter(period=w.q2, carried_forward_from__isnull=False)
    assert copies.count() == 2
    refused = client.post(url, {"area": w.marshby.pk, "period": w.q2.pk})
    assert refused.status_code == 200 and "area" in refused.context["form"].errors


def test_unchanged_carry_forward_is_flagged_in_the_list_and_on_the_page(client, w):
    parent, _ = entries_carry_forward(area=w.north, period=w.q2, by=w.officer)
    login_verified(client, w.analyst)
    listing = client.get(reverse("admin:narratives_entry_changelist")).content.decode()
    assert "unchanged ⚠" in listing
    page = client.get(change_url(parent)).content.decode()
    assert "repeats last quarter's text unchanged" in page


def test_analyst_restores_a_deleted_entry(client, w):
    login_verified(client, w.analyst)
    pk = w.last_colbury.pk
    delete = client.post(
        reverse("admin:narratives_entry_delete", args=[pk]), {"post": "yes"}, follow=True
    )
    assert delete.status_code == 200 and not Entry.objects.filter(pk=pk).exists()

    deleted_url = reverse("admin:narratives_entry_deleted")
    assert "Colbury volunteers" in client.get(deleted_url).content.decode()
    response = client.post(deleted_url, {"entry_id": pk})
    assert response.status_code == 302
    restored = Entry.objects.get(pk=pk)
    assert list(restored.operations.all()) == [w.gambit]
    assert Entry.objects.filter(parent=restored).count() == 1


@pytest.mark.parametrize("who", ["officer", "manager"])
def test_only_analysts_reach_deleted_entries(client, w, who):
    login_verified(client, getattr(w, who))
    assert client.get(reverse("admin:narratives_entry_deleted")).status_code == 403
    assert (
        client.post(reverse("admin:narratives_entry_deleted"), {"entry_id": 1}).status_code == 403
    )


def test_history_revert_is_refused(client, w):
    login_verified(client, w.analyst)
    record = w.colbury_draft.history.earliest()
    url = reverse(
        "admin:narratives_entry_simple_history", args=[w.colbury_draft.pk, record.history_id]
    )
    assert client.get(url).status_code == 200
    assert client.post(url, {"text": "Reverted"}).status_code == 403


def test_operation_page_lists_only_entries_of_the_users_areas(client, w):
    w.marshby_draft.operations.add(w.gambit)
    url = reverse("admin:narratives_operation_change", args=[w.gambit.pk])
    login_verified(client, w.officer)
    page = client.get(url).content.decode()
    assert "Colbury volunteers" in page and "Marshby draft text" not in page
    login_verified(client, w.analyst)
    assert "Marshby draft text" in client.get(url).content.decode()


def test_transitions_are_listed_read_only(client, w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    step = Transition.objects.get()
    login_verified(client, w.analyst)
    url = reverse("admin:narratives_transition_change", args=[step.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["has_change_permission"] is False
    assert client.post(url, {"comment": "rewritten"}).status_code == 403
    assert client.get(reverse("admin:narratives_transition_add")).status_code == 403


def test_officer_bulk_delete_spares_entries_past_their_stage(client, w):
    entry_submit(entry=w.colbury_draft, by=w.officer)
    own_draft = Entry.objects.create(
        commitment=w.commitment, period=w.q2, area=w.eastwick, text="Eastwick draft to drop."
    )
    login_verified(client, w.officer)
    changelist = reverse("admin:narratives_entry_changelist")
    chosen = [str(w.colbury_draft.pk), str(own_draft.pk)]
    refused = client.post(
        changelist, {"action": "delete_selected", "_selected_action": chosen, "post": "yes"}
    )
    assert refused.status_code == 403  # one of them is no longer theirs to delete
    assert Entry.objects.filter(pk__in=chosen).count() == 2

    client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [str(own_draft.pk)], "post": "yes"},
    )
    assert not Entry.objects.filter(pk=own_draft.pk).exists()
    assert own_draft.history.filter(history_type="-").get().history_user == w.officer


def test_after_the_deadline_officers_read_but_cannot_write(client, w):
    w.q2.entry_deadline = timezone.now() - datetime.timedelta(minutes=5)
    w.q2.save()
    login_verified(client, w.officer)
    url = change_url(w.colbury_draft)
    page = client.get(url)
    assert page.status_code == 200 and page.context["has_change_permission"] is False
    assert client.post(url, {"text": "Late", "revision": "1"}).status_code == 403
    assert client.get(reverse("admin:narratives_entry_add")).status_code == 403
    assert Entry.objects.get(pk=w.colbury_draft.pk).text == "Colbury draft text."

    login_verified(client, w.analyst)  # the PAU still finishes the period
    response = client.post(url, admin_form_data(client.get(url), text="Tidied by the PAU."))
    assert response.status_code == 302
    assert Entry.objects.get(pk=w.colbury_draft.pk).text == "Tidied by the PAU."
