"""The entry page as an officer uses it: full commitment names, the open quarter chosen, the
entry to nest under offered and checked by commitment and quarter, no database words."""

import re

import pytest
from django.urls import reverse

from narratives.models import Entry
from priorities.models import Commitment
from tests.narratives.entry_form.visible import visible_text
from tests.priorities.adminforms import admin_form_data
from tests.priorities.world import build_world
from tests.second_factor import login_verified

ADD = "admin:narratives_entry_add"
LONG = (
    "Reduce drug driven violence by disrupting county lines, safeguarding the children they "
    "exploit and working with partners in every district to close down the places they use"
)


@pytest.fixture
def w(db):
    w = build_world()
    w.long = Commitment.objects.create(priority=w.priority, order=3, lead_in="", text=LONG)
    return w


def change_url(entry):
    return reverse("admin:narratives_entry_change", args=[entry.pk])


def test_commitments_are_offered_by_their_full_names_under_their_priority(client, w):
    login_verified(client, w.officer)
    page = client.get(reverse(ADD)).content.decode()
    assert f"1.3 {LONG}" in page  # whole, not cut at 80 characters
    assert 'type="radio" name="commitment"' in page
    assert "<legend>Priority 1 – Local, visible policing</legend>" in page


def test_the_quarter_open_for_entry_is_chosen_on_a_new_entry(client, w):
    login_verified(client, w.officer)
    form = client.get(reverse(ADD)).context["adminform"].form
    assert form.initial["period"] == w.q2.pk
    assert f'<option value="{w.q2.pk}" selected>' in str(form["period"])


def test_my_quarters_prefills_are_kept(client, w):
    login_verified(client, w.analyst)
    query = f"?commitment={w.commitment2.pk}&area={w.eastwick.pk}&period={w.q1.pk}"
    form = client.get(reverse(ADD) + query).context["adminform"].form
    assert str(form["commitment"]).count("checked") == 1
    assert re.search(rf'value="{w.commitment2.pk}"[^>]*checked', str(form["commitment"]))
    assert re.search(rf'<option value="{w.eastwick.pk}" selected>', str(form["area"]))
    assert re.search(rf'<option value="{w.q1.pk}" selected>', str(form["period"]))


def test_an_officer_with_one_area_has_it_chosen(client, w):
    login_verified(client, w.marsh_officer)
    form = client.get(reverse(ADD)).context["adminform"].form
    assert form.initial["area"] == w.marshby.pk


def test_nested_under_offers_only_entries_of_the_same_commitment_and_quarter(client, w):
    other_commitment = Entry.objects.create(
        commitment=w.commitment2, period=w.q2, area=w.colbury, text="Other commitment bullet."
    )
    child = Entry.objects.create(
        commitment=w.commitment, period=w.q2, area=w.colbury, parent=w.colbury_draft, text="Sub."
    )
    sibling = Entry.objects.create(
        commitment=w.commitment, period=w.q2, area=w.eastwick, text="Eastwick bullet."
    )
    login_verified(client, w.officer)
    field = client.get(change_url(w.colbury_draft)).context["adminform"].form["parent"]
    offered = {value for value, _ in field.field.choices if value}
    # Not itself, nor its own sub-bullet, nor another commitment's, nor last quarter's, nor
    # another area's (Marshby).
    assert offered == {sibling.pk}
    assert "Eastwick: Eastwick bullet." in str(field)
    assert other_commitment.text not in str(field) and child.text not in str(field)


def test_a_new_entry_offers_no_parents_until_the_commitment_is_known(client, w):
    login_verified(client, w.officer)
    field = client.get(reverse(ADD)).context["adminform"].form["parent"]
    assert [value for value, _ in field.field.choices] == [""]
    query = f"?commitment={w.commitment.pk}"
    field = client.get(reverse(ADD) + query).context["adminform"].form["parent"]
    assert {v for v, _ in field.field.choices if v} == {w.colbury_draft.pk}


def test_a_parent_of_another_commitment_is_refused_with_a_clear_message(client, w):
    elsewhere = Entry.objects.create(
        commitment=w.commitment2, period=w.q2, area=w.colbury, text="Other commitment bullet."
    )
    login_verified(client, w.officer)
    url = change_url(w.colbury_draft)
    response = client.post(url, admin_form_data(client.get(url), parent=str(elsewhere.pk)))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"] == [
        "Nest an entry only under an entry of the same commitment and quarter; choose one of "
        "those offered, or none."
    ]
    w.colbury_draft.refresh_from_db()
    assert w.colbury_draft.parent_id is None


def test_the_parent_choices_answer_follows_commitment_and_quarter(client, w):
    login_verified(client, w.officer)
    url = reverse("admin:narratives_entry_parent_choices")
    answer = client.get(url, {"commitment": w.commitment.pk, "period": w.q2.pk}).json()
    assert answer == {"choices": [[w.colbury_draft.pk, "Colbury: Colbury draft text."]]}
    mine = {"commitment": w.commitment.pk, "period": w.q2.pk, "entry": w.colbury_draft.pk}
    assert client.get(url, mine).json() == {"choices": []}
    assert client.get(url, {"commitment": "x"}).json() == {"choices": []}
    login_verified(client, w.manager)
    assert client.get(url, {"commitment": w.commitment.pk}).status_code == 403


JARGON = re.compile(r"\b(revision|order|id)\b", re.IGNORECASE)


@pytest.mark.parametrize("page", ["add", "change"])
def test_no_database_words_or_raw_ids_on_the_page(client, w, page):
    Entry.objects.create(
        commitment=w.commitment,
        period=w.q2,
        area=w.colbury,
        parent=w.colbury_draft,
        text="A nested entry.",
    )
    login_verified(client, w.officer)
    url = reverse(ADD) if page == "add" else change_url(w.colbury_draft)
    html = client.get(url).content.decode()
    seen = visible_text(html)
    assert "Colbury draft text." in seen or page == "add"
    assert "Move up" in seen or page == "add"  # the nested entries are read too
    assert not JARGON.findall(seen), JARGON.findall(seen)
    assert not re.search(r"\bentry \d+\b", seen)
    assert "vForeignKeyRawIdAdminField" not in html  # the parent is chosen by its words
    assert 'name="order"' not in html and "-order" not in html
    assert 'type="hidden" name="revision"' in html  # still checked on save


def test_the_revision_check_still_refuses_a_stale_save(client, w):
    login_verified(client, w.officer)
    url = change_url(w.colbury_draft)
    first, second = client.get(url), client.get(url)
    assert client.post(url, admin_form_data(first, text="First.")).status_code == 302
    response = client.post(url, admin_form_data(second, text="Second."))
    assert response.status_code == 200
    assert "Someone else saved this entry" in response.content.decode()


def test_read_only_page_names_the_full_commitment_and_no_revision(client, w):
    entry = Entry.objects.create(
        commitment=w.long, period=w.q1, area=w.colbury, text="Last quarter's entry."
    )
    login_verified(client, w.officer)
    response = client.get(change_url(entry))
    seen = visible_text(response.content.decode())
    assert response.context["has_change_permission"] is False
    assert f"1.3 {LONG}" in seen
    assert not JARGON.findall(seen)
