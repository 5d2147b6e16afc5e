"""One quarter with something of everything the public must not see, beside what it may.

Approved and public: an entry naming Operation LANTERN, a cadets entry. Approved but withheld:
an entry marked not for publication with an entry nested under it, and an entry naming
Operation NIGHTJAR, which is marked not for publication; Operation KESTREL is named only by the
withheld entry. Not approved: a draft naming Operation
MERLIN and a returned entry. Every withheld or unapproved text carries a word the tests look for.
"""

from types import SimpleNamespace

from narratives.models import Entry, Operation
from priorities.roles import ANALYST, user_save_with_role
from tests.factories import CommitmentFactory, EntryFactory, PeriodFactory

# Words that only withheld or unapproved entries and operations contain.
SECRET_WORDS = ("NIGHTJAR", "Informant", "handlers", "KESTREL", "MERLIN", "sent back")


def public_world() -> SimpleNamespace:
    w = SimpleNamespace()
    w.analyst = user_save_with_role(username="pau-analyst", role=ANALYST)
    w.period = PeriodFactory(year=2020, quarter=2)
    commitment = CommitmentFactory()

    def entry(text: str, *, status="approved", operations=(), **fields) -> Entry:
        made = EntryFactory(
            commitment=commitment, period=w.period, status=status, text=text, **fields
        )
        made.operations.set(operations)
        return made

    w.lantern = Operation.objects.create(
        name="Lantern", description="Officer's wording: targets cannabis supply."
    )
    w.nightjar = Operation.objects.create(
        name="NIGHTJAR (covert, draft only)",
        description="NIGHTJAR covert surveillance of a named address.",
        not_for_publication=True,
    )
    # Named only by a withheld entry, so in no public edition.
    w.kestrel = Operation.objects.create(name="Kestrel")
    w.merlin = Operation.objects.create(name="Merlin", description="MERLIN planned raids.")
    w.lantern_entry = entry(
        "Operation LANTERN closed two cannabis farms.", order=1, operations=[w.lantern]
    )
    w.cadets = entry("Cadets helped at 9 community events.", order=2)
    w.informant = entry(
        "Informant handling in Colbury was reviewed under Operation KESTREL.",
        order=3,
        not_for_publication=True,
        operations=[w.kestrel],
    )
    w.handlers = entry("Two handlers were trained.", order=1, parent=w.informant)
    w.nightjar_entry = entry(
        "Operation NIGHTJAR (covert, draft only) continued.", order=4, operations=[w.nightjar]
    )
    w.merlin_draft = entry(
        "Operation MERLIN is planned for the spring.", status="draft", operations=[w.merlin]
    )
    w.returned = entry("An entry sent back for more detail.", status="returned", order=5)
    return w
