"""The demo the project ships: its own edition (in the project's words), demo users for each
role, and the next quarter open for entries. For local trying-out only (DEBUG on)."""

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from narratives.editions.publishing import edition_publish_imported
from narratives.importing.store import edition_import_text
from narratives.models import Edition
from priorities.models import Area, Period
from priorities.roles import ANALYST, MANAGER, OFFICER, role_groups_sync, user_save_with_role
from priorities.services import areas_load_file, period_get_or_create

DEMO_EDITION = Path(__file__).resolve().parent / "quarterly-update-demo.txt"
# A documented, throwaway password for a local demo; PCP_DEMO_PASSWORD chooses another.
DEMO_PASSWORD = "demo-only-pcp-2020"
ENTRY_WINDOW = datetime.timedelta(weeks=3)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    area: str


@dataclass
class DemoLoaded:
    logins: list[DemoLogin] = field(default_factory=list)
    password_from_env: bool = False
    open_period: Period | None = None
    warnings: list[str] = field(default_factory=list)


# (username, role, area name or None for every area); "admin" is the superuser.
DEMO_USERS = (
    ("admin", ANALYST, None),
    ("analyst", ANALYST, None),
    ("manager", MANAGER, None),
    ("officer-north", OFFICER, "North LPA"),
    ("officer-southend", OFFICER, "Southend"),
)


@transaction.atomic
def demo_load() -> DemoLoaded:
    """Areas, the demo edition, users, the next period open; safe to run again."""
    areas_load_file()
    edition, _ = edition_import_text(
        text=DEMO_EDITION.read_text(encoding="utf-8"), source=DEMO_EDITION.name
    )
    loaded = DemoLoaded(warnings=list(edition.warnings))
    quarter = edition.cover.period
    if not Edition.objects.filter(period__year=quarter.year, period__quarter=quarter.quarter):
        # Published, so the public pages and "start from last quarter" have an edition to show.
        edition_publish_imported(cover=edition.cover)
    password = os.environ.get("PCP_DEMO_PASSWORD") or DEMO_PASSWORD
    loaded.password_from_env = bool(os.environ.get("PCP_DEMO_PASSWORD"))
    role_groups_sync()  # once for all the demo users, who then join the groups as they stand
    for username, role, area_name in DEMO_USERS:
        areas = [Area.objects.get(name=area_name)] if area_name else []
        user = user_save_with_role(
            username=username,
            role=role,
            areas=areas,
            password=password,
            email=f"{username}@example.org",
        )
        if username == "admin":
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        label = "superuser" if username == "admin" else role
        loaded.logins.append(DemoLogin(username, label, area_name or "all areas"))
    loaded.open_period = _next_period_open(edition.cover.period.next())
    return loaded


def _next_period_open(quarter) -> Period:
    period = period_get_or_create(year=quarter.year, quarter=quarter.quarter)
    period.is_open = True
    if period.entry_deadline is None or period.entry_deadline <= timezone.now():
        deadline = timezone.localtime() + ENTRY_WINDOW
        period.entry_deadline = deadline.replace(hour=17, minute=0, second=0, microsecond=0)
    period.save(update_fields=["is_open", "entry_deadline"])
    return period
