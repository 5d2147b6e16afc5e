"""The PAU's review screen in Chromium: an analyst filters to one area and returns an entry with
a comment; axe-core finds nothing at 1280 and 320 px (target size included), nothing scrolls
sideways on a phone, and every control is at least 24 by 24 px."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from narratives.models import Entry, Transition
from tests.browser.site_world import ANALYST, PASSWORD, build_site
from tests.second_factor import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HERE = Path(__file__).parent
REFLOW_PROBLEMS = (HERE / "reflow_problems.js").read_text(encoding="utf-8")
SMALL_TARGETS = (HERE / "small_targets.js").read_text(encoding="utf-8")
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
REVIEW = "/review/2020-21/q2/"


def open_review(page, server: str, query: str = "") -> None:
    browser_log_in(page, server, ANALYST, PASSWORD)
    page.wait_for_load_state()
    page.goto(f"{server}{REVIEW}{query}")
    expect(page.locator("h1")).to_contain_text("Review 2020/21 Q2")


def test_an_analyst_filters_to_one_area_and_returns_an_entry_with_a_comment(page, live_server):
    w = build_site()
    open_review(page, live_server.url)
    page.get_by_label("Area", exact=True).select_option(str(w.north.pk))
    page.get_by_label("Status", exact=True).select_option("submitted")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(
        f"{live_server.url}{REVIEW}?area={w.north.pk}&commitment=&status=submitted"
    )
    entries = page.locator(".pcp-entries")
    expect(entries).to_contain_text(w.submitted.text)
    expect(entries).not_to_contain_text("Marshby draft text.")
    expect(page.locator("#count-line")).to_contain_text("1 of 4 entries shown: 1 submitted")

    page.get_by_role("checkbox", name=f"Select entry {w.submitted.pk}").check()
    page.get_by_label("Comment for the officer").fill("Say which Saturdays.")
    page.get_by_role("button", name="Return ticked with comment").click()
    expect(page.locator(".messagelist")).to_contain_text("1 entry returned with your comment")
    assert f"area={w.north.pk}" in page.url  # still filtered
    expect(page.locator("#count-line")).to_contain_text("0 of 4 entries shown")
    step = Transition.objects.filter(entry=w.submitted, to_status="returned").get()
    assert (step.comment, step.by) == ("Say which Saturdays.", w.analyst)
    assert Entry.objects.get(pk=w.submitted.pk).status == Entry.Status.RETURNED


def problems_on(page, width: int) -> list[str]:
    page.set_viewport_size({"width": width, "height": 800})
    found = []
    for opened in (False, True):
        if opened:
            page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        found += [f"{width}px: {v['id']} {v['nodes'][0]['target']}" for v in violations]
        # The notices panel is the notices' own (axe checks it, spacing included).
        where = {"root": "#content-main", "skip": ".pcp-notices"}
        found += [f"{width}px: {p}" for p in page.evaluate(SMALL_TARGETS, where)]
    return found + [f"{width}px: {p}" for p in page.evaluate(REFLOW_PROBLEMS)]


@pytest.mark.parametrize("query", ["", "?needs_me=on&area=999999"])
def test_no_axe_violation_nor_small_target_at_1280_and_320_px(page, live_server, query):
    build_site()
    open_review(page, live_server.url, query)
    found = problems_on(page, 1280) + problems_on(page, 320)
    assert not found, "\n".join(found)


def test_an_error_at_the_top_passes_too(page, live_server):
    w = build_site()
    open_review(page, live_server.url)
    page.get_by_role("checkbox", name=f"Select entry {w.submitted.pk}").check()
    page.get_by_role("checkbox", name=f"Select entry {w.colbury_draft.pk}").check()
    page.get_by_label("Comment for the officer").fill("Add a date.")
    page.get_by_role("button", name="Return ticked with comment").click()
    expect(page.locator("#review-errors")).to_contain_text("Colbury draft text.")
    expect(page.locator("#review-errors")).to_be_in_viewport()
    found = problems_on(page, 1280) + problems_on(page, 320)
    assert not found, "\n".join(found)
