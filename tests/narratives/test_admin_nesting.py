"""Nesting an entry under another on the entry page: an officer nests only under entries of
their areas, and the page never shows the text of an entry outside them."""

import pytest
from django.urls import reverse

from narratives.entries.workflow import entry_save, entry_submit
from narratives.models import Entry
from tests.priorities.adminforms import admin_form_data
from tests.priorities.world import build_world
from tests.second_factor import login_verified

OUTSIDE = "(entry outside your areas)"


@pytest.fixture
def w(db):
    w = build_world()
    w.force_bullet = Entry.objects.create(
        commitment=w.commitment,
        period=w.q2,
        area=w.force,
        order=1,
        text="Force-wide bullet only the PAU writes.",
    )
    return w


def change_url(entry):
    return reverse("admin:narratives_entry_change", args=[entry.pk])


def test_officer_cannot_nest_under_an_entry_outside_their_areas(client, w):
    login_verified(client, w.officer)
    for parent in (w.force_bullet, w.marshby_draft):
        data = admin_form_data(client.get(change_url(w.colbury_draft)), parent=str(parent.pk))
        response = client.post(change_url(w.colbury_draft), data)
        assert response.status_code == 200
        assert "parent" in response.context["adminform"].form.errors
        # Re-shown with the refused id, the box still does not name that entry.
        assert parent.text not in response.content.decode()
        w.colbury_draft.refresh_from_db()
        assert w.colbury_draft.parent_id is None


def test_officer_nests_under_an_entry_of_their_areas(client, w):
    north_bullet = Entry.objects.create(
        commitment=w.commitment, period=w.q2, area=w.north, text="North LPA bullet."
    )
    login_verified(client, w.officer)
    data = admin_form_data(client.get(change_url(w.colbury_draft)), parent=str(north_bullet.pk))
    response = client.post(change_url(w.colbury_draft), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    w.colbury_draft.refresh_from_db()
    assert w.colbury_draft.parent == north_bullet
    page = client.get(change_url(w.colbury_draft)).content.decode()
    assert "North LPA bullet." in page


def test_parent_outside_the_officers_areas_is_kept_but_not_shown(client, w):
    """The PAU may nest a district's entry under a force-wide bullet; its officer still edits
    the entry, keeps that nesting, and does not read the force-wide text."""
    w.colbury_draft.parent = w.force_bullet
    w.colbury_draft.save()
    login_verified(client, w.officer)
    response = client.get(change_url(w.colbury_draft))
    page = response.content.decode()
    assert w.force_bullet.text not in page
    assert OUTSIDE in page
    data = admin_form_data(response, text="Colbury draft, rewritten by its officer.")
    response = client.post(change_url(w.colbury_draft), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    w.colbury_draft.refresh_from_db()
    assert (w.colbury_draft.parent, w.colbury_draft.text) == (
        w.force_bullet,
        "Colbury draft, rewritten by its officer.",
    )


def test_analyst_sees_the_parent_it_chose(client, w):
    w.colbury_draft.parent = w.force_bullet
    w.colbury_draft.save()
    login_verified(client, w.analyst)
    page = client.get(change_url(w.colbury_draft)).content.decode()
    assert w.force_bullet.text in page
    assert OUTSIDE not in page


def test_parent_lookup_popup_lists_only_the_officers_entries(client, w):
    login_verified(client, w.officer)
    url = reverse("admin:narratives_entry_changelist") + "?_popup=1&_to_field=id"
    response = client.get(url)
    assert response.status_code == 200
    listed = set(response.context["cl"].result_list)
    assert w.colbury_draft in listed
    assert not listed & {w.force_bullet, w.marshby_draft}
    assert w.force_bullet.text[:40] not in response.content.decode()


def test_entry_cannot_be_nested_under_its_own_sub_bullet(client, w):
    child = Entry.objects.create(
        commitment=w.commitment,
        period=w.q2,
        area=w.colbury,
        parent=w.colbury_draft,
        text="Colbury sub-bullet.",
    )
    login_verified(client, w.officer)
    data = admin_form_data(client.get(change_url(w.colbury_draft)), parent=str(child.pk))
    response = client.post(change_url(w.colbury_draft), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"] == [
        "An entry cannot be nested under one of its own nested entries."
    ]
    w.colbury_draft.refresh_from_db()
    assert w.colbury_draft.parent_id is None


def test_history_names_a_parent_only_to_those_who_may_see_it(client, w):
    w.colbury_draft.parent = w.force_bullet
    entry_save(entry=w.colbury_draft, by=w.analyst)
    url = reverse("admin:narratives_entry_history", args=[w.colbury_draft.pk])
    login_verified(client, w.officer)
    page = client.get(url).content.decode()
    assert w.force_bullet.text not in page
    assert f"entry {w.force_bullet.pk} (not shown" in page
    login_verified(client, w.analyst)
    assert w.force_bullet.text in client.get(url).content.decode()


def test_read_only_entry_page_names_a_parent_only_to_those_who_may_see_it(client, w):
    w.colbury_draft.parent = w.force_bullet
    entry_save(entry=w.colbury_draft, by=w.analyst)
    entry_submit(entry=w.colbury_draft, by=w.officer)
    login_verified(client, w.officer)
    page = client.get(change_url(w.colbury_draft)).content.decode()
    assert "Colbury draft text." in page  # the officer reads their submitted entry
    assert w.force_bullet.text not in page
    assert "an entry outside your areas" in page  # named without its raw id
    login_verified(client, w.manager)
    assert w.force_bullet.text in client.get(change_url(w.colbury_draft)).content.decode()
