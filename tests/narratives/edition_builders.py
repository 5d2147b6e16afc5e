"""A made-up edition shaped like the reference (force-wide entries, LPA and district groups,
nested entries, an entry for two districts, operations), at any scale, for tests and bench."""

from django.utils.text import slugify

from narratives.models import Entry, Operation
from priorities.models import Area, Commitment, Period, Plan, Priority

AREAS = {
    "North LPA": ["Colchester", "Tendring", "Chelmsford"],
    "South LPA": ["Basildon", "Southend", "Castle Point", "Rochford"],
    "West LPA": ["Harlow", "Thurrock"],
}
PRIORITY_TITLES = [
    "Visible Neighbourhood Policing",
    "Less Anti-social Behaviour",
    "Safer Homes",
    "Less Serious Violence",
    "Fewer Organised Crime Groups",
    "Safer Children and Vulnerable Adults",
    "Safer Roads",
]
# Commitments per priority, as in the reference: 12 in all.
COMMITMENTS_PER_PRIORITY = [3, 2, 1, 2, 2, 1, 1]


def area_tree() -> dict[str, Area]:
    force, _ = Area.objects.get_or_create(
        name="Demo Police", defaults={"kind": Area.Kind.FORCE, "slug": "demo-police"}
    )
    areas = {force.name: force}
    for lpa_order, (lpa_name, districts) in enumerate(AREAS.items()):
        lpa, _ = Area.objects.get_or_create(
            name=lpa_name,
            defaults={
                "kind": Area.Kind.LPA,
                "parent": force,
                "order": lpa_order,
                "slug": slugify(lpa_name),
            },
        )
        areas[lpa_name] = lpa
        for order, name in enumerate(districts):
            areas[name], _ = Area.objects.get_or_create(
                name=name,
                defaults={
                    "kind": Area.Kind.DISTRICT,
                    "parent": lpa,
                    "order": order,
                    "slug": slugify(name),
                },
            )
    return areas


def plan_with_commitments(scale: int = 1) -> list[Commitment]:
    plan, _ = Plan.objects.get_or_create(title="Police and Crime Plan 2016-2020")
    commitments = []
    for number, (title, count) in enumerate(
        zip(PRIORITY_TITLES, COMMITMENTS_PER_PRIORITY, strict=True), 1
    ):
        priority, _ = Priority.objects.get_or_create(
            plan=plan, number=number, defaults={"title": title}
        )
        for order in range(1, count * scale + 1):
            commitment, _ = Commitment.objects.get_or_create(
                priority=priority,
                order=order,
                defaults={
                    "lead_in": "Working with partners we will:" if order % 2 else "We will:",
                    "text": f"Keep promise {number}.{order} to the communities we serve.",
                },
            )
            commitments.append(commitment)
    return commitments


def build_edition(
    period: Period | None = None, *, scale: int = 1, status: str = Entry.Status.APPROVED
) -> list[Entry]:
    """About 120 entries per unit of scale, in 12 commitments per unit; returns them in order."""
    period = period or Period.objects.get_or_create(year=2020, quarter=2)[0]
    areas = area_tree()
    lantern, _ = Operation.objects.get_or_create(
        key=Operation.key_for("LANTERN"), defaults={"name": "LANTERN"}
    )
    entries = []
    for commitment in plan_with_commitments(scale):
        entries.extend(_commitment_entries(commitment, period, areas, lantern, status))
    return entries


def _commitment_entries(commitment, period, areas, lantern, status) -> list[Entry]:
    tag = f"{commitment.priority.number}.{commitment.order}"

    def make(order, area, text, parent=None):
        return Entry.objects.create(
            commitment=commitment,
            period=period,
            area=areas[area],
            parent=parent,
            order=order,
            text=f"{text} ({tag})",
            status=status,
        )

    parent = make(2, "Demo Police", "The support unit solved repeat problems, for example:")
    made = [
        make(1, "Demo Police", "Force teams ran 14 crime prevention stalls in markets"),
        parent,
        make(1, "Thurrock", "A landlord and police closed a flat used for dealing", parent),
        make(2, "Southend", "Street wardens and officers cut begging complaints", parent),
        make(3, "Colchester", "Night patrols with wardens checked 40 licensed venues"),
        make(4, "Colchester", "A repeat vandal received a behaviour order"),
        make(5, "Tendring", "Operation LANTERN searched three addresses in the town centre"),
    ]
    pair = make(6, "South LPA", "Joint warrants in both districts seized cannabis plants")
    pair.areas.set([areas["Castle Point"], areas["Rochford"]])
    made += [
        pair,
        make(7, "South LPA", "Two officers now support victims who fear giving evidence"),
        make(8, "West LPA", "New engagement officers met 12 community groups"),
    ]
    made[6].operations.add(lantern)
    return made
