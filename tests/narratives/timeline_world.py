"""Several published quarters of entries about areas and operations, beside what must not show.

Areas: Demo Police → South LPA (Southend, Rochford), North LPA (Colchester). For each quarter
2020/21 Q1..Q{n}, all published: a Southend entry, a Rochford entry nested under a South LPA
entry, an entry for Southend and Rochford together, a Colchester entry naming Operation LANTERN,
and what the public may not read (an entry not for publication, one naming the covert
Operation NIGHTJAR, a draft). One more quarter has approved entries but is not published.
Every text says its quarter ("[Q2]"), and the hidden ones carry a word the tests look for.
"""

from types import SimpleNamespace

from django.utils.text import slugify

from narratives.editions.publishing import edition_publish
from narratives.models import Entry, Operation
from priorities.models import Area
from priorities.roles import ANALYST, user_save_with_role
from tests.factories import CommitmentFactory, PeriodFactory, PriorityFactory

HIDDEN_WORDS = ("NIGHTJAR", "Informant", "Draftonly", "Unpublished")


def _area(name: str, kind: str, parent: Area | None = None, order: int = 0) -> Area:
    return Area.objects.create(name=name, kind=kind, parent=parent, order=order, slug=slugify(name))


def timeline_world(quarters: int = 3) -> SimpleNamespace:
    w = SimpleNamespace()
    w.analyst = user_save_with_role(username="pau-timelines", role=ANALYST)
    w.force = _area("Demo Police", Area.Kind.FORCE)
    w.south = _area("South LPA", Area.Kind.LPA, w.force, 1)
    w.southend = _area("Southend", Area.Kind.DISTRICT, w.south, 1)
    w.rochford = _area("Rochford", Area.Kind.DISTRICT, w.south, 2)
    w.north = _area("North LPA", Area.Kind.LPA, w.force, 2)
    w.colchester = _area("Colchester", Area.Kind.DISTRICT, w.north, 1)
    priority_one = PriorityFactory(number=1, title="Visible Policing")
    priority_two = PriorityFactory(number=2, title="Safer Streets", plan=priority_one.plan)
    w.patrols = CommitmentFactory(priority=priority_one, order=1, text="Patrol where it counts.")
    w.streets = CommitmentFactory(priority=priority_two, order=1, text="Make streets safer.")
    w.lantern = Operation.objects.create(name="Lantern")
    w.nightjar = Operation.objects.create(name="Nightjar", not_for_publication=True)
    w.periods, w.entries = [], {}
    quarters_add(w, quarters=range(1, quarters + 1))
    w.unpublished = PeriodFactory(year=2021, quarter=1)
    _entry(w, w.unpublished, w.southend, "Unpublished quarter in Southend.")
    return w


def quarters_add(w: SimpleNamespace, *, quarters) -> None:
    """Publish the world's entries for each of these quarters of 2020/21."""
    for quarter in quarters:
        period = PeriodFactory(year=2020, quarter=quarter)
        w.periods.append(period)
        w.entries[quarter] = _quarter_entries(w, period, f"[Q{quarter}]")
        edition_publish(period=period, version="1.0", by=w.analyst)


def _entry(w, period, area, text, *, commitment=None, status="approved", **fields) -> Entry:
    return Entry.objects.create(
        commitment=commitment or w.patrols,
        period=period,
        area=area,
        text=text,
        status=status,
        **fields,
    )


def _quarter_entries(w, period, tag: str) -> dict[str, Entry]:
    made = {
        "southend": _entry(
            w, period, w.southend, f"Southend patrols {tag}.", order=1, area_label="Seafront"
        ),
        "south": _entry(w, period, w.south, f"South LPA problem solving {tag}:", order=2),
        "pair": _entry(w, period, w.south, f"Joint warrants in both towns {tag}.", order=3),
        "colchester": _entry(
            w, period, w.colchester, f"Operation LANTERN in Colchester {tag}.", order=4
        ),
        "streets": _entry(
            w, period, w.southend, f"Safer streets in Southend {tag}.", commitment=w.streets
        ),
        "secret": _entry(
            w, period, w.southend, f"Informant work {tag}.", order=5, not_for_publication=True
        ),
        "covert": _entry(w, period, w.southend, f"Operation NIGHTJAR {tag}.", order=6),
        "draft": _entry(w, period, w.southend, f"Draftonly {tag}.", order=7, status="draft"),
    }
    made["rochford"] = _entry(
        w, period, w.rochford, f"Rochford lanes {tag}.", order=1, parent=made["south"]
    )
    made["pair"].areas.set([w.southend, w.rochford])
    made["colchester"].operations.add(w.lantern)
    made["covert"].operations.add(w.nightjar)
    return made
