"""An officer's area label is kept as typed, the areas it names linked beside it (issue 10.3)."""

import pytest
from django.urls import reverse

from narratives.editions.assembly import edition_assemble
from narratives.entries.workflow import entry_approve, entry_submit
from narratives.models import Entry
from priorities.models import AreaAlias
from tests.priorities.adminforms import admin_form_data
from tests.priorities.world import build_world


@pytest.fixture
def w(db):
    world = build_world()
    AreaAlias.objects.create(name="Colbury Quay", area=world.colbury)
    return world


def add(client, w, **fields):
    client.force_login(w.officer)
    url = reverse("admin:narratives_entry_add")
    data = admin_form_data(
        client.get(url), commitment=str(w.commitment.pk), period=str(w.q2.pk), **fields
    )
    return client.post(url, data)


def test_a_typed_label_is_kept_as_written_and_printed_so(client, w):
    response = add(
        client, w, area=str(w.colbury.pk), area_label="Colbury Quay", text="Harbour patrols."
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = Entry.objects.get(text="Harbour patrols.")
    assert entry.area_label == "Colbury Quay" and entry.area == w.colbury
    entry_submit(entry=entry, by=w.officer)
    entry_approve(entry=Entry.objects.get(pk=entry.pk), by=w.analyst)
    printed = [
        node.label
        for group in edition_assemble(period=w.q2).priorities[0].commitments[0].groups
        for block in group.blocks
        for node in block.entries
        if node.id == entry.pk
    ]
    assert printed == ["Colbury Quay"]


def test_a_label_naming_two_districts_links_both(client, w):
    response = add(
        client,
        w,
        area=str(w.colbury.pk),
        area_label="Eastwick and Colbury",
        text="Joint days of action.",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = Entry.objects.get(text="Joint days of action.")
    assert entry.area_label == "Eastwick and Colbury"
    assert set(entry.areas.all()) == {w.colbury, w.eastwick}


def test_a_label_naming_an_area_of_another_lpa_is_refused_with_why(client, w):
    response = add(
        client, w, area=str(w.colbury.pk), area_label="Marshby", text="Which area is it?"
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["area_label"]
    assert "Marshby" in errors[0] and "Colbury" in errors[0]
    assert not Entry.objects.filter(text="Which area is it?").exists()


def test_a_label_that_names_no_area_is_words_and_kept(client, w):
    response = add(
        client, w, area=str(w.north.pk), area_label="Town Centre Team", text="Night-time work."
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Entry.objects.get(text="Night-time work.").area_label == "Town Centre Team"
