"""Every admin page of every registered model renders for a superuser in a fixed number of queries.

The demo (its edition through the importer, users, twelve quarters of figures) gives each list
dozens to thousands of rows, so a query per row would blow well past the cap.
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from metrics.demo import illustrative_series_load
from narratives.demo import demo_load
from tests.second_factor import login_verified

# Highest count any admin page may take, whatever the number of rows it shows.
PAGE_QUERY_CAP = 24


@pytest.fixture
def demo_world(db):
    demo_load()
    illustrative_series_load()


def _pages(model, model_admin, request):
    info = (model._meta.app_label, model._meta.model_name)
    yield reverse("admin:{}_{}_changelist".format(*info))
    yield reverse("admin:{}_{}_add".format(*info))
    first = model_admin.get_queryset(request).order_by("pk").first()
    if first is not None:
        yield reverse("admin:{}_{}_change".format(*info), args=[first.pk])
        yield reverse("admin:{}_{}_history".format(*info), args=[first.pk])


def test_every_admin_page_renders_for_a_superuser_in_capped_queries(demo_world, client, rf):
    superuser = get_user_model().objects.get(username="admin")
    login_verified(client, superuser)
    request = rf.get("/admin/")
    request.user = superuser
    measured = {}
    for model, model_admin in admin.site._registry.items():
        for url in _pages(model, model_admin, request):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code in (200, 403), f"{url} answered {response.status_code}"
            measured[url] = len(queries)
    too_many = {url: count for url, count in measured.items() if count > PAGE_QUERY_CAP}
    assert not too_many, f"pages over {PAGE_QUERY_CAP} queries: {too_many}"
    assert len(measured) >= 4 * 10  # every registered model was walked
