"""Who may see and change what: the three roles and the areas an officer writes for.

Roles are Django groups so that a force can see and audit them in the admin; the areas an
officer may write for are their assignments plus every area below them (an officer of an LPA
writes for its districts).
"""

from collections.abc import Iterable

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from priorities.models import Area, Assignment
from priorities.selectors import area_tree

OFFICER = "officer"
ANALYST = "analyst"
MANAGER = "manager"
ROLE_GROUPS = {OFFICER: "Area officers", ANALYST: "Analysts (PAU)", MANAGER: "Managers"}

# The apps whose models the roles work on; labels, not imports, so this layer stays at the bottom.
DOMAIN_APPS = ("priorities", "metrics", "narratives")

# Officers write the entries and figures of their areas (the admin narrows these to their areas
# and to periods open for entry) and read the rest of the domain.
OFFICER_PERMISSIONS = {
    "narratives.entry": ("view", "add", "change", "delete"),
    "narratives.operation": ("view", "add"),
    "narratives.transition": ("view",),
    "narratives.findingacceptance": ("view",),
    "narratives.edition": ("view",),
    "metrics.metricvalue": ("view", "add", "change"),
    "metrics.metric": ("view",),
    "metrics.target": ("view",),
    "metrics.seriesbreak": ("view",),
    "priorities.plan": ("view",),
    "priorities.priority": ("view",),
    "priorities.commitment": ("view",),
    "priorities.area": ("view",),
    "priorities.areaalias": ("view",),
    "priorities.period": ("view",),
}
# Records of what happened are never edited, whoever asks.
READ_ONLY_MODELS = {"narratives.transition"}


def user_role(user) -> str | None:
    """The user's role; a superuser counts as an analyst."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return ANALYST
    cached = getattr(user, "_pcp_role", False)
    if cached is not False:
        return cached  # asked many times per admin page; the groups do not change meanwhile
    names = {group.name for group in user.groups.all()}
    user._pcp_role = next(
        (role for role in (ANALYST, MANAGER, OFFICER) if ROLE_GROUPS[role] in names), None
    )
    return user._pcp_role


def user_area_ids(user) -> frozenset[int] | None:
    """Areas the user may work on: None means every area (analysts, managers)."""
    cached = getattr(user, "_pcp_area_ids", False)
    if cached is not False:
        return cached
    role = user_role(user)
    if role in (ANALYST, MANAGER):
        ids = None
    elif role == OFFICER:
        assigned = Assignment.objects.filter(user=user).values_list("area_id", flat=True)
        ids = area_tree().with_descendants(assigned)
    else:
        ids = frozenset()
    user._pcp_area_ids = ids
    return ids


def officer_assignments():
    """Assignments of active users whose role is officer (a manager's or analyst's do not count:
    their role already reaches every area)."""
    return (
        Assignment.objects.filter(
            user__is_active=True, user__is_superuser=False, user__groups__name=ROLE_GROUPS[OFFICER]
        )
        .exclude(user__groups__name__in=[ROLE_GROUPS[ANALYST], ROLE_GROUPS[MANAGER]])
        .distinct()
    )


def _role_permissions(role: str, permissions: list[Permission]) -> list[Permission]:
    chosen = []
    for permission in permissions:
        model = f"{permission.content_type.app_label}.{permission.content_type.model}"
        action = permission.codename.split("_", 1)[0]
        if model.split(".", 1)[1].startswith("historical"):
            continue  # history is reached through its model's admin, under that model's rights
        if role == ANALYST:
            allowed = action == "view" or model not in READ_ONLY_MODELS
        elif role == MANAGER:
            allowed = action == "view"
        else:
            allowed = action in OFFICER_PERMISSIONS.get(model, ())
        if allowed:
            chosen.append(permission)
    return chosen


def areas_named(names: Iterable[str]) -> list[Area]:
    """The areas with these names or aliases (any case); ValueError lists the unknown ones."""
    found, unknown = [], []
    for name in names:
        key = " ".join(name.split())
        area = (
            Area.objects.filter(name__iexact=key).first()
            or Area.objects.filter(aliases__name__iexact=key).first()
        )
        if area is None:
            unknown.append(name)
        elif area not in found:
            found.append(area)
    if unknown:
        known = ", ".join(Area.objects.order_by("name").values_list("name", flat=True)[:60])
        raise ValueError(f"Unknown area(s): {', '.join(unknown)}. Known areas: {known or 'none'}.")
    return found


@transaction.atomic
def role_groups_sync() -> dict[str, Group]:
    """Create the three role groups and give each exactly its permissions (safe to repeat)."""
    for label in ("contenttypes", "auth", *DOMAIN_APPS):
        # Permissions normally appear after migrate; creating them here lets this run anywhere.
        create_permissions(apps.get_app_config(label), verbosity=0)
    permissions = list(
        Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS).select_related(
            "content_type"
        )
    )
    groups = {}
    for role, name in ROLE_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(_role_permissions(role, permissions))
        groups[role] = group
    return groups


def role_groups() -> dict[str, Group]:
    """The three role groups as they stand, in one query; synced only where one is missing.

    Their permissions are set after every migrate (and a flush), so saving a user assigns the
    existing group rather than rewriting every group's permissions each time.
    """
    names = {name: role for role, name in ROLE_GROUPS.items()}
    groups = {names[group.name]: group for group in Group.objects.filter(name__in=names)}
    return groups if len(groups) == len(ROLE_GROUPS) else role_groups_sync()


@transaction.atomic
def user_save_with_role(
    *,
    username: str,
    role: str,
    areas: Iterable[Area] = (),
    password: str | None = None,
    email: str = "",
):
    """Create or update a user with exactly one role and, for officers, their areas."""
    if role not in ROLE_GROUPS:
        raise ValueError(f"Unknown role {role!r}; choose one of {', '.join(ROLE_GROUPS)}")
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.is_staff = True
    if email:
        user.email = email
    if password is not None:
        user.set_password(password)
    user.save()
    groups = role_groups()
    # Only what changes is written, so the user's history shows real changes of role and area.
    held = set(user.groups.filter(pk__in=[g.pk for g in groups.values()]))
    if held != {groups[role]}:
        user.groups.remove(*(held - {groups[role]}))
        user.groups.add(groups[role])
    wanted = {area.pk for area in areas} if role == OFFICER else set()
    Assignment.objects.filter(user=user).exclude(area_id__in=wanted).delete()
    have = set(Assignment.objects.filter(user=user).values_list("area_id", flat=True))
    added = [Assignment(user=user, area_id=pk) for pk in sorted(wanted - have)]
    if added:
        bulk_create_with_history(added, Assignment)
    return user
