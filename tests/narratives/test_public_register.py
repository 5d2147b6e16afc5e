"""The public register of operations shows only what published editions printed.

The audit's case: an officer adds "Operation NIGHTJAR (covert, draft only)" with a description to
a draft entry; logged out, the register must neither list it nor have a page for it. A
description is public only as an analyst approved it.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from narratives.editions.publishing import edition_publish
from narratives.models import Entry, Operation
from narratives.operations import operation_descriptions_approve, operation_slug
from narratives.public import entries_public, operations_public
from priorities.roles import MANAGER, OFFICER, user_save_with_role
from tests.builders.public_world import SECRET_WORDS, public_world
from tests.factories import EntryFactory, PeriodFactory
from tests.second_factor import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return public_world()


@pytest.fixture
def published(world):
    edition_publish(period=world.period, version="1.0", by=world.analyst)
    return world


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def operation_url(operation: Operation) -> str:
    return reverse("narratives:operation", args=[operation_slug(operation.key)])


def test_an_operation_only_in_a_draft_is_not_public(client, world):
    covert = Operation.objects.create(
        name="NIGHTJAR (covert, draft only)x", description="Watching 4 Elm Row."
    )
    draft = EntryFactory(status="draft", text="Operation NIGHTJAR started.")
    draft.operations.add(covert)
    register = page(client, "/operations/")
    assert "NIGHTJAR" not in register and "Elm Row" not in register
    assert "No operation has been named in a published edition yet." in register
    assert client.get(operation_url(covert)).status_code == 404


def test_the_register_lists_only_operations_printed_in_public_editions(
    client, published, django_assert_max_num_queries
):
    # Operation keys of the published editions; the operations; the request's savepoints.
    with django_assert_max_num_queries(4):
        register = page(client, "/operations/")
    assert 'href="/operations/lantern/"' in register
    for word in SECRET_WORDS:
        assert word.lower() not in register.lower()
    assert [op.key for op in operations_public()] == ["LANTERN"]
    for hidden in (published.nightjar, published.kestrel, published.merlin):
        assert client.get(operation_url(hidden)).status_code == 404


def test_an_operation_page_shows_only_printed_mentions(
    client, published, django_assert_max_num_queries
):
    # Keys, the operation, the latest version of each quarter and its JSON, the entries
    # withheld since (one query per level of nesting: 3 here), the request's savepoints.
    with django_assert_max_num_queries(9):
        text = page(client, operation_url(published.lantern))
    assert "Operation LANTERN closed two cannabis farms." in text
    # The officer's description waits for an analyst.
    assert "targets cannabis supply" not in text
    for word in SECRET_WORDS:
        assert word.lower() not in text.lower()


def test_an_operation_withheld_after_publication_leaves_the_register(client, published):
    Operation.objects.filter(pk=published.lantern.pk).update(not_for_publication=True)
    assert "LANTERN" not in page(client, "/operations/").upper()
    assert client.get(operation_url(published.lantern)).status_code == 404


def test_a_description_is_public_only_as_an_analyst_approved_it(client, published):
    lantern = published.lantern
    assert operation_descriptions_approve(operations=[lantern], by=published.analyst) == 1
    assert "Officer&#x27;s wording: targets cannabis supply." in page(
        client, operation_url(lantern)
    )
    lantern.description = "Officer's new wording, not yet approved."
    lantern.save()
    text = page(client, operation_url(lantern))
    assert "not yet approved" not in text and "targets cannabis supply" in text
    lantern.refresh_from_db()
    assert lantern.description_approved_by == published.analyst
    assert lantern.history.filter(history_user=published.analyst).count() == 1


@pytest.mark.parametrize("role", [OFFICER, MANAGER])
def test_only_analysts_approve_descriptions(world, role):
    user = user_save_with_role(username=f"not-an-analyst-{role}", role=role)
    with pytest.raises(PermissionDenied, match="Only analysts"):
        operation_descriptions_approve(operations=[world.lantern], by=user)
    world.lantern.refresh_from_db()
    assert world.lantern.approved_description == ""


def test_analyst_approves_with_the_admin_checkbox_and_action(client, world):
    login_verified(client, world.analyst)
    change = reverse("admin:narratives_operation_change", args=[world.lantern.pk])
    form = page(client, change)
    assert "Approve this description for the public register" in form
    response = client.post(
        change,
        {
            "name": "Lantern",
            "description": "Reviewed wording.",
            "approve_description": "on",
            **inline_management(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    world.lantern.refresh_from_db()
    assert world.lantern.approved_description == "Reviewed wording."
    changelist = reverse("admin:narratives_operation_changelist")
    client.post(
        changelist,
        {"action": "approve_descriptions", "_selected_action": [world.merlin.pk]},
    )
    world.merlin.refresh_from_db()
    assert world.merlin.approved_description == "MERLIN planned raids."


def test_an_officer_sees_no_approval_and_cannot_approve(client, world):
    officer = user_save_with_role(username="north-officer", role=OFFICER)
    login_verified(client, officer)
    add = page(client, reverse("admin:narratives_operation_add"))
    assert 'name="not_for_publication"' in add
    assert "approve_description" not in add
    changelist = reverse("admin:narratives_operation_changelist")
    client.post(
        changelist,
        {"action": "approve_descriptions", "_selected_action": [world.lantern.pk]},
    )
    world.lantern.refresh_from_db()
    assert world.lantern.approved_description == ""


def inline_management() -> dict:
    prefix = "Entry_operations-"
    return {
        f"{prefix}TOTAL_FORMS": "0",
        f"{prefix}INITIAL_FORMS": "0",
        f"{prefix}MIN_NUM_FORMS": "0",
        f"{prefix}MAX_NUM_FORMS": "0",
    }


def test_entries_public_is_what_the_search_may_show(published, django_assert_num_queries):
    unpublished = PeriodFactory(year=2020, quarter=3)
    EntryFactory(period=unpublished, status="approved", text="Approved, quarter not published.")
    # Withheld entries, then one query per level nested under them (one level, then none
    # left), then the entries themselves.
    with django_assert_num_queries(4):
        texts = set(entries_public().values_list("text", flat=True))
    assert texts == {
        "Operation LANTERN closed two cannabis farms.",
        "Cadets helped at 9 community events.",
    }
    assert Entry.objects.filter(status="approved").count() == 6
