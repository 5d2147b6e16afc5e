"""In Chromium: the site-wide content security policy blocks nothing the pages need, i.e. the
console shows no violation on the admin entry form, a dashboard metric page (plotly charts),
the review screen, the preview, a published edition page and the admin export page."""

from decimal import Decimal

import pytest

from metrics.models import Metric, MetricValue
from narratives.editions.publishing import edition_publish
from tests.priorities.world import PASSWORD, build_world
from tests.second_factor import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COLLECT = """document.addEventListener('securitypolicyviolation', (event) => {
  (window.__violations = window.__violations || []).push(
    event.violatedDirective + ' ' + (event.blockedURI || 'inline'));
});"""


def test_no_page_breaks_the_content_security_policy(page, live_server):
    w = build_world(password=PASSWORD)
    metric = Metric.objects.create(code="specials-hours", name="Special Constable hours")
    for period, value in ((w.q1, 120), (w.q2, 135)):
        for area in (w.colbury, w.marshby):
            MetricValue.objects.create(
                metric=metric, period=period, area=area, value=Decimal(value)
            )
    edition_publish(period=w.q1, version="1.0", by=w.analyst)
    console = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.add_init_script(COLLECT)

    browser_log_in(page, live_server.url, "pau.analyst", PASSWORD)
    page.wait_for_url(f"{live_server.url}/review/2020-21/q2/")  # where an analyst lands
    pages = {
        f"/admin/narratives/entry/{w.colbury_draft.pk}/change/": "#id_text",
        "/dashboards/specials-hours/": ".js-plotly-plot",
        "/review/2020-21/q2/": ".pcp-summary",
        "/editions/2020-21/q2/preview/": "main",
        "/editions/2020-21/q1/": "main",
    }
    for path, drawn in pages.items():
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        page.locator(drawn).first.wait_for()
        violations = page.evaluate("window.__violations || []")
        assert violations == [], f"{path}: {violations}"
    # The export page's "Select all" box works without its library's inline handler.
    page.goto(f"{live_server.url}/admin/metrics/metricvalue/export/")
    fields = page.locator(".selectable-field-export-row input[type=checkbox]")
    assert fields.count() > 1
    page.locator("input.select-toggle").uncheck()
    assert all(not fields.nth(i).is_checked() for i in range(fields.count()))
    assert page.evaluate("window.__violations || []") == []
    refused = [line for line in console if "Content Security Policy" in line]
    assert refused == []
