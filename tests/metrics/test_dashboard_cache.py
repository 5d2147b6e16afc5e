"""The dashboards home served from a short-lived cache shared by users who see the same page."""

import pytest
from django.core.cache import cache

from metrics.models import MetricValue
from tests.second_factor import login_verified


@pytest.fixture
def caching(settings):
    settings.DASHBOARD_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_managers_share_one_copy_of_the_home_page(
    client, small_force, manager, caching, django_user_model, django_assert_max_num_queries
):
    login_verified(client, manager)
    first = client.get("/dashboards/")
    assert first.status_code == 200
    MetricValue.objects.filter(metric=small_force["calls"]).update(value=1)  # not yet shown

    from priorities.roles import MANAGER, user_save_with_role

    other = user_save_with_role(username="manager-2", role=MANAGER, password="x" * 20)
    login_verified(client, other)
    # Session, user, second factor's device, permissions (user's, groups'), role, the user's
    # own notices and (SQLite) savepoints; building the figures takes 10 or more.
    with django_assert_max_num_queries(9):
        again = client.get("/dashboards/")
    assert cards(again) == cards(first)
    assert "script-src 'self'" in again["Content-Security-Policy"]

    cache.clear()  # as when the copy expires: the changed figures show
    assert cards(client.get("/dashboards/")) != cards(first)


def cards(response) -> str:
    """The measures' part of the home page (the rest holds what is the user's own)."""
    page = response.content.decode()
    return page[page.index('<ol class="measure-cards"') :]


def test_the_shared_copy_never_carries_anyones_notices(client, small_force, manager, caching):
    from pcp.accounts.notices import notice_record
    from priorities.roles import MANAGER, user_save_with_role

    notice_record(
        user=manager, kind="published", subject="For the first manager", body="", link="/"
    )
    login_verified(client, manager)
    first = client.get("/dashboards/")
    assert "For the first manager" in first.content.decode()
    other = user_save_with_role(username="manager-3", role=MANAGER, password="x" * 20)
    login_verified(client, other)
    again = client.get("/dashboards/")
    assert "For the first manager" not in again.content.decode()
    assert cards(again) == cards(first)


def test_an_officer_never_gets_a_managers_copy(client, small_force, manager, make_officer, caching):
    areas = small_force["areas"]
    login_verified(client, manager)
    managers = client.get("/dashboards/")
    login_verified(client, make_officer(areas["LPA 1"]))
    officers = client.get("/dashboards/")
    assert officers.content != managers.content
    assert officers.context["area"] == areas["LPA 1"]  # built for them, not from the cache


def test_filters_are_part_of_the_key(client, small_force, manager, caching):
    login_verified(client, manager)
    whole = client.get("/dashboards/")
    lpa = client.get("/dashboards/", {"area": small_force["areas"]["LPA 2"].pk})
    assert lpa.context["area"] == small_force["areas"]["LPA 2"]
    assert lpa.content != whole.content


def test_the_cache_is_behind_the_login(client, small_force, caching):
    response = client.get("/dashboards/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
