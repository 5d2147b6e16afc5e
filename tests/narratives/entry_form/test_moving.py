"""Nested entries are put in order by Move up and Move down, through entry_move."""

import pytest
from django.urls import reverse

from narratives.entries.moving import entry_move
from narratives.entries.workflow import WorkflowError, entry_submit
from narratives.models import Entry
from tests.priorities.adminforms import admin_form_data
from tests.priorities.world import build_world
from tests.second_factor import login_verified


@pytest.fixture
def w(db):
    w = build_world()
    parent = w.colbury_draft
    w.kids = [
        Entry.objects.create(
            commitment=parent.commitment,
            period=parent.period,
            area=w.colbury,
            parent=parent,
            text=f"Sub-bullet {name}.",
        )
        for name in "ABC"
    ]
    return w


def texts(w) -> list[str]:
    return [e.text for e in w.colbury_draft.children.order_by("order", "pk")]


def test_moving_up_and_down_renumbers_the_nested_entries(w):
    a, b, c = w.kids
    assert entry_move(entry=c, by=w.officer, direction="up") is True
    assert texts(w) == ["Sub-bullet A.", "Sub-bullet C.", "Sub-bullet B."]
    assert [e.order for e in w.colbury_draft.children.order_by("order", "pk")] == [1, 2, 3]
    assert entry_move(entry=a, by=w.officer, direction="down") is True
    assert texts(w) == ["Sub-bullet C.", "Sub-bullet A.", "Sub-bullet B."]
    c.refresh_from_db()
    assert entry_move(entry=c, by=w.officer, direction="up") is False  # first already
    assert (c.revision, c.modified_by) == (3, w.officer)  # each renumbering a recorded save
    assert c.history.first().history_user == w.officer


def test_moving_is_refused_past_an_entry_the_user_may_not_change(w):
    a, b, c = w.kids
    entry_submit(entry=w.colbury_draft, by=w.officer)  # its nested entries go with it
    with pytest.raises(WorkflowError, match="cannot be moved at its current stage"):
        entry_move(entry=c, by=w.officer, direction="up")
    assert texts(w) == ["Sub-bullet A.", "Sub-bullet B.", "Sub-bullet C."]


def test_a_main_entry_is_not_moved_here(w):
    with pytest.raises(WorkflowError, match="Only a nested entry"):
        entry_move(entry=w.colbury_draft, by=w.officer, direction="up")
    with pytest.raises(WorkflowError, match="up or down"):
        entry_move(entry=w.kids[0], by=w.officer, direction="sideways")


def test_move_buttons_on_the_page_save_the_edits_first(client, w):
    login_verified(client, w.officer)
    url = reverse("admin:narratives_entry_change", args=[w.colbury_draft.pk])
    page = client.get(url)
    assert f'name="_move" value="{w.kids[2].pk}:up"' in page.content.decode()
    data = admin_form_data(page, text="Colbury, edited before moving.")
    data["_move"] = f"{w.kids[2].pk}:up"
    response = client.post(url, data)
    assert response.status_code == 302 and response.url.endswith("#children-group")
    assert texts(w) == ["Sub-bullet A.", "Sub-bullet C.", "Sub-bullet B."]
    w.colbury_draft.refresh_from_db()
    assert w.colbury_draft.text == "Colbury, edited before moving."


def test_a_move_alone_saves_nothing_else(client, w):
    login_verified(client, w.officer)
    url = reverse("admin:narratives_entry_change", args=[w.colbury_draft.pk])
    data = admin_form_data(client.get(url))
    data["_move"] = f"{w.kids[1].pk}:down"
    assert client.post(url, data).status_code == 302
    assert texts(w) == ["Sub-bullet A.", "Sub-bullet C.", "Sub-bullet B."]
    w.colbury_draft.refresh_from_db()
    assert w.colbury_draft.revision == 1  # the entry itself was not saved again


def test_a_move_whose_edits_cannot_be_saved_moves_nothing(client, w):
    login_verified(client, w.officer)
    url = reverse("admin:narratives_entry_change", args=[w.colbury_draft.pk])
    data = admin_form_data(client.get(url), text="")  # the entry's text is required
    data["_move"] = f"{w.kids[2].pk}:up"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Nothing was moved" in response.content.decode()
    assert texts(w) == ["Sub-bullet A.", "Sub-bullet B.", "Sub-bullet C."]


def test_a_new_nested_entry_goes_last(client, w):
    entry_move(entry=w.kids[0], by=w.officer, direction="down")  # numbered 1, 2, 3 now
    login_verified(client, w.officer)
    url = reverse("admin:narratives_entry_change", args=[w.colbury_draft.pk])
    data = admin_form_data(client.get(url))
    data.update(
        {
            "children-TOTAL_FORMS": "4",
            "children-3-text": "Sub-bullet D.",
            "children-3-area": str(w.colbury.pk),
            "children-3-parent": str(w.colbury_draft.pk),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert texts(w)[-1] == "Sub-bullet D."
