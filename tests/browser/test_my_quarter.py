"""An officer's start of the day, in Chromium: sign in, land on My quarter, see the deadline,
write an entry through the admin's form, submit it from My quarter. And My quarter, with
entries in every state, has no axe-core violation and no sideways scrolling at 1280 and 320 px.
"""

import pytest
from playwright.sync_api import expect

from narratives.models import Entry
from tests.browser.site_world import OFFICER, PASSWORD, build_site, open_page
from tests.browser.test_accessibility import axe_violations, reflow_problems
from tests.priorities.world import build_world
from tests.second_factor import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_lands_on_my_quarter_writes_and_submits(page, live_server):
    w = build_world(password=PASSWORD)
    server = live_server.url
    browser_log_in(page, server, "north.officer", PASSWORD)
    page.wait_for_url(f"{server}/my-quarter/")
    expect(page.locator("h1")).to_contain_text("My quarter: 2020/21 Q2")
    expect(page.locator(".mq-deadline")).to_contain_text("14 days left")
    expect(page.locator("#header")).to_contain_text("My quarter")

    page.get_by_role("link", name="Write for 1.2 in Eastwick").click()
    page.locator("#id_text").fill("Eastwick's front counter now opens on Saturday mornings.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    written = Entry.objects.get(text__startswith="Eastwick's front counter")
    assert (written.commitment, written.area, written.period) == (w.commitment2, w.eastwick, w.q2)

    page.get_by_role("link", name="My quarter").first.click()
    page.get_by_role("button", name="Submit all 2 ready drafts").click()
    expect(page.locator(".messagelist")).to_contain_text("2 entries submitted for review")
    written.refresh_from_db()
    assert written.status == Entry.Status.SUBMITTED
    expect(page.locator(".mq-status-submitted")).to_have_count(2)


@pytest.mark.parametrize("width", [1280, 320])
def test_my_quarter_has_no_axe_violations_and_reflows(page, live_server, width):
    build_site()
    page.set_viewport_size({"width": width, "height": 900})
    browser_log_in(page, live_server.url, OFFICER, PASSWORD)
    page.wait_for_url(f"{live_server.url}/my-quarter/")
    problems = []
    for path in ("/my-quarter/", "/my-quarter/2020-21/q1/"):
        open_page(page, live_server.url, path, 200)
        problems += axe_violations(page, path) + reflow_problems(page, path)
    assert not problems, "\n".join(problems)
