"""Edits on a page are never lost to a button that does something else (issue 10, items 1, 8)."""

import pytest
from playwright.sync_api import expect

from narratives.entries.workflow import entries_return, entries_submit
from narratives.models import Entry
from tests.browser.test_journeys import log_in
from tests.priorities.world import PASSWORD, build_world

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
