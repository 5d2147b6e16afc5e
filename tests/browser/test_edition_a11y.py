"""The web edition and its pages (versions, changes, preview, operations) pass axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from narratives.models import Entry
from narratives.publishing import edition_publish
from priorities.models import Period
from priorities.roles import ANALYST, user_save_with_role
from tests.narratives.edition_builders import build_edition

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
    ):
        assert_no_violations(page, f"{live_server.url}{path}")
    assert page.locator("h1").count() == 1

    page.goto(f"{live_server.url}/admin/login/?next=/editions/2020-21/q2/preview/")
    page.fill("#id_username", "analyst")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/editions/2020-21/q2/preview/")
    assert page.locator(".status-submitted").count() == 3
    assert_no_violations(page, f"{live_server.url}/editions/2020-21/q2/preview/")
