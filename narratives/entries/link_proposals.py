"""Links proposed from an entry's text: the operations and areas it names, found by the
importer's own recognisers (`narratives.importing.operations`, the gazetteer), offered to the
officer as ticks. Nothing is linked here: `narratives.entries.links` links what was ticked.

A proposal's `value` is what the form's tick posts: `op:<name as written>` or `area:<id>`.
"""

from dataclasses import asdict, dataclass

from narratives.importing.gazetteer import Gazetteer
from narratives.importing.operations import operation_names
from narratives.models import Entry, Operation
from priorities.roles import user_area_ids
from priorities.scoping import user_may
from priorities.selectors import area_tree

# Longer than any entry the editions hold (the longest is under 3,000 characters); a longer text
# is read only this far, so a pasted document cannot make each keystroke slow.
TEXT_READ_MAX = 20_000
OPERATION, AREA = "op", "area"


@dataclass(frozen=True)
class Proposal:
    value: str  # what the tick posts
    label: str  # what the officer reads
    tickable: bool  # False: said, but not offered (outside the user's areas, not addable)
    linked: bool = False  # already linked to the entry


@dataclass(frozen=True)
class LinkProposals:
    proposals: tuple[Proposal, ...]

    @property
    def offered(self) -> list[Proposal]:
        return [p for p in self.proposals if p.tickable and not p.linked]

    @property
    def notes(self) -> list[str]:
        return [p.label for p in self.proposals if not p.tickable or p.linked]

    def as_json(self) -> dict:
        return {
            "offered": [asdict(p) for p in self.offered],
            "notes": self.notes,
        }


def link_proposals(
    *, text: str, user, linked: tuple[set[str], set[int]] = (set(), set())
) -> LinkProposals:
    """What the text names, as the user may link it: operations of the register or new ones
    (new only for those who may add operations), areas within the user's areas. `linked`:
    the keys of the operations and the ids of the areas the entry is linked to already."""
    text = (text or "")[:TEXT_READ_MAX]
    linked_ops, linked_areas = linked
    found = _operations(text, user, linked_ops) + _areas(text, user, linked_areas)
    return LinkProposals(tuple(found))


def entry_linked(entry: Entry | None) -> tuple[set[str], set[int]]:
    """The keys of the operations and the ids of the areas the entry is linked to."""
    if entry is None or entry.pk is None:
        return set(), set()
    keys = set(entry.operations.values_list("key", flat=True))
    return keys, set(entry.areas.values_list("pk", flat=True))


def _operations(text: str, user, linked: set[str]) -> list[Proposal]:
    names = operation_names(text)
    if not names:
        return []
    keys = {Operation.key_for(name): name for name in names}
    known = dict(Operation.objects.filter(key__in=list(keys)).values_list("key", "name"))
    may_add = user_may(user, "narratives.add_operation")
    found = []
    for key, name in keys.items():
        value = f"{OPERATION}:{name}"
        if key in linked:
            found.append(
                Proposal(value, f"Operation {known.get(key, name)} is linked.", True, True)
            )
        elif key in known:
            found.append(Proposal(value, f"Link Operation {known[key]}", True))
        elif may_add:
            label = f"Operation {name} is not in the register: add it and link it"
            found.append(Proposal(value, label, True))
        else:
            label = f"Operation {name} is not in the register; the PAU can add it."
            found.append(Proposal(value, label, False))
    return found


def _areas(text: str, user, linked: set[int]) -> list[Proposal]:
    reachable = user_area_ids(user)
    found = []
    for area, written in Gazetteer(area_tree(aliases=True)).named_in(text):
        value = f"{AREA}:{area.pk}"
        named = area.name if written == area.name else f"{area.name} (written “{written}”)"
        if area.pk in linked:
            found.append(Proposal(value, f"{named} is linked.", True, True))
        elif reachable is not None and area.pk not in reachable:
            label = f"{named} is outside your areas, so it is not linked from here."
            found.append(Proposal(value, label, False))
        else:
            found.append(Proposal(value, f"Link {named}", True))
    return found


def ticked_links(*, ticked: list[str], proposals: LinkProposals) -> tuple[list[str], list[int]]:
    """The operation names and area ids among the ticks that the text does propose; a tick for
    a name no longer in the text, or posted by hand, is dropped."""
    offered = {p.value for p in proposals.offered}
    chosen = [value for value in ticked if value in offered]
    names = [v.split(":", 1)[1] for v in chosen if v.startswith(f"{OPERATION}:")]
    areas = [int(v.split(":", 1)[1]) for v in chosen if v.startswith(f"{AREA}:")]
    return names, areas
