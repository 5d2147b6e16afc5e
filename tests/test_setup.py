import logging
import os

import pytest
from django.db import connection


def _asked_for() -> str:
    """The database the run was asked for: CI says so; otherwise DATABASE_URL decides."""
    expected = os.environ.get("PCP_EXPECT_DATABASE")
    if expected:
        return expected
    url = os.environ.get("DATABASE_URL", "")
    return "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"


@pytest.mark.django_db
def test_suite_runs_on_the_database_it_was_asked_for():
    assert connection.vendor == _asked_for()


def test_browser_launches_and_renders(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    assert "Log in" in page.title()


def test_third_party_libraries_log_only_warnings():
    # `make demo` shows Django's lines and the demo's summary: font subsetting and layout
    # chatter (hundreds of INFO/DEBUG lines per PDF) stays below the default level.
    for name in ("fontTools", "weasyprint", "weasyprint.progress", "PIL"):
        assert not logging.getLogger(name).isEnabledFor(logging.INFO), name
