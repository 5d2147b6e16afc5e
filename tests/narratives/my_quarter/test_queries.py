"""My quarter reads in a fixed number of queries, at 1x and at 10x the reference edition."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from narratives.entries.workflow import entries_return, entries_submit
from narratives.models import Entry
from priorities.models import Area, Period
from priorities.roles import ANALYST, OFFICER, user_save_with_role
from tests.narratives.edition_builders import build_edition
from tests.second_factor import login_verified

pytestmark = pytest.mark.django_db
MAX_QUERIES = 19  # session, user, device, permissions, areas, periods, entries, plan, notices


def page_queries(client) -> tuple[int, int]:
    # Once first: the idle-expiry middleware saves the session at most once a minute, and
    # building the large edition takes longer than that.
    client.get("/my-quarter/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/my-quarter/")
    assert response.status_code == 200
    return len(queries), len(response.context["page"].written)


def review_some(period, officer, analyst) -> None:
    """Submit half the North drafts and return half of those, each return with its reviewer."""
    drafts = Entry.objects.filter(
        period=period, area__parent__name="North LPA", status=Entry.Status.DRAFT
    )
    submitted = entries_submit(entries=list(drafts)[::2], by=officer).done
    entries_return(entries=submitted[::2], by=analyst, comment="Say when.")


def test_my_quarter_takes_the_same_queries_at_ten_times_the_reference(
    client, django_assert_max_num_queries
):
    deadline = timezone.now() + datetime.timedelta(days=5)
    period = Period.objects.create(year=2020, quarter=2, is_open=True, entry_deadline=deadline)
    build_edition(Period.objects.create(year=2020, quarter=1), scale=1)  # last quarter
    build_edition(period, scale=1, status=Entry.Status.DRAFT)
    officer = user_save_with_role(
        username="north", role=OFFICER, areas=[Area.objects.get(name="North LPA")]
    )
    analyst = user_save_with_role(username="pau", role=ANALYST)
    login_verified(client, officer)
    review_some(period, officer, analyst)
    small, small_written = page_queries(client)

    build_edition(period, scale=10, status=Entry.Status.DRAFT)
    review_some(period, officer, analyst)
    large, large_written = page_queries(client)
    assert large_written > 9 * small_written
    assert Entry.objects.filter(period=period, status=Entry.Status.RETURNED).count() > 20
    assert large == small
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get("/my-quarter/")
