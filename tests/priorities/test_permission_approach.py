"""One permission approach: roles are groups holding permissions, asked through Django's own
checks and priorities.scoping; every area-scoped admin asks each object's area.

The first test would have caught the slip where a role mixin placed before
AreaScopedAdminMixin answered the object checks itself, without super(), so the per-object
area check never ran for metric values and targets."""

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib import admin

from metrics.models import Metric, MetricValue, Target
from priorities.scoping import AreaScopedAdminMixin, user_may
from tests.priorities.world import build_world

ROOT = Path(__file__).resolve().parents[2]
SCOPED = [
    model_admin
    for model_admin in admin.site._registry.values()
    if isinstance(model_admin, AreaScopedAdminMixin)
]


@pytest.mark.parametrize("model_admin", SCOPED, ids=lambda a: a.model._meta.label)
def test_every_area_scoped_admin_asks_each_objects_area(model_admin, rf, db, monkeypatch):
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", "root@example.org", None)
    request = rf.get("/")
    request.user = root  # every permission: only the area can refuse
    monkeypatch.setattr(model_admin, "is_in_scope", lambda request, obj: False)
    obj = model_admin.model()
    assert not model_admin.has_view_permission(request, obj)
    assert not model_admin.has_change_permission(request, obj)
    assert not model_admin.has_delete_permission(request, obj)


def test_metric_values_and_targets_outside_an_officers_areas_are_refused_object_by_object(rf, db):
    w = build_world()
    metric = Metric.objects.create(code="hours", name="Volunteer hours")
    request = rf.get("/")
    request.user = w.officer  # North LPA
    for model in (MetricValue, Target):
        inside = model.objects.create(metric=metric, period=w.q2, area=w.colbury, value=1)
        outside = model.objects.create(metric=metric, period=w.q2, area=w.marshby, value=Decimal(2))
        model_admin = admin.site.get_model_admin(model)
        assert model_admin.has_view_permission(request, inside)
        assert not model_admin.has_view_permission(request, outside), model
        assert not model_admin.has_change_permission(request, outside), model
        assert not model_admin.has_delete_permission(request, outside), model


def test_roles_are_asked_by_permission_never_by_name():
    """No module outside priorities.roles compares a role with ANALYST: what the PAU may do is
    a permission of its group (naming officers, e.g. to choose whom to remind, is not a check
    of what someone may do)."""
    found = []
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] in ("tests", ".venv", "bench") or "migrations" in path.parts:
            continue
        if path.match("priorities/roles.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Compare) and any(
                isinstance(side, ast.Name) and side.id == "ANALYST"
                for side in [node.left, *node.comparators, *_tuple_items(node.comparators)]
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def _tuple_items(nodes):
    for node in nodes:
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            yield from node.elts


def test_each_role_holds_the_permissions_its_work_needs(db):
    w = build_world()
    wanted = {
        "narratives.review_entry": {"pau.analyst"},
        "narratives.write_any_entry": {"pau.analyst"},
        "narratives.publish_edition": {"pau.analyst"},
        "metrics.mark_illustrative": {"pau.analyst"},
        "narratives.change_entry": {"pau.analyst", "north.officer"},
        "metrics.view_metric": {"pau.analyst", "north.officer", "command.manager"},
    }
    for permission, holders in wanted.items():
        users = (w.analyst, w.officer, w.manager)
        assert {u.username for u in users if user_may(u, permission)} == holders, permission
