"""Shared fixtures, and the rule that CI may skip nothing."""

import json
import os
from pathlib import Path

import pytest

from pcp.chromium import CHROMIUM, LAUNCH_ARGS, chromium_found

_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        _skipped.append(f"{report.nodeid}: {reason}")


# The only skips a machine without the optional packages may show (README, "make test").
DOCUMENTED_SKIPS = ("browser test needs Chromium", "needs PostgreSQL")


def pytest_sessionfinish(session, exitstatus):
    # In CI every database and browser test must run: a skip there hides a missing install.
    # A fresh clone checked by .ci/run (PCP_ONLY_DOCUMENTED_SKIPS) may skip only for the
    # documented reasons, so a fixture missing from the repository cannot hide as a skip.
    if os.environ.get("CI") == "true":
        forbidden = _skipped
    elif os.environ.get("PCP_ONLY_DOCUMENTED_SKIPS") == "true":
        forbidden = [line for line in _skipped if not _documented(line)]
    else:
        forbidden = []
    if forbidden:
        print("\nThese tests were skipped, which this run forbids:")
        for line in forbidden:
            print(f"  {line}")
        session.exitstatus = 1


def _documented(line: str) -> bool:
    reason = line.split(": ", 1)[-1].removeprefix("Skipped: ")
    return reason.startswith(DOCUMENTED_SKIPS)


@pytest.fixture(autouse=True)
def _own_files_and_cache(settings, tmp_path_factory):
    """Published files and preview PDFs go to a folder of their own for each test, never to
    the checkout's media/; nothing one test cached is seen by the next."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
    cache.clear()


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's Chromium driven by Playwright (Playwright cannot download its own here)."""
    if not chromium_found():
        pytest.skip(f"browser test needs Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # beside it are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=LAUNCH_ARGS,
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


# The reference edition lives in the repository (tests/data/README.md says where it comes from),
# so a clone anywhere tests against it; nothing is read from outside the checkout.
REFERENCE_EDITION = Path(__file__).resolve().parent / "data" / "quarterly-update-2020-21-q2.txt"


@pytest.fixture
def reference_edition_path() -> Path:
    return REFERENCE_EDITION


@pytest.fixture
def analyst(db):
    """The PAU's analyst, with a password and an e-mail address (notices go to it)."""
    from priorities.roles import ANALYST, user_save_with_role

    return user_save_with_role(
        username="pau-analyst",
        role=ANALYST,
        password="a-long-test-password",
        email="pau@example.org",
    )


@pytest.fixture
def gazetteer():
    """The importer's gazetteer from the force's areas file, without the database."""
    from narratives.importing.gazetteer import Gazetteer
    from priorities.areas_file import DEFAULT_AREAS_FILE

    return Gazetteer.from_data(json.loads(DEFAULT_AREAS_FILE.read_text()))


@pytest.fixture
def stored_gazetteer(db):
    """The importer's gazetteer as an import reads it: the sample edition's areas, stored."""
    from narratives.demo.sample_edition import sample_areas
    from narratives.importing.store import gazetteer_from_db

    sample_areas()
    return gazetteer_from_db()


@pytest.fixture
def w(db):
    """The small made-up force of tests/priorities/world.py, with a user per role."""
    from tests.priorities.world import build_world

    return build_world()


@pytest.fixture
def superuser(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("root", "root@example.org", None)
