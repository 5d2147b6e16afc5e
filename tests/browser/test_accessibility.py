"""Every page type each role uses, in Chromium, logged in as that role: no axe-core violation
of the WCAG 2.2 AA rules, and no sideways scrolling at 320 px (WCAG 1.4.10): a wide table
scrolls inside its own labelled region that the keyboard can reach.

Error pages are walked too: 403 and 404 in the role's own walk, 500 and 503 below.
"""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.site_world import MANAGER, ROLES, build_site, log_in, open_page, pages_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}

# What makes a page wider than the window, and which scrolling boxes are not labelled regions
# the keyboard can reach.
REFLOW_PROBLEMS = (Path(__file__).parent / "reflow_problems.js").read_text(encoding="utf-8")


def axe_violations(page, path: str) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{path}: {v['id']} ({v['impact']}, {len(v['nodes'])}) {v['nodes'][0]['target']}"
        for v in results.response["violations"]
    ]


def walk(page, server, role, w, check, *, only=lambda path: True) -> list[str]:
    if role != "anonymous":
        log_in(page, server, role)
    found = []
    for path, status in pages_of(role, w):
        if not only(path):
            continue
        open_page(page, server, path, status)
        found += check(page, path)
    return found


@pytest.mark.parametrize("role", ROLES)
def test_every_page_type_has_no_axe_violations_as_the_role_that_uses_it(page, live_server, role):
    w = build_site()
    page.set_viewport_size({"width": 1280, "height": 900})
    problems = walk(page, live_server.url, role, w, axe_violations)
    assert not problems, "\n".join(problems)


def reflow_problems(page, path: str) -> list[str]:
    return [f"{path}: {problem}" for problem in page.evaluate(REFLOW_PROBLEMS)]


def is_dashboard(path: str) -> bool:
    return path.startswith("/dashboards/")


@pytest.mark.parametrize("role", ROLES)
def test_no_page_scrolls_sideways_at_320_px(page, live_server, role):
    w = build_site()
    page.set_viewport_size({"width": 320, "height": 640})
    only = lambda path: not is_dashboard(path)  # noqa: E731 (the dashboards have their own test)
    problems = walk(page, live_server.url, role, w, reflow_problems, only=only)
    assert not problems, "\n".join(problems)


def test_no_dashboard_page_scrolls_sideways_at_320_px(page, live_server):
    w = build_site()
    page.set_viewport_size({"width": 320, "height": 640})
    problems = walk(page, live_server.url, MANAGER, w, reflow_problems, only=is_dashboard)
    assert not problems, "\n".join(problems)


def test_the_500_and_503_pages_pass_axe_and_reflow(page, live_server, settings):
    settings.ROOT_URLCONF = "tests.failing_urls"
    found = []
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 640})
        open_page(page, live_server.url, "/fail/", 500)
        found += axe_violations(page, "/fail/") + page.evaluate(REFLOW_PROBLEMS)
        settings.MAINTENANCE_MODE = True
        open_page(page, live_server.url, "/editions/", 503)
        found += axe_violations(page, "503") + page.evaluate(REFLOW_PROBLEMS)
        settings.MAINTENANCE_MODE = False
    assert not found, "\n".join(found)
