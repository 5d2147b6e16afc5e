"""Edits on a page are never lost to a button that does something else (issue 10, items 1, 8)."""

import pytest
from playwright.sync_api import expect

from narratives.entries.workflow import entries_return, entries_submit
from narratives.models import Entry
from tests.browser.test_journeys import log_in
from tests.priorities.world import PASSWORD, build_world, many_entries

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_submit_from_the_action_menu_without_pressing_save_keeps_the_edit(page, live_server):
    w = build_world(password=PASSWORD)
    entry = w.colbury_draft
    entries_submit(entries=[entry], by=w.officer)
    entries_return(entries=[entry], by=w.analyst, comment="Say how many volunteers.")
    log_in(page, live_server.url, "north.officer")
    page.goto(f"{live_server.url}/admin/narratives/entry/{entry.pk}/change/")
    expect(page.locator(".pcp-return-comment")).to_contain_text("Say how many volunteers")

    page.locator("#id_text").fill("Twelve Colbury volunteers gave 135 hours.")
    page.locator("select[name='CHANGE_FORM-action']").select_option(label="Submit for review")
    page.get_by_role("button", name="Run").click()  # without pressing Save

    expect(page.locator(".messagelist")).to_contain_text("Your changes were saved first")
    expect(page.locator(".messagelist")).to_contain_text("1 entry submitted.")
    entry.refresh_from_db()
    assert entry.text == "Twelve Colbury volunteers gave 135 hours."
    assert entry.status == Entry.Status.SUBMITTED
    assert entry.history.filter(text=entry.text, history_user=w.officer).exists()


def test_return_ticked_without_a_comment_says_so_at_the_top_and_keeps_the_ticks(page, live_server):
    w = build_world(password=PASSWORD)
    many_entries(w, 30)  # a page long enough that the bottom is far from the top
    ticked = [w.colbury_draft, w.marshby_draft]
    entries_submit(entries=ticked, by=w.analyst)
    log_in(page, live_server.url, "pau.analyst")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/review/2020-21/q2/")
    for entry in ticked:
        page.locator(f"#pick-{entry.pk}").check()
    page.get_by_role("button", name="Return ticked with comment").click()

    error = page.get_by_role("alert")
    expect(error).to_contain_text("Write a comment saying what should change.")
    expect(error).to_be_in_viewport()  # where the page opens, not 2,400 px below
    for entry in ticked:
        expect(page.locator(f"#pick-{entry.pk}")).to_be_checked()
    page.get_by_label("Comment for the officer").fill("Add the dates.")
    page.get_by_role("button", name="Return ticked with comment").click()
    expect(page.locator(".messagelist")).to_contain_text("2 entries returned with your comment")
    assert {e.status for e in Entry.objects.filter(pk__in=[e.pk for e in ticked])} == {
        Entry.Status.RETURNED
    }
