"""Who changed what, when, before and after: every model a user can change keeps history."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from priorities.models import Period
from priorities.roles import ANALYST, MANAGER, OFFICER, user_save_with_role
from tests.priorities.world import build_world
from tests.second_factor import login_verified

# Records of what happened, which nobody edits: their own rows are the history.
RECORDS = {
    "narratives.transition",
    "narratives.findingacceptance",
    "narratives.edition",
    "accounts.downloadrecord",
    "accounts.notice",
}
APPS = {"priorities", "metrics", "narratives", "accounts", "auth"}


def test_every_model_a_user_can_change_in_the_admin_keeps_history():
    missing = [
        model._meta.label_lower
        for model in admin.site._registry
        if model._meta.app_label in APPS
        and model._meta.label_lower not in RECORDS | {"auth.group"}
        and not hasattr(model._meta, "simple_history_manager_attribute")
    ]
    assert missing == []


def test_opening_a_period_is_in_its_history_with_who_did_it(client, db):
    w = build_world()
    login_verified(client, w.analyst)
    client.post(
        reverse("admin:priorities_period_changelist"),
        {"action": "open_for_entry", "_selected_action": [w.q1.pk]},
    )
    latest = Period.history.filter(id=w.q1.pk).latest()
    assert latest.is_open and latest.history_user == w.analyst
    before = latest.prev_record
    assert before is not None and not before.is_open
    delta = latest.diff_against(before)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("is_open", False, True)]


def test_a_change_of_role_and_areas_is_in_the_users_history(db):
    w = build_world()
    user = user_save_with_role(username="swap", role=OFFICER, areas=[w.north])
    user_save_with_role(username="swap", role=MANAGER)
    groups = [
        {row.group.name for row in record.groups.all()}
        for record in get_user_model().history.filter(id=user.pk).order_by("history_id")
    ]
    assert groups[-1] == {"Managers"}
    assert {"Area officers"} in groups
    from priorities.models import Assignment

    assert Assignment.history.filter(user_id=user.pk, history_type="-").count() == 1


def test_saving_the_same_role_again_writes_no_new_history(db):
    w = build_world()
    user = user_save_with_role(username="same", role=OFFICER, areas=[w.north])
    count = get_user_model().history.filter(id=user.pk).count()
    from priorities.models import Assignment

    areas = Assignment.history.filter(user_id=user.pk).count()
    user_save_with_role(username="same", role=OFFICER, areas=[w.north])
    assert Assignment.history.filter(user_id=user.pk).count() == areas
    assert get_user_model().history.filter(id=user.pk).count() == count + 1  # the save itself


@pytest.mark.parametrize("role", [OFFICER, MANAGER])
def test_who_may_only_look_cannot_revert(client, db, role):
    w = build_world()
    user = {OFFICER: w.officer, MANAGER: w.manager}[role]
    login_verified(client, user)
    w.q1.is_open = True
    w.q1.save()
    first = Period.history.filter(id=w.q1.pk).earliest()
    url = reverse("admin:priorities_period_simple_history", args=[w.q1.pk, first.history_id])
    assert client.post(url, {}).status_code == 403
    w.q1.refresh_from_db()
    assert w.q1.is_open


def test_an_analyst_sees_the_history_of_a_plan(client, db):
    w = build_world()
    login_verified(client, user_save_with_role(username="pau2", role=ANALYST))
    page = client.get(reverse("admin:priorities_plan_history", args=[w.plan.pk]))
    assert page.status_code == 200
