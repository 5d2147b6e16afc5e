"""The review screen's filters: what the analyst asked to see, read from the page's address.

The filters are a GET form, so a filtered view is a link one can share or bookmark, and the
exports take the same address's filters. `ReviewFilters` says what matches; a new filter is a
field here, a field on the form, and a clause in `entry_matches` (and `row_matches` when it
applies to a commitment × area row as a whole).
"""

from dataclasses import dataclass

from django import forms

from narratives.models import Entry
from priorities.area_tree import FORCE, AreaTree
from priorities.models import Commitment

Status = Entry.Status


def needs_review(entry: Entry) -> bool:
    """Waiting for the PAU: submitted, whether changed or carried forward unchanged (those
    also need the explicit "approve text carried forward unchanged" confirmation)."""
    return entry.status == Status.SUBMITTED


def needs_confirm(entry: Entry) -> bool:
    """Submitted text that repeats last quarter's: approving it needs an explicit confirm."""
    return needs_review(entry) and entry.is_unchanged_carry_forward


@dataclass(frozen=True)
class ReviewFilters:
    """What to show. `area_ids` is the chosen area and every area below it (an LPA with its
    districts), from the one area tree; None shows every area."""

    area_id: int | None = None
    area_ids: frozenset[int] | None = None
    commitment_id: int | None = None
    status: str = ""
    needs_me: bool = False

    @property
    def active(self) -> bool:
        return bool(self.area_id or self.commitment_id or self.narrows_entries)

    @property
    def narrows_entries(self) -> bool:
        """Whether some filter looks at the entries themselves (not only at where they are):
        a commitment × area row with nothing that matches is then left out."""
        return bool(self.status or self.needs_me)

    def row_matches(self, *, commitment_id: int, area_id: int) -> bool:
        if self.commitment_id and commitment_id != self.commitment_id:
            return False
        return self.area_ids is None or area_id in self.area_ids

    def entry_matches(self, entry: Entry, *, named_area_ids: set[int]) -> bool:
        """`named_area_ids`: the areas the entry names besides its own (an entry for two
        districts is found under either)."""
        if self.commitment_id and entry.commitment_id != self.commitment_id:
            return False
        if self.area_ids is not None and not (
            entry.area_id in self.area_ids or named_area_ids & self.area_ids
        ):
            return False
        if self.status and entry.status != self.status:
            return False
        return not (self.needs_me and not needs_review(entry))


def _area_choices(tree: AreaTree) -> list[tuple[str, str]]:
    choices = [("", "Every area")]
    for area in tree.ordered():
        indent = "\u00a0\u00a0" * tree.depth(area.pk)
        below = " and everything in it" if area.kind != FORCE and tree.children(area.pk) else ""
        choices.append((str(area.pk), f"{indent}{area.name}{below}"))
    return choices


def _commitment_choices(commitments: list[Commitment]) -> list:
    groups: dict[str, list[tuple[str, str]]] = {}
    for commitment in commitments:
        label = f"{commitment.reference} {commitment.text}"
        groups.setdefault(str(commitment.priority), []).append((str(commitment.pk), label))
    return [("", "Every commitment"), *groups.items()]


class ReviewFilterForm(forms.Form):
    area = forms.TypedChoiceField(label="Area", coerce=int, empty_value=None, required=False)
    commitment = forms.TypedChoiceField(
        label="Commitment", coerce=int, empty_value=None, required=False
    )
    status = forms.ChoiceField(
        label="Status", choices=[("", "Any status"), *Status.choices], required=False
    )
    needs_me = forms.BooleanField(label="Needs me: submitted, waiting for the PAU", required=False)

    def __init__(self, data, *, tree: AreaTree, commitments: list[Commitment]):
        # The fields' ids start "filter-" so as not to meet the action form's on the page.
        super().__init__(data, auto_id="filter-%s", label_suffix="")
        self.tree = tree
        self.fields["area"].choices = _area_choices(tree)
        self.fields["commitment"].choices = _commitment_choices(commitments)

    def filters(self) -> ReviewFilters:
        """The filters asked for; a value that is not valid (reported at the top of the page)
        filters nothing."""
        self.is_valid()
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        area_id = data.get("area")
        return ReviewFilters(
            area_id=area_id,
            area_ids=frozenset(self.tree.within(area_id)) if area_id else None,
            commitment_id=data.get("commitment"),
            status=data.get("status") or "",
            needs_me=bool(data.get("needs_me")),
        )
