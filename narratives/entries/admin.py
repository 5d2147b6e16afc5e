"""Entries: officers write those of their areas here, analysts review them.

Who sees and changes what is decided in priorities.scoping (areas) and narratives.entries.selectors
(stages and periods); every change of state goes through narratives.entries.workflow.
"""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from narratives.admin.actions import SaveBeforeActionAdminMixin
from narratives.admin.common import BOTH_PLACES, closed_notice, open_period_ids
from narratives.admin.refusal import refusal
from narratives.entries import admin_pages
from narratives.entries.admin_forms import EntryAdminForm, EntryChildInline, TransitionInline
from narratives.entries.resources import EntryResource
from narratives.entries.selectors import (
    entry_is_writable_by,
    entry_return_comment,
    periods_open_for_entry,
)
from narratives.entries.workflow import WorkflowError, entries_approve, entry_save
from narratives.figures.admin import FiguresFindingsAdminMixin
from narratives.models import Entry
from narratives.review import admin as review_admin
from priorities.models import Commitment
from priorities.scoping import AreaScopedAdminMixin, user_may
from priorities.spreadsheets import (
    AllOrNothingImportAdminMixin,
    SafeCSV,
    SafeXLSX,
    SizeLimitedImportForm,
)

# Named areas and operations as django-simple-history keeps them: rows beside each record.
M2M_ROWS = {
    "areas": ("historicalentry_areas_set", "area"),
    "operations": ("historicalentry_operations_set", "operation"),
}
M2M_FIELDS = list(M2M_ROWS)


def _named(record, name: str) -> str:
    """The areas (or operations) a historical record names, from prefetched rows."""
    rows, target = M2M_ROWS[name]
    return ", ".join(sorted(str(getattr(row, target)) for row in getattr(record, rows).all()))


@admin.register(Entry)
class EntryAdmin(
    SaveBeforeActionAdminMixin,
    FiguresFindingsAdminMixin,
    AreaScopedAdminMixin,
    AllOrNothingImportAdminMixin,
    ImportExportMixin,
    SimpleHistoryAdmin,
):
    form = EntryAdminForm
    # Import and export: who may is AreaScopedAdminMixin's rule (import = add and change, so
    # not managers; export = view, of the user's areas only, as the list shows them).
    resource_classes = [EntryResource]
    import_formats = [SafeCSV, SafeXLSX]
    export_formats = [SafeCSV, SafeXLSX]
    import_form_class = SizeLimitedImportForm
    import_template_name = "admin/narratives/entry/import.html"
    list_display = (
        "short_text",
        "commitment_reference",
        "period",
        "area",
        "status",
        "not_for_publication",
        "carry_forward_flag",
        "modified_at",
    )
    list_filter = (
        "period",
        ("commitment__priority", admin.RelatedFieldListFilter),
        ("area", admin.RelatedOnlyFieldListFilter),
        "status",
        "not_for_publication",
    )
    search_fields = ("text", "commitment__text", "area__name", "operations__name")
    list_select_related = ("commitment__priority", "period", "area", "carried_forward_from")
    list_per_page = 50
    raw_id_fields = ("parent",)
    autocomplete_fields = ("operations",)
    filter_horizontal = ("areas",)
    readonly_fields = (
        "nested_under",
        "status",
        "carry_forward_note",
        "created_by",
        "created_at",
        "modified_by",
        "modified_at",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "commitment",
                    "period",
                    "area",
                    ("area_label", "area_heading"),
                    "parent",
                    "order",
                    "text",
                    "not_for_publication",
                )
            },
        ),
        ("Named in the text", {"fields": ("areas", "operations")}),
        ("Review", {"fields": ("status", "carry_forward_note", "revision")}),
        (
            "Record",
            {
                "fields": ("created_by", "created_at", "modified_by", "modified_at"),
                "classes": ("collapse",),
            },
        ),
    )
    inlines = [EntryChildInline, TransitionInline]
    actions = ["submit_selected", "approve_selected", "return_selected"]
    change_list_template = "admin/narratives/entry/change_list.html"
    change_form_template = "admin/narratives/entry/change_form.html"
    history_revert_allowed = False  # a revert would skip the revision and stage rules

    # Who may do what ------------------------------------------------------------------------

    def is_writable(self, request, obj) -> bool:
        return entry_is_writable_by(
            entry=obj, user=request.user, open_period_ids=open_period_ids(request)
        )

    def has_add_permission(self, request):
        if not super().has_add_permission(request):
            return False
        return user_may(request.user, "narratives.write_any_entry") or bool(
            open_period_ids(request)
        )

    def has_submit_permission(self, request):
        return self.has_change_permission(request)  # officers and analysts

    def has_review_permission(self, request):
        return user_may(request.user, "narratives.review_entry") and self.has_change_permission(
            request
        )

    # Choices ---------------------------------------------------------------------------------

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "commitment":
            kwargs["queryset"] = Commitment.objects.select_related("priority")
        elif db_field.name == "period" and not user_may(request.user, "narratives.write_any_entry"):
            kwargs["queryset"] = periods_open_for_entry()
        elif db_field.name in ("parent", "carried_forward_from"):
            kwargs["queryset"] = self.get_queryset(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.parent_id is None or self.has_change_permission(request, obj):
            return fieldsets  # the form's parent box names only what the user may see
        # Read-only, Django would print the parent's text whoever may see it; name it here.
        visible = self.get_queryset(request).filter(pk=obj.parent_id).first()
        obj._parent_label = str(visible) if visible else f"entry {obj.parent_id} (not shown)"
        swap = {"parent": "nested_under"}
        return [
            (name, {**opts, "fields": tuple(swap.get(f, f) for f in opts["fields"])})
            for name, opts in fieldsets
        ]

    # Saving ------------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        expected = form.cleaned_data.get("revision") if change else None
        entry_save(entry=obj, by=request.user, expected_revision=expected)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Entry:
            return super().save_formset(request, form, formset, change)
        parent = form.instance
        for child in formset.save(commit=False):
            child.parent = parent
            child.commitment_id, child.period_id = parent.commitment_id, parent.period_id
            entry_save(entry=child, by=request.user, expected_revision=child.revision)
        for child in formset.deleted_objects:
            child._history_user = request.user
            child.delete()
        return None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except WorkflowError as error:
            # Raised inside the admin's transaction, so nothing of this save was kept.
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context["return_step"] = entry_return_comment(entry=obj)
        extra_context["closed_notice"] = closed_notice(request)
        return super().change_view(request, object_id, form_url, extra_context)

    def _refused_while_closed(self, request):
        notice = closed_notice(request)
        if not notice:
            return None
        return refusal(
            request,
            self.admin_site,
            title="No quarter is open for entry",
            why=notice,
            what="Your entries stay as they are and can be read and exported from the list.",
            back_url=reverse("admin:narratives_entry_changelist"),
        )

    def add_view(self, request, form_url="", extra_context=None):
        refused = self._refused_while_closed(request)
        return refused or super().add_view(request, form_url, extra_context)

    def import_action(self, request, **kwargs):
        refused = self._refused_while_closed(request)
        return refused or super().import_action(request, **kwargs)

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        extra_context["closed_notice"] = closed_notice(request)
        extra_context["is_analyst"] = user_may(request.user, "narratives.review_entry")
        extra_context["may_carry_forward"] = self.has_submit_permission(request)
        return super().changelist_view(request, extra_context)

    # History -----------------------------------------------------------------------------------

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        queryset = super().get_history_queryset(request, history_manager, pk_name, object_id)
        return queryset.prefetch_related(
            *(f"{rows}__{target}" for rows, target in M2M_ROWS.values())
        )

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # django-simple-history reads the named areas and operations with queries per record;
        # compare the prefetched rows here instead, so the page's queries stay fixed.
        # The parent too: named only when the user may see it (not a force-wide bullet's text).
        records = list(historical_records)
        parents = self._parent_names(request, {r.parent_id for r in records} - {None})
        previous = None
        for current in records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=[*M2M_FIELDS, "parent"], foreign_keys_are_objs=True
                )
                helper = self.get_historical_record_context_helper(request, previous)
                changes = helper.context_for_delta_changes(delta)
                if current.parent_id != previous.parent_id:
                    old, new = (parents.get(r.parent_id, "-") for r in (current, previous))
                    changes.append({"field": "Parent", "old": old, "new": new})
                for name in M2M_FIELDS:
                    old, new = _named(current, name), _named(previous, name)
                    if old != new:
                        changes.append({"field": name.capitalize(), "old": old, "new": new})
                previous.history_delta_changes = changes
            previous = current

    def _parent_names(self, request, ids: set[int]) -> dict[int, str]:
        visible = (
            {e.pk: str(e) for e in self.get_queryset(request).filter(pk__in=ids)} if ids else {}
        )
        return {
            pk: visible.get(pk, f"entry {pk} (not shown: outside your areas, or deleted)")
            for pk in ids
        }

    # Columns -----------------------------------------------------------------------------------

    @admin.display(description="nested under")
    def nested_under(self, entry):
        return getattr(entry, "_parent_label", "-")

    @admin.display(description="entry")
    def short_text(self, entry):
        return entry.text[:90] + ("…" if len(entry.text) > 90 else "")

    @admin.display(description="commitment", ordering="commitment__priority__number")
    def commitment_reference(self, entry):
        return entry.commitment.reference

    @admin.display(description="carried forward", boolean=None)
    def carry_forward_flag(self, entry):
        if entry.carried_forward_from_id is None:
            return ""
        return "unchanged ⚠" if entry.is_unchanged_carry_forward else "updated"

    @admin.display(description="carried forward from")
    def carry_forward_note(self, entry):
        source = entry.carried_forward_from
        if source is None:
            return "-"
        url = reverse("admin:narratives_entry_change", args=[source.pk])
        warning = " — text unchanged since then: update it or confirm it at review" * (
            entry.is_unchanged_carry_forward
        )
        return format_html('<a href="{}">{}</a>{}', url, source.period, warning)

    # Review steps ------------------------------------------------------------------------------

    @admin.action(description="Submit for review", permissions=["submit"], location=BOTH_PLACES)
    def submit_selected(self, request, queryset):
        return review_admin.submit_asking_about_unchanged(self, request, queryset)

    @admin.action(description="Approve", permissions=["review"], location=BOTH_PLACES)
    def approve_selected(self, request, queryset):
        result = entries_approve(entries=queryset, by=request.user)
        review_admin.report(self, request, result)

    @admin.action(
        description="Return to the officer with a comment",
        permissions=["review"],
        location=BOTH_PLACES,
    )
    def return_selected(self, request, queryset):
        return review_admin.return_with_comment(self, request, queryset)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "carry-forward/",
                view(admin_pages.CarryForwardView.as_view(model_admin=self)),
                name="narratives_entry_carry_forward",
            ),
            path(
                "deleted/",
                view(admin_pages.DeletedEntriesView.as_view(model_admin=self)),
                name="narratives_entry_deleted",
            ),
            *super().get_urls(),
        ]
