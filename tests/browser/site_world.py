"""A small site with something on every page type, and the pages each role uses.

Built on the made-up force of tests/priorities/world.py: 2020/21 Q1 published, Q2 open with
draft, submitted and returned entries, eight quarters of two measures for the dashboards.
"""

from types import SimpleNamespace

from metrics.models import Metric, MetricValue
from narratives.editions.publishing import edition_publish
from narratives.entries.workflow import entry_return, entry_submit
from narratives.models import Entry
from priorities.models import Area, Period
from priorities.periods import Quarter
from tests.metrics.conftest import build_periods, bulk_values, quarters_to
from tests.priorities.world import PASSWORD, build_world
from tests.second_factor import browser_log_in

__all__ = ["PASSWORD", "build_site", "pages_of"]

# Logins of the roles, as in build_world.
OFFICER, ANALYST, MANAGER = "north.officer", "pau.analyst", "command.manager"


def build_site() -> SimpleNamespace:
    w = build_world(password=PASSWORD)
    edition_publish(period=w.q1, version="1.0", by=w.analyst)
    w.submitted = Entry.objects.create(
        commitment=w.commitment2, period=w.q2, area=w.eastwick, order=4,
        text="Eastwick's front counter opened on Saturdays.",
    )  # fmt: skip
    entry_submit(entry=w.submitted, by=w.officer)
    w.returned = Entry.objects.create(
        commitment=w.commitment2, period=w.q2, area=w.colbury, order=5,
        text="Colbury held a surgery.",
    )  # fmt: skip
    entry_submit(entry=w.returned, by=w.officer)
    entry_return(entry=w.returned, by=w.analyst, comment="Say where and how many came.")
    w.colbury_draft.operations.set([w.gambit])
    w.colbury_draft.areas.set([w.colbury, w.eastwick])
    # An edit, so that the entry's history page shows a word difference.
    w.colbury_draft.text += " Twelve more cadets joined."
    w.colbury_draft.save()

    build_periods(quarters_to(Quarter(2019, 4), 6))
    periods = list(Period.objects.order_by("year", "quarter"))
    w.calls = Metric.objects.create(
        code="calls-999", name="Emergency calls (999) received", good_direction="neither"
    )
    hours = Metric.objects.create(
        code="specials-hours", name="Special Constable hours", unit="hours", good_direction="up"
    )
    # Steady, then a jump in the latest quarter: a special cause on the XmR chart.
    bulk_values(
        [w.calls, hours],
        periods,
        list(Area.objects.all()),
        lambda m, q, a: (
            (900 + 37 * ((q * 7) % 5) + (600 if q == len(periods) - 1 else 0)) * (1 + m)
        ),
    )
    w.value = MetricValue.objects.filter(area=w.colbury).order_by("pk").first()
    return w


def pages_of(role: str, w) -> list[tuple[str, int]]:
    """(address, expected status) of every page type `role` uses."""
    entry, value = w.colbury_draft.pk, w.value.pk
    if role == "anonymous":
        return [
            ("/editions/", 200),
            ("/editions/2020-21/q1/", 200),
            ("/editions/2020-21/q1/v1.0/", 200),
            ("/editions/2020-21/q1/changes/", 200),
            ("/operations/", 200),
            ("/operations/gambit/", 200),
            ("/areas/", 200),
            ("/areas/north-lpa/", 200),
            ("/areas/colbury/?order=oldest&priority=1", 200),
            ("/search/?q=gambit+patrol", 200),
            ("/accessibility/", 200),
            ("/admin/login/", 200),
            ("/editions/2020-21/q2/", 404),
            ("/no-such-page/", 404),
        ]
    if role == OFFICER:
        return [
            ("/admin/", 200),
            ("/admin/narratives/entry/", 200),
            ("/admin/narratives/entry/add/", 200),
            (f"/admin/narratives/entry/{entry}/change/", 200),
            (f"/admin/narratives/entry/{w.returned.pk}/change/", 200),
            (f"/admin/narratives/entry/{entry}/history/", 200),
            ("/admin/narratives/entry/import/", 200),
            ("/admin/narratives/entry/carry-forward/", 200),
            ("/admin/metrics/metricvalue/", 200),
            ("/admin/metrics/metricvalue/add/", 200),
            (f"/admin/metrics/metricvalue/{value}/change/", 200),
            (f"/admin/metrics/metricvalue/{value}/history/", 200),
            ("/admin/metrics/metricvalue/import/", 200),
            ("/dashboards/", 200),
            ("/dashboards/calls-999/", 200),
            ("/editions/2020-21/q1/", 200),
            ("/admin/password_change/", 200),
            ("/account/notices/", 200),  # the return and the publication
            ("/admin/narratives/edition/publish/", 403),
            ("/review/", 403),
        ]
    if role == ANALYST:
        return [
            ("/admin/", 200),
            ("/review/", 200),
            ("/review/2020-21/q2/", 200),
            (f"/admin/narratives/entry/?period__id__exact={w.q2.pk}", 200),
            (f"/admin/narratives/entry/{w.submitted.pk}/change/", 200),
            (f"/admin/narratives/entry/{w.submitted.pk}/history/", 200),
            ("/admin/narratives/entry/deleted/", 200),
            ("/admin/narratives/entry/import/", 200),
            ("/admin/narratives/entry/export/", 200),
            ("/admin/narratives/edition/", 200),
            ("/admin/narratives/edition/publish/", 200),
            ("/admin/narratives/edition/import/", 200),
            ("/editions/2020-21/q2/preview/", 200),
            ("/admin/narratives/transition/", 200),
            ("/admin/metrics/metricvalue/", 200),
            (f"/admin/metrics/metricvalue/{value}/change/", 200),
            ("/admin/metrics/metricvalue/import/", 200),
            ("/admin/metrics/metricvalue/export/", 200),
            ("/admin/metrics/metric/", 200),
            (f"/admin/metrics/metric/{w.calls.pk}/change/", 200),
            ("/admin/priorities/period/", 200),
            ("/dashboards/", 200),
        ]
    if role == MANAGER:
        return [
            ("/dashboards/", 200),
            ("/dashboards/calls-999/", 200),
            (f"/dashboards/calls-999/?area={w.north.pk}", 200),
            ("/admin/", 200),
            ("/admin/narratives/entry/", 200),
            (f"/admin/narratives/entry/{entry}/change/", 200),
            ("/admin/metrics/metricvalue/", 200),
            ("/account/notices/", 200),
        ]
    raise ValueError(f"no pages for role {role!r}")


ROLES = ["anonymous", OFFICER, ANALYST, MANAGER]


def log_in(page, server: str, username: str) -> None:
    browser_log_in(page, server, username, PASSWORD)  # and a backup code where the role must
    page.wait_for_url(lambda url: "/admin/login/" not in url and "/account/" not in url)  # landed


def open_page(page, server: str, path: str, status: int) -> None:
    """Go to the page, check its status, and open its disclosures (data tables are checked too)."""
    response = page.goto(f"{server}{path}")
    assert response.status == status, f"{path} answered {response.status}, not {status}"
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
