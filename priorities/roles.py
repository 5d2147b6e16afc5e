"""Who may see and change what: the three roles and the areas an officer writes for.

Roles are Django groups so that a force can see and audit them in the admin; the areas an
officer may write for are their assignments plus every area below them (an officer of an LPA
writes for its districts).
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from priorities.models import Area, Assignment

OFFICER = "officer"
ANALYST = "analyst"
MANAGER = "manager"
ROLE_GROUPS = {OFFICER: "Area officers", ANALYST: "Analysts (PAU)", MANAGER: "Managers"}


def user_role(user) -> str | None:
    """The user's role; a superuser counts as an analyst."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return ANALYST
    names = {group.name for group in user.groups.all()}
    for role in (ANALYST, MANAGER, OFFICER):
        if ROLE_GROUPS[role] in names:
            return role
    return None


def user_area_ids(user) -> frozenset[int] | None:
    """Areas the user may work on: None means every area (analysts, managers)."""
    cached = getattr(user, "_pcp_area_ids", False)
    if cached is not False:
        return cached
    role = user_role(user)
    if role in (ANALYST, MANAGER):
        ids = None
    elif role == OFFICER:
        ids = _with_descendants(
            set(Assignment.objects.filter(user=user).values_list("area_id", flat=True))
        )
    else:
        ids = frozenset()
    user._pcp_area_ids = ids
    return ids


def _with_descendants(area_ids: set[int]) -> frozenset[int]:
    tree = dict(Area.objects.values_list("pk", "parent_id"))
    found = set(area_ids)
    for pk in tree:
        ancestor = tree[pk]
        while ancestor is not None and pk not in found:
            if ancestor in area_ids:
                found.add(pk)
            ancestor = tree.get(ancestor)
    return frozenset(found)


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
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLE_GROUPS.values()}
    user.groups.remove(*groups.values())
    user.groups.add(groups[ROLE_GROUPS[role]])
    Assignment.objects.filter(user=user).delete()
    if role == OFFICER:
        Assignment.objects.bulk_create(Assignment(user=user, area=area) for area in areas)
    return user
