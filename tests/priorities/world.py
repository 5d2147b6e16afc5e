"""A small made-up force for the roles, admin and workflow tests.

North LPA (Colbury, Eastwick) and South LPA (Marshby), one plan with two commitments, last
quarter (2020/21 Q1, closed, approved entries) and this quarter (Q2, open, deadline ahead),
and one user per role: an officer of North LPA, an officer of Marshby district, an analyst,
a manager.
"""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from narratives.models import Entry, Operation
from priorities.models import Area, Commitment, Period, Plan, Priority
from priorities.roles import ANALYST, MANAGER, OFFICER, user_save_with_role

PASSWORD = "a-long-test-password-4821"


def build_world(password: str | None = None) -> SimpleNamespace:
    """Users get `password` only when a test logs in through the page (hashing is slow)."""
    w = SimpleNamespace()
    w.force = Area.objects.create(name="Demo Police", kind=Area.Kind.FORCE, slug="demo-police")
    w.north = Area.objects.create(
        name="North LPA", kind=Area.Kind.LPA, parent=w.force, order=1, slug="north-lpa"
    )
    w.south = Area.objects.create(
        name="South LPA", kind=Area.Kind.LPA, parent=w.force, order=2, slug="south-lpa"
    )
    w.colbury = Area.objects.create(
        name="Colbury", kind="district", parent=w.north, order=1, slug="colbury"
    )
    w.eastwick = Area.objects.create(
        name="Eastwick", kind="district", parent=w.north, order=2, slug="eastwick"
    )
    w.marshby = Area.objects.create(
        name="Marshby", kind="district", parent=w.south, order=1, slug="marshby"
    )

    w.plan = Plan.objects.create(title="Police and Crime Plan 2016-2020")
    w.priority = Priority.objects.create(plan=w.plan, number=1, title="Local, visible policing")
    w.commitment = Commitment.objects.create(
        priority=w.priority, order=1, lead_in="We will:", text="Grow the volunteer police family."
    )
    w.commitment2 = Commitment.objects.create(
        priority=w.priority, order=2, lead_in="We will:", text="Make it easier to reach us."
    )
    w.q1 = Period.objects.create(year=2020, quarter=1, is_open=False)
    w.q2 = Period.objects.create(
        year=2020,
        quarter=2,
        is_open=True,
        entry_deadline=timezone.now() + datetime.timedelta(days=14),
    )

    w.officer = user_save_with_role(
        username="north.officer", role=OFFICER, areas=[w.north], password=password
    )
    w.officer.email = "north.officer@example.org"
    w.officer.save()
    w.marsh_officer = user_save_with_role(
        username="marshby.officer", role=OFFICER, areas=[w.marshby], password=password
    )
    w.analyst = user_save_with_role(username="pau.analyst", role=ANALYST, password=password)
    w.manager = user_save_with_role(username="command.manager", role=MANAGER, password=password)

    w.gambit = Operation.objects.create(name="GAMBIT")
    w.last_colbury = Entry.objects.create(
        commitment=w.commitment,
        period=w.q1,
        area=w.colbury,
        order=1,
        text="Colbury volunteers gave 120 hours of patrol in the town centre.",
        status=Entry.Status.APPROVED,
    )
    w.last_colbury.areas.set([w.colbury])
    w.last_colbury.operations.set([w.gambit])
    w.last_colbury_child = Entry.objects.create(
        commitment=w.commitment,
        period=w.q1,
        area=w.colbury,
        parent=w.last_colbury,
        order=1,
        text="Two new cadet leaders joined in Colbury.",
        status=Entry.Status.APPROVED,
    )
    w.last_marshby = Entry.objects.create(
        commitment=w.commitment2,
        period=w.q1,
        area=w.marshby,
        order=1,
        text="Marshby opened a drop-in desk at the library.",
        status=Entry.Status.APPROVED,
    )
    w.colbury_draft = Entry.objects.create(
        commitment=w.commitment, period=w.q2, area=w.colbury, order=2, text="Colbury draft text."
    )
    w.marshby_draft = Entry.objects.create(
        commitment=w.commitment, period=w.q2, area=w.marshby, order=3, text="Marshby draft text."
    )
    return w


def many_entries(w, count: int, period=None, area=None, status=Entry.Status.DRAFT) -> list[Entry]:
    """`count` more entries (each naming an area and an operation) to pin query counts."""
    period, area = period or w.q2, area or w.colbury
    made = []
    for n in range(count):
        entry = Entry.objects.create(
            commitment=w.commitment if n % 2 else w.commitment2,
            period=period,
            area=area,
            order=100 + n,
            text=f"Extra patrol report number {n} for {area.name}.",
            status=status,
        )
        entry.areas.set([area])
        entry.operations.set([w.gambit])
        made.append(entry)
    return made
