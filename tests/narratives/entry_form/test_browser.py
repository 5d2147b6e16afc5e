"""The entry page in Chromium: links proposed as the officer types, only the ticked one linked;
no axe-core violation and no sideways scrolling on the add and change pages at 1280 and 320 px."""

import re

import pytest
from playwright.sync_api import expect

from narratives.models import Entry, Operation
from priorities.models import Area
from tests.browser.test_accessibility import REFLOW_PROBLEMS, axe_violations
from tests.browser.test_journeys import log_in
from tests.priorities.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "Operation KESTREL in Basildon"


def world():
    w = build_world(password=PASSWORD)
    w.basildon = Area.objects.create(name="Basildon", kind="district", parent=w.north, order=3)
    Entry.objects.create(
        commitment=w.commitment,
        period=w.q2,
        area=w.colbury,
        parent=w.colbury_draft,
        text="A nested entry, to be moved.",
    )
    return w


def test_an_officer_ticks_one_proposed_link_and_only_that_is_linked(page, live_server):
    w = world()
    log_in(page, live_server.url, "north.officer")
    page.goto(f"{live_server.url}/admin/narratives/entry/add/")
    page.get_by_label("Grow the volunteer police family.", exact=False).check()
    page.locator("#id_area").select_option(label="Colbury")
    page.locator("#id_text").press_sequentially(TEXT, delay=10)

    proposals = page.locator(".pcp-proposals")
    kestrel = proposals.get_by_label("Operation KESTREL is not in the register: add it and link it")
    expect(kestrel).to_be_visible()
    expect(proposals.get_by_label("Link Basildon")).to_be_visible()
    expect(proposals.get_by_role("status")).to_contain_text("2 links found in the text")
    assert not Operation.objects.filter(key="KESTREL").exists()  # nothing yet, only proposed

    kestrel.check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Operation KESTREL added to the register")
    entry = Entry.objects.get(text=TEXT)
    assert [op.key for op in entry.operations.all()] == ["KESTREL"]
    assert (entry.area, entry.period) == (w.colbury, w.q2)  # the open quarter, chosen for them
    assert not entry.areas.exists()  # Basildon was proposed, not ticked


def test_nested_under_follows_the_chosen_commitment(page, live_server):
    w = world()
    log_in(page, live_server.url, "north.officer")
    page.goto(f"{live_server.url}/admin/narratives/entry/add/")
    parent = page.locator("#id_parent")
    expect(parent.locator("option")).to_have_count(1)  # none until the commitment is known
    page.get_by_label("Grow the volunteer police family.", exact=False).check()
    expect(parent.locator("option")).to_have_count(3)  # none, and the two Q2 Colbury entries
    expect(parent).to_contain_text("Colbury: Colbury draft text.")
    page.get_by_label("Make it easier to reach us.", exact=False).check()
    expect(parent.locator("option")).to_have_count(1)
    assert w.colbury_draft.parent_id is None


def test_the_add_and_change_pages_pass_axe_and_reflow(page, live_server):
    w = world()
    log_in(page, live_server.url, "north.officer")
    found = []
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for path in (
            "/admin/narratives/entry/add/",
            f"/admin/narratives/entry/{w.colbury_draft.pk}/change/",
        ):
            page.goto(f"{live_server.url}{path}")
            page.locator("#id_text").press_sequentially(" Operation GAMBIT in Eastwick.")
            expect(page.locator(".pcp-proposals")).to_contain_text("Link Eastwick")
            found += axe_violations(page, f"{path} at {width} px")
            found += [f"{path} at {width} px: {p}" for p in page.evaluate(REFLOW_PROBLEMS)]
    assert not found, "\n".join(found)


def test_a_nested_entry_is_moved_by_keyboard(page, live_server):
    w = world()
    Entry.objects.create(
        commitment=w.commitment, period=w.q2, area=w.colbury, parent=w.colbury_draft, text="Last."
    )
    log_in(page, live_server.url, "north.officer")
    page.goto(f"{live_server.url}/admin/narratives/entry/{w.colbury_draft.pk}/change/")
    button = page.get_by_role("button", name=re.compile(r"^Move up\s*: Last\.$"))
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("“Last.” moved up.")
    children = w.colbury_draft.children.order_by("order", "pk")
    assert [e.text for e in children] == ["Last.", "A nested entry, to be moved."]
