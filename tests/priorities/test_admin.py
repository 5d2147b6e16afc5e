"""Admin of the plan, areas, periods and assignments: fixed query counts, real form posts."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from priorities.models import Area, AreaAlias, Assignment, Commitment, Period, Priority
from tests.priorities.adminforms import admin_form_data, count_queries
from tests.second_factor import login_verified

# Most queries any of these pages may make, whatever the number of rows (measured: 9-13).
MAX_QUERIES = 16


def _priorities(w, n):
    start = Priority.objects.count() + 1
    for number in range(start, start + n):
        Priority.objects.create(plan=w.plan, number=number, title=f"Priority {number}")
    return reverse("admin:priorities_plan_change", args=[w.plan.pk])


def _commitments(w, n):
    start = w.priority.commitments.count() + 1
    for order in range(start, start + n):
        Commitment.objects.create(priority=w.priority, order=order, text=f"Promise {order}.")
    return reverse("admin:priorities_priority_change", args=[w.priority.pk])


def _districts(w, n):
    for _ in range(n):
        count = Area.objects.count()
        Area.objects.create(name=f"District {count}", kind="district", parent=w.south)
        AreaAlias.objects.create(name=f"Alias {count}", area=w.south)
    return reverse("admin:priorities_area_change", args=[w.south.pk])


def _periods(w, n):
    start = Period.objects.count()
    for i in range(start, start + n):
        Period.objects.create(year=2000 + i // 4, quarter=i % 4 + 1)
    return None


def _assignments(w, n):
    users = get_user_model().objects
    for _ in range(n):
        user = users.create(username=f"officer{users.count()}")
        Assignment.objects.create(user=user, area=w.marshby)
    return None


PAGES = {
    "plan": (_priorities, ["priorities_plan_changelist", "priorities_priority_changelist"]),
    "priority": (_commitments, ["priorities_commitment_changelist"]),
    "area": (_districts, ["priorities_area_changelist", "priorities_areaalias_changelist"]),
    "period": (_periods, ["priorities_period_changelist"]),
    "assignment": (_assignments, ["priorities_assignment_changelist"]),
}


@pytest.mark.parametrize("page", PAGES)
def test_pages_make_the_same_queries_for_1_or_30_rows(
    client, w, superuser, page, django_assert_max_num_queries
):
    grow, list_names = PAGES[page]
    login_verified(client, superuser)
    change_url = grow(w, 1)
    urls = [reverse(f"admin:{name}") for name in list_names] + [change_url] * bool(change_url)
    for url in urls:
        client.get(url)  # warm the per-process caches (content types), as a running server has
    few = [count_queries(client, url) for url in urls]
    grow(w, 29)
    many = [count_queries(client, url) for url in urls]
    assert few == many
    for url in urls:
        with django_assert_max_num_queries(MAX_QUERIES):
            client.get(url)


def test_change_pages_of_each_model_render(client, w, superuser):
    login_verified(client, superuser)
    objects = [
        w.plan,
        w.priority,
        w.commitment,
        w.north,
        AreaAlias.objects.create(name="Colbury Town", area=w.colbury),
        w.q2,
        Assignment.objects.first(),
    ]
    for obj in objects:
        url = reverse(f"admin:priorities_{obj._meta.model_name}_change", args=[obj.pk])
        assert client.get(url).status_code == 200, url


def test_analyst_adds_a_priority_on_the_plan_page_and_is_recorded_as_its_author(client, w):
    login_verified(client, w.analyst)
    url = reverse("admin:priorities_plan_change", args=[w.plan.pk])
    data = admin_form_data(client.get(url))
    data.update(
        {
            "priorities-TOTAL_FORMS": "2",
            "priorities-1-number": "2",
            "priorities-1-title": "Safer roads",
            "priorities-1-plan": str(w.plan.pk),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    added = Priority.objects.get(title="Safer roads")
    assert (added.created_by, added.modified_by) == (w.analyst, w.analyst)
    w.plan.refresh_from_db()
    assert w.plan.modified_by == w.analyst


@pytest.mark.parametrize("who", ["officer", "manager"])
def test_officers_and_managers_read_the_plan_but_cannot_change_it(client, w, who):
    login_verified(client, getattr(w, who))
    url = reverse("admin:priorities_commitment_change", args=[w.commitment.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["has_change_permission"] is False
    data = {"priority": w.priority.pk, "order": 1, "lead_in": "We will:", "text": "Changed"}
    assert client.post(url, data).status_code == 403
    assert client.get(reverse("admin:priorities_commitment_add")).status_code == 403
    assert Commitment.objects.get(pk=w.commitment.pk).text == "Grow the volunteer police family."


def test_analyst_opens_and_closes_periods_and_sets_the_deadline(client, w):
    login_verified(client, w.analyst)
    changelist = reverse("admin:priorities_period_changelist")
    client.post(changelist, {"action": "close_for_entry", "_selected_action": [w.q2.pk]})
    assert not Period.objects.get(pk=w.q2.pk).is_open
    client.post(changelist, {"action": "open_for_entry", "_selected_action": [w.q1.pk]})
    assert Period.objects.get(pk=w.q1.pk).is_open

    url = reverse("admin:priorities_period_change", args=[w.q1.pk])
    data = admin_form_data(
        client.get(url), entry_deadline_0="2020-07-20", entry_deadline_1="17:00:00"
    )
    assert client.post(url, data).status_code == 302
    deadline = Period.objects.get(pk=w.q1.pk).entry_deadline
    assert (deadline.day, deadline.month) == (20, 7)


def test_officer_cannot_open_a_period(client, w):
    login_verified(client, w.officer)
    changelist = reverse("admin:priorities_period_changelist")
    client.post(changelist, {"action": "open_for_entry", "_selected_action": [w.q1.pk]})
    assert not Period.objects.get(pk=w.q1.pk).is_open


def test_areas_are_listed_as_a_tree(client, w, superuser):
    login_verified(client, superuser)
    response = client.get(reverse("admin:priorities_area_changelist"))
    names = [area.name for area in response.context["cl"].result_list]
    assert names == ["Demo Police", "North LPA", "Colbury", "Eastwick", "South LPA", "Marshby"]
