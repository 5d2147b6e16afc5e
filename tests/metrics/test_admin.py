"""Entering values in the admin: roles, area scoping, the comparisons shown, query counts."""

import pytest

from metrics.models import MetricValue
from metrics.services import MetricValueConflict, MetricValueError, metric_value_save
from priorities.models import Period
from priorities.periods import Quarter

CHANGELIST = "/admin/metrics/metricvalue/"
LATEST = Quarter(2020, 2)


def change_url(value):
    return f"{CHANGELIST}{value.pk}/change/"


def posted(stored, **changes):
    """What the value's change form sends, as loaded now, with `changes` typed in."""
    fields = {"metric": stored.metric_id, "period": stored.period_id, "area": stored.area_id}
    return {**fields, "value": stored.value, "revision": stored.revision, **changes}


def open_for_entry(small_force, quarter=LATEST):
    period = small_force["periods"][quarter]
    Period.objects.filter(pk=period.pk).update(is_open=True)


def value_at(small_force, name, quarter=LATEST, metric="calls"):
    return MetricValue.objects.get(
        metric=small_force[metric],
        area=small_force["areas"][name],
        period=small_force["periods"][quarter],
    )


def test_the_value_page_shows_comparisons_to_quote(client, small_force, analyst):
    client.force_login(analyst)
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
    client.force_login(analyst)
    response = client.post(change_url(value), posted(value, value="4300"))
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.value == 4300 and value.modified_by == analyst
    assert value.history.first().history_user == analyst


def test_a_duplicate_value_is_refused_with_a_message(client, small_force, analyst):
    value = value_at(small_force, "force")
    client.force_login(analyst)
    response = client.post(
        f"{CHANGELIST}add/",
        {"metric": value.metric_id, "period": value.period_id, "area": value.area_id, "value": 1},
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_a_manager_may_look_but_not_change(client, small_force, manager):
    value = value_at(small_force, "force")
    client.force_login(manager)
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
    open_for_entry(small_force)
    areas = small_force["areas"]
    client.force_login(make_officer(areas["LPA 1"]))
    listed = client.get(CHANGELIST).context["cl"].queryset
    assert {v.area.name for v in listed} == {"District 1.1", "District 1.2"}
    assert client.get(change_url(value_at(small_force, "District 2.1"))).status_code == 302
    mine = value_at(small_force, "District 1.1")
    response = client.post(change_url(mine), posted(mine, area=areas["force"].pk, value=1))
    assert response.status_code == 200  # the force is not a choice for them
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("role", ["analyst", "manager"])
def test_the_value_list_takes_a_fixed_number_of_queries(
    client, small_force, role, request, django_assert_max_num_queries
):
    client.force_login(request.getfixturevalue(role))
    with django_assert_max_num_queries(13):
        assert client.get(CHANGELIST).status_code == 200
    with django_assert_max_num_queries(18):  # choices of metric, period and area included
        assert client.get(change_url(value_at(small_force, "force"))).status_code == 200


def test_an_officer_typing_a_figure_makes_it_a_real_one(client, small_force, make_officer):
    open_for_entry(small_force)
    mine = value_at(small_force, "District 1.1")
    MetricValue.objects.filter(pk=mine.pk).update(illustrative=True)
    client.force_login(make_officer(small_force["areas"]["LPA 1"]))
    form = client.get(change_url(mine)).context["adminform"].form
    assert "illustrative" not in form.fields  # only analysts mark figures as illustrative
    response = client.post(change_url(mine), posted(mine, value=1234))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.value == 1234 and not mine.illustrative


# Two savers and closed quarters: the rules entries keep ----------------------------------------


def test_the_second_of_two_savers_is_told_and_the_first_figure_kept(client, small_force, analyst):
    value = value_at(small_force, "force")
    client.force_login(analyst)
    # Both opened the page at the same revision; the first saves.
    opened = client.get(change_url(value)).context["adminform"].form.initial["revision"]
    assert client.post(change_url(value), posted(value, value=4300)).status_code == 302
    response = client.post(change_url(value), posted(value, value=4400, revision=opened))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved this figure while you were editing it" in page
    assert 'value="4400' in page  # the figure typed is still in the form
    value.refresh_from_db()
    assert (value.value, value.revision) == (4300, 2)
    assert value.history.first().value == 4300  # the refused save left no record


def test_a_save_racing_past_the_form_is_refused_by_the_service(small_force, analyst):
    value = value_at(small_force, "force")
    MetricValue.objects.filter(pk=value.pk).update(revision=5)  # saved by someone meanwhile
    value.value = 1
    with pytest.raises(MetricValueConflict):
        metric_value_save(value=value, by=analyst, expected_revision=1)
    assert MetricValue.objects.get(pk=value.pk).value == 4280


def test_an_officer_cannot_change_figures_of_a_closed_quarter(client, small_force, make_officer):
    open_for_entry(small_force)  # the latest quarter is open; the one before is long closed
    old = value_at(small_force, "District 1.1", LATEST.previous())
    client.force_login(make_officer(small_force["areas"]["LPA 1"]))
    page = client.get(change_url(old))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert (
        "2020/21 Q1 is closed for entry, so its figures for District 1.1" in page.content.decode()
    )
    response = client.post(change_url(old), posted(old, value=1))
    assert response.status_code == 403
    old.refresh_from_db()
    assert old.value != 1
    # Nor can one be moved into, or added for, a closed quarter.
    mine = value_at(small_force, "District 1.1")
    moved = client.post(change_url(mine), posted(mine, period=old.period_id, value=1))
    assert "Select a valid choice" in moved.content.decode()
    with pytest.raises(MetricValueError, match="2020/21 Q1 is closed for entry"):
        metric_value_save(value=old, by=make_officer(small_force["areas"]["LPA 1"]))


def test_no_quarter_open_means_no_adding_for_officers(client, small_force, make_officer):
    client.force_login(make_officer(small_force["areas"]["LPA 1"]))
    refused = client.get(f"{CHANGELIST}add/", follow=True)
    assert refused.redirect_chain == [(CHANGELIST, 302)]
    assert "No quarter is open for entry" in refused.content.decode()
    open_for_entry(small_force)
    assert client.get(f"{CHANGELIST}add/").status_code == 200


def test_an_analyst_corrects_a_closed_quarter(client, small_force, analyst):
    old = value_at(small_force, "force", LATEST.previous())
    client.force_login(analyst)
    assert client.post(change_url(old), posted(old, value=7)).status_code == 302
    old.refresh_from_db()
    assert (old.value, old.revision) == (7, 2)
