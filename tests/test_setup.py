import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_suite_runs_on_the_database_it_was_asked_for():
    expected = os.environ.get("PCP_EXPECT_DATABASE")
    if expected is None:
        pytest.skip("PCP_EXPECT_DATABASE not set (the CI run sets it for each database)")
    assert connection.vendor == expected


def test_browser_launches_and_renders(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    assert "Log in" in page.title()
