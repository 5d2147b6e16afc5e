"""Entering values in the admin: roles, area scoping, the comparisons shown, query counts."""

import pytest

from metrics.models import MetricValue
from priorities.periods import Quarter
from tests.second_factor import login_verified

CHANGELIST = "/admin/metrics/metricvalue/"
LATEST = Quarter(2020, 2)


def change_url(value):
    return f"{CHANGELIST}{value.pk}/change/"


def value_at(small_force, name, quarter=LATEST, metric="calls"):
    return MetricValue.objects.get(
        metric=small_force[metric],
        area=small_force["areas"][name],
        period=small_force["periods"][quarter],
    )


def test_the_value_page_shows_comparisons_to_quote(client, small_force, analyst):
    login_verified(client, analyst)
    response = client.get(change_url(value_at(small_force, "force")))
    page = response.content.decode()
    assert "Comparisons to quote" in page
    assert "an increase of 40 (0.9%) on the previous quarter" in page
    assert "up from 4,120 in the same quarter last year" in page
    # An earlier quarter compares only with what came before it.
    first = value_at(small_force, "force", Quarter(2018, 3))
    assert "No earlier quarters" in client.get(change_url(first)).content.decode()


def test_an_analyst_changes_a_value_and_history_records_who(client, small_force, analyst):
    value = value_at(small_force, "force")
    login_verified(client, analyst)
    response = client.post(
        change_url(value),
        {
            "metric": value.metric_id,
            "period": value.period_id,
            "area": value.area_id,
            "value": "4300",
        },
    )
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.value == 4300 and value.modified_by == analyst
    assert value.history.first().history_user == analyst


def test_a_duplicate_value_is_refused_with_a_message(client, small_force, analyst):
    value = value_at(small_force, "force")
    login_verified(client, analyst)
    response = client.post(
        f"{CHANGELIST}add/",
        {"metric": value.metric_id, "period": value.period_id, "area": value.area_id, "value": 1},
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_a_manager_may_look_but_not_change(client, small_force, manager):
    value = value_at(small_force, "force")
    login_verified(client, manager)
    assert client.get(CHANGELIST).status_code == 200
    assert client.get(change_url(value)).status_code == 200
    response = client.post(
        change_url(value),
        {"metric": value.metric_id, "period": value.period_id, "area": value.area_id, "value": 1},
    )
    assert response.status_code == 403
    value.refresh_from_db()
    assert value.value == 4280
    assert client.get(f"{CHANGELIST}add/").status_code == 403


def test_an_officer_sees_and_changes_only_their_areas(client, small_force, make_officer):
    areas = small_force["areas"]
    login_verified(client, make_officer(areas["LPA 1"]))
    listed = client.get(CHANGELIST).context["cl"].queryset
    assert {v.area.name for v in listed} == {"District 1.1", "District 1.2"}
    assert client.get(change_url(value_at(small_force, "District 2.1"))).status_code == 302
    mine = value_at(small_force, "District 1.1")
    response = client.post(
        change_url(mine),
        {"metric": mine.metric_id, "period": mine.period_id, "area": areas["force"].pk, "value": 1},
    )
    assert response.status_code == 200  # the force is not a choice for them
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("role", ["analyst", "manager"])
def test_the_value_list_takes_a_fixed_number_of_queries(
    client, small_force, role, request, django_assert_max_num_queries
):
    login_verified(client, request.getfixturevalue(role))
    with django_assert_max_num_queries(14):  # the second factor's device included
        assert client.get(CHANGELIST).status_code == 200
    with django_assert_max_num_queries(19):  # choices of metric, period and area included
        assert client.get(change_url(value_at(small_force, "force"))).status_code == 200


def test_an_officer_typing_a_figure_makes_it_a_real_one(client, small_force, make_officer):
    mine = value_at(small_force, "District 1.1")
    MetricValue.objects.filter(pk=mine.pk).update(illustrative=True)
    login_verified(client, make_officer(small_force["areas"]["LPA 1"]))
    form = client.get(change_url(mine)).context["adminform"].form
    assert "illustrative" not in form.fields  # only analysts mark figures as illustrative
    response = client.post(
        change_url(mine),
        {"metric": mine.metric_id, "period": mine.period_id, "area": mine.area_id, "value": 1234},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.value == 1234 and not mine.illustrative
