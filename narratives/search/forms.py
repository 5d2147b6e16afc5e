"""The public search form: the words, and filters whose choices come from what was published.

A filter naming something that is not a choice is dropped with a message beside it; the search
still runs, so no address gives an error page.
"""

from django import forms

from narratives.public import operations_public
from narratives.search.models import SearchEntry
from narratives.search.selectors import SearchFilters
from priorities.area_tree import AreaTree
from priorities.selectors import area_tree


class SearchForm(forms.Form):
    q = forms.CharField(label="Words to search for", required=False, strip=True)
    quarter_from = forms.TypedChoiceField(label="From quarter", required=False, coerce=int)
    quarter_to = forms.TypedChoiceField(label="To quarter", required=False, coerce=int)
    priority = forms.TypedChoiceField(label="Priority", required=False, coerce=int)
    commitment = forms.ChoiceField(label="Commitment", required=False)
    area = forms.TypedChoiceField(
        label="Area", required=False, coerce=int, help_text="An LPA includes its districts"
    )
    operation = forms.ChoiceField(label="Operation", required=False)
    versions = forms.BooleanField(
        label="Every version of each quarter (not only the latest)", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        quarters = _quarter_choices()
        self.fields["quarter_from"].choices = [("", "Earliest"), *quarters]
        self.fields["quarter_to"].choices = [("", "Latest"), *quarters]
        priorities, commitments = _plan_choices()
        self.fields["priority"].choices = [("", "Any priority"), *priorities]
        self.fields["commitment"].choices = [("", "Any commitment"), *commitments]
        self.tree = area_tree()  # read once: the area choices, and what an area includes
        self.fields["area"].choices = [("", "Any area"), *_area_choices(self.tree)]
        operations = [(op.key, f"Operation {op.name}") for op in operations_public()]
        self.fields["operation"].choices = [("", "Any operation"), *operations]

    def filters(self) -> SearchFilters:
        """The valid filters (call after is_valid(): invalid ones are left out)."""
        data = getattr(self, "cleaned_data", {})  # none when the form was not filled in
        commitment = data.get("commitment") or ""
        return SearchFilters(
            quarter_from=data.get("quarter_from") or None,
            quarter_to=data.get("quarter_to") or None,
            priority=data.get("priority") or None,
            commitment=tuple(map(int, commitment.split("."))) if commitment else None,
            area_ids=self.tree.with_descendants([data["area"]])
            if data.get("area")
            else frozenset(),
            operation=data.get("operation") or "",
            all_versions=bool(data.get("versions")),
        )


def _quarter_choices() -> list[tuple[int, str]]:
    keys = SearchEntry.objects.order_by("-quarter_key").values_list("quarter_key", flat=True)
    return [
        (key, f"{key // 10}/{(key // 10 + 1) % 100:02d} Q{key % 10}") for key in keys.distinct()
    ]


def _plan_choices() -> tuple[list, list]:
    rows = (
        SearchEntry.objects.filter(is_latest=True)
        .order_by("priority", "commitment")
        .values_list("priority", "priority_title", "commitment", "commitment_text")
        .distinct()
    )
    priorities, commitments = {}, {}
    for number, title, order, text in rows:
        priorities.setdefault(number, f"{number} – {title}")
        commitments.setdefault(f"{number}.{order}", f"{number}.{order} – {text[:80]}")
    return list(priorities.items()), list(commitments.items())


def _area_choices(tree: AreaTree) -> list[tuple[int, str]]:
    return [(area.pk, "\u2003" * tree.depth(area.pk) + area.name) for area in tree.ordered()]
