"""Roles as groups with their permissions, officers' areas, and the add_user command."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from priorities.models import Assignment
from priorities.roles import (
    ANALYST,
    MANAGER,
    OFFICER,
    ROLE_GROUPS,
    role_groups_sync,
    user_area_ids,
    user_role,
    user_save_with_role,
)

User = get_user_model()


def perms(role) -> set[str]:
    group = Group.objects.get(name=ROLE_GROUPS[role])
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_officer_writes_entries_and_figures_and_reads_the_plan(w):
    officer = perms(OFFICER)
    assert {"narratives.add_entry", "narratives.change_entry", "narratives.delete_entry"} <= officer
    assert {"metrics.change_metricvalue", "priorities.view_commitment"} <= officer
    assert not {"priorities.change_commitment", "priorities.change_period"} & officer
    assert not {"narratives.change_edition", "metrics.change_metric"} & officer


def test_manager_only_views(w):
    manager = perms(MANAGER)
    assert "narratives.view_entry" in manager and "metrics.view_metricvalue" in manager
    assert all(codename.split(".")[1].startswith("view_") for codename in manager)


def test_analyst_does_everything_but_rewrite_review_steps(w):
    analyst = perms(ANALYST)
    assert {"priorities.change_period", "priorities.change_commitment"} <= analyst
    assert {"narratives.delete_entry", "metrics.add_metricvalue"} <= analyst
    assert "narratives.view_transition" in analyst
    assert "narratives.change_transition" not in analyst


def test_sync_is_idempotent(w):
    before = {role: perms(role) for role in ROLE_GROUPS}
    role_groups_sync()
    role_groups_sync()
    assert {role: perms(role) for role in ROLE_GROUPS} == before
    assert Group.objects.count() == 3


@pytest.mark.django_db
def test_saving_a_user_joins_the_existing_group_without_syncing(monkeypatch):
    role_groups_sync()  # as migrate leaves them
    calls = []
    monkeypatch.setattr("priorities.roles.role_groups_sync", lambda: calls.append(1))
    user = user_save_with_role(username="pau.two", role=ANALYST)
    user_save_with_role(username="pau.two", role=MANAGER)
    assert calls == []
    assert list(user.groups.values_list("name", flat=True)) == [ROLE_GROUPS[MANAGER]]


@pytest.mark.django_db
def test_saving_a_user_creates_the_groups_if_they_are_missing():
    Group.objects.all().delete()
    user = user_save_with_role(username="first.user", role=OFFICER)
    assert user_role(user) == OFFICER
    assert "narratives.add_entry" in perms(OFFICER) and Group.objects.count() == 3


def test_lpa_officer_writes_for_its_districts(w):
    assert user_area_ids(w.officer) == {w.north.pk, w.colbury.pk, w.eastwick.pk}
    assert user_area_ids(w.marsh_officer) == {w.marshby.pk}
    assert user_area_ids(w.analyst) is None and user_area_ids(w.manager) is None


def test_roles_of_users(w):
    superuser = User.objects.create_superuser("root", "root@example.org", None)
    assert [user_role(u) for u in (w.officer, w.analyst, w.manager, superuser)] == [
        OFFICER,
        ANALYST,
        MANAGER,
        ANALYST,
    ]
    assert user_area_ids(User.objects.create(username="nobody")) == frozenset()


def test_add_user_creates_an_officer_with_areas(w, monkeypatch):
    monkeypatch.setenv("PCP_USER_PASSWORD", "correct-horse-battery-7")
    call_command("add_user", "new.officer", "--role", "officer", "--area", "north lpa",
                 "--area", "Marshby")  # fmt: skip
    user = User.objects.get(username="new.officer")
    assert user.is_staff and user.check_password("correct-horse-battery-7")
    assert user_role(user) == OFFICER
    assert set(Assignment.objects.filter(user=user).values_list("area__name", flat=True)) == {
        "North LPA",
        "Marshby",
    }


def test_add_user_changes_role_and_keeps_password(w, monkeypatch):
    monkeypatch.setenv("PCP_USER_PASSWORD", "correct-horse-battery-7")
    call_command("add_user", "swap", "--role", "officer", "--area", "Colbury")
    monkeypatch.delenv("PCP_USER_PASSWORD")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    call_command("add_user", "swap", "--role", "analyst")
    user = User.objects.get(username="swap")
    assert user_role(user) == ANALYST
    assert not Assignment.objects.filter(user=user).exists()
    assert user.check_password("correct-horse-battery-7")


def test_add_user_unknown_area_writes_nothing(w, monkeypatch):
    monkeypatch.setenv("PCP_USER_PASSWORD", "correct-horse-battery-7")
    with pytest.raises(CommandError, match="Unknown area.*Atlantis.*Known areas: Colbury"):
        call_command("add_user", "ghost", "--role", "officer", "--area", "Colbury",
                     "--area", "Atlantis")  # fmt: skip
    assert not User.objects.filter(username="ghost").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--role", "officer"], "at least one --area"),
        (["--role", "manager", "--area", "Colbury"], "Only officers have areas"),
    ],
)
def test_add_user_refuses_inconsistent_roles(w, monkeypatch, arguments, message):
    monkeypatch.setenv("PCP_USER_PASSWORD", "correct-horse-battery-7")
    with pytest.raises(CommandError, match=message):
        call_command("add_user", "someone", *arguments)
    assert not User.objects.filter(username="someone").exists()


def test_add_user_needs_a_password_for_a_new_user(w, monkeypatch):
    monkeypatch.delenv("PCP_USER_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(CommandError, match="PCP_USER_PASSWORD"):
        call_command("add_user", "nopass", "--role", "manager")
    monkeypatch.setenv("PCP_USER_PASSWORD", "123")
    with pytest.raises(CommandError, match="Password refused"):
        call_command("add_user", "nopass", "--role", "manager")
    assert not User.objects.filter(username="nopass").exists()


def test_add_user_asks_at_a_terminal(w, monkeypatch):
    monkeypatch.delenv("PCP_USER_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter(["typed-at-the-prompt-93", "typed-at-the-prompt-93"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command("add_user", "prompted", "--role", "manager")
    assert User.objects.get(username="prompted").check_password("typed-at-the-prompt-93")
