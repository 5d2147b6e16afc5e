"""The web edition and its pages (versions, changes, preview, internal edition, operations)
pass axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from narratives.editions.publishing import edition_publish
from narratives.models import Entry
from priorities.models import Period
from priorities.roles import ANALYST, user_save_with_role
from tests.narratives.edition_builders import build_edition
from tests.second_factor import browser_log_in

PASSWORD = "a-long-test-password"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def assert_no_violations(page, url):
    page.goto(url)
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{url}\n{results.generate_report()}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_edition_pages_have_no_accessibility_violations(page, live_server):
    build_edition()
    period = Period.objects.get()
    analyst = user_save_with_role(username="analyst", role=ANALYST, password=PASSWORD)
    edition_publish(period=period, version="1.0", by=analyst)
    entry = Entry.objects.filter(parent__isnull=True).first()
    entry.text = "A corrected count: 15 crime prevention stalls in markets."
    entry.save()
    edition_publish(period=period, version="1.1", by=analyst, change_note="Stall count fixed.")
    Entry.objects.filter(pk__in=Entry.objects.values("pk")[:3]).update(status="submitted")

    for path in (
        "/editions/",
        "/editions/2020-21/q2/",
        "/editions/2020-21/q2/v1.0/",
        "/editions/2020-21/q2/changes/",
        "/operations/",
        "/operations/lantern/",
        "/search/?q=lantern",
    ):
        assert_no_violations(page, f"{live_server.url}{path}")
    assert page.locator("h1").count() == 1

    browser_log_in(
        page, live_server.url, "analyst", PASSWORD, next_path="/editions/2020-21/q2/preview/"
    )
    page.wait_for_url(f"{live_server.url}/editions/2020-21/q2/preview/")
    assert page.locator(".status-submitted").count() == 3
    assert_no_violations(page, f"{live_server.url}/editions/2020-21/q2/preview/")
    # Staff pages: the internal edition, and the public one with its link to it.
    for path in ("/editions/2020-21/q2/internal/", "/editions/2020-21/q2/"):
        assert_no_violations(page, f"{live_server.url}{path}")


HEADING_LEVELS = """() => [...document.querySelectorAll('main :is(h1, h2, h3, h4, h5, h6)')]
  .filter((h) => h.offsetParent !== null).map((h) => Number(h.tagName[1]))"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_edition_page_reads_in_heading_order_and_prints_without_the_site_around_it(
    page, live_server
):
    build_edition()
    period = Period.objects.get()
    analyst = user_save_with_role(username="analyst", role=ANALYST, password=PASSWORD)
    edition_publish(period=period, version="1.0", by=analyst)

    page.goto(f"{live_server.url}/editions/2020-21/q2/")
    assert page.locator("html").get_attribute("lang") == "en-GB"
    levels = page.evaluate(HEADING_LEVELS)
    assert levels[0] == 1 and levels.count(1) == 1
    # No level is skipped on the way down (h2 → h4 would lose a screen reader's outline).
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:], strict=False))
    assert {2, 3, 4, 5} <= set(levels)
    assert page.locator(".site-header").is_visible()
    assert page.locator(".edition-meta").is_visible()

    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".edition-meta").is_visible()
    assert page.locator(".edition-cover").is_visible()
    assert page.locator(".entries li").first.is_visible()
    # Operation links work for anonymous readers: this browser never logged in.
    page.emulate_media(media="screen")
    page.locator(".entries a[href^='/operations/']").first.click()
    page.wait_for_url(f"{live_server.url}/operations/lantern/")
    assert page.locator("h1").inner_text() == "Operation LANTERN"
