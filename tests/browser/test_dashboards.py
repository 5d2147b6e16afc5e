"""The dashboards in a real browser: charts drawn under the page's CSP, no axe-core violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from metrics.models import Metric, SeriesBreak
from priorities.periods import Quarter
from priorities.roles import MANAGER, user_save_with_role
from tests.metrics.conftest import build_areas, build_periods, bulk_values, quarters_to

PASSWORD = "a-long-test-password"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def dashboard_data():
    areas = build_areas(lpas=2, districts_per_lpa=3)
    periods = build_periods(quarters_to(Quarter(2020, 2), 12))
    ordered = [periods[q] for q in sorted(periods)]
    calls = Metric.objects.create(
        code="calls-999", name="Emergency calls (999) received", good_direction="neither"
    )
    hours = Metric.objects.create(
        code="specials-hours", name="Special Constable hours", unit="hours", good_direction="up"
    )
    # Steady, then a jump in the latest quarter: a special cause on the chart.
    bulk_values(
        [calls, hours],
        ordered,
        list(areas.values()),
        lambda m, q, a: (900 + 37 * ((q * 7) % 5) + (600 if q == 11 else 0)) * (1 + m),
    )
    SeriesBreak.objects.create(metric=hours, period=ordered[6], note="Counted afresh.")


def log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "manager")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def assert_no_violations(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_manager_sees_the_charts_drawn_and_no_accessibility_violations(page, live_server):
    dashboard_data()
    user_save_with_role(username="manager", role=MANAGER, password=PASSWORD)
    problems = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and "Failed to load resource" not in message.text  # reported with its URL below
            and problems.append(message.text)
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")
            and problems.append(f"{response.status} {response.url}")
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, live_server)

    page.goto(f"{live_server.url}/dashboards/")
    assert page.locator("table.dashboard-table tbody tr").count() == 2
    assert page.locator("tr.exception").first.locator("a").inner_text().startswith("Emergency")
    assert_no_violations(page)

    page.get_by_role("link", name="Special Constable hours").click()
    page.wait_for_selector("svg.main-svg")
    page.wait_for_function("document.querySelectorAll('[data-drawn=true]').length === 3")
    assert page.locator(".chart svg.main-svg").count() >= 3
    assert "Series break" in page.locator("[data-chart=xmr-data]").inner_text()
    for summary in page.locator("details summary").all():
        summary.click()  # the data tables are checked too
    assert_no_violations(page)

    page.goto(f"{live_server.url}/dashboards/calls-999/")
    page.wait_for_function("document.querySelectorAll('[data-drawn=true]').length === 3")
    # The special-cause point is drawn as its own marker trace.
    assert page.locator("[data-chart=xmr-data] .scatterlayer .trace").count() == 5
    assert_no_violations(page)
    assert problems == []  # no script errors, no CSP refusals, nothing missing
