"""The main journeys with the keyboard alone (no mouse, no clicks), in Chromium: an officer
writes and submits an entry, an analyst returns it from the review screen, an analyst publishes
an edition. At every Tab stop the focus indicator must show (3:1 against what is behind it).
"""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from narratives.models import Edition, Entry, Transition
from pcp.accounts.second_factor import second_factor_required
from tests.browser.keyboard import Keyboard
from tests.browser.site_world import build_site, open_page
from tests.priorities.world import PASSWORD, build_world
from tests.second_factor import backup_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, keys: Keyboard, server: str, username: str) -> None:
    page.context.clear_cookies()
    user = get_user_model().objects.get(username=username)
    code = backup_code(user) if second_factor_required(user) else None
    page.goto(f"{server}/admin/login/")
    keys.type_into(page.locator("#id_username"), username)
    keys.type_into(page.locator("#id_password"), PASSWORD)
    page.keyboard.press("Enter")
    if code is not None:  # the second factor, by keyboard too
        page.wait_for_url("**/account/verify/**")
        keys.type_into(page.locator("#id_code"), code)
        page.keyboard.press("Enter")
    expect(page.locator("#user-tools")).to_contain_text(username)


def test_officer_writes_and_submits_analyst_returns_and_publishes(page, live_server):
    w = build_world(password=PASSWORD)
    server = live_server.url
    keys = Keyboard(page)

    # The officer lands on My quarter and goes from there to a new entry and writes it.
    log_in(page, keys, server, "north.officer")
    page.wait_for_url(f"{server}/my-quarter/")
    keys.press(page.get_by_role("link", name="Write for 1.2 in Eastwick"))
    page.wait_for_url("**/entry/add/?*")
    expect(page.locator("#id_text")).to_be_visible()
    # The commitments are radio buttons by their full names; My quarter's link chose 1.2, so
    # Tab enters the group at the chosen one (arrows would move it).
    keys.tab_to(page.locator("input[name='commitment']:checked"))
    assert page.get_by_label("1.2 Make it easier", exact=False).is_checked()
    keys.choose(page.locator("#id_period"), "2020/21 Q2")
    keys.choose(page.locator("#id_area"), "Eastwick")
    keys.type_into(page.locator("#id_text"), "Eastwick's front counter now opens on Saturdays.")
    # The operations autocomplete, by keyboard: type, wait for the match, Enter.
    keys.type_into(page.get_by_role("searchbox", name="Search operations"), "GAMB")
    expect(page.locator(".select2-results__option--highlighted")).to_have_text("Operation GAMBIT")
    page.keyboard.press("Enter")
    keys.press(page.locator("input[name='_continue']"))
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    entry = Entry.objects.get(text__startswith="Eastwick's front counter")
    assert list(entry.operations.values_list("name", flat=True)) == ["GAMBIT"]

    keys.choose(page.locator("select[name='CHANGE_FORM-action']"), "Submit for review")
    keys.press(page.get_by_role("button", name="Run"))
    expect(page.locator(".messagelist")).to_contain_text("submitted")
    entry.refresh_from_db()
    assert entry.status == Entry.Status.SUBMITTED

    # The analyst returns it from the review screen with a comment.
    log_in(page, keys, server, "pau.analyst")
    page.goto(f"{server}/review/2020-21/q2/")  # typed into the address bar
    keys.press(page.locator(f"#pick-{entry.pk}"), "Space")
    assert page.locator(f"#pick-{entry.pk}").is_checked()
    keys.type_into(page.get_by_label("Comment for the officer"), "Say which hours.")
    keys.press(page.get_by_role("button", name="Return ticked with comment"))
    expect(page.locator(".messagelist")).to_contain_text("returned with your comment")
    entry.refresh_from_db()
    assert entry.status == Entry.Status.RETURNED
    assert Transition.objects.filter(entry=entry).last().comment == "Say which hours."

    # The analyst publishes last quarter's approved entries as an edition.
    page.goto(f"{server}/admin/narratives/edition/")
    keys.press(page.get_by_role("link", name="Publish an edition"))
    page.wait_for_url("**/edition/publish/")
    keys.choose(page.locator("#id_period"), "2020/21 Q1")
    keys.type_into(page.locator("#id_version"), "1.0")
    # Publishing follows the quarter's summary: shown first, then the publish button.
    keys.press(page.get_by_role("button", name="Show the summary"))
    publish = page.get_by_role("button", name="Publish 2020/21 Q1 and close it for entry")
    expect(publish).to_be_visible()
    keys.press(publish)
    # Publishing renders the PDF and Word files: slow on a busy machine.
    published = page.locator(".messagelist")
    expect(published).to_contain_text("Published 2020/21 Q1 version 1.0", timeout=60_000)
    assert Edition.objects.get().period == w.q1

    assert keys.problems == []


# Pages with every background a focus stop sits on: the black site header, white, the grey
# edition panel, cream exception rows, the admin's blue header and breadcrumbs, disclosures.
FOCUS_PAGES = {
    "anonymous": ["/editions/", "/editions/2020-21/q1/", "/accessibility/", "/no-such-page/"],
    "north.officer": ["/my-quarter/"],
    "pau.analyst": [
        "/admin/",
        "/review/2020-21/q2/",
        "/admin/narratives/entry/",
        "/dashboards/calls-999/",
        "/editions/2020-21/q2/preview/",
    ],
}


def test_every_focus_stop_shows_an_indicator_with_3_to_1_contrast(page, live_server):
    build_site()
    keys = Keyboard(page)
    for username, paths in FOCUS_PAGES.items():
        if username != "anonymous":
            log_in(page, keys, live_server.url, username)
        for path in paths:
            open_page(page, live_server.url, path, 404 if "no-such" in path else 200)
            assert keys.tab_through() > 3, path
    assert keys.problems == []
