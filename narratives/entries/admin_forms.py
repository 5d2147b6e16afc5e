"""The entry page's form and inlines: revision check, nesting rules, sub-bullets, review steps."""

from django import forms
from django.contrib import admin
from django.db.models import Q

from narratives.admin.common import ReadOnlyAdminMixin, open_period_ids
from narratives.entries.selectors import entry_ids_with_descendants, entry_is_writable_by
from narratives.entries.workflow import CONFLICT_MESSAGE
from narratives.models import Entry, Transition
from priorities.scoping import AreaScopedInlineMixin
from priorities.selectors import area_tree


class RevisionCheckedForm(forms.ModelForm):
    """Carries the revision the user started from; refuses the save if it has moved on."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "revision" in self.fields:
            self.fields["revision"].widget = forms.HiddenInput()
            self.fields["revision"].required = self.instance.pk is not None

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and "revision" in self.fields:
            stored = (
                Entry.objects.filter(pk=self.instance.pk).values_list("revision", flat=True).first()
            )
            if stored != cleaned.get("revision"):
                raise forms.ValidationError(CONFLICT_MESSAGE, code="conflict")
        return cleaned


class EntryAdminForm(RevisionCheckedForm):
    """The entry page's form. The admin offers as parents only entries of the user's areas;
    a parent an analyst chose outside them (e.g. a force-wide bullet) is kept as it is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field, kept = self.fields.get("parent"), self.instance.parent_id
        if field is not None and kept is not None:
            field.queryset = Entry.objects.filter(
                Q(pk__in=field.queryset.values("pk")) | Q(pk=kept)
            )

    def clean(self):
        cleaned = super().clean()
        self._clean_area_label(cleaned)
        parent = cleaned.get("parent")
        if parent is not None:
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
                self.add_error(
                    "parent", "Nest an entry only under one of the same commitment and period."
                )
        return cleaned

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


class EntryChildInline(AreaScopedInlineMixin, admin.TabularInline):
    """Sub-bullets, written on their parent's page; they share its commitment and period."""

    model = Entry
    fk_name = "parent"
    form = RevisionCheckedForm
    fields = ("order", "text", "area", "status", "revision")
    readonly_fields = ("status",)
    extra = 0
    show_change_link = True
    verbose_name = "nested entry"
    verbose_name_plural = "nested entries (sub-bullets)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("area")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "area":
            field.choices = list(field.choices)  # read once, not once per row
        return field

    def _parent_writable(self, request, obj) -> bool:
        return obj is None or entry_is_writable_by(
            entry=obj, user=request.user, open_period_ids=open_period_ids(request)
        )

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_writable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_writable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_writable(request, obj)


class TransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Transition
    fields = ("at", "from_status", "to_status", "by", "comment")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "review steps"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")
