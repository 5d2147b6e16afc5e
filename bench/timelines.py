"""Time to answer a timeline (an LPA's, a district's, an operation's) as quarters pile up.

    .venv/bin/python bench/timelines.py [--quarters 4 20 40] [--scale 1]

Sets Django up itself on a throwaway SQLite database (the project's own is never touched),
publishes made-up quarters of about 120 entries per unit of scale (their JSON snapshots only:
a timeline reads nothing else), and prints, per count of quarters, the median and worst of
five requests for each page, its size and its number of queries (which must not grow).
"""

import argparse
import statistics
import sys
import tempfile
import time

from throwaway import ROOT, django_setup

PAGES = ("/areas/south-lpa/", "/areas/southend/", "/operations/lantern/", "/areas/south-lpa.csv")


def publish_quarters(first: int, last: int, scale: int) -> None:
    from django.utils import timezone

    from narratives.editions.assembly import edition_assemble
    from narratives.editions.rendering.data import edition_json
    from narratives.models import Edition
    from priorities.models import Period
    from tests.narratives.edition_builders import build_edition

    for index in range(first, last):
        year, quarter = 2010 + index // 4, index % 4 + 1
        period, _ = Period.objects.get_or_create(year=year, quarter=quarter)
        build_edition(period, scale=scale)
        assembled = edition_assemble(period=period, internal=False)
        Edition.objects.create(
            period=period,
            version="1.0",
            title="Bench",
            data_to=period.end_date,
            produced=period.end_date,
            published_at=timezone.now(),
            snapshot_json=edition_json(assembled, publication={"version": "1.0"}),
            operation_keys=["LANTERN"],
        )


def measure(path: str) -> tuple[float, float, int, int]:
    from django.db import connection, reset_queries
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext
    from django.urls import resolve

    times, size, queries = [], 0, 0
    for _ in range(5):
        reset_queries()  # the query log holds 9,000 at most
        request = RequestFactory().get(path)
        match = resolve(path)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = match.func(request, *match.args, **match.kwargs)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, path
        size, queries = len(response.content), len(captured)
    return statistics.median(times), max(times), size, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quarters", type=int, nargs="+", default=[4, 20, 40])
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        django_setup(directory)
        sys.path.insert(0, str(ROOT))
        done = 0
        for quarters in sorted(args.quarters):
            started = time.perf_counter()
            publish_quarters(done, quarters, args.scale)
            built = time.perf_counter() - started
            done = quarters
            print(f"{quarters} quarters x ~{120 * args.scale} entries (built in {built:.1f} s)")
            for path in PAGES:
                median, worst, size, queries = measure(path)
                print(
                    f"  {path:<24} median {median * 1000:7.1f} ms  worst {worst * 1000:7.1f} ms"
                    f"  {size:>9,} bytes  {queries} queries"
                )


if __name__ == "__main__":
    main()
