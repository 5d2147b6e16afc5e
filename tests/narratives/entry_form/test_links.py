"""Operations and places named in an entry's text are proposed as links; only what the officer
ticks is linked, and an operation joins the register only when ticked."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from narratives.models import Entry, Operation
from priorities.models import Area, AreaAlias
from tests.priorities.adminforms import admin_form_data
from tests.priorities.world import build_world
from tests.second_factor import login_verified

PROPOSE = "admin:narratives_entry_propose_links"
TEXT = "Operation KESTREL and Operation GAMBIT in Basildon, Marshby and Eastwick."


@pytest.fixture
def w(db):
    w = build_world()
    w.basildon = Area.objects.create(name="Basildon", kind="district", parent=w.north, order=3)
    AreaAlias.objects.create(name="Wickford", area=w.basildon)
    return w


def propose(client, text, **extra):
    return client.post(reverse(PROPOSE), {"text": text, **extra})


def values(answer) -> set[str]:
    return {p["value"] for p in answer["offered"]}


def test_the_text_proposes_operations_known_or_not_and_the_officers_areas(client, w):
    login_verified(client, w.officer)
    answer = propose(client, TEXT).json()
    labels = {p["label"] for p in answer["offered"]}
    assert labels == {
        "Operation KESTREL is not in the register: add it and link it",
        "Link Operation GAMBIT",
        "Link Basildon",
        "Link Eastwick",
    }
    assert values(answer) == {
        "op:KESTREL",
        "op:GAMBIT",
        f"area:{w.basildon.pk}",
        f"area:{w.eastwick.pk}",
    }
    # Marshby lies in South LPA: said, not offered.
    assert answer["notes"] == ["Marshby is outside your areas, so it is not linked from here."]


def test_an_alias_is_proposed_as_its_area_and_lowercase_words_are_not_places(client, w):
    login_verified(client, w.officer)
    answer = propose(client, "Patrols in Wickford; eastwick in lower case is no name.").json()
    assert [p["label"] for p in answer["offered"]] == ["Link Basildon (written “Wickford”)"]


def test_what_is_linked_already_is_said_not_offered(client, w):
    w.colbury_draft.operations.add(w.gambit)
    login_verified(client, w.officer)
    answer = propose(client, "Operation GAMBIT again.", entry=w.colbury_draft.pk).json()
    assert answer == {"offered": [], "notes": ["Operation GAMBIT is linked."]}
    # An entry outside the officer's areas tells nothing about its links.
    w.marshby_draft.operations.add(w.gambit)
    answer = propose(client, "Operation GAMBIT again.", entry=w.marshby_draft.pk).json()
    assert values(answer) == {"op:GAMBIT"}


def test_the_answer_is_for_staff_who_write_entries_with_the_csrf_token(client, w):
    assert propose(client, TEXT).status_code == 302  # to the login page
    login_verified(client, w.manager)
    assert propose(client, TEXT).status_code == 403
    login_verified(client, w.officer)
    assert client.get(reverse(PROPOSE)).status_code == 405
    checked = Client(enforce_csrf_checks=True)
    login_verified(checked, w.officer)
    assert propose(checked, TEXT).status_code == 403  # no token
    page = checked.get(reverse("admin:narratives_entry_add"))
    token = page.cookies["csrftoken"].value
    response = checked.post(reverse(PROPOSE), {"text": TEXT}, headers={"X-CSRFToken": token})
    assert response.status_code == 200


def test_hostile_text_comes_back_as_data(client, w):
    login_verified(client, w.officer)
    hostile = "<script>alert(1)</script> Operation <b>X</b> Operation O'BRIEN\"><img src=x>"
    answer = propose(client, hostile).json()
    assert values(answer) == {"op:O'BRIEN"}
    response = propose(client, hostile)
    assert response["Content-Type"] == "application/json"
    assert values(propose(client, "\x00\u202e Operation ZERO").json()) == {"op:ZERO"}


def test_ten_thousand_characters_are_read_quickly(client, w):
    login_verified(client, w.officer)
    text = ("Operations ALPHA & BRAVO & CHARLIE in Basildon and Eastwick, " * 200)[:10_000]
    started = time.perf_counter()
    answer = propose(client, text + " Operation LAST").json()
    took = time.perf_counter() - started
    assert {"op:ALPHA", "op:BRAVO", "op:CHARLIE", f"area:{w.basildon.pk}"} <= values(answer)
    assert took < 5, f"{took:.1f} s"  # a generous ceiling: a runaway pattern takes minutes
    assert propose(client, "x" * 200_000).status_code == 400


def add_data(client, w, text, ticked):
    return admin_form_data(
        client.get(reverse("admin:narratives_entry_add")),
        commitment=str(w.commitment.pk),
        area=str(w.colbury.pk),
        text=text,
        proposed_links=ticked,
    )


def test_only_the_ticked_proposals_are_linked(client, w):
    login_verified(client, w.officer)
    data = add_data(client, w, TEXT, ["op:GAMBIT", f"area:{w.basildon.pk}"])
    response = client.post(reverse("admin:narratives_entry_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = Entry.objects.get(text=TEXT)
    assert list(entry.operations.all()) == [w.gambit]
    assert list(entry.areas.all()) == [w.basildon]
    assert not Operation.objects.filter(key="KESTREL").exists()  # not ticked, not added


def test_a_new_operation_joins_the_register_only_when_ticked(client, w):
    login_verified(client, w.officer)
    response = client.post(
        reverse("admin:narratives_entry_add"), add_data(client, w, TEXT, ["op:KESTREL"])
    )
    assert response.status_code == 302
    kestrel = Operation.objects.get(key="KESTREL")
    assert kestrel.history.get().history_user == w.officer
    assert list(Entry.objects.get(text=TEXT).operations.all()) == [kestrel]


def test_ticks_the_text_does_not_propose_are_dropped(client, w):
    login_verified(client, w.officer)
    ticked = ["op:INVENTED", f"area:{w.marshby.pk}", "area:x", "nonsense"]
    response = client.post(
        reverse("admin:narratives_entry_add"), add_data(client, w, "No names here.", ticked)
    )
    assert response.status_code == 302
    entry = Entry.objects.get(text="No names here.")
    assert not entry.operations.exists() and not entry.areas.exists()
    assert not Operation.objects.filter(key="INVENTED").exists()


def test_without_script_the_proposals_appear_after_save_and_continue(client, w):
    login_verified(client, w.officer)
    url = reverse("admin:narratives_entry_change", args=[w.colbury_draft.pk])
    data = admin_form_data(client.get(url), text=TEXT, _continue="1")
    assert client.post(url, data).status_code == 302
    page = client.get(url).content.decode()
    assert 'value="op:KESTREL"' in page and "add it and link it" in page
    assert f'value="area:{w.basildon.pk}"' in page
    assert not w.colbury_draft.operations.exists()  # nothing linked until ticked
    data = admin_form_data(client.get(url), proposed_links=["op:KESTREL"])
    assert client.post(url, data).status_code == 302
    assert [op.name for op in w.colbury_draft.operations.all()] == ["KESTREL"]
    assert "Operation KESTREL is linked." in client.get(url).content.decode()
