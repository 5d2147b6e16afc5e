"""The entry page's form, in the officers' words: the commitment chosen by its full name from a
list grouped by priority, the quarter, the entry to nest under (of the same commitment and
quarter only), and the operations and places the text names offered as ticks.

The concurrent-edit check's revision stays a hidden field with no label; the order among
nested entries is set by Move up and Move down (`narratives.entries.moving`), never typed.
"""

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db.models import Q
from django.urls import reverse

from narratives.entries.admin_forms import EntryRevisionForm
from narratives.entries.link_proposals import link_proposals, ticked_links
from narratives.entries.selectors import entry_ids_with_descendants
from narratives.models import Entry
from priorities.selectors import area_tree

OUTSIDE = "(entry outside your areas)"
NOT_NESTED = "None: a main entry"
SAME_COMMITMENT_AND_QUARTER = (
    "Nest an entry only under an entry of the same commitment and quarter; choose one of "
    "those offered, or none."
)

LABELS = {
    "commitment": "Commitment",
    "period": "Quarter",
    "area": "Area it is written for",
    "area_label": "Area as printed (optional)",
    "area_heading": "Print the area as a heading",
    "parent": "Nested under",
    "text": "Entry",
    "not_for_publication": "Not for publication",
    "areas": "Areas named in the text",
    "operations": "Operations named in the text",
}
HELP = {
    "area": "The district or LPA the entry is about; the force for a force-wide entry.",
    "area_label": "As it should read in the edition, e.g. “Canvey Island” or “Rochford and "
    "Castle Point”. Leave it blank to print the area's own name.",
    "area_heading": "Put the area's name above the entry, even when it is the only one.",
    "parent": "To write a sub-bullet, choose the entry it belongs under. Only entries of the "
    "same commitment and quarter are offered.",
    "text": "As it will be printed. Operations written “Operation NAME” and the places named "
    "are offered as links below.",
}


class CommitmentRadios(forms.RadioSelect):
    """Every commitment by its full name, wrapped, under its priority's name."""

    template_name = "narratives/widgets/commitment_radios.html"


class ProposalTicks(forms.CheckboxSelectMultiple):
    """The links found in the text, ticked by the officer; the page's script redraws them as
    the text is typed (`static/js/entry-form.js`)."""

    template_name = "narratives/widgets/link_proposals.html"
    url, entry_id, notes = "", None, ()
    nothing = (
        "Nothing found yet: operations are found when written “Operation NAME”, places by "
        "their names."
    )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            url=self.url, entry_id=self.entry_id, notes=self.notes, nothing=self.nothing
        )
        return context


class ProposalField(forms.MultipleChoiceField):
    """Ticks are checked against the text as posted in the form's clean, not here: a tick for
    a name the officer has since deleted from the text is dropped, not an error."""

    def valid_value(self, value):
        return True


def commitment_choices(commitments) -> list[tuple[str, list[tuple[int, str]]]]:
    groups: dict[int, tuple[str, list]] = {}
    plans = {c.priority.plan_id for c in commitments}
    for c in commitments:
        name = str(c.priority) if len(plans) < 2 else f"{c.priority.plan}: {c.priority}"
        groups.setdefault(c.priority_id, (name, []))[1].append((c.pk, f"{c.reference} {c.text}"))
    return list(groups.values())


def parent_label(entry: Entry) -> str:
    text = " ".join(entry.text.split())
    return f"{entry.area.name}: {text[:100]}{'…' if len(text) > 100 else ''}"


def parent_candidates(*, queryset, commitment_id, period_id, entry_id=None) -> list[Entry]:
    """The entries one may nest under: of the commitment and quarter, never the entry itself
    nor one nested under it (those share its commitment and quarter, so are among them)."""
    if not commitment_id or not period_id:
        return []
    found = list(
        queryset.filter(commitment_id=commitment_id, period_id=period_id)
        .select_related("area")
        .order_by("order", "pk")
    )
    if entry_id is None:
        return found
    below, parents = {entry_id}, {e.pk: e.parent_id for e in found}
    while grown := {pk for pk, parent in parents.items() if parent in below} - below:
        below |= grown
    return [e for e in found if e.pk not in below]


class EntryAdminForm(EntryRevisionForm):
    """The entry page's form. The admin offers as parents only entries of the user's areas;
    a parent an analyst chose outside them (e.g. a force-wide bullet) is kept as it is.
    `user` is set on the class by the admin (`EntryFormAdminMixin.get_form`)."""

    user = None
    proposed_links = ProposalField(label="Found in the text", required=False, widget=ProposalTicks)

    class Meta:
        labels = LABELS
        help_texts = HELP

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("commitment", "period", "area", "parent"):
            field = self.fields.get(name)
            if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
                field.widget = field.widget.widget  # no bare icons to view or add choices
        if "revision" in self.fields:
            self.fields["revision"].label = ""
            self.fields["revision"].help_text = ""
        if "commitment" in self.fields:
            field = self.fields["commitment"]
            field.widget = CommitmentRadios()
            field.choices = commitment_choices(field.queryset.select_related("priority__plan"))
        if "parent" in self.fields:
            self._narrow_parent(self.fields["parent"])
        self._proposals = None
        if "text" in self.fields and self.user is not None:
            self._propose_links(self.fields["proposed_links"])

    def _known(self, name: str):
        """The id the form stands at for a choice: as posted, prefilled, or stored."""
        if self.is_bound:
            value = self.data.get(self.add_prefix(name))
        else:
            value = self.initial.get(name, getattr(self.instance, f"{name}_id", None))
        value = getattr(value, "pk", value)
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def _narrow_parent(self, field) -> None:
        kept = self.instance.parent_id
        shown = parent_candidates(
            queryset=field.queryset,  # the user's areas only
            commitment_id=self._known("commitment"),
            period_id=self._known("period"),
            entry_id=self.instance.pk,
        )
        if kept is not None:
            field.queryset = Entry.objects.filter(
                Q(pk__in=field.queryset.values("pk")) | Q(pk=kept)
            )
        choices = [("", NOT_NESTED), *((e.pk, parent_label(e)) for e in shown)]
        if kept is not None and kept not in {e.pk for e in shown}:
            choices.append((kept, OUTSIDE))
            field.widget.attrs["data-kept"] = kept  # the script keeps it among new choices
        field.choices = choices
        field.widget.attrs["data-choices-url"] = reverse("admin:narratives_entry_parent_choices")
        if self.instance.pk is not None:
            field.widget.attrs["data-entry"] = self.instance.pk

    def _propose_links(self, field) -> None:
        text = self.data.get(self.add_prefix("text"), "") if self.is_bound else self.instance.text
        # What is linked already, as the form read it (no second query).
        linked = (
            {o.key for o in self.initial.get("operations") or [] if hasattr(o, "key")},
            {getattr(a, "pk", a) for a in self.initial.get("areas") or []},
        )
        self._proposals = link_proposals(text=text, user=self.user, linked=linked)
        field.choices = [(p.value, p.label) for p in self._proposals.offered]
        field.widget.url = reverse("admin:narratives_entry_propose_links")
        field.widget.entry_id = self.instance.pk
        field.widget.notes = self._proposals.notes

    def clean(self):
        cleaned = super().clean()
        self._clean_area_label(cleaned)
        self._clean_parent(cleaned)
        self.links_to_add = ([], [])
        if self._proposals is not None:
            ticked = cleaned.get("proposed_links") or []
            self.links_to_add = ticked_links(ticked=ticked, proposals=self._proposals)
        return cleaned

    def _clean_parent(self, cleaned: dict) -> None:
        parent = cleaned.get("parent")
        if parent is None:
            return
        if self.instance.pk is not None and parent.pk == self.instance.pk:
            self.add_error("parent", "An entry cannot be nested under itself.")
        elif self.instance.pk is not None and parent.pk in entry_ids_with_descendants(
            [self.instance.pk]
        ):
            # Each would sit under the other, and neither would be printed.
            self.add_error(
                "parent", "An entry cannot be nested under one of its own nested entries."
            )
        elif (parent.period_id, parent.commitment_id) != (
            getattr(cleaned.get("period"), "pk", None),
            getattr(cleaned.get("commitment"), "pk", None),
        ):
            self.add_error("parent", SAME_COMMITMENT_AND_QUARTER)

    def _clean_area_label(self, cleaned: dict) -> None:
        """The label stays as typed; the areas it names are linked beside it, and a label
        naming an area the entry is not for is refused (it would print under the wrong one)."""
        label, area = (cleaned.get("area_label") or "").strip(), cleaned.get("area")
        if not label or area is None:
            return
        tree = area_tree(aliases=True)
        named = tree.find_all(label) or []
        if not named:
            return  # "Local Policing Support Unit": words, not areas
        ticked = [a.pk for a in cleaned.get("areas") or []]
        strays = [n.name for n in named if not _fits(tree, n.pk, [area.pk, *ticked])]
        if strays:
            self.add_error(
                "area_label",
                f'The label "{label}" names {", ".join(strays)}, which lies outside '
                f"{area.name} (the entry's area) and its LPA. Choose the area the entry is for, "
                "or change the label.",
            )
        elif "areas" in self.fields and len(named) > 1:
            reachable = self.fields["areas"].queryset.filter(pk__in=[n.pk for n in named])
            cleaned["areas"] = [*(cleaned.get("areas") or []), *reachable]


def _fits(tree, named: int, areas: list[int]) -> bool:
    """Whether a named area is one of the areas, above or below one, or in the same LPA as
    the first ("Rochford and Castle Point" for an entry for Castle Point)."""
    if any(tree.contains(named, pk) or tree.contains(pk, named) for pk in areas):
        return True
    lpa = [*reversed(tree.ancestors(areas[0]))][1:2]  # the area's ancestor at LPA level
    return bool(lpa) and tree.contains(lpa[0].pk, named)
