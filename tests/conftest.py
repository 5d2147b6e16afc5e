"""Shared fixtures, and the rule that CI may skip nothing."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("PCP_CHROMIUM", "/usr/bin/chromium")
_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        _skipped.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session, exitstatus):
    # In CI every database and browser test must run: a skip there hides a missing install.
    if os.environ.get("CI") == "true" and _skipped:
        print("\nCI forbids skipped tests; these were skipped:")
        for line in _skipped:
            print(f"  {line}")
        session.exitstatus = 1


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's Chromium driven by Playwright (Playwright cannot download its own here)."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"browser test needs Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # beside it are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium_browser):
    context = chromium_browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


# CI clones the project with shared/ beside it, so the reference edition is found relative to
# the checkout rather than at a fixed path.
REFERENCE_EDITION = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "reference"
    / "quarterly-update-2020-21-q2.txt"
)


@pytest.fixture
def reference_edition_path() -> Path:
    if not REFERENCE_EDITION.exists():
        pytest.skip(f"reference edition not found at {REFERENCE_EDITION}")
    return REFERENCE_EDITION
