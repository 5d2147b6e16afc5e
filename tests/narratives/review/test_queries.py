"""The review screen and its exports make a fixed number of queries, filtered or not, at 1× and
10× the reference edition's entries (tests/narratives/edition_builders.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from narratives.models import Entry, Transition
from narratives.review.views import period_url
from priorities.models import Area, Period
from priorities.roles import ANALYST, OFFICER, user_save_with_role
from tests.narratives.edition_builders import build_edition
from tests.second_factor import login_verified

Status = Entry.Status
# Measured: 20 for the page (the session, the user and the second factor's device included),
# 18 for the status grid and 19 for the comments (each with its download record); a little
# room for what other parts add to every page. The real guard is `few == many`.
MAX_PAGE_QUERIES = 22
MAX_EXPORT_QUERIES = 21


def _quarter(year: int, quarter: int, scale: int, analyst) -> Period:
    """An edition at `scale`, a third of it submitted, a tenth returned with a comment."""
    period = Period.objects.create(year=year, quarter=quarter, is_open=True)
    build_edition(period, scale=scale, status=Status.APPROVED)
    previous = Period.objects.create(year=year, quarter=quarter - 1)
    build_edition(previous, scale=1, status=Status.APPROVED)  # what was written: missing rows
    entries = list(Entry.objects.filter(period=period).order_by("pk"))
    Entry.objects.filter(pk__in=[e.pk for e in entries[::3]]).update(status=Status.SUBMITTED)
    returned = entries[1::10]
    Entry.objects.filter(pk__in=[e.pk for e in returned]).update(status=Status.RETURNED)
    Transition.objects.bulk_create(
        Transition(
            entry=e, from_status="submitted", to_status="returned", by=analyst, comment="Say when."
        )
        for e in returned
    )
    return period


def _urls(period: Period, north: Area) -> dict[str, str]:
    page = period_url(period)
    fy, quarter = period.slug.split("/")
    filtered = f"?area={north.pk}&status=submitted&needs_me=on"
    urls = {"page": page, "filtered page": page + filtered}
    for what in ("status-grid", "comments"):
        for fmt in ("csv", "xlsx"):
            export = reverse("review:export", args=[fy, quarter, what, fmt])
            urls[f"{what}.{fmt}"] = export
            urls[f"{what}.{fmt} filtered"] = export + filtered
    return urls


def _counts(client, urls: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries)
    return counts


@pytest.mark.django_db
def test_same_queries_at_1x_and_10x_the_reference_edition(client):
    analyst = user_save_with_role(username="pau.analyst", role=ANALYST)
    small = _quarter(2020, 2, 1, analyst)
    big = _quarter(2021, 2, 10, analyst)
    assert Entry.objects.filter(period=big).count() >= 1200
    north = Area.objects.get(name="North LPA")
    user_save_with_role(username="north.officer", role=OFFICER, areas=[north])
    login_verified(client, analyst)
    client.get(period_url(small))  # warm per-process caches, as a running server has
    few, many = _counts(client, _urls(small, north)), _counts(client, _urls(big, north))
    assert few == many
    for name, count in many.items():
        limit = MAX_EXPORT_QUERIES if "." in name else MAX_PAGE_QUERIES
        assert count <= limit, f"{name}: {count} queries"
