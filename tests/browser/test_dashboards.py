"""The dashboards in a real browser: charts drawn under the page's CSP, no axe-core violations,
nothing wider than a 320 px phone, every icon with its words."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from metrics.models import Metric, SeriesBreak, Target
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
    # Out of the process's reach: "will miss target without change".
    Target.objects.create(metric=hours, period=ordered[-1], area=areas["force"], value=99_999)
    for number, area in enumerate(areas.values()):
        area.population = 50_000 + 10_000 * number
        area.population_source = "Made up for the test"
        area.save()


def log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "manager")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/dashboards/")  # where a manager lands


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
    assert page.locator(".measure-card").count() == 2
    # Emergency calls jump in the latest quarter (a special cause, no better direction);
    # the hours will miss their target: missing a target sorts before a neutral signal.
    names = page.locator(".measure-card h2").all_inner_texts()
    assert names == ["Special Constable hours", "Emergency calls (999) received"]
    assert page.locator(".sparkline").count() == 2
    assert_no_violations(page)

    page.get_by_role("link", name="Special Constable hours").first.click()
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


def assert_no_sideways_scroll(page):
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls {overflow} px sideways"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_nothing_scrolls_sideways_and_every_icon_has_words(page, live_server):
    dashboard_data()
    user_save_with_role(username="manager", role=MANAGER, password=PASSWORD)
    page.set_viewport_size({"width": 320, "height": 640})
    log_in(page, live_server)

    page.goto(f"{live_server.url}/dashboards/")
    count_line = page.locator(".count-line").inner_text()
    assert "0 measures of concern" in count_line
    assert "1 will not meet its target without change" in count_line
    page.locator(".status-key summary").click()  # the key to the icons, open, is checked too
    for summary in page.locator(".comparisons summary").all():
        summary.click()
    assert_no_sideways_scroll(page)
    assert_no_violations(page)
    icons = page.locator(".status-icon")
    assert icons.count() >= 4 + 10  # two per card, and the key
    for icon in icons.all():
        words = icon.locator(".status-text").inner_text().strip()
        assert words, icon.inner_html()
        assert icon.locator("svg").count() <= 1
    # The icons themselves are hidden from screen readers: their words say it.
    assert page.locator(".status-icon svg:not([aria-hidden=true])").count() == 0
    assert page.get_by_role("img", name="Last 12 quarters").count() == 2  # the sparklines
    statuses = page.locator(".measure-card .status-icon").evaluate_all(
        "icons => icons.map(icon => icon.dataset.status)"
    )
    assert "missed" in statuses and "neutral-high" in statuses

    page.goto(f"{live_server.url}/dashboards/calls-999/?per=1000")
    page.wait_for_function("document.querySelectorAll('[data-drawn=true]').length === 3")
    for summary in page.locator("details summary").all():
        summary.click()
    assert_no_sideways_scroll(page)
    assert_no_violations(page)
    # The areas table scrolls in its own labelled, focusable region.
    region = page.get_by_role("region", name="Data table: 2020/21 Q2 by area")
    assert region.get_attribute("tabindex") == "0"
    assert "per 1,000" in region.inner_text()
    # A click on a legend entry hides nothing.
    chart = page.locator("[data-chart=xmr-data]")
    before = chart.locator(".scatterlayer .trace").count()
    chart.locator(".legendtoggle").first.click()
    page.wait_for_timeout(1000)  # plotly waits to tell a click from a double click
    assert chart.locator(".scatterlayer .trace").count() == before
    assert chart.evaluate("el => el.data.every(trace => trace.visible !== 'legendonly')")
