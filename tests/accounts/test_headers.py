"""Every kind of page carries the one content security policy (no inline script) and the
Permissions-Policy; every page and file that needs a login is never stored by a browser or proxy.
Also: which downloads of non-public data are recorded, and that superusers alone read them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from metrics.models import Metric, MetricValue
from narratives.editions.publishing import edition_publish
from pcp.accounts.models import DownloadRecord
from tests.priorities.adminforms import _form_values
from tests.priorities.world import build_world
from tests.second_factor import login_verified

PUBLIC_PAGES = [
    "/editions/",
    "/editions/2020-21/q1/",
    "/editions/2020-21/q1.pdf",
    "/editions/2020-21/q1.csv",
    "/operations/",
]
STAFF_PAGES = [
    "/admin/",
    "/admin/narratives/entry/",
    "CHANGE_ENTRY",
    "/admin/metrics/metricvalue/",
    "/review/",
    "/review/2020-21/q2/",
    "/editions/2020-21/q2/preview/",
    "/editions/2020-21/q2/preview.docx",
    "/dashboards/",
    "/dashboards/matrix-hours/",
    "/dashboards/matrix-hours.csv",
    "/account/two-factor/",
    "/editions/2020-21/q1/internal/",
    "/editions/2020-21/q1/internal.pdf",
    # A public page seen by someone signed in: their page has their name and links on it.
    "/editions/2020-21/q1/",
]


@pytest.fixture
def world(db):
    w = build_world()
    metric = Metric.objects.create(code="matrix-hours", name="Volunteer hours")
    MetricValue.objects.create(metric=metric, period=w.q2, area=w.colbury, value=Decimal(5))
    return w


@pytest.fixture
def published(world):
    edition_publish(period=world.q1, version="1.0", by=world.analyst)
    return world


def assert_policies(response, page):
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"].startswith("'self'"), page
    assert "unsafe-inline" not in directives["script-src"], page
    assert "unsafe-eval" not in directives["script-src"], page
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"], page


def test_public_pages_carry_the_policies_and_may_be_cached(client, published):
    for page in PUBLIC_PAGES:
        response = client.get(page)
        assert response.status_code == 200, page
        assert_policies(response, page)
        assert "no-store" not in response.get("Cache-Control", ""), page
    assert_policies(client.get("/admin/login/"), "/admin/login/")  # Django never caches it


def test_pages_that_need_a_login_carry_the_policies_and_are_never_stored(client, published):
    world = published
    login_verified(client, world.analyst)
    change_entry = reverse("admin:narratives_entry_change", args=[world.colbury_draft.pk])
    for page in STAFF_PAGES:
        page = change_entry if page == "CHANGE_ENTRY" else page
        response = client.get(page)
        assert response.status_code == 200, page
        assert_policies(response, page)
        cache = response["Cache-Control"]
        assert "no-store" in cache and "private" in cache, page


def test_an_admin_export_is_never_stored_and_is_recorded(client, world):
    login_verified(client, world.analyst)
    export = reverse("admin:metrics_metricvalue_export")
    data = _form_values(client.get(export).context["form"])
    data["format"] = "0"
    response = client.post(export, data)
    assert response.status_code == 200 and response.has_header("Content-Disposition")
    assert "no-store" in response["Cache-Control"]
    record = DownloadRecord.objects.get()
    assert (record.username, record.kind) == ("pau.analyst", DownloadRecord.Kind.ADMIN_EXPORT)
    assert record.what.endswith(".csv")


def test_downloads_of_non_public_data_are_recorded_and_public_ones_are_not(client, published):
    world = published
    login_verified(client, world.analyst)
    client.get("/editions/2020-21/q1.pdf")  # public: anyone may have it
    client.get("/editions/2020-21/q1/")
    assert not DownloadRecord.objects.exists()
    client.get("/dashboards/matrix-hours.csv")
    client.get("/editions/2020-21/q2/preview/")
    client.get("/editions/2020-21/q2/preview.docx")
    client.get("/dashboards/matrix-hours/")  # a page, not a file
    client.get("/editions/2020-21/q1/internal/")
    client.get("/editions/2020-21/q1/internal.csv")
    kinds = list(DownloadRecord.objects.order_by("at", "pk").values_list("kind", "path"))
    assert kinds == [
        ("dashboard-csv", "/dashboards/matrix-hours.csv"),
        ("preview", "/editions/2020-21/q2/preview/"),
        ("preview", "/editions/2020-21/q2/preview.docx"),
        ("internal-edition", "/editions/2020-21/q1/internal/"),
        ("internal-edition", "/editions/2020-21/q1/internal.csv"),
    ]
    record = DownloadRecord.objects.get(path__endswith=".docx")
    assert record.user == world.analyst and record.what.endswith("-draft.docx")
    assert record.address == "127.0.0.1" and record.at is not None


def test_a_refused_download_is_not_recorded(client, world):
    login_verified(client, world.manager)
    assert client.get("/editions/2020-21/q2/preview/").status_code == 403
    assert not DownloadRecord.objects.exists()


def test_download_records_are_for_superusers_only(client, world, django_user_model):
    records = reverse("admin:accounts_downloadrecord_changelist")
    login_verified(client, world.analyst)
    assert client.get(records).status_code == 403
    root = django_user_model.objects.create_superuser("root", "root@example.org", None)
    login_verified(client, root)
    client.get("/dashboards/matrix-hours.csv")
    page = client.get(records)
    assert page.status_code == 200 and "matrix-hours" in page.content.decode()
    record = DownloadRecord.objects.get()
    change = reverse("admin:accounts_downloadrecord_change", args=[record.pk])
    assert client.post(change, {"what": "edited"}).status_code == 403  # nobody edits a record
