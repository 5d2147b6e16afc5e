"""Time and size of the PAU's review screen and its exports at 1x and 10x the reference edition.

    .venv/bin/python bench/review.py [--scales 1 10]

Sets Django up itself on a throwaway SQLite database (the project's own is never touched),
builds made-up quarters of about 120 entries per unit of scale (a third submitted), signs an
analyst in, and prints one line per address: the median of five requests, the bytes sent and
the queries made.
"""

import argparse
import statistics
import tempfile
import time

from throwaway import django_setup


def measure(client, label: str, url: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seconds = []
    for _ in range(5):
        connection.queries_log.clear()  # the log keeps 9,000 queries: building data fills it
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    size = len(response.content)
    median = statistics.median(seconds) * 1000
    print(f"  {label:<28} {median:8.1f} ms {size:>10,} bytes {len(queries):>4} queries")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        django_setup(directory)
        from django.urls import reverse

        from bench.data import sample_edition, signed_in_client
        from narratives.models import Entry
        from narratives.review.views import period_url
        from priorities.models import Area, Period
        from priorities.roles import ANALYST, user_save_with_role

        analyst = user_save_with_role(username="bench.analyst", role=ANALYST)
        client = signed_in_client(analyst)
        for number, scale in enumerate(args.scales, 1):
            period = Period.objects.create(year=2020 + number, quarter=2, is_open=True)
            sample_edition(period, scale=scale)
            ids = list(Entry.objects.filter(period=period).values_list("pk", flat=True)[::3])
            Entry.objects.filter(pk__in=ids).update(status=Entry.Status.SUBMITTED)
            north = Area.objects.get(name="North LPA")
            page = period_url(period)
            fy, quarter = period.fy, period.quarter_slug
            print(f"{scale}x: {Entry.objects.filter(period=period).count()} entries")
            measure(client, "review screen", page)
            measure(client, "filtered (North, needs me)", f"{page}?area={north.pk}&needs_me=on")
            for what in ("status-grid", "comments"):
                for fmt in ("csv", "xlsx"):
                    url = reverse("review:export", args=[fy, quarter, what, fmt])
                    measure(client, f"{what}.{fmt}", url)


if __name__ == "__main__":
    main()
