"""The data the benchmarks run on, made through the product: areas by `areas_load` (what
`load_areas` runs), quarters by `period_get_or_create`, users by `user_save_with_role`, and a
whole edition by the product's sample edition (narratives.demo.sample_edition), which the
tests use too. Nothing here comes from tests/: a benchmark measures what the product does.

Imported once Django is set up on a throwaway database (bench/throwaway.py, or
bench/metrics.py's own set-up).
"""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from metrics.models import Metric
from narratives.demo.sample_edition import sample_edition, sample_plan
from priorities.models import Area, Commitment, Period
from priorities.periods import Quarter
from priorities.services import areas_load, period_get_or_create

__all__ = [
    "bench_areas",
    "bench_commitments",
    "bench_metrics",
    "bench_quarters",
    "signed_in_client",
    "sample_edition",
]


def bench_areas(*, lpas: int = 3, districts: int = 5) -> list[Area]:
    """Bench Police, `lpas` LPAs of `districts` districts each, and one district more in the
    first LPA: the force first, then each LPA followed by its districts."""
    tree = [
        {
            "name": f"LPA {lpa}",
            "districts": [{"name": f"District {lpa}.{d}"} for d in range(1, districts + 1)],
        }
        for lpa in range(1, lpas + 1)
    ]
    tree[0]["districts"].append({"name": "District 4.1"})
    areas_load(data={"force": {"name": "Bench Police"}, "lpas": tree})
    by_name = {area.name: area for area in Area.objects.all()}
    ordered = [by_name["Bench Police"]]
    for lpa in tree:
        ordered.append(by_name[lpa["name"]])
        ordered += [by_name[d["name"]] for d in lpa["districts"] if d["name"] != "District 4.1"]
    return [*ordered, by_name["District 4.1"]]


def bench_quarters(*, count: int, last: Quarter) -> list[Period]:
    """`count` quarters up to `last`, oldest first."""
    quarters = [last]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return [period_get_or_create(year=q.year, quarter=q.quarter) for q in reversed(quarters)]


def bench_metrics(count: int) -> list[Metric]:
    """`count` made-up measures, measure-00 up."""
    return Metric.objects.bulk_create(
        Metric(code=f"measure-{i:02d}", name=f"Measure {i:02d}", good_direction="up")
        for i in range(count)
    )


def bench_commitments() -> list[Commitment]:
    """The sample plan's commitments (the reference's twelve)."""
    return sample_plan()


def signed_in_client(user) -> Client:
    """A test client signed in as `user`, with the session marked as having given the second
    factor (an authenticator app set up for them), as the code page does."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
